import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import { startMqttSource, type MqttSource } from '../ingest/mqtt-source';
import { startEmbeddedBroker, type EmbeddedBroker } from '../runtime/embedded-broker';
import { createLogger } from '../runtime/logger';
import { mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';

const log = createLogger('silent');
const received = (n: number, counts: number[], timeoutMs = 10_000) =>
  new Promise<void>((resolve, reject) => {
    const until = Date.now() + timeoutMs;
    const check = () =>
      counts.reduce((a, b) => a + b, 0) >= n
        ? resolve()
        : Date.now() > until
          ? reject(new Error(`only ${counts} of ${n}`))
          : setTimeout(check, 50);
    check();
  });

/** Waits for the SUBACK: until then the broker does not route messages to the session. */
async function subscribed(src: MqttSource, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!src.subscribed()) {
    if (Date.now() > until) throw new Error('no SUBACK');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function publish(url: string, n: number): Promise<void> {
  const c = await mqtt.connectAsync(url, { protocolVersion: 4 });
  for (let i = 0; i < n; i++)
    await c.publishAsync(
      `city/haiphong/sensor/s${i % 10}/telemetry`,
      JSON.stringify({ ts: Date.now(), values: { x: i } }),
      { qos: 1 },
    );
  await c.endAsync();
}

describe('MQTT source decides the protocol from what the broker accepts', () => {
  test('aedes (MQTT 3.1.1 only, no $share): protocol 4 and a plain subscription', async () => {
    const broker: EmbeddedBroker = await startEmbeddedBroker();
    const counts = [0];
    const src = await startMqttSource({
      url: broker.url,
      city: 'haiphong',
      clientId: 'test-aedes',
      shareGroup: 'ingest',
      log,
      room: () => null,
      onMessage: (_t, _p, ack) => {
        counts[0]!++;
        ack();
      },
    });
    try {
      assert.equal(src.protocolVersion, 4);
      assert.equal(src.subscription, 'city/haiphong/#');
      await subscribed(src);
      await publish(broker.url, 20);
      await received(20, counts);
    } finally {
      await src.close();
      await broker.close();
    }
  });

  describe(
    'Mosquitto (private, deploy/mosquitto.conf)',
    { skip: skipUnless(mosquittoAvailable(), 'the mosquitto binary') },
    () => {
      let mosq: PrivateMosquitto;
      before(async () => {
        mosq = await startMosquitto();
      });
      after(() => mosq.stop());

      test('MQTT 5 with a shared subscription: two workers split the messages, none is lost or doubled', async () => {
        const counts = [0, 0];
        const sources: MqttSource[] = [];
        for (const i of [0, 1])
          sources.push(
            await startMqttSource({
              url: mosq.url,
              city: 'haiphong',
              clientId: `test-share-${i}`,
              shareGroup: 'ingest',
              log,
              room: () => null,
              onMessage: (_t, _p, ack) => {
                counts[i]!++;
                ack();
              },
            }),
          );
        try {
          assert.deepEqual(
            sources.map((s) => s.protocolVersion),
            [5, 5],
          );
          assert.equal(sources[0]!.subscription, '$share/ingest/city/haiphong/#');
          for (const s of sources) await subscribed(s);
          await publish(mosq.url, 200);
          await received(200, counts);
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(counts[0]! + counts[1]!, 200, 'each message delivered once across the group');
          assert.ok(counts[0]! > 0 && counts[1]! > 0, `both workers got a share: ${counts}`);
        } finally {
          for (const s of sources) await s.close();
        }
      });

      test('a message whose ack was never sent (no commit) is redelivered to the next session; acked ones are not', async () => {
        const seen: string[] = [];
        let ackEven = true;
        const start = () =>
          startMqttSource({
            url: mosq.url,
            city: 'haiphong',
            clientId: 'test-redeliver',
            shareGroup: 'redeliver',
            log,
            room: () => null,
            onMessage: (_t, payload, ack) => {
              const n = (JSON.parse(payload.toString()) as { values: { x: number } }).values.x;
              seen.push(String(n));
              // First session: only even messages "commit"; odd ones are left unacknowledged.
              if (!ackEven || n % 2 === 0) ack();
            },
          });
        const first = await start();
        await subscribed(first);
        await publish(mosq.url, 20);
        const until = Date.now() + 5000;
        while (seen.length < 20 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        assert.equal(seen.length, 20);
        assert.ok(first.heldAcks() > 0, 'PUBACKs of uncommitted messages are held back');
        first.drain();
        await first.close();
        seen.length = 0;
        ackEven = false;
        const second = await start();
        try {
          const until2 = Date.now() + 5000;
          while (seen.length < 10 && Date.now() < until2) await new Promise((r) => setTimeout(r, 50));
          await new Promise((r) => setTimeout(r, 300));
          assert.deepEqual(
            seen.map(Number).sort((a, b) => a - b),
            [1, 3, 5, 7, 9, 11, 13, 15, 17, 19],
          );
        } finally {
          await second.close();
        }
      });
    },
  );
});
