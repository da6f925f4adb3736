/**
 * `npm run bench:realtime`: how fresh the console's live data is on the clients' screens, and how
 * many clients a console node holds. The whole live path runs for real: the city simulator
 * (sim/simulator.ts, its own process) → a private Mosquitto → the ingest worker → PostgreSQL (a fresh
 * database; PGlite's CPU would dominate the measurement) → bus → console node (a bare HTTP server +
 * attachRealtime, no Next.js) → socket.io-client connections in separate processes, each subscribed to
 * `map:sensors` with the browser's ChannelSubscription. Prints the conditions, then the steady-state
 * table (the console's own cost — ts→emit, broadcast time, CPU per client per delta — apart from the
 * load generator's CPU and the host's), then the across-nodes table: two and three console nodes,
 * steady and with one node SIGKILLed mid-run (longest silence per client, time to converge to the
 * database's truth), each figure next to its steady baseline from the same bench run and its limit.
 * Every process, broker, database and Redis key it creates is removed at the end, also after a
 * failure or Ctrl-C.
 *
 *   BENCH_SECONDS=10               measured window per run (after BENCH_WARMUP_SECONDS=4)
 *   BENCH_RATES=1000,10000         simulator msg/s of the latency-vs-load runs
 *   BENCH_CLIENTS=200,1000         clients of the latency-vs-load runs
 *   BENCH_CAPACITY_STEPS=200,300,400,500,750,1000,1500,2000,3000   at BENCH_CAPACITY_RATE=1000, until p99 ≥ BENCH_CAPACITY_P99_MS=500
 *   BENCH_CLIENT_LOOP_LIMIT_MS=250 client hosts whose event-loop delay p99 exceeds this are saturated: the ladder stops
 *   BENCH_SCALE_RATE=1000 BENCH_SCALE_CLIENTS=200    the one-node vs two-node comparison over Redis (200: what this
 *                                  machine's client processes carry; from ~300 on they, not the nodes, are measured)
 *   BENCH_ALT_COALESCE_MS=50       second coalescing window, at each rate with the smallest client count (at 1 000
 *                                  clients this machine's client processes saturate whatever the window)
 *   BENCH_CLIENT_PROCS=4           processes hosting the clients
 *   BENCH_FULL_CLIENTS=50          measured clients per run (socket.io-client, every delta decoded and timed); the rest of a
 *                                  run's clients are lite (bench/realtime-lite.ts): raw WebSockets in the same room that
 *                                  count frames without decoding them, so the load generator does not saturate first
 *                                  (200 decoding clients on these two shared cores added their own event-loop delay:
 *                                  p99 343 ms where 50 gave 240 ms, same server load; docs/performance.md)
 *   BENCH_CLIENT_NICE=10           their niceness (0: none): on two shared cores, four client processes would otherwise take
 *                                  four scheduler shares to the console's one; in production they are other machines
 *   BENCH_KILL_NODES=2,3 BENCH_KILL_RATE=1000 BENCH_KILL_CLIENTS=200   the across-nodes runs: per node count a steady
 *                                  run and one where the last node is SIGKILLed half-way through the window and started
 *                                  again on its port BENCH_KILL_DOWN_MS=1000 later; both end by stopping the traffic and
 *                                  timing until every measured client holds the database's map:sensors
 *   BENCH_SILENCE_LIMIT_MS=2000    the longest silence allowed to a client whose own node did not die (issue 18)
 *   BENCH_CONVERGE_LIMIT_MS=5000   traffic stopped → every measured client equal to the database, at most
 *   BENCH_HOST_CAP_PCT=85          a run whose host CPU (both cores, everyone's work) passes this measured the host, not the
 *                                  console: its row says so, it gives no verdict, and the capacity ladder stops there
 *   BENCH_SCENARIOS=latency,kill,capacity,scale,coalesce
 *   BENCH_TIME_LIMIT_S=720         runs that would end past it are skipped; the bench aborts 60 s after it
 *   BENCH_REDIS_URL=redis://127.0.0.1:6379   BENCH_PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres
 *   REALTIME_COALESCE_MS (150), INGEST_BATCH_SIZE, INGEST_FLUSH_MS, INGEST_MAX_PENDING, DATABASE_POOL_SIZE: as for CityOps
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { haiphong } from '../cities/haiphong';
import { loadConfig } from '../contracts/config';
import type { Db } from '../db/adapter';
import { openPostgres } from '../db/pg-adapter';
import { seedCity } from '../db/seed-city';
import { loadWards, wardAt } from '../geo/wards';
import { createPipeline } from '../ingest/pipeline';
import { createLogger } from '../runtime/logger';
import { buildCityModel } from '../sim/city-model';
import { metaMessages } from '../sim/feeds/sensor-meta';
import { naturalRates } from '../sim/rates';
import { createPostgres, PG_ADMIN_URL, postgresVersion } from './backends';
import { forkChild } from './realtime-proc';
import { loadSensors } from '../db/live';
import { runOnce, SETTLE_MS, type RunContext, type RunResult, type RunSpec } from './realtime-run';
import { stateDigest } from './realtime-stats';
import {
  broadcastOf,
  clusterRow,
  costOf,
  formatClusterTable,
  formatTable,
  setupOf,
  type ClusterRow,
  type Row,
} from './realtime-table';
import { emitReport, row, runConditions } from './report';
import { aborted, guardBench } from './support';

function num(name: string, fallback: number, min = 1, max = 1_000_000): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new Error(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}
function nums(name: string, fallback: string): number[] {
  const raw = process.env[name] || fallback;
  const list = raw.split(',').map((s) => s.trim());
  if (list.some((s) => !/^\d+$/.test(s) || Number(s) < 1))
    throw new Error(`${name}: expected whole numbers ≥ 1 separated by commas, got "${raw}"`);
  return list.map(Number);
}

const SECONDS = num('BENCH_SECONDS', 10);
const WARMUP = num('BENCH_WARMUP_SECONDS', 4, 0);
const RATES = nums('BENCH_RATES', '1000,10000');
const CLIENTS = nums('BENCH_CLIENTS', '200,1000');
const CAP_RATE = num('BENCH_CAPACITY_RATE', 1000);
const CAP_STEPS = nums('BENCH_CAPACITY_STEPS', '200,300,400,500,750,1000,1500,2000,3000');
const CAP_P99 = num('BENCH_CAPACITY_P99_MS', 500);
const LOOP_LIMIT = num('BENCH_CLIENT_LOOP_LIMIT_MS', 250);
const SCALE_RATE = num('BENCH_SCALE_RATE', 1000);
const SCALE_CLIENTS = num('BENCH_SCALE_CLIENTS', 200);
const ALT_COALESCE = num('BENCH_ALT_COALESCE_MS', 50, 10);
const PROCS = num('BENCH_CLIENT_PROCS', 4);
const FULL = num('BENCH_FULL_CLIENTS', 50);
const NICE = num('BENCH_CLIENT_NICE', 10, 0, 19);
const LIMIT_S = num('BENCH_TIME_LIMIT_S', 720);
const KILL_NODES = nums('BENCH_KILL_NODES', '2,3');
if (KILL_NODES.some((n) => n < 2 || n > 3)) throw new Error('BENCH_KILL_NODES: 2 or 3 console nodes');
const KILL_RATE = num('BENCH_KILL_RATE', 1000);
const KILL_CLIENTS = num('BENCH_KILL_CLIENTS', 200);
const KILL_DOWN_MS = num('BENCH_KILL_DOWN_MS', 1000, 0, 60_000);
const SILENCE_LIMIT_MS = num('BENCH_SILENCE_LIMIT_MS', 2000);
const CONVERGE_LIMIT_MS = num('BENCH_CONVERGE_LIMIT_MS', 5000, 1000, 60_000);
const HOST_CAP = num('BENCH_HOST_CAP_PCT', 85, 1, 100);
const ALL_SCENARIOS = ['latency', 'kill', 'capacity', 'scale', 'coalesce'];
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS || ALL_SCENARIOS.join(',')).split(',').map((s) => s.trim()));
for (const s of SCENARIOS)
  if (!ALL_SCENARIOS.includes(s))
    throw new Error(`BENCH_SCENARIOS: unknown "${s}"; known: ${ALL_SCENARIOS.join(', ')}`);
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const ENV = {
  INGEST_BATCH_SIZE: process.env.INGEST_BATCH_SIZE,
  INGEST_FLUSH_MS: process.env.INGEST_FLUSH_MS,
  INGEST_MAX_PENDING: process.env.INGEST_MAX_PENDING,
  DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
  REALTIME_COALESCE_MS: process.env.REALTIME_COALESCE_MS,
};
const CONFIG = loadConfig(ENV);
const COALESCE = CONFIG.REALTIME_COALESCE_MS;
const TARGET = { rate: 10_000, clients: 1000, p99: 300 };
const CITY = `bench${process.pid}`; // Redis keys and channels: cityops:bench<pid>:…
const SEED = CONFIG.SIM_SEED;
const started = Date.now();
const elapsedS = () => (Date.now() - started) / 1000;

// The simulator publishes in 1 s ticks unless its telemetry exceeds 1 000 msg/s (sim/simulator.ts), and a
// reading's ts is its instant on that tick's grid, so at 1 s ticks a reading is up to 1 s old when it is
// published. For a nominal 1 000 msg/s ask for just enough more to get its 100 ms ticks.
const model = buildCityModel(haiphong, SEED);
const natural = naturalRates(model);
const nonTelemetry = natural.total - natural.telemetry;
const simRate = (rate: number) => (rate >= 1000 && rate - nonTelemetry <= 1000 ? Math.ceil(1001 + nonTelemetry) : rate);
// Every 24th sensor: ten sensors whose readings the probe times at the broker.
const PROBE_IDS = model.sensors.filter((_, i) => i % 24 === 0).map((s) => s.id);

const cleanups = new Set<() => Promise<unknown>>();
guardBench((LIMIT_S + 60) * 1000, cleanups, `time limit of ${LIMIT_S} s + 60 s`);

async function redisVersion(): Promise<string | null> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
  } catch {
    return null;
  } finally {
    r.disconnect();
  }
}

/** Deletes this run's keys (`cityops:bench<pid>:*`): the live log's stream, and whatever the Socket.IO adapter left. */
async function removeRedisKeys(): Promise<void> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    let cursor = '0';
    for (let i = 0; i < 10_000; i++) {
      const [next, keys] = await r.scan(cursor, 'MATCH', `cityops:${CITY}:*`, 'COUNT', 1000);
      if (keys.length > 0) await r.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    r.disconnect();
  }
}

