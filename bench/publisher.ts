/**
 * The benchmark's device fleet, run as its own process (bench/publish.ts forks it) so publishing
 * does not share the ingest's event loop. Publishes `messages` QoS 1 telemetry messages over MQTT 5,
 * at most `window` unacknowledged by the broker, optionally paced at `ratePerS`; each payload's
 * `ts` is Date.now() at publish (bumped by 1 ms when a device would repeat a ts, so (device, ts)
 * is unique). Reports to the parent over IPC, then exits.
 */
import mqtt from 'mqtt';
import { DEVICES, payloadOf, topicOf } from './messages';
import type { PublishJob, PublisherMessage } from './publish';

const job = JSON.parse(process.argv[2] ?? '{}') as PublishJob;
const send = (m: PublisherMessage) => process.send?.(m);
const fail = (err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(2);
};

setTimeout(() => fail(new Error(`publisher: not done after ${job.timeoutMs} ms`)), job.timeoutMs);

try {
  const client = await mqtt.connectAsync(job.url, {
    protocolVersion: 5,
    clean: true,
    clientId: `bench-pub-${process.pid}`,
    reconnectPeriod: 0,
  });
  const lastTs = new Float64Array(DEVICES);
  const cpu0 = process.cpuUsage();
  const startMs = Date.now();
  let next = 0;
  let acked = 0;
  let inflight = 0;
  let firstMs = 0;
  let lastMs = 0;
  await new Promise<void>((resolve, reject) => {
    let waiting = false;
    const pump = () => {
      while (inflight < job.window && next < job.messages) {
        const now = Date.now();
        if (job.ratePerS > 0 && now < startMs + (next * 1000) / job.ratePerS) {
          if (!waiting) {
            waiting = true;
            setTimeout(() => {
              waiting = false;
              pump();
            }, 2);
          }
          return;
        }
        const i = next++;
        const d = i % DEVICES;
        const ts = Math.max(now, lastTs[d]! + 1);
        lastTs[d] = ts;
        if (i === 0) firstMs = ts;
        lastMs = ts;
        inflight++;
        const bad = job.badEvery ? i % job.badEvery === job.badEvery - 1 : false;
        client.publish(topicOf(i), bad ? `garbage ${i}` : payloadOf(i, ts), { qos: 1 }, (err) => {
          inflight--;
          if (err) return reject(err);
          if (++acked === job.messages) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const cpu = process.cpuUsage(cpu0);
  send({ type: 'done', published: acked, firstMs, lastMs, ackedMs: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000 });
  await client.endAsync();
  process.exit(0);
} catch (err) {
  fail(err);
}
