/**
 * `npm run bench:e2e-latency`: how long the product takes, end to end and in a real browser, for
 * what the e2e suite checks happens at all — the figures the e2e specs carry as annotations, here
 * measured over many rounds against their limit, so a regression is visible without making a
 * shared 2-core CI machine's load a test failure (latency is never a pass/fail condition of a test).
 *
 * It starts the real product as the e2e suite does (`bin/start.ts` on its embedded default:
 * aedes, PGlite+TimescaleDB in a temp dir, the simulator at BENCH_E2E_SIM_RATE), opens the wall and
 * two /traffic pages in Debian's Chromium, and per round:
 *   - publishes a reading of the wall's E2E station → its tile shows the value;
 *   - publishes an accident on cam-001 → the row is in both /traffic feeds, and the wall's alarm banner names it;
 *   - acknowledges the accident through the API (as browser A would) → the row leaves browser B's list.
 * Baseline, in the same run: a Socket.IO client in this process subscribed to the same channels
 * (`map:sensors`, `events:cameras`, `events:acks`) — the product's path without a browser. The limit
 * is the product's promise for the wall (2 s publish → screen; DESIGN.md "Realtime protocol").
 *
 *   BENCH_E2E_ROUNDS=10          rounds measured (each publishes one reading and one accident)
 *   BENCH_E2E_WARMUP=2           rounds before them, not counted (the first renders compile and warm caches)
 *   BENCH_E2E_SIM_RATE=200       the simulator's messages/s meanwhile (the e2e suite's rate)
 *   BENCH_E2E_LIMIT_MS=2000      the limit on each measure's p95
 *   BENCH_TIME_LIMIT_S=600
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import type { ChannelDelta, ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime';
import { ensureNextBuild } from '../runtime/next-build';
import { emitReport, row, runConditions } from './report';
import { envNumber as num, guardBench, percentile } from './support';
import { printTable } from './table';

const ROUNDS = Math.round(num('BENCH_E2E_ROUNDS', 10, 1));
const WARMUP = Math.round(num('BENCH_E2E_WARMUP', 2, 0));
const SIM_RATE = Math.round(num('BENCH_E2E_SIM_RATE', 200, 0));
const LIMIT_MS = num('BENCH_E2E_LIMIT_MS', 2000, 1);
const TIME_LIMIT_S = num('BENCH_TIME_LIMIT_S', 600, 10);
const ROOT = process.cwd();
const ADMIN_PASSWORD = `bench-${process.pid}-admin-password`;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const STATION = 'e2e-air-1'; // on the e2e wall layout's environment scene (e2e/fixtures/wall.json)

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Product {
  base: string;
  mqttUrl: string;
  child: ChildProcess;
  dataDir: string;
}

async function startProduct(): Promise<Product> {
  const [port, mqttPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cityops-bench-e2e-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['bin/start.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      MQTT_URL: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      SIMULATOR: 'on',
      SIM_RATE: String(SIM_RATE),
      SIM_HISTORY_DAYS: '0',
      MQTT_EMBEDDED_PORT: String(mqttPort),
      WALL_LAYOUT: 'e2e/fixtures/wall.json',
      ADMIN_PASSWORD,
      LOGIN_RATE_PER_MINUTE: '1000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the product to answer /healthz', 180_000, async () => {
    if (child.exitCode !== null) throw new Error(`the product exited (${child.exitCode})`);
    return (await fetch(`${base}/healthz`)).ok ? true : null;
  });
  return { base, mqttUrl: `mqtt://127.0.0.1:${mqttPort}`, child, dataDir };
}

async function signIn(base: string): Promise<{ name: string; value: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}`);
  const [pair] = (res.headers.get('set-cookie') ?? '').split(';');
  const eq = pair!.indexOf('=');
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1) };
}

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client in this process: when a delta matching a test first arrives (its own path to the same channels). */
class Baseline {
  private readonly waiters = new Set<{ match: (d: ChannelDelta) => boolean; done: (ms: number | null) => void }>();
  constructor(private readonly socket: LiveClient) {
    socket.on('delta', (d) => {
      for (const w of this.waiters)
        if (w.match(d)) {
          this.waiters.delete(w);
          w.done(performance.now());
        }
    });
  }
  static async open(base: string, cookie: string, channels: string[]): Promise<Baseline> {
    const socket: LiveClient = io(`${base}/live`, { transports: ['websocket'], extraHeaders: { cookie } });
    const b = new Baseline(socket);
    for (const channel of channels) {
      const res = await new Promise<{ ok: boolean }>((resolve) => socket.emit('subscribe', { channel }, resolve));
      if (!res.ok) throw new Error(`subscribe ${channel} refused`);
    }
    return b;
  }
  /** performance.now() when a delta of `channel` whose data holds `needle` arrives; null after 30 s. */
  seen(channel: string, needle: (data: unknown) => boolean): Promise<number | null> {
    return new Promise((resolve) => {
      const w = {
        match: (d: ChannelDelta) => d.channel === channel && needle(d.data),
        done: (ms: number | null) => resolve(ms),
      };
      this.waiters.add(w);
      setTimeout(() => this.waiters.delete(w) && resolve(null), 30_000).unref();
    });
  }
  close(): void {
    this.socket.close();
  }
}