function conditions(pg: string, redis: string | null): string {
  const cpus = os.cpus();
  const pkg = (p: string) =>
    (
      JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../node_modules', p, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const mosquitto = spawnSync('mosquitto', ['-h'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '?';
  return [
    `date        ${new Date().toISOString()}`,
    `machine     ${cpus[0]?.model ?? '?'} × ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `software    Node ${process.version}, PostgreSQL ${pg}, ${mosquitto}, Redis ${redis ?? 'not reachable'}, socket.io ${pkg('socket.io')}, socket.io-client ${pkg('socket.io-client')}, @socket.io/redis-adapter ${pkg('@socket.io/redis-adapter')}`,
    `path        simulator process (${model.sensors.length} sensors, ${model.cameras.length} cameras; 1 000 msg/s asks it for ${simRate(1000).toLocaleString('en-US')} to get 100 ms ticks) → private Mosquitto → ingest → PostgreSQL (fresh database) → bus → console`,
    `            (bare HTTP server + attachRealtime, no Next.js) → clients in ${PROCS} processes (nice ${NICE}) on map:sensors: up to ${FULL} measured (socket.io-client + ChannelSubscription), the rest lite (raw WebSockets, frames counted, not decoded)`,
    `settings    REALTIME_COALESCE_MS=${COALESCE} INGEST_BATCH_SIZE=${CONFIG.INGEST_BATCH_SIZE} INGEST_FLUSH_MS=${CONFIG.INGEST_FLUSH_MS} DATABASE_POOL_SIZE=${CONFIG.DATABASE_POOL_SIZE}; per run ${SECONDS} s measured after ${WARMUP} s warm-up and until the ingest lags < 1 s (≤ ${SETTLE_MS / 1000} s)`,
    `latency     p50/p95/p99: client receive − the reading's ts (ts is the reading's instant in the simulator's tick, so it includes 0–100 ms before publish);`,
    `            pub→client: receive − when the broker delivered that reading to a probe subscriber (${PROBE_IDS.length} probe sensors); 1 ms histograms over every value`,
  ].join('\n');
}

const rows: Row[] = [];
const failures: string[] = [];
const done = new Map<string, RunResult>();
const keyOf = (s: RunSpec) =>
  `${s.rate}/${s.clients}/${s.consoleNodes}/${s.redis}/${s.coalesceMs}/${s.kill ? `kill${s.kill.node}` : ''}/${s.converge ? 'converge' : ''}`;
/** Host CPU past the cap: the run measured two saturated cores, not the console. */
const saturatedHost = (r: RunResult) =>
  r.cpu.host !== null && r.cpu.host > HOST_CAP
    ? `host ${Math.round(r.cpu.host)} % > BENCH_HOST_CAP_PCT=${HOST_CAP}: the figures are the saturated host's, not the console's`
    : '';

/** Runs one spec (or reuses an identical earlier run), adds its row, and returns its result. */
async function run(ctx: RunContext, spec: RunSpec, note = ''): Promise<RunResult | null> {
  const seen = done.get(keyOf(spec));
  if (seen) {
    rows.push({ spec, result: seen, note: [note, 'same run as listed above'].filter(Boolean).join('; ') });
    return seen;
  }
  if (aborted()) return null;
  const budget =
    SECONDS + WARMUP + 25 + spec.clients / 100 + (spec.kill ? 15 : 0) + (spec.converge ? CONVERGE_LIMIT_MS / 1000 : 0);
  if (elapsedS() + budget > LIMIT_S) {
    rows.push({ spec, result: null, note: `skipped: it would end past BENCH_TIME_LIMIT_S=${LIMIT_S}` });
    return null;
  }
  console.error(
    `bench: ${spec.scenario}: ${spec.rate} msg/s, ${spec.clients} clients, ${spec.consoleNodes} node(s)${spec.redis ? ' + Redis' : ''}, coalesce ${spec.coalesceMs} ms (t = ${Math.round(elapsedS())} s)`,
  );
  try {
    const r = await runOnce(spec, ctx);
    done.set(keyOf(spec), r);
    rows.push({ spec, result: r, note: [note, saturatedHost(r)].filter(Boolean).join('; ') });
    console.error(
      `  p50/p95/p99 ${[50, 95, 99].map((p) => r.latency.percentile(p)).join('/')} ms, ${Math.round(r.committedPerS)} msg/s committed, ${r.clients.live} clients live`,
    );
    return r;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    failures.push(
      `${spec.scenario} (${spec.rate} msg/s, ${spec.clients} clients): ${err instanceof Error ? (err.stack ?? message) : message}`,
    );
    rows.push({ spec, result: null, note: `FAILED: ${message.split('\n')[0]}` });
    return null;
  }
}

const oneNode = (scenario: string, rate: number, clients: number, coalesceMs = COALESCE): RunSpec => ({
  scenario,
  rate,
  clients,
  consoleNodes: 1,
  redis: false,
  coalesceMs,
});
const p99 = (r: RunResult | null | undefined) => r?.latency.percentile(99) ?? null;
const summary: string[] = [];
const clusterRows: ClusterRow[] = [];

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? null : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / den;
}

