/**
 * Loads a fresh, migrated database with the bench's history, generated inside the database with
 * set-based SQL (bench/kpi/gen-*.sql), then folded and rolled up by the product's own code:
 *   1. the real migrations (db/migrate.ts) and the city's reference data (db/seed-city.ts);
 *   2. dossier and document *events* only, as the ingest would have stored them;
 *   3. after an ANALYZE, the product's rebuild (db/record-rebuild.ts) folds them into cases /
 *      documents and their milestones, 2 000 records per transaction, through the same fold and
 *      milestone code as the ingest — on PostgreSQL the rollup tables follow by their triggers;
 *   4. TimescaleDB: the continuous aggregates are refreshed over all the history (what the
 *      policies would have done over two years), then the product's job runner compresses;
 *   5. VACUUM ANALYZE, as autovacuum would have done on a live database, and a CHECKPOINT.
 */
import type { Db } from '../../db/adapter';
import { migrate } from '../../db/migrate';
import { rebuildRecordStateIfMissing } from '../../db/record-rebuild';
import { seedCity } from '../../db/seed-city';
import { refreshTelemetryRollups, type RollupRefresh } from '../../db/telemetry-rollups';
import { runTimescaleJobsOnce } from '../../db/timescale-jobs';
import { haiphong } from '../../cities/haiphong';
import { loadWards } from '../../geo/wards';
import { proceduresFor } from '../../sim/procedures';
import { unitHash } from '../../sim/rng';
import { aborted } from '../support';
import { benchSql } from './sql';

export const TZ = haiphong.timeZone;

export interface LoadSettings {
  nowMs: number;
  caseDays: number;
  dossiers: number;
  documents: number;
  sensors: number;
  telemetryDays: number;
}

export interface LoadStep {
  step: string;
  ms: number;
  note: string;
}

export interface LoadReport {
  steps: LoadStep[];
  counts: Record<string, number>;
  procedures: number;
  fields: number;
}

// The monthly rollups after the daily ones they are built on.
const CAGGS = [
  'case_daily_agency',
  'case_daily_procedure',
  'document_daily',
  'case_daily_city',
  'case_monthly_agency',
  'case_monthly_procedure',
  'document_monthly',
  'telemetry_1m',
  'telemetry_1h',
  'telemetry_1d',
];
const COUNTED = [
  'case_events',
  'cases',
  'case_milestones',
  'case_daily_agency',
  'case_daily_city',
  'case_daily_procedure',
  'case_monthly_agency',
  'case_monthly_procedure',
  'document_events',
  'documents',
  'document_milestones',
  'document_daily',
  'document_monthly',
  'devices',
  'telemetry',
];

/** Reference data: the city's 30 agencies with volume weights like the simulator's, and its procedure catalogue. */
async function reference(db: Db): Promise<{ procedures: number; fields: number }> {
  await seedCity(db, haiphong, loadWards(haiphong));
  await db.exec(benchSql('ref-tables'));
  const a = haiphong.agencies;
  const u = (what: string, id: string) => unitHash(1, what, id);
  await db.query(benchSql('ref-agencies'), [
    a.map((x) => x.id),
    a.map((x) => x.level),
    a.map((x) => (x.level === 'commune' ? 'commune' : x.id)),
    // sim/feeds/cases.ts dailyCaseVolume and sim/feeds/documents.ts dailyDocumentVolume, as weights.
    a.map((x) => (x.level === 'province' ? 30 + 90 * u('case-volume', x.id) : 40 + 70 * u('case-volume', x.id))),
    a.map((x) => (x.level === 'province' ? 25 + 45 * u('doc-volume', x.id) : 10 + 20 * u('doc-volume', x.id))),
    a.map((x) => (x.level === 'province' ? 12 + 25 * u('doc-volume', x.id) : 6 + 12 * u('doc-volume', x.id))),
  ]);
  const kinds = new Map(a.map((x) => [x.level === 'commune' ? 'commune' : x.id, proceduresFor(x)]));
  const rows = [...kinds.entries()].flatMap(([kind, list]) => list.map((p) => ({ kind, ...p })));
  await db.query(benchSql('ref-procedures'), [
    rows.map((r) => r.kind),
    rows.map((r) => r.code),
    rows.map((r) => r.name),
    rows.map((r) => r.field),
    rows.map((r) => r.days),
    rows.map((r) => r.weight),
    rows.map((r) => r.fee),
  ]);
  await db.query(benchSql('ref-slots'));
  return { procedures: new Set(rows.map((r) => r.code)).size, fields: new Set(rows.map((r) => r.field)).size };
}