/** The station's entry in a keyed delta (set or patch) carries `value`. */
const stationHas =
  (value: number) =>
  (data: unknown): boolean => {
    const d = data as { set?: Record<string, unknown>; patch?: Record<string, unknown> };
    const entry = d.patch?.[STATION] ?? d.set?.[STATION];
    return entry !== undefined && JSON.stringify(entry).includes(`"pm25":${value}`);
  };
const mentions =
  (id: string) =>
  (data: unknown): boolean =>
    JSON.stringify(data).includes(`"${id}"`);

const MEASURES = [
  'reading → wall tile',
  'accident → /traffic feeds (2 browsers)',
  'accident → wall banner',
  'acknowledged → gone from browser B',
] as const;
type MeasureName = (typeof MEASURES)[number];

async function main(): Promise<void> {
  const cleanups = new Set<() => Promise<unknown>>();
  guardBench(TIME_LIMIT_S * 1000, cleanups);
  ensureNextBuild(ROOT, (line) => console.log(line));
  const started = Date.now();
  const product = await startProduct();
  cleanups.add(async () => {
    product.child.kill('SIGTERM');
    await new Promise((r) => (product.child.exitCode !== null ? r(null) : product.child.once('exit', r)));
    rmSync(product.dataDir, { recursive: true, force: true });
  });
  let browser: Browser | null = null;
  let baseline: Baseline | null = null;
  const device = await mqtt.connectAsync(product.mqttUrl, { clientId: `bench-e2e-${process.pid}`, protocolVersion: 4 });
  try {
    const cookie = await signIn(product.base);
    baseline = await Baseline.open(product.base, `${cookie.name}=${cookie.value}`, [
      'map:sensors',
      'events:cameras',
      'events:acks',
    ]);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const page = async (url: string): Promise<Page> => {
      const ctx = await browser!.newContext({ viewport: { width: 1920, height: 1080 } });
      await ctx.addCookies([{ ...cookie, url: product.base }]);
      const p = await ctx.newPage();
      await p.goto(`${product.base}${url}`);
      return p;
    };
    const [wall, trafficA, trafficB] = await Promise.all([
      page('/wall?scene=environment'),
      page('/traffic'),
      page('/traffic'),
    ]);
    await wall.getByTestId(`sensor-tile-${STATION}`).waitFor({ timeout: 60_000 });
    for (const p of [trafficA, trafficB])
      await p.locator('[data-testid="event-feed"][data-status="live"]').waitFor({ timeout: 60_000 });
    const cpus = os.cpus();
    console.log(
      `conditions: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0]!.toFixed(1)} before; product up and pages open in ${((Date.now() - started) / 1000).toFixed(0)} s; ${WARMUP} + ${ROUNDS} rounds, simulator at ${SIM_RATE} msg/s, Chromium ${browser.version()}`,
    );

    const browserMs = new Map<MeasureName, number[]>(MEASURES.map((m) => [m, []]));
    const baseMs = new Map<MeasureName, number[]>(MEASURES.map((m) => [m, []]));
    const record = (m: MeasureName, sent: number, shown: number, base: number | null) => {
      if (warmingUp) return;
      browserMs.get(m)!.push(shown - sent);
      if (base !== null) baseMs.get(m)!.push(base - sent);
    };
    const shownAt = async (wait: Promise<unknown>) => (await wait, performance.now());
    let warmingUp = true;
    for (let round = -WARMUP; round < ROUNDS; round++) {
      warmingUp = round < 0;
      // A reading: the tile shows "1xx,y" (vi-VN decimal comma), unlike any simulated value of the station.
      const value = 100 + WARMUP + round + 0.5;
      const text = value.toLocaleString('vi-VN');
      const tileShows = shownAt(
        wall.getByTestId(`sensor-tile-${STATION}-value`).filter({ hasText: text }).waitFor({ timeout: 30_000 }),
      );
      const readingSeen = baseline.seen('map:sensors', stationHas(value));
      let sent = performance.now();
      await device.publishAsync(
        `city/haiphong/sensor/${STATION}/telemetry`,
        JSON.stringify({ ts: new Date().toISOString(), values: { pm25: value } }),
        { qos: 1 },
      );
      record('reading → wall tile', sent, await tileShows, await readingSeen);

      const eventId = `bench-accident-${process.pid}-${round + WARMUP}`;
      const row = (p: Page) => p.locator(`[data-testid="event-row"][data-event="${eventId}"]`);
      const inFeeds = shownAt(
        Promise.all([row(trafficA).waitFor({ timeout: 30_000 }), row(trafficB).waitFor({ timeout: 30_000 })]),
      );
      const onBanner = shownAt(
        wall.locator(`[data-testid="wall-alarm-banner"][data-subject="event:${eventId}"]`).waitFor({ timeout: 30_000 }),
      );
      const eventSeen = baseline.seen('events:cameras', mentions(eventId));
      sent = performance.now();
      await device.publishAsync(
        'city/haiphong/camera/cam-001/event',
        JSON.stringify({ id: eventId, ts: new Date().toISOString(), type: 'accident', severity: 3 }),
        { qos: 1 },
      );
      const eventBase = await eventSeen;
      record('accident → /traffic feeds (2 browsers)', sent, await inFeeds, eventBase);
      record('accident → wall banner', sent, await onBanner, null);

      const gone = shownAt(row(trafficB).waitFor({ state: 'detached', timeout: 30_000 }));
      const ackSeen = baseline.seen('events:acks', mentions(eventId));
      sent = performance.now();
      const ack = await fetch(`${product.base}/api/camera-events/${eventId}/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}` },
        body: JSON.stringify({ note: 'bench' }),
      });
      if (!ack.ok) throw new Error(`acknowledge answered ${ack.status}`);
      record('acknowledged → gone from browser B', sent, await gone, await ackSeen);
    }
    console.log(`load average ${os.loadavg()[0]!.toFixed(1)} after`);
    report(browserMs, baseMs);
  } finally {
    baseline?.close();
    await device.endAsync().catch(() => undefined);
    await browser?.close();
    for (const c of cleanups) await c();
  }
}