async function scenarios(ctx: RunContext, redisUp: boolean): Promise<void> {
  if (SCENARIOS.has('latency'))
    for (const rate of RATES) for (const n of CLIENTS) await run(ctx, oneNode('latency vs load', rate, n));

  if (SCENARIOS.has('kill')) {
    if (!redisUp) summary.push(`across nodes: skipped, no Redis at ${REDIS_URL}`);
    else
      for (const nodes of KILL_NODES) {
        const spec = (kill: boolean): RunSpec => ({
          scenario: `${nodes} nodes${kill ? ', one killed' : ''}`,
          rate: KILL_RATE,
          clients: KILL_CLIENTS,
          consoleNodes: nodes,
          redis: true,
          coalesceMs: COALESCE,
          converge: true,
          kill: kill ? { node: nodes, atS: SECONDS / 2, downMs: KILL_DOWN_MS } : undefined,
        });
        const steady = await run(ctx, spec(false), 'clients split evenly; the steady baseline of the kill run below');
        const killed = await run(
          ctx,
          spec(true),
          `node ${nodes} SIGKILLed ${SECONDS / 2} s into the window, started again on its port ${KILL_DOWN_MS} ms later`,
        );
        const limits = { silenceMs: SILENCE_LIMIT_MS, convergeMs: CONVERGE_LIMIT_MS };
        if (steady) clusterRows.push(clusterRow(steady, null, limits, saturatedHost(steady)));
        if (killed) clusterRows.push(clusterRow(killed, steady, limits, saturatedHost(killed)));
      }
  }

  if (SCENARIOS.has('capacity')) {
    const held: RunResult[] = [];
    let stop = '';
    for (const n of CAP_STEPS) {
      const r = await run(ctx, oneNode('capacity', CAP_RATE, n));
      const worst = p99(r);
      // Saturated client hosts first: then the p99 is theirs, not the console's.
      if (!r || worst === null) stop = `no result at ${n} clients`;
      else if (r.silentHosts > 0) stop = `client processes saturated at ${n} clients (${r.silentHosts} stalled)`;
      else if (r.clients.loopP99Ms > LOOP_LIMIT)
        stop = `client processes saturated at ${n} clients (event-loop delay p99 ${Math.round(r.clients.loopP99Ms)} ms > ${LOOP_LIMIT} ms)`;
      else if (saturatedHost(r))
        stop = `host saturated at ${n} clients (${Math.round(r.cpu.host!)} % of both cores > ${HOST_CAP} %)`;
      else if (worst >= CAP_P99) stop = `p99 ${worst} ms ≥ ${CAP_P99} ms at ${n} clients`;
      if (r) held.push(r);
      if (stop) {
        const last = rows.at(-1);
        if (last?.result) last.note = [last.note, `ladder stops: ${stop}`].filter(Boolean).join('; ');
        break;
      }
    }
    const ok = held.filter((r) => (p99(r) ?? Infinity) < CAP_P99);
    const best = ok.at(-1);
    summary.push(
      `capacity at ${CAP_RATE.toLocaleString('en-US')} msg/s (one console process, ingest in it): ${best ? `p99 < ${CAP_P99} ms held up to ${best.spec.clients.toLocaleString('en-US')} clients (p99 ${p99(best)} ms)` : `no step held p99 < ${CAP_P99} ms`}` +
        `; ${stop ? `the ladder stopped: ${stop}` : `the last step, ${CAP_STEPS.at(-1)}, still held`}`,
    );
  }

  if (SCENARIOS.has('scale')) {
    const name = 'scale-out';
    if (!redisUp)
      rows.push({
        spec: {
          scenario: name,
          rate: SCALE_RATE,
          clients: SCALE_CLIENTS,
          consoleNodes: 2,
          redis: true,
          coalesceMs: COALESCE,
        },
        result: null,
        note: `skipped: no Redis at ${REDIS_URL}`,
      });
    else {
      const single = await run(ctx, oneNode(name, SCALE_RATE, SCALE_CLIENTS));
      const one = await run(ctx, {
        scenario: name,
        rate: SCALE_RATE,
        clients: SCALE_CLIENTS,
        consoleNodes: 1,
        redis: true,
        coalesceMs: COALESCE,
      });
      const two = await run(
        ctx,
        {
          scenario: name,
          rate: SCALE_RATE,
          clients: SCALE_CLIENTS,
          consoleNodes: 2,
          redis: true,
          coalesceMs: COALESCE,
        },
        'clients split evenly',
      );
      const fig = (r: RunResult | null) =>
        r ? `p50/p95/p99 ${[50, 95, 99].map((p) => r.latency.percentile(p)).join('/')} ms` : 'no result';
      summary.push(
        `scale-out at ${SCALE_RATE.toLocaleString('en-US')} msg/s, ${SCALE_CLIENTS.toLocaleString('en-US')} clients: one process ${fig(single)}; ingest + 1 node over Redis ${fig(one)}; ingest + 2 nodes over Redis ${fig(two)}`,
      );
    }
  }

  if (SCENARIOS.has('coalesce') && ALT_COALESCE !== COALESCE)
    for (const rate of RATES)
      await run(ctx, oneNode(`coalesce ${ALT_COALESCE} ms`, rate, Math.min(...CLIENTS), ALT_COALESCE));
}

