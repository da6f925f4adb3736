import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate } from '../db/migrate';
import { refreshTelemetryRollups } from '../db/telemetry-rollups';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const H = 3_600_000;
type Row = { bucket: Date; device_id: string; avg: number; min: number; max: number; samples: number };

/** The hourly and daily series as the rollup views give them and as the raw readings do. */
const VIEW = (view: string) =>
  `SELECT bucket, device_id, avg, min, max, samples::int AS samples FROM ${view} WHERE metric = 'pm25' ORDER BY device_id, bucket`;
const RAW = {
  telemetry_1h: `date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00')`,
  telemetry_1d: `(date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh')`,
};
const raw = (
  view: keyof typeof RAW,
) => `SELECT ${RAW[view]} AS bucket, device_id, avg(value) AS avg, min(value) AS min, max(value) AS max, count(*)::int AS samples
  FROM telemetry WHERE metric = 'pm25' GROUP BY 1, 2 ORDER BY 2, 1`;
const canon = (rows: Row[]) =>
  rows.map((r) => [r.bucket.toISOString(), r.device_id, Number(r.avg).toFixed(9), r.min, r.max, r.samples]);

describe(`telemetry_1h / telemetry_1d: stored up to a watermark, live after it (${BACKEND})`, () => {
  let t: TestDb;
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    // Two sensors, a reading every 10 minutes for 5 days up to now: several city days and hours.
    await t.db.query(
      `INSERT INTO telemetry (time, device_id, metric, value)
      SELECT $1::timestamptz - i * INTERVAL '10 minutes', d, 'pm25', (i % 37) + 0.25 * (i % 3) + CASE d WHEN 'rs-b' THEN 100 ELSE 0 END
        FROM generate_series(0, 5 * 144) AS i, unnest(ARRAY['rs-a', 'rs-b']) AS d`,
      [new Date(now).toISOString()],
    );
  });
  after(() => t.drop());

  /** What the backend's scheduled refresh does: the product's job on PostgreSQL, the policy's refresh on TimescaleDB. */
  const refresh = async () => {
    if (BACKEND === 'postgres') return refreshTelemetryRollups(t.db, now);
    for (const view of Object.keys(RAW))
      await t.db.query(`CALL refresh_continuous_aggregate('${view}', NULL, $1::timestamptz)`, [
        new Date(now - H).toISOString(),
      ]);
    return null;
  };
  const same = async (label: string) => {
    for (const view of Object.keys(RAW) as (keyof typeof RAW)[]) {
      const ours = (await t.db.query<Row>(VIEW(view))).rows;
      assert.ok(ours.length > (view === 'telemetry_1h' ? 200 : 10), `${label}: ${view} has ${ours.length} rows`);
      assert.deepEqual(
        canon(ours),
        canon((await t.db.query<Row>(raw(view))).rows),
        `${label}: ${view} equals the raw readings`,
      );
    }
  };

  test('before any refresh, after it, and after late and new readings are refreshed in', async () => {
    await same('before refresh');
    const first = await refresh();
    if (BACKEND === 'postgres') {
      assert.ok(first && first.hours >= 2 * (5 * 24 - 2) && first.days >= 2 * 4, `stored ${JSON.stringify(first)}`);
      const {
        rows: [w],
      } = await t.db.query<{ upto: Date }>(
        `SELECT upto FROM telemetry_rollup_watermarks WHERE rollup = 'telemetry_1h'`,
      );
      assert.equal(
        w?.upto.getTime(),
        Math.floor((now - H) / H) * H,
        'hours stored up to the last whole hour ending an hour ago',
      );
    }
    await same('after refresh');

    // A reading now is in the views at once (after the watermark); a late one, 2 days back, is
    // in the window the next refresh recomputes.
    await t.db.query(
      `INSERT INTO telemetry (time, device_id, metric, value) VALUES ($1, 'rs-a', 'pm25', 500), ($2, 'rs-b', 'pm25', -5)`,
      [new Date(now + 30_000).toISOString(), new Date(now - 2 * 24 * H + 90_000).toISOString()],
    );
    const fresh = await t.db.query<{ max: number }>(
      `SELECT max(max) AS max FROM telemetry_1h WHERE device_id = 'rs-a' AND bucket >= $1`,
      [new Date(now - H).toISOString()],
    );
    assert.equal(Number(fresh.rows[0]?.max), 500, 'the newest reading, before any refresh');
    await refresh();
    await same('after late readings');
    if (BACKEND === 'postgres') {
      // Another process refreshing at the same moment skips its turn rather than waiting.
      const both = await Promise.all([refreshTelemetryRollups(t.db, now), refreshTelemetryRollups(t.db, now)]);
      assert.ok(
        both.some((r) => r !== null),
        'one of them refreshed',
      );
      await same('after concurrent refreshes');
    }
  });
});
