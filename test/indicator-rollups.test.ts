import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate } from '../db/migrate';
import { refreshIndicatorRollups } from '../db/indicator-rollups';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const H = 3_600_000;
type Row = {
  bucket: Date;
  source: string;
  key: string;
  dims_key: string;
  avg: number;
  min: number;
  max: number;
  sum: number;
  samples: number;
  latest: number;
  latest_time: Date;
};

const VIEW = (
  view: string,
) => `SELECT bucket, source, key, dims_key, avg, min, max, sum, samples::int AS samples, latest, latest_time
  FROM ${view} ORDER BY source, key, dims_key, bucket`;
const RAW = {
  indicator_1h: `date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00')`,
  indicator_1d: `(date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh')`,
};
/** The oracle: the same buckets straight from the read model's values. */
const raw = (
  view: keyof typeof RAW,
) => `SELECT ${RAW[view]} AS bucket, source, key, dims_key, avg(value) AS avg, min(value) AS min, max(value) AS max,
    sum(value) AS sum, count(*)::int AS samples, (SELECT v.value FROM indicator_values v WHERE v.source = i.source AND v.key = i.key AND v.dims_key = i.dims_key
      AND v.time = max(i.time)) AS latest, max(time) AS latest_time
  FROM indicator_values i GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4, 1`;
const canon = (rows: Row[]) =>
  rows.map((r) => [
    r.bucket.toISOString(),
    r.source,
    r.key,
    r.dims_key,
    Number(r.avg).toFixed(9),
    r.min,
    r.max,
    Number(r.sum).toFixed(6),
    r.samples,
    r.latest,
    r.latest_time.toISOString(),
  ]);

describe(`indicator_1h / indicator_1d: stored up to a watermark, live after it (${BACKEND})`, () => {
  let t: TestDb;
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    // Waiting time by counter (a dim) every 10 minutes and a city-wide counter every 15, for 5 days.
    await t.db.query(
      `INSERT INTO indicator_values (time, source, key, dims_key, value, dims)
      SELECT $1::timestamptz - i * INTERVAL '10 minutes', 'motcua', 'wait_p50_min', '{"counter":"' || c || '"}', (i % 23) + 0.5 * (i % 4) + c, jsonb_build_object('counter', c::text)
        FROM generate_series(0, 5 * 144) AS i, generate_series(1, 2) AS c`,
      [new Date(now).toISOString()],
    );
    await t.db.query(
      `INSERT INTO indicator_values (time, source, key, dims_key, value, dims)
      SELECT $1::timestamptz - i * INTERVAL '15 minutes', 'soc', 'malware_blocked', '', (i * 7) % 31, NULL FROM generate_series(0, 5 * 96) AS i`,
      [new Date(now).toISOString()],
    );
  });
  after(() => t.drop());

  const refresh = async () => {
    if (BACKEND === 'postgres') return refreshIndicatorRollups(t.db, now);
    for (const view of Object.keys(RAW))
      await t.db.query(`CALL refresh_continuous_aggregate('${view}', NULL, $1::timestamptz)`, [
        new Date(now - H).toISOString(),
      ]);
    return null;
  };
  const same = async (label: string) => {
    for (const view of Object.keys(RAW) as (keyof typeof RAW)[]) {
      const ours = (await t.db.query<Row>(VIEW(view))).rows;
      assert.ok(ours.length > (view === 'indicator_1h' ? 300 : 15), `${label}: ${view} has ${ours.length} rows`);
      assert.deepEqual(
        canon(ours),
        canon((await t.db.query<Row>(raw(view))).rows),
        `${label}: ${view} equals the raw values`,
      );
    }
  };

  test('before any refresh, after it, and after late and new values are refreshed in', async () => {
    await same('before refresh');
    const first = await refresh();
    if (BACKEND === 'postgres') {
      assert.ok(first && first.hours >= 3 * (5 * 24 - 2) && first.days >= 3 * 4, `stored ${JSON.stringify(first)}`);
      const {
        rows: [w],
      } = await t.db.query<{ upto: Date }>(
        `SELECT upto FROM indicator_rollup_watermarks WHERE rollup = 'indicator_1h'`,
      );
      assert.equal(
        w?.upto.getTime(),
        Math.floor((now - H) / H) * H,
        'hours stored up to the last whole hour ending an hour ago',
      );
    }
    await same('after refresh');

    // A value now is in the views at once; a late one, 2 days back, becomes its hour's latest after the next refresh.
    await t.db.query(
      `INSERT INTO indicator_values (time, source, key, dims_key, value, dims) VALUES
      ($1, 'soc', 'malware_blocked', '', 500, NULL), ($2, 'motcua', 'wait_p50_min', '{"counter":"1"}', -5, '{"counter":"1"}')`,
      [new Date(now + 30_000).toISOString(), new Date(now - 2 * 24 * H + 9 * 60_000 + 59_000).toISOString()],
    );
    const fresh = await t.db.query<{ latest: number }>(
      `SELECT latest FROM indicator_1h WHERE source = 'soc' ORDER BY bucket DESC LIMIT 1`,
    );
    assert.equal(Number(fresh.rows[0]?.latest), 500, 'the newest value, before any refresh');
    await refresh();
    await same('after late values');
    if (BACKEND === 'postgres') {
      const both = await Promise.all([refreshIndicatorRollups(t.db, now), refreshIndicatorRollups(t.db, now)]);
      assert.ok(
        both.some((r) => r !== null),
        'one of them refreshed',
      );
      await same('after concurrent refreshes');
    }
  });
});