/** The console's cost per client, from every one-node run at the capacity rate (client-saturated ones too: the node still serves them). */
function costPerClient(): string | null {
  const same = [...done.values()].filter(
    (r) => r.spec.rate === CAP_RATE && !r.spec.redis && r.spec.coalesceMs === COALESCE,
  );
  if (new Set(same.map((r) => r.spec.clients)).size < 2) return null;
  const node = (r: RunResult) => r.nodes[0]!.report;
  const fit = (f: (r: RunResult) => number) => slope(same.map((r) => [r.spec.clients, f(r)]));
  const bcast = fit((r) => node(r).broadcastMs / Math.max(1, node(r).broadcasts));
  const cpu = fit((r) => r.cpu.groups.node ?? 0);
  const rss = fit((r) => node(r).rssMiB);
  const f = (x: number | null, k: number, digits = 0) => (x === null ? '?' : (x * k).toFixed(digits));
  return (
    `console cost per client (least squares over the ${same.length} one-node runs at ${CAP_RATE.toLocaleString('en-US')} msg/s: ${same
      .map((r) => r.spec.clients)
      .sort((a, b) => a - b)
      .join('/')} clients):` +
    ` broadcast ${f(bcast, 1000)} µs per client per delta, process CPU ${f(cpu, 100, 1)} % of a core per 100 clients, RSS ${f(rss, 1024)} KiB per client`
  );
}

