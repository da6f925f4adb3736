import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite-adapter';

// Regression: after a restart of the embedded product, inserts into hypertables with continuous
// aggregates failed because TimescaleDB's library was not loaded in the reopened PGlite.
test('a reopened embedded database still takes telemetry (TimescaleDB loaded at open)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-reopen-'));
  try {
    const first = await openPglite(dir);
    await migrate(first);
    await first.query(`INSERT INTO telemetry VALUES (now(), 'a', 'pm25', 1)`);
    await first.close();
    const again = await openPglite(dir);
    try {
      await again.query(`INSERT INTO telemetry VALUES (now(), 'b', 'pm25', 2)`);
      await again.query(`INSERT INTO camera_status VALUES (now(), 'c', true, 25, 1000)`);
      const { rows } = await again.query<{ n: number }>(`SELECT sum(samples)::int AS n FROM telemetry_1m`);
      assert.equal(rows[0]?.n, 2);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
