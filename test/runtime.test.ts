/**
 * The product as `npm start` composes it (minus the console): simulator → MQTT → ingest →
 * database → read model, on the backend under test — first on the embedded broker and bus,
 * then with MQTT_URL (a private Mosquitto) and REDIS_URL set, as in production.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import { haiphong } from '../cities/haiphong';
import { loadConfig } from '../contracts/config';
import type { IngestCommit } from '../contracts/live';
import { createRedisBus } from '../realtime/redis-bus';
import { startCityOps, type CityOps } from '../runtime/cityops';
import { createLogger } from '../runtime/logger';
import {
  mosquittoAvailable,
  redisAvailable,
  REDIS_URL,
  skipUnless,
  startMosquitto,
  type PrivateMosquitto,
} from './support/services';
import { BACKEND, backendEnv } from './support/test-db';

const log = createLogger('silent');

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (ops: CityOps, sqlText: string) => Number((await ops.db.query<{ n: number }>(sqlText)).rows[0]?.n);

const H = 3_600_000;
const DAY = 24 * H;
const CITY_OFFSET_MS = 7 * H; // Asia/Ho_Chi_Minh: UTC+7, no daylight saving
/**
 * 15:00 city time on the latest Wednesday at least two days back: the simulated day before it is a
 * working day whatever today is (offices issue no documents on Sundays, and little just after
 * midnight), so the history's content does not depend on when the suite runs.
 */
function aWednesdayAfternoon(nowMs: number): number {
  let midnight = Math.floor((nowMs + CITY_OFFSET_MS) / DAY) * DAY - 2 * DAY; // city-local midnight, as if UTC
  while (new Date(midnight).getUTCDay() !== 3) midnight -= DAY;
  return midnight - CITY_OFFSET_MS + 15 * H;
}

describe(`the whole ingest path as npm start runs it (${BACKEND})`, () => {
  let ops: CityOps;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;
  before(async () => {
    const b = await backendEnv();
    cleanup = b.cleanup;
    env = {
      ...b.env,
      SIMULATOR: 'on',
      SIM_HISTORY_DAYS: '1',
      LOG_LEVEL: 'silent',
      INGEST_FLUSH_MS: '20',
      INGEST_HTTP_PORT: '0',
    };
    ops = await startCityOps(
      loadConfig(env),
      haiphong,
      { ingest: true, console: false, simulator: true, simulatorFrom: aWednesdayAfternoon(Date.now()) },
      log,
    );
  });
  after(async () => {
    await (ops as CityOps | undefined)?.stop();
    await (cleanup as (() => Promise<void>) | undefined)?.();
  });

  test('on a fresh database the product publishes a day of history; with the live feed it fills every read-model view', async () => {
    const history = await ops.history;
    const published = history?.published ?? 0;
    assert.ok(published > 20_000, `history published ${published}`);
    await waitFor('the backfill to be ingested', () => ops.pipeline!.stats().received >= published);
    await ops.pipeline!.flush();

    assert.ok(
      (await count(
        ops,
        `SELECT count(*)::int AS n FROM devices WHERE device_type = 'sensor' AND placed AND ward_code IS NOT NULL`,
      )) >= 200,
    );
    assert.equal(
      await count(
        ops,
        `SELECT count(*)::int AS n FROM devices WHERE device_type = 'camera' AND placed AND ward_code IS NOT NULL`,
      ),
      100,
    );
    assert.ok((await count(ops, 'SELECT count(*)::int AS n FROM v_telemetry')) > 20_000);
    assert.ok((await count(ops, 'SELECT count(*)::int AS n FROM v_camera_events')) > 0);
    assert.ok((await count(ops, 'SELECT count(*)::int AS n FROM v_cases')) > 0);
    assert.ok((await count(ops, `SELECT count(*)::int AS n FROM v_cases WHERE status = 'resolved'`)) > 0);
    assert.ok((await count(ops, 'SELECT count(*)::int AS n FROM v_documents')) > 0);
    assert.ok((await count(ops, 'SELECT count(*)::int AS n FROM telemetry_1h')) > 0);
    assert.equal(
      await count(ops, 'SELECT count(*)::int AS n FROM v_ingest_rejects'),
      0,
      'the simulator speaks the contract',
    );
    const oldest = await ops.db.query<{ t: Date }>('SELECT min(time) AS t FROM telemetry');
    assert.ok(history!.until - new Date(oldest.rows[0]!.t).getTime() > 20 * H, 'the history reaches a day back');
  });

  test('a restart on the same database does not publish the history again', async () => {
    await ops.stop();
    ops = await startCityOps(loadConfig(env), haiphong, { ingest: true, console: false, simulator: true }, log);
    assert.equal(await ops.history, null);
  });

  test('a non-JSON message is dead-lettered with a clear reason and the ingest keeps going', async () => {
    const c = await mqtt.connectAsync(ops.mqttUrl, { protocolVersion: 4 });
    await c.publishAsync('city/haiphong/sensor/air-001/telemetry', 'temperature=28', { qos: 1 });
    await c.publishAsync(
      'city/haiphong/sensor/probe-9/telemetry',
      JSON.stringify({ ts: Date.now(), values: { pm25: 9 } }),
      { qos: 1 },
    );
    await c.endAsync();
    await waitFor(
      'the reject row',
      async () => (await count(ops, `SELECT count(*)::int AS n FROM v_ingest_rejects WHERE reason = 'not_json'`)) === 1,
      15_000,
    );
    await waitFor(
      'the next good message',
      async () => (await count(ops, `SELECT count(*)::int AS n FROM telemetry WHERE device_id = 'probe-9'`)) === 1,
      15_000,
    );
    const { rows } = await ops.db.query<{ topic: string; payload: string }>(
      `SELECT topic, payload FROM v_ingest_rejects WHERE reason = 'not_json'`,
    );
    assert.deepEqual(rows[0], { topic: 'city/haiphong/sensor/air-001/telemetry', payload: 'temperature=28' });
  });
});