function report(browserMs: Map<MeasureName, number[]>, baseMs: Map<MeasureName, number[]>): void {
  const stat = (xs: number[], p: number) => percentile(Float64Array.from(xs), xs.length, p);
  const f = (n: number | null) => (n === null ? '' : Math.round(n).toLocaleString('en-US'));
  const head = ['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'baseline p50 ms', 'limit (p95) ms', ''];
  let failed = 0;
  const rows = MEASURES.map((m) => {
    const xs = browserMs.get(m)!;
    const base = baseMs.get(m)!;
    const p95 = stat(xs, 95);
    const ok = p95 !== null && p95 <= LIMIT_MS;
    if (!ok) failed++;
    return [
      m,
      String(xs.length),
      f(stat(xs, 50)),
      f(p95),
      f(Math.max(...xs)),
      base.length ? f(stat(base, 50)) : '—',
      f(LIMIT_MS),
      ok ? 'PASS' : 'FAIL',
    ];
  });
  console.log(`\n${printTable(head, rows, { right: head.map((_, i) => i > 0) })}`);
  console.log(
    '\nbaseline: a Socket.IO client in the bench process on the same channels (no browser); the wall banner has none (the alarms channel carries no event id until the rule has run).',
  );
  console.log(
    failed === 0
      ? `\nPASS: every p95 within ${LIMIT_MS} ms`
      : `\nFAIL: ${failed} measure(s) over ${LIMIT_MS} ms at p95`,
  );
  emitReport('e2e-latency', {
    title: 'bench:e2e-latency — a device message to what a browser shows',
    conditions: runConditions({ rounds: `${WARMUP} warm-up + ${ROUNDS}`, simulator: `${SIM_RATE} msg/s` }),
    rows: MEASURES.map((m) => {
      const base = baseMs.get(m)!;
      return row(m, stat(browserMs.get(m)!, 95), 'ms p95', {
        baseline: base.length ? stat(base, 95) : null,
        limit: { max: LIMIT_MS },
      });
    }),
  });
  process.exitCode = failed === 0 ? 0 : 1;
}

await main().catch((err: unknown) => {
  console.error(`bench:e2e-latency: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
