/**
 * The two MQTT-side reference points, both fed by the same publisher process as the pipeline:
 * - broker limit: a subscriber that only counts (QoS 1, acknowledged on receipt by mqtt.js);
 * - naive baseline: a subscriber that awaits one INSERT … ON CONFLICT DO NOTHING per message,
 *   one at a time, acknowledging on receipt (mqtt.js's default).
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Backend } from './backends';
import { childPids, startCpu } from './cpu';
import { CITY } from './messages';
import { startPublisher, type PublishReport } from './publish';
import { rowCount, waitUntil, withMosquitto, type Measure } from './support';

const subscribe = async (url: string, role: string): Promise<MqttClient> => {
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clean: true,
    clientId: `bench-${role}-${process.pid}`,
    reconnectPeriod: 0,
  });
  await client.subscribeAsync(`city/${CITY}/#`, { qos: 1 });
  return client;
};

/** Publishes `messages` with the subscriber in place; resolves when `handled()` reaches them all. */
async function feed(url: string, b: Backend, messages: number, handled: () => number, timeoutMs: number) {
  const cpu = await startCpu(async () => ({ mosquitto: childPids('mosquitto'), postgres: await b.serverPids() }));
  const pub = startPublisher({ url, messages, window: 2000, ratePerS: 0, timeoutMs });
  try {
    await waitUntil(() => handled() >= messages, `${messages} messages handled`, timeoutMs, 5);
    const sent: PublishReport = await pub.done;
    return { sent, share: await cpu.stop({ publisher: sent.cpuMs }) };
  } finally {
    pub.kill();
  }
}

export async function measureBroker(b: Backend, messages: number, timeoutMs: number): Promise<Measure> {
  return withMosquitto(async (broker) => {
    const client = await subscribe(broker.url, 'count');
    try {
      let received = 0;
      let lastMs = 0;
      client.on('message', () => {
        if (++received === messages) lastMs = Date.now();
      });
      const { sent, share } = await feed(broker.url, b, messages, () => received, timeoutMs);
      return {
        backend: b.name,
        measure: 'limit: broker',
        count: messages,
        rate: messages / ((lastMs - sent.firstMs) / 1000),
        cpu: share,
        note: 'private Mosquitto → mqtt.js subscriber that only counts (QoS 1)',
      };
    } finally {
      await client.endAsync();
    }
  });
}

export async function measureNaive(b: Backend, messages: number, of: number, timeoutMs: number): Promise<Measure> {
  return withMosquitto(async (broker) => {
    const conn = await b.connect();
    let client: MqttClient | null = null;
    try {
      await conn.query('TRUNCATE telemetry');
      const queue: { topic: string; payload: Buffer }[] = [];
      let head = 0;
      let inserted = 0;
      let lastMs = 0;
      let failure: unknown = null;
      let running = false;
      const drain = async () => {
        try {
          for (; head < queue.length; head++) {
            const m = queue[head]!;
            queue[head] = { topic: '', payload: Buffer.alloc(0) }; // let the handled message go
            const { ts, values } = JSON.parse(m.payload.toString('utf8')) as {
              ts: number;
              values: Record<string, number>;
            };
            const device = m.topic.split('/')[3];
            for (const [metric, value] of Object.entries(values))
              await conn.query(
                'INSERT INTO telemetry (time, device_id, metric, value) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
                [new Date(ts).toISOString(), device, metric, value],
              );
            if (++inserted === messages) lastMs = Date.now();
          }
        } catch (err) {
          failure = err;
        }
        running = false; // in the same tick as the last queue check: no message can slip in between
      };
      client = await subscribe(broker.url, 'naive');
      client.on('message', (topic, payload) => {
        queue.push({ topic, payload });
        if (running || failure !== null) return;
        running = true;
        void drain();
      });
      const { sent, share } = await feed(
        broker.url,
        b,
        messages,
        () => {
          if (failure !== null) throw failure;
          return inserted;
        },
        timeoutMs,
      );
      const stored = await rowCount(conn.query, `WHERE device_id LIKE 'dev-%'`);
      return {
        backend: b.name,
        measure: 'naive baseline',
        count: messages,
        rate: messages / ((lastMs - sent.firstMs) / 1000),
        cpu: share,
        note: `one awaited INSERT per message, ack on receipt${messages < of ? `; ${messages.toLocaleString('en-US')} messages, not ${of.toLocaleString('en-US')} (slow)` : ''}${stored === messages ? '' : `; CHECK: ${stored} rows stored`}`,
      };
    } finally {
      await client?.endAsync();
      await conn.close();
    }
  });
}