describe(
  `with MQTT_URL and REDIS_URL set, the same code uses those services (${BACKEND})`,
  {
    skip:
      skipUnless(mosquittoAvailable(), 'the mosquitto binary') ||
      skipUnless(await redisAvailable(), `Redis at ${REDIS_URL}`),
  },
  () => {
    let mosq: PrivateMosquitto;
    let ops: CityOps;
    let cleanup: () => Promise<void>;
    before(async () => {
      mosq = await startMosquitto();
      const b = await backendEnv();
      cleanup = b.cleanup;
      const config = loadConfig({
        ...b.env,
        MQTT_URL: mosq.url,
        REDIS_URL,
        CITY: 'haiphong',
        LOG_LEVEL: 'silent',
        MQTT_CLIENT_ID: `test-${process.pid}`,
        INGEST_HTTP_PORT: '0',
      });
      ops = await startCityOps(config, haiphong, { ingest: true, console: false, simulator: true }, log);
    });
    after(async () => {
      await (ops as CityOps | undefined)?.stop();
      await (mosq as PrivateMosquitto | undefined)?.stop();
      await (cleanup as (() => Promise<void>) | undefined)?.();
    });

    test('messages go through Mosquitto, commits reach other processes through Redis, the simulator stays off', async () => {
      const listener = createRedisBus(REDIS_URL, 'haiphong', log);
      const commits: IngestCommit[] = [];
      listener.subscribe((c) => commits.push(c));
      await new Promise((r) => setTimeout(r, 300)); // let the subscriber attach
      try {
        const c = await mqtt.connectAsync(mosq.url, { protocolVersion: 5 });
        await c.publishAsync(
          'city/haiphong/sensor/svc-1/meta',
          JSON.stringify({ name: 'Dịch vụ', kind: 'air', lon: 106.68, lat: 20.84 }),
          { qos: 1, retain: true },
        );
        await c.publishAsync(
          'city/haiphong/sensor/svc-1/telemetry',
          JSON.stringify({ ts: Date.now(), values: { pm25: 21.5 } }),
          { qos: 1 },
        );
        await c.endAsync();
        await waitFor(
          'the reading in the database',
          async () => (await count(ops, `SELECT count(*)::int AS n FROM telemetry WHERE device_id = 'svc-1'`)) === 1,
          15_000,
        );
        await waitFor(
          'the commit on Redis',
          () =>
            commits.some(
              (cm) => cm.kind === 'batch' && cm.readings.some((r) => r.deviceId === 'svc-1' && r.value === 21.5),
            ),
          10_000,
        );
        assert.equal(
          await count(ops, `SELECT count(*)::int AS n FROM devices WHERE device_type = 'camera'`),
          0,
          'SIMULATOR=auto is off when MQTT_URL is set',
        );
      } finally {
        await listener.close();
      }
    });
  },
);
