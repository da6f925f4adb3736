import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runTimescaleJobsOnce } from '../db/timescale-jobs';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';
import { json, pipelineOn, T } from './support/pipeline';

describe(`TimescaleDB policy jobs run by the product in embedded mode (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    const { pipeline } = await pipelineOn(t.db);
    const base = Date.now() - 3 * 3_600_000;
    for (let i = 0; i < 120; i++)
      pipeline.accept(T('sensor/air-j/telemetry'), json({ ts: base + i * 60_000, values: { pm25: 10 + (i % 7) } }));
    await pipeline.flush();
  });
  after(() => t.drop());

  const materializedRows = async (view: string) => {
    const { rows } = await t.db.query<{ schema: string; name: string }>(
      `SELECT materialization_hypertable_schema AS schema, materialization_hypertable_name AS name
         FROM timescaledb_information.continuous_aggregates WHERE view_name = $1`,
      [view],
    );
    const m = rows[0]!;
    return Number(
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${m.schema}"."${m.name}"`)).rows[0]?.n,
    );
  };

  test('refresh jobs materialize the continuous aggregates; results equal the raw data either way', async () => {
    if (BACKEND === 'pglite')
      assert.equal(await materializedRows('telemetry_1m'), 0, 'nothing materialized before the jobs run');
    if (BACKEND === 'postgres') {
      // Plain PostgreSQL has no jobs to run: the rollups are views and need none.
      assert.equal(await t.db.hasTimescale(), false);
    } else {
      const runs = await runTimescaleJobsOnce(t.db);
      const refresh = runs.filter((r) => r.procName === 'policy_refresh_continuous_aggregate');
      const {
        rows: [caggs],
      } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM timescaledb_information.continuous_aggregates',
      );
      assert.ok(caggs && caggs.n >= 6, 'telemetry 1m/1h/1d, dossiers by agency and by procedure, documents');
      assert.equal(refresh.length, caggs.n, 'one refresh policy per rollup');
      assert.ok(
        refresh.every((r) => r.ok),
        JSON.stringify(refresh),
      );
      assert.ok((await materializedRows('telemetry_1m')) > 0, 'the 1-minute rollup is materialized');
      assert.ok((await materializedRows('telemetry_1h')) > 0, 'the hourly rollup is materialized');
    }
    const raw = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM telemetry WHERE device_id = 'air-j'`);
    const hourly = await t.db.query<{ n: number }>(
      `SELECT sum(samples)::int AS n FROM telemetry_1h WHERE device_id = 'air-j'`,
    );
    assert.equal(hourly.rows[0]?.n, raw.rows[0]?.n);
  });
});