// Cleans up if this process is killed before it can (see realtime-janitor.ts); its names match createPostgres's and CITY.
const janitor = forkChild<{ type: string }>('realtime-janitor.ts', {
  benchPid: process.pid,
  adminUrl: PG_ADMIN_URL,
  database: `cityops_bench_${process.pid}`,
  redisUrl: REDIS_URL,
  redisKeys: `cityops:${CITY}:*`,
});
try {
  const [pg, redis] = await Promise.all([postgresVersion(), redisVersion()]);
  console.log(conditions(pg, redis));
  const b = await createPostgres();
  cleanups.add(b.remove);
  cleanups.add(removeRedisKeys);
  const databaseUrl = b.env.DATABASE_URL!;
  const sql = async (fn: (db: Db) => Promise<void>) => {
    const db = openPostgres(databaseUrl, 1, () => undefined);
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };
  await sql(async (db) => {
    const wards = loadWards(haiphong);
    await seedCity(db, haiphong, wards);
    // Register the simulated city's devices through the ingest, as a running city has them: a sensor that
    // registers while a console runs can keep a nameless, placeless state on map:sensors (see docs/performance.md),
    // which would also make the first run's deltas a quarter smaller than the others'.
    const pipeline = createPipeline({
      db,
      city: haiphong,
      log: createLogger('silent'),
      publish: () => undefined,
      batchSize: 5000,
      flushMs: 10,
      place: (lon, lat) => wardAt(wards, lon, lat)?.code ?? null,
    });
    for (const m of metaMessages(model)) pipeline.accept(m.topic, Buffer.from(JSON.stringify(m.payload)));
    await pipeline.stop();
  });
  // One connection kept for the convergence polls (a fresh pool per poll would cost more than the read).
  const truthDb = openPostgres(databaseUrl, 1, () => undefined);
  cleanups.add(() => truthDb.close());
  const ctx: RunContext = {
    databaseUrl,
    truthDigest: async () => stateDigest(await loadSensors(truthDb)),
    convergeLimitMs: CONVERGE_LIMIT_MS,
    // The overview's queries scan the last 5 minutes of telemetry every 2 s: without this, a run after a
    // 10 000 msg/s run would pay for its rows (the sensors themselves stay registered).
    beforeRun: () => sql((db) => db.exec('TRUNCATE telemetry')),
    dbPids: b.serverPids,
    redisUrl: REDIS_URL,
    city: CITY,
    seed: SEED,
    simRate,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    clientProcs: PROCS,
    fullClients: FULL,
    clientNice: NICE,
    probeIds: PROBE_IDS,
    env: ENV,
  };
  await scenarios(ctx, redis !== null);
} catch (err) {
  failures.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
} finally {
  for (const c of [...cleanups].reverse()) await c().catch((err: unknown) => failures.push(`cleanup: ${String(err)}`));
  cleanups.clear();
  await janitor.stop(40_000);
}