/** One generator statement on one connection, with a fixed seed for random() and room to sort. */
async function generate(db: Db, name: string, params: unknown[], seed: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT setseed($1)', [seed]);
    await tx.query(`SET LOCAL work_mem = '${db.backend === 'postgres' ? '512MB' : '64MB'}'`);
    return (await tx.query(benchSql(name), params)).rowCount;
  });
}

export async function loadDatabase(db: Db, s: LoadSettings, log: (line: string) => void): Promise<LoadReport> {
  const steps: LoadStep[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>, note: (r: T) => string = () => ''): Promise<T> => {
    const stop = aborted();
    if (stop) throw new Error(`stopped (${stop}) before ${name}`);
    log(`  ${name}…`);
    const t0 = performance.now();
    const r = await fn();
    const ms = performance.now() - t0;
    steps.push({ step: name, ms, note: note(r) });
    log(`  ${name}: ${(ms / 1000).toFixed(1)} s ${note(r)}`);
    return r;
  };
  const rows = (n: number) => `${n.toLocaleString('en-US')} rows`;
  const now = new Date(s.nowMs).toISOString();

  const { timescale } = await step(
    'migrate',
    () => migrate(db),
    (r) => (r.timescale ? 'TimescaleDB' : 'plain PostgreSQL'),
  );
  const ref = await step(
    'reference data',
    () => reference(db),
    (r) => `30 agencies, ${r.procedures} procedures in ${r.fields} fields`,
  );
  await step('case_events (SQL)', () => generate(db, 'gen-cases', [now, s.caseDays, s.dossiers], 0.11), rows);
  await step('document_events (SQL)', () => generate(db, 'gen-documents', [now, s.caseDays, s.documents], 0.22), rows);
  await step('devices (SQL)', () => generate(db, 'gen-sensors', [s.sensors, now], 0.33), rows);
  await step('telemetry (SQL)', () => generate(db, 'gen-telemetry', [now, s.telemetryDays], 0.44), rows);
  await db.exec(benchSql('drop-ref'));
  // A database with years of events has statistics; right after a bulk load it has none until
  // autovacuum gets to it, and without them the rebuild's page query is planned as a full scan.
  await step('ANALYZE', () => db.exec('ANALYZE'));
  await step(
    'fold: rebuildRecordStateIfMissing',
    () => rebuildRecordStateIfMissing(db, TZ),
    (r) => `${r.cases.toLocaleString('en-US')} dossiers, ${r.documents.toLocaleString('en-US')} documents`,
  );
  if (timescale) {
    await step(
      'refresh continuous aggregates',
      async () => {
        // Outside a transaction (TimescaleDB refuses it inside one); NULL, NULL: the whole history.
        for (const cagg of CAGGS) await db.query(`CALL refresh_continuous_aggregate($1::regclass, NULL, NULL)`, [cagg]);
      },
      () => CAGGS.join(', '),
    );
    await step(
      'TimescaleDB jobs (runTimescaleJobsOnce)',
      () => runTimescaleJobsOnce(db),
      (r) => {
        const by = new Map<string, number>();
        for (const j of r)
          by.set(j.procName.replace('policy_', ''), (by.get(j.procName.replace('policy_', '')) ?? 0) + 1);
        const failed = r.filter((j) => !j.ok).map((j) => `${j.procName} ${j.jobId}: ${j.error ?? ''}`);
        return `${[...by].map(([p, n]) => `${p} ×${n}`).join(', ')}${failed.length ? `; FAILED ${failed.join('; ')}` : ', all ok'}`;
      },
    );
  }
  // Plain PostgreSQL: what the product's rollup job does in its first run (materialize the history).
  else
    await step('telemetry rollups (refreshTelemetryRollups)', () => refreshTelemetryRollups(db), telemetryRollupNote);
  await step('VACUUM ANALYZE', () => db.exec('VACUUM ANALYZE'));
  // Writes the load's dirty pages out now rather than during the measurements (needs a superuser
  // or pg_checkpoint on a server).
  await step(
    'CHECKPOINT',
    () =>
      db.exec('CHECKPOINT').then(
        () => '',
        (err: Error) => `skipped: ${err.message}`,
      ),
    (r) => r,
  );
  return { steps, counts: await countRows(db), ...ref };
}

export const telemetryRollupNote = (r: RollupRefresh | null) =>
  r
    ? `${r.hours.toLocaleString('en-US')} hours, ${r.days.toLocaleString('en-US')} days stored`
    : 'another process held the refresh';

export async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of COUNTED)
    counts[t] = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n ?? 0);
  return counts;
}
