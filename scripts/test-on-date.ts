/**
 * `npm run test:on-date -- <time> <unit|integration|e2e> [files…]`: runs a test stage as if the
 * machine's clock read <time> (ISO 8601 with its offset, e.g. 2026-12-07T00:05+07:00 — a Monday
 * just after the city's midnight), through libfaketime (Debian's `faketime`), which every process
 * of the stage inherits: the test runner and the product the e2e suite starts (and so the simulated
 * history it generates for that date), both shifted by one offset from the real clock, so they
 * agree with each other; Chromium's pages get the same time from Playwright's clock (e2e/test.ts).
 * The clock starts at <time> and runs on.
 *
 * The integration stage runs on embedded PGlite only: a PostgreSQL server keeps its own clock, so
 * its now() would disagree with the faked one. See docs/testing.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTests, INTEGRATION_TEST_DIRS, UNIT_TEST_DIRS } from './test-files';

const USAGE =
  'usage: npm run test:on-date -- <ISO time with offset, e.g. 2026-12-07T00:05+07:00> <unit|integration|e2e> [files…]';
const [when, stage, ...files] = process.argv.slice(2);
const ms = when ? Date.parse(when) : NaN;
if (
  !when ||
  !/([+-]\d\d:?\d\d|Z)$/.test(when) ||
  Number.isNaN(ms) ||
  !stage ||
  !['unit', 'integration', 'e2e'].includes(stage)
) {
  console.error(USAGE);
  process.exit(2);
}
if (spawnSync('faketime', ['-f', '+0', 'true']).status !== 0) {
  console.error('test:on-date: libfaketime is missing (Debian: apt-get install faketime)');
  process.exit(2);
}
// An offset from the real clock, not a start time: libfaketime starts an "@time" clock anew in each
// process, so the runner, the product and each Chromium would disagree by their start delays.
const offsetS = Math.round((ms - Date.now()) / 1000);
const start = new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
// Only the wall clock is faked: monotonic clocks (Node's timers, Chromium's frame scheduling) run true.
const env: NodeJS.ProcessEnv = { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
const root = process.cwd();

let cmd: string[];
let dataDir: string | null = null;
switch (stage) {
  case 'unit':
  case 'integration':
    if (stage === 'integration') env.TEST_DB = 'pglite';
    cmd = [
      process.execPath,
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-timeout=240000',
      ...(files.length ? files : findTests(root, stage === 'integration' ? INTEGRATION_TEST_DIRS : UNIT_TEST_DIRS)),
    ];
    break;
  default:
    // A fresh product database, so the simulated history is generated for the faked date.
    dataDir = mkdtempSync(path.join(tmpdir(), 'cityops-e2e-on-date-'));
    env.E2E_DATA_DIR = dataDir;
    // Chromium spins under libfaketime: playwright.config.ts starts it without, on the real clock, and
    // each of its browser contexts gets Playwright's clock set to the runner's faked time (e2e/test.ts).
    env.E2E_BROWSER_CLOCK = 'runner';
    cmd = [path.join(root, 'node_modules/.bin/playwright'), 'test', ...files];
}
console.log(`test:on-date: ${stage} with the clock starting at ${start} UTC (${when})`);
const res = spawnSync('faketime', ['-f', `${offsetS >= 0 ? '+' : ''}${offsetS}`, ...cmd], {
  stdio: 'inherit',
  env,
  cwd: root,
});
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.exit(res.status ?? 1);