console.log(`\n${formatTable(rows)}\n`);
if (clusterRows.length > 0)
  console.log(
    `across console nodes (${KILL_RATE.toLocaleString('en-US')} msg/s, ${KILL_CLIENTS} clients split evenly; silence: the longest time between two updates of a measured client's map:sensors in the window; converge: traffic stopped → every measured client equal to the database's map:sensors, two polls 200 ms apart):\n${formatClusterTable(clusterRows)}\n`,
  );
/** The target's verdict at one coalescing window, from the target run or, failing that, the largest client count measured at the target rate. */
function verdict(window: number): string {
  const at = (n: number) => done.get(keyOf(oneNode('', TARGET.rate, n, window)));
  const r =
    at(TARGET.clients) ??
    [...CLIENTS]
      .sort((a, b) => b - a)
      .map(at)
      .find((x) => x && p99(x) !== null);
  if (!r) return `not measured at ${window} ms`;
  const saturated = r.silentHosts > 0 || r.clients.loopP99Ms > LOOP_LIMIT ? ', client processes saturated' : '';
  const server = `ts→emit p99 ${r.emitAge.percentile(99) ?? '?'} ms`;
  if (p99(r) === null)
    return `not measured at ${window} ms: no client host reported (saturated); the console emitted with ${server}`;
  if (saturatedHost(r))
    return `not valid at ${window} ms: host ${Math.round(r.cpu.host!)} % of both cores > ${HOST_CAP} % (p99 ${p99(r)} ms, ${server})`;
  const fig = `p99 ${p99(r)} ms, pub→client p99 ${r.fromBroker.percentile(99) ?? '?'} ms, ${server}${saturated}`;
  if (r.spec.clients !== TARGET.clients) return `at ${window} ms measured with ${r.spec.clients} clients only: ${fig}`;
  return `${p99(r)! <= TARGET.p99 ? 'met' : 'NOT met'} at ${window} ms coalescing (${fig})`;
}
console.log(
  `target p99 ≤ ${TARGET.p99} ms at ${TARGET.rate.toLocaleString('en-US')} msg/s, ${TARGET.clients.toLocaleString('en-US')} clients, one node: ${verdict(COALESCE)}; ${verdict(ALT_COALESCE)}`,
);
/** The console's own cost at the target row, apart from the load generator's and the host's, in the same run. */
function targetCost(): string | null {
  const r = done.get(keyOf(oneNode('', TARGET.rate, TARGET.clients, COALESCE)));
  if (!r) return null;
  const c = costOf(r);
  const b = broadcastOf(r);
  const one = done.get(keyOf(oneNode('', TARGET.rate, Math.min(...CLIENTS), COALESCE)));
  const base = one
    ? `; baseline ${one.spec.clients} clients in the same run: ts→emit p99 ${one.emitAge.percentile(99) ?? '?'} ms, console ${Math.round(costOf(one).consolePct)} % of a core`
    : '';
  return `console's own cost at ${TARGET.rate.toLocaleString('en-US')} msg/s × ${TARGET.clients.toLocaleString('en-US')} clients: ts→emit p50/p99 ${r.emitAge.percentile(50) ?? '?'}/${r.emitAge.percentile(99) ?? '?'} ms (limit ${TARGET.p99} ms at the client), broadcast ${b.meanMs?.toFixed(1) ?? '?'} ms mean / ${b.p99Ms?.toFixed(1) ?? '?'} ms p99 per delta, console process ${Math.round(c.consolePct)} % of a core (ingest in it) = ${c.usPerClientDelta?.toFixed(1) ?? '?'} µs per client per delta; load generator ${Math.round(c.loadPct)} % of a core, broker + PostgreSQL ${Math.round(c.productPct)} %, others' work ${c.otherPct === null ? '?' : Math.round(c.otherPct)} %; host ${c.host === null ? '?' : Math.round(c.host)} % of both cores (cap ${HOST_CAP} %)${base}`;
}
/** The across-nodes verdicts: each kill run against its limits, next to its steady baseline. */
function clusterVerdicts(): string[] {
  return clusterRows
    .filter((r) => r.run === 'node killed')
    .map((r) => {
      const silence =
        r.othersSilenceMaxMs === null
          ? 'silence not measured'
          : `longest silence on the other nodes' clients ${r.othersSilenceMaxMs} ms (steady ${r.baselineSilenceMaxMs ?? '?'} ms; limit ${r.silenceLimitMs} ms: ${r.othersSilenceMaxMs <= r.silenceLimitMs ? 'met' : 'NOT met'})`;
      const conv =
        r.convergeOthersMs === null
          ? `the other nodes' clients did NOT converge within ${r.convergeLimitMs} ms`
          : `the other nodes' clients converged ${r.convergeOthersMs} ms after the traffic stopped (steady ${r.baselineConvergeMs ?? '?'} ms; limit ${r.convergeLimitMs} ms: ${r.convergeOthersMs <= r.convergeLimitMs ? 'met' : 'NOT met'}), all clients ${r.convergeMs === null ? `not within ${r.convergeLimitMs} ms (${r.differing} differ)` : `${r.convergeMs} ms`}`;
      return `${r.nodes} nodes, one killed: ${silence}; ${conv}; the killed node's own clients ${r.ownSilenceMaxMs ?? '?'} ms (it served again ${r.backMs ?? '?'} ms after the kill)${r.note ? `; ${r.note}` : ''}`;
    });
}
for (const s of [targetCost(), ...clusterVerdicts(), ...summary, costPerClient()]) if (s) console.log(s);
console.log(`total ${Math.round(elapsedS())} s`);
// Every run's device→browser p99; only the target's runs (its rate and client count) are held to its limit.
emitReport('realtime', {
  title: 'bench:realtime — device reading to Socket.IO client, through ingest and console',
  conditions: runConditions({
    scenarios: [...SCENARIOS].join(','),
    target: `p99 ≤ ${TARGET.p99} ms at ${TARGET.rate} msg/s, ${TARGET.clients} clients`,
  }),
  rows: [
    ...rows.map(({ spec, result: r, note }) =>
      row(
        `${spec.scenario} · ${setupOf(spec)} · ${spec.coalesceMs} ms · ${spec.rate.toLocaleString('en-US')} msg/s · ${spec.clients.toLocaleString('en-US')} clients`,
        p99(r),
        'ms p99',
        {
          limit: spec.rate === TARGET.rate && spec.clients === TARGET.clients ? { max: TARGET.p99 } : null,
          note: r
            ? `p50 ${r.latency.percentile(50) ?? '?'} ms; ts→emit p99 ${r.emitAge.percentile(99) ?? '?'} ms${note ? `; ${note}` : ''}`
            : note,
        },
      ),
    ),
    // Across nodes: each kill run's silence and convergence, against its steady run of the same bench run.
    ...clusterRows
      .filter((r) => r.run === 'node killed')
      .flatMap((r) => [
        row(`kill · ${r.nodes} nodes · longest silence, other nodes' clients`, r.othersSilenceMaxMs, 'ms', {
          baseline: r.baselineSilenceMaxMs,
          limit: { max: r.silenceLimitMs },
          note: `the killed node's own clients ${r.ownSilenceMaxMs ?? '?'} ms`,
        }),
        row(
          `kill · ${r.nodes} nodes · converged after the traffic stopped, other nodes' clients`,
          r.convergeOthersMs,
          'ms',
          { baseline: r.baselineConvergeMs, limit: { max: r.convergeLimitMs } },
        ),
      ]),
  ],
});
for (const f of failures) console.error(`\nFAILED ${f}`);
process.exitCode = failures.length > 0 ? 1 : 0;
// Output to a pipe is written asynchronously: let it drain, then end even if a handle lingers.
setTimeout(() => process.exit(), 2000).unref();
