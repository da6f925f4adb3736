import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { migrate } from '../db/migrate';
import { openPostgres } from '../db/pg-adapter';
import { copyTelemetry } from '../db/telemetry-copy';
import { BACKEND, createPgDatabase } from './support/test-db';

// COPY exists only on the PostgreSQL server backend (the benchmark compares it with unnest inserts).
if (BACKEND === 'postgres') {
  describe('copyTelemetry on PostgreSQL', () => {
    test('is idempotent: redelivered and repeated rows are skipped, inside or outside a transaction', async () => {
      const { url, drop } = await createPgDatabase();
      const db = openPostgres(url, 2, () => undefined);
      const client = new pg.Client({ connectionString: url });
      try {
        await migrate(db);
        await client.connect();
        const t0 = Date.UTC(2025, 6, 1);
        const rows = [0, 1, 2].map((i) => ({ timeMs: t0 + i * 1000, deviceId: 'dev\t1', metric: 'pm25', value: i }));
        assert.equal(await copyTelemetry(client, [...rows, rows[0]!]), 3);
        await client.query('BEGIN');
        assert.equal(await copyTelemetry(client, [...rows, { ...rows[0]!, timeMs: t0 + 5000 }]), 1);
        await client.query('COMMIT');
        const { rows: stored } = await client.query<{ n: string; devices: string[] }>(
          'SELECT count(*) AS n, array_agg(DISTINCT device_id) AS devices FROM telemetry',
        );
        assert.equal(Number(stored[0]?.n), 4);
        assert.deepEqual(stored[0]?.devices, ['dev\t1']);
      } finally {
        await client.end().catch(() => undefined);
        await db.close();
        await drop();
      }
    });
  });
}
