/**
 * The publisher's identity against real brokers (docs/security.md, "MQTT"):
 *  - the embedded broker (aedes) given accounts: anonymous and wrong passwords refused, a device
 *    publishing under another device's id refused (counted, connection closed) and never stored,
 *    its own messages stored by the in-process ingest signed in as the internal account;
 *  - a private Mosquitto speaking MQTT 5: a message whose `cityops-publisher` user property (as a
 *    broker plugin or bridge sets it) names another device is dead-lettered as publisher_mismatch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { hashPassword } from '../auth/passwords';
import { PUBLISHER_PROPERTY } from '../contracts/mqtt/identity';
import { startIngestWorker, type IngestWorker } from '../ingest/worker';
import { startEmbeddedBroker, type EmbeddedBroker } from '../runtime/embedded-broker';
import { createLogger } from '../runtime/logger';
import { city, pipelineOn } from './support/pipeline';
import { mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const status = () => JSON.stringify({ ts: Date.now(), online: true });
const clientId = (who: string) => `t-${who}-${Math.random().toString(36).slice(2, 8)}`;

describe(`MQTT publisher identity (${BACKEND})`, () => {
  let t: TestDb;
  const statusRows = async (id: string) =>
    Number(
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM camera_status WHERE camera_id = $1', [id]))
        .rows[0]?.n,
    );
  const rejects = async (reason: string) =>
    (
      await t.db.query<{ topic: string; detail: string }>(
        'SELECT topic, detail FROM ingest_rejects WHERE reason = $1 ORDER BY id',
        [reason],
      )
    ).rows;

  before(async () => {
    t = await openTestDb();
    await pipelineOn(t.db);
  });
  after(() => t.drop());

  describe('the embedded broker with MQTT_DEVICE_CREDENTIALS', () => {
    let broker: EmbeddedBroker;
    let worker: IngestWorker;
    const warnings: string[] = [];
    before(async () => {
      const log = createLogger('warn');
      const accounts = [
        { username: 'cam-id-1', hash: await hashPassword('cam-id-1-secret'), role: 'device' as const },
        { username: 'reader-1', hash: await hashPassword('reader-1-secret'), role: 'ingest' as const },
      ];
      // The broker's refusals go to the log: collect them (pino writes through its stream).
      const spy = Object.assign(log, {
        warn: (obj: unknown, msg?: string) => void warnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`),
      });
      broker = await startEmbeddedBroker('127.0.0.1', 0, { accounts, city: city.id, log: spy });
      assert.ok(broker.internal);
      worker = await startIngestWorker({
        db: t.db,
        city,
        log: createLogger('silent'),
        publish: () => undefined,
        place: () => null,
        defaultMetrics: false,
        mqtt: { url: broker.url, clientId: clientId('ingest'), shareGroup: 'ingest', ...broker.internal },
        batchSize: 100,
        flushMs: 10,
        maxPending: 1000,
      });
      await waitFor('the ingest subscription', () => worker.source.subscribed());
    });
    after(async () => {
      await worker?.stop();
      await broker?.close();
    });

    const connect = (username?: string, password?: string) =>
      mqtt.connectAsync(broker.url, {
        username,
        password,
        reconnectPeriod: 0,
        connectTimeout: 3000,
        protocolVersion: 4,
        clientId: clientId(username ?? 'anon'),
      });

    test('anonymous clients, unknown users and wrong passwords are refused, and counted', async () => {
      await assert.rejects(connect(), /Not authorized/i);
      await assert.rejects(connect('cam-id-1', 'wrong'), /Not authorized/i);
      await assert.rejects(connect('nobody', 'cam-id-1-secret'), /Not authorized/i);
      await assert.rejects(connect('cityops-internal', ''), /Not authorized/i);
      assert.equal(broker.refused().connect, 4);
    });

    test('a device publishes under its own id; under another id it is refused, disconnected, counted, logged and nothing is stored', async () => {
      const device = await connect('cam-id-1', 'cam-id-1-secret');
      await device.publishAsync('city/haiphong/camera/cam-id-1/status', status(), { qos: 1 });
      await waitFor('the own status stored', async () => (await statusRows('cam-id-1')) === 1);

      const before = broker.refused().publish;
      const closed = new Promise<void>((r) => device.once('close', () => r()));
      device.on('error', () => undefined);
      void device.publishAsync('city/haiphong/camera/cam-id-2/status', status(), { qos: 1 }).catch(() => undefined);
      await closed; // MQTT 3.1.1 has no negative PUBACK: the broker ends the connection
      device.end(true);
      assert.equal(broker.refused().publish, before + 1);
      assert.ok(
        warnings.some(
          (w) => /publish refused/.test(w) && w.includes('cam-id-2') && w.includes('"username":"cam-id-1"'),
        ),
        warnings.join('\n'),
      );
      // Its own data still flows after a refusal, and the spoof never arrived.
      const again = await connect('cam-id-1', 'cam-id-1-secret');
      await again.publishAsync(
        'city/haiphong/sensor/cam-id-1/telemetry',
        JSON.stringify({ ts: Date.now(), values: { pm25: 3 } }),
        { qos: 1 },
      );
      await again.endAsync();
      await waitFor(
        'the own telemetry',
        async () =>
          Number(
            (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM telemetry WHERE device_id = 'cam-id-1'`))
              .rows[0]?.n,
          ) === 1,
      );
      await worker.pipeline.flush();
      assert.equal(await statusRows('cam-id-2'), 0);
    });

    test('a device reads nothing (negative SUBACK); the ingest role reads the city', async () => {
      const device = await connect('cam-id-1', 'cam-id-1-secret');
      // A negative SUBACK (0x80), which mqtt.js turns into an error.
      await assert.rejects(device.subscribeAsync('city/haiphong/#', { qos: 1 }), /Subscribe error/);
      const reader = await connect('reader-1', 'reader-1-secret');
      const got: string[] = [];
      reader.on('message', (topic) => got.push(topic));
      assert.equal((await reader.subscribeAsync('city/haiphong/#', { qos: 1 }))[0]?.qos, 1);
      await assert.rejects(reader.subscribeAsync('city/other/#', { qos: 1 }), /Subscribe error/);
      await device.publishAsync('city/haiphong/camera/cam-id-1/status', status(), { qos: 1 });
      await waitFor('the reader to get it', () => got.length === 1);
      assert.deepEqual(got, ['city/haiphong/camera/cam-id-1/status']);
      // The reader may not publish at all.
      reader.on('error', () => undefined);
      const closed = new Promise<void>((r) => reader.once('close', () => r()));
      void reader.publishAsync('city/haiphong/camera/reader-1/status', status(), { qos: 1 }).catch(() => undefined);
      await closed;
      reader.end(true);
      await device.endAsync();
      assert.ok(broker.refused().subscribe >= 2);
    });
  });

  describe(
    'an MQTT 5 broker naming the publisher (Mosquitto)',
    { skip: skipUnless(mosquittoAvailable(), 'mosquitto') },
    () => {
      let mosq: PrivateMosquitto;
      let worker: IngestWorker;
      let pub: MqttClient;
      before(async () => {
        mosq = await startMosquitto();
        worker = await startIngestWorker({
          db: t.db,
          city,
          log: createLogger('silent'),
          publish: () => undefined,
          place: () => null,
          defaultMetrics: false,
          mqtt: { url: mosq.url, clientId: clientId('ingest5'), shareGroup: 'identity' },
          batchSize: 100,
          flushMs: 10,
          maxPending: 1000,
        });
        assert.equal(worker.source.protocolVersion, 5);
        await waitFor('the ingest subscription', () => worker.source.subscribed());
        pub = await mqtt.connectAsync(mosq.url, {
          protocolVersion: 5,
          clientId: clientId('bridge'),
          reconnectPeriod: 0,
        });
      });
      after(async () => {
        await pub?.endAsync();
        await worker?.stop();
        await mosq?.stop();
      });

      // What a broker plugin or bridge adds: here the publishing test client sets it itself.
      const send = (topic: string, publisher: string | string[] | undefined) =>
        pub.publishAsync(topic, status(), {
          qos: 1,
          ...(publisher !== undefined ? { properties: { userProperties: { [PUBLISHER_PROPERTY]: publisher } } } : {}),
        });

      test('a message the broker says another device sent is dead-lettered as publisher_mismatch; matching or unnamed ones are stored', async () => {
        await send('city/haiphong/camera/cam-v5-1/status', 'cam-v5-1');
        await send('city/haiphong/camera/cam-v5-2/status', 'cam-v5-1');
        await send('city/haiphong/camera/cam-v5-3/status', undefined);
        await send('city/haiphong/camera/cam-v5-4/status', ['cam-v5-4', 'cam-v5-9']);
        await waitFor(
          'all four handled',
          () => worker.pipeline.stats().received === 4 && worker.pipeline.stats().pending === 0,
        );
        await worker.pipeline.flush();
        assert.equal(await statusRows('cam-v5-1'), 1);
        assert.equal(await statusRows('cam-v5-3'), 1, 'no property: the broker says nothing, the ACL is the check');
        assert.equal(await statusRows('cam-v5-2'), 0);
        assert.equal(await statusRows('cam-v5-4'), 0);
        const rows = await rejects('publisher_mismatch');
        assert.deepEqual(
          rows.map((r) => r.topic),
          ['city/haiphong/camera/cam-v5-2/status', 'city/haiphong/camera/cam-v5-4/status'],
        );
        assert.match(rows[0]!.detail, /cam-v5-2's, the broker says the publisher is "cam-v5-1"/);
        assert.equal(worker.pipeline.stats().rejected.publisher_mismatch, 2);
        assert.match(
          await worker.metrics.registry.metrics(),
          /cityops_ingest_messages_rejected_total\{reason="publisher_mismatch"\} 2/,
        );
      });
    },
  );
});
