import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MigrationError } from '../contracts/errors';
import { migrate, MIGRATIONS_DIR } from '../db/migrate';
import { openPostgres } from '../db/pg-adapter';
import { BACKEND, createPgDatabase, openTestDb, type TestDb } from './support/test-db';

/** The id (NNN_name) of every migration in the folder: a variant pair is one migration, and one number may hold several. */
const idOf = (file: string) => file.replace(/(\.(tsdb|pg))?\.sql$/, '');
const MIGRATION_IDS = [
  ...new Set(
    readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .map(idOf),
  ),
].sort();

describe(`migrations (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.drop());

  test('apply in order, and a second run is a no-op', async () => {
    const first = await migrate(t.db);
    assert.deepEqual(first.applied.map(idOf), MIGRATION_IDS);
    assert.equal(first.timescale, BACKEND === 'pglite', 'PGlite ships TimescaleDB; the CI PostgreSQL does not');
    const second = await migrate(t.db);
    assert.deepEqual(second.applied, []);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    assert.equal(rows[0]?.n, MIGRATION_IDS.length);
  });

  const CASE_COUNTS = [
    'received',
    'received_online_payment',
    'received_digitized',
    'resolved',
    'resolved_early',
    'resolved_on_time',
    'resolved_late',
    'supplement_requested',
    'returned',
    'withdrawn',
    'rated',
    'rating_sum',
    'rating_1',
    'rating_2',
    'rating_3',
    'rating_4',
    'rating_5',
  ];

  test('the read-model views and rollups exist with their documented columns', async () => {
    const expected: Record<string, string[]> = {
      v_telemetry: ['time', 'device_id', 'metric', 'value'],
      v_camera_events: ['time', 'event_id', 'camera_id', 'type', 'severity', 'plate'],
      // DESIGN.md's columns first, in order; extensions after them.
      v_cases: [
        'case_id',
        'agency_id',
        'procedure_code',
        'channel',
        'received_at',
        'due_at',
        'resolved_at',
        'status',
        'level',
        'field',
        'online_payment',
        'digitized',
        'rating',
        'supplement_requested_at',
        'supplement_requests',
        'returned_at',
        'withdrawn_at',
      ],
      v_documents: [
        'doc_id',
        'agency_id',
        'direction',
        'registered_at',
        'due_at',
        'processed_at',
        'signed',
        'e_exchange',
        'urgency',
      ],
      v_ingest_rejects: ['received_at', 'topic', 'reason', 'payload'],
      telemetry_1m: ['bucket', 'device_id', 'metric', 'avg', 'min', 'max', 'samples'],
      telemetry_1h: ['bucket', 'device_id', 'metric', 'avg', 'min', 'max', 'samples'],
      telemetry_1d: ['bucket', 'device_id', 'metric', 'avg', 'min', 'max', 'samples'],
      v_indicators: ['time', 'source', 'key', 'value', 'dims'],
      v_indicator_meta: [
        'source',
        'key',
        'label_vi',
        'label_en',
        'unit',
        'direction',
        'target',
        'warn',
        'kind',
        'edited_by',
        'edited_at',
      ],
      v_audit_trail: ['source', 'id', 'at', 'actor', 'action', 'target', 'ip', 'detail'],
      indicator_1h: [
        'bucket',
        'source',
        'key',
        'dims_key',
        'avg',
        'min',
        'max',
        'sum',
        'samples',
        'latest',
        'latest_time',
      ],
      indicator_1d: [
        'bucket',
        'source',
        'key',
        'dims_key',
        'avg',
        'min',
        'max',
        'sum',
        'samples',
        'latest',
        'latest_time',
      ],
      case_daily_agency: ['bucket', 'agency_id', 'level', 'channel', ...CASE_COUNTS],
      case_daily_procedure: ['bucket', 'agency_id', 'level', 'channel', 'field', 'procedure_code', ...CASE_COUNTS],
      document_daily: [
        'bucket',
        'agency_id',
        'direction',
        'urgency',
        'registered',
        'registered_e_exchange',
        'processed',
        'processed_on_time',
        'processed_late',
        'processed_no_deadline',
        'processed_signed',
        'processed_e_exchange',
        'processing_seconds_sum',
      ],
    };
    // The monthly rollups have their daily twins' columns, in order (the range queries union them).
    for (const [monthly, daily] of [
      ['case_monthly_agency', 'case_daily_agency'],
      ['case_monthly_procedure', 'case_daily_procedure'],
      ['document_monthly', 'document_daily'],
    ] as const)
      expected[monthly] = expected[daily]!;
    for (const [view, cols] of Object.entries(expected)) {
      const { rows } = await t.db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [view],
      );
      assert.deepEqual(
        rows.map((r) => r.column_name),
        cols,
        view,
      );
    }
  });

  test('hypertables and continuous aggregates exist exactly when TimescaleDB does', async () => {
    if (BACKEND === 'postgres') {
      const { rows } = await t.db.query(`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`);
      assert.equal(rows.length, 0);
      return;
    }
    const { rows } = await t.db.query<{ hypertable_name: string }>(
      `SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((r) => r.hypertable_name),
      [
        'camera_events',
        'camera_status',
        'case_events',
        'case_milestones',
        'document_events',
        'document_milestones',
        'indicator_values',
        'telemetry',
      ],
    );
    const caggs = await t.db.query<{ view_name: string }>(
      `SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1`,
    );
    assert.deepEqual(
      caggs.rows.map((r) => r.view_name),
      [
        'case_daily_agency',
        'case_daily_city',
        'case_daily_procedure',
        'case_monthly_agency',
        'case_monthly_procedure',
        'document_daily',
        'document_monthly',
        'indicator_1d',
        'indicator_1h',
        'telemetry_1d',
        'telemetry_1h',
        'telemetry_1m',
      ],
    );
  });

  test('refuses a migration whose file changed after it was applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cityops-mig-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const other = await openTestDb();
      try {
        await migrate(other.db, dir);
        appendFileSync(path.join(dir, '002_read_model.sql'), '\n-- edited after applying\n');
        await assert.rejects(
          migrate(other.db, dir),
          (err: unknown) => err instanceof MigrationError && /002_read_model\.sql changed/.test(err.message),
        );
      } finally {
        await other.drop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a failing migration rolls back entirely and is not recorded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cityops-mig-'));
    const other = await openTestDb();
    try {
      writeFileSync(path.join(dir, '001_ok.sql'), 'CREATE TABLE a (x int);');
      writeFileSync(path.join(dir, '002_bad.sql'), 'CREATE TABLE b (x int); SELECT no_such_function();');
      await assert.rejects(migrate(other.db, dir), /002_bad\.sql failed/);
      const { rows } = await other.db.query<{ b: string | null }>(`SELECT to_regclass('b')::text AS b`);
      assert.equal(rows[0]?.b, null, 'table b must not survive the failed migration');
      const rec = await other.db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      assert.deepEqual(
        rec.rows.map((r) => r.id),
        ['001_ok'],
      );
    } finally {
      await other.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('processes starting together never race (advisory lock)', async () => {
    // PostgreSQL: four pools on one fresh database. PGlite: four callers on the one handle.
    const fresh = BACKEND === 'postgres' ? await createPgDatabase() : null;
    const single = fresh ? null : await openTestDb();
    const dbs = fresh
      ? Array.from({ length: 4 }, () => openPostgres(fresh.url, 2, () => undefined))
      : Array.from({ length: 4 }, () => single!.db);
    try {
      const results = await Promise.all(dbs.map((db) => migrate(db)));
      const appliedCounts = results.map((r) => r.applied.length).sort();
      assert.deepEqual(
        appliedCounts,
        [0, 0, 0, MIGRATION_IDS.length],
        'exactly one caller applies, the others find it done',
      );
    } finally {
      if (fresh) {
        await Promise.all(dbs.map((db) => db.close()));
        await fresh.drop();
      } else await single!.drop();
    }
  });
});
