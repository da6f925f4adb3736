import { defineConfig } from '@playwright/test';
import { ADMIN_STATE, E2E_ADMIN, E2E_MQTT_PORT } from './e2e/support';

/**
 * E2E in Debian's Chromium (never a downloaded browser). The web server is the real product:
 * `npm start` on its embedded default (aedes, PGlite+TimescaleDB in a throwaway DATA_DIR,
 * the simulator with two days of history), so the pages show live simulated city data. The
 * broker's port is fixed and the wall layout adds a station the tests publish themselves.
 */
const PORT = Number(process.env.E2E_PORT ?? 3107);
const DATA_DIR = process.env.E2E_DATA_DIR ?? `/tmp/cityops-e2e-${process.pid}`;
/** The local HLS server the simulated cameras' streams point at (e2e/hls-server.ts). */
const HLS_PORT = Number(process.env.E2E_HLS_PORT ?? PORT + 1000);

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  outputDir: 'test-results',
  // Nothing is reachable without signing in: the setup project signs in as the admin once, and
  // every spec starts with its cookies (a spec about roles signs in as another user itself).
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'e2e', testMatch: /.*\.spec\.ts/, dependencies: ['setup'], use: { storageState: ADMIN_STATE } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      // Under `npm run test:on-date` Chromium runs on the real clock, without libfaketime (it spins
      // or aborts under it); its pages get the faked time from Playwright's clock (e2e/test.ts).
      ...(process.env.E2E_BROWSER_CLOCK === 'runner' ? { env: withoutFaketime(process.env) } : {}),
    },
  },
  webServer: [
    {
      command: 'node_modules/.bin/tsx e2e/hls-server.ts',
      url: `http://127.0.0.1:${HLS_PORT}/healthz`,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: { HLS_PORT: String(HLS_PORT) },
    },
    {
      command: 'node_modules/.bin/tsx bin/start.ts',
      url: `http://127.0.0.1:${PORT}/healthz`,
      // The first start includes `next build`.
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR,
        LOG_LEVEL: 'warn',
        MQTT_URL: '',
        DATABASE_URL: '',
        REDIS_URL: '',
        SIMULATOR: 'on',
        // Sensors report about every 1.2 s, so the 5 s staleness of the e2e wall never trips for them.
        SIM_RATE: '200',
        MQTT_EMBEDDED_PORT: String(E2E_MQTT_PORT),
        WALL_LAYOUT: 'e2e/fixtures/wall.json',
        SIM_STREAM_BASE_URL: `http://127.0.0.1:${HLS_PORT}/hls`,
        // The HTTP push of indicators (e2e/indicators.spec.ts).
        INDICATOR_PUSH_TOKENS: 'e2e:e2e-push-token-0123456789',
        ADMIN_PASSWORD: E2E_ADMIN.password,
        // The specs sign in many times from one address.
        LOGIN_RATE_PER_MINUTE: '1000',
        // Under `npm run test:on-date` a session cookie's expiry is set on the runner's faked clock and
        // judged on Chromium's real one: a 90-day session outlives a faked date up to 90 days back.
        ...(process.env.E2E_BROWSER_CLOCK === 'runner' ? { SESSION_TTL_HOURS: String(24 * 90) } : {}),
      },
    },
  ],
});

function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => e[1] !== undefined && e[0] !== 'LD_PRELOAD' && !e[0].startsWith('FAKETIME'),
    ),
  );
}
