/**
 * The real ingest path: CityOps started with startCityOps (ingest only) against a private
 * Mosquitto and the backend's database, fed by the separate publisher process.
 *
 * How commit times are taken: startCityOps hands each message to `pipeline.accept(topic,
 * payload, ack)` through a property lookup on the pipeline object it returns, and the pipeline
 * calls `ack` right after the message's batch has committed (that is when the PUBACK goes out).
 * So the bench wraps `accept` on that object: the wrapper reads `ts` (Date.now() at publish, in
 * the publisher) and, when the wrapped ack runs, records commit time − ts. Nothing else of the
 * path is replaced: same config, same source, same pipeline, same writes. If startCityOps ever
 * binds `accept` early, no commit is seen and the warm-up fails after 10 s rather than reporting
 * wrong numbers.
 */
import mqtt from 'mqtt';
import { haiphong } from '../cities/haiphong';
import { loadConfig } from '../contracts/config';
import type { IngestPipeline } from '../ingest/pipeline';
import { startCityOps } from '../runtime/cityops';
import { createLogger } from '../runtime/logger';
import type { Backend } from './backends';
import { childPids, startCpu } from './cpu';
import { CITY, stampOf } from './messages';
import { startPublisher } from './publish';
import { percentile, rowCount, waitUntil, withMosquitto, type Measure } from './support';

interface Run {
  want: number;
  seen: number;
  latencyMs: Float64Array;
  doneMs: number;
}

/** Counts commits of bench messages (and of warm-up messages, whose ts is not epoch ms). */
function tapCommits(p: IngestPipeline) {
  const state = { run: null as Run | null, warm: 0 };
  const accept = p.accept;
  p.accept = (topic, payload, ack) => {
    const ts = stampOf(payload);
    accept(topic, payload, () => {
      const r = state.run;
      if (ts < 0 || !r) state.warm++;
      else {
        const now = Date.now();
        if (r.seen < r.want) r.latencyMs[r.seen] = now - ts;
        if (++r.seen === r.want) r.doneMs = now;
      }
      ack?.();
    });
  };
  return state;
}

/** Publishes until the ingest has committed one message: its subscription is live and warm. */
async function warmUp(url: string, committed: () => number): Promise<void> {
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clean: true,
    clientId: `bench-warm-${process.pid}`,
    reconnectPeriod: 0,
  });
  try {
    for (let i = 0; i < 50 && committed() === 0; i++) {
      await client.publishAsync(
        `city/${CITY}/sensor/warmup/telemetry`,
        JSON.stringify({ ts: new Date().toISOString(), values: { pm25: 1 } }),
        { qos: 1 },
      );
      await waitUntil(() => committed() > 0, 'warm-up commit', 200).catch(() => undefined);
    }
    if (committed() === 0) throw new Error('the ingest committed no warm-up message in 10 s: is it subscribed?');
  } finally {
    await client.endAsync();
  }
}

export interface PipelineOptions {
  messages: number;
  /** Latency at a rate the ingest keeps up with: msg/s (0 = half the measured throughput) and duration. */
  pacedRate: number;
  pacedSeconds: number;
  timeoutMs: number;
  env: Record<string, string | undefined>;
}

export async function measurePipeline(b: Backend, o: PipelineOptions): Promise<Measure[]> {
  return withMosquitto(async (broker) => {
    const config = loadConfig({
      ...o.env,
      ...b.env,
      MQTT_URL: broker.url,
      SIMULATOR: 'off',
      MQTT_CLIENT_ID: `bench-ingest-${process.pid}`,
    });
    const ops = await startCityOps(
      config,
      haiphong,
      { ingest: true, console: false, simulator: false },
      createLogger(config.LOG_LEVEL),
    );
    try {
      if (!ops.pipeline) throw new Error('startCityOps started no pipeline');
      const pipeline = ops.pipeline;
      await ops.db.exec('TRUNCATE telemetry');
      const tap = tapCommits(pipeline);
      await warmUp(broker.url, () => tap.warm);
      const settings = `batch ${config.INGEST_BATCH_SIZE}, flush ${config.INGEST_FLUSH_MS} ms, max pending ${config.INGEST_MAX_PENDING}`;

      // badEvery: every k-th message is garbage; `want` counts the good ones, whose latency is measured.
      const run = async (messages: number, ratePerS: number, badEvery = 0) => {
        const good = badEvery ? messages - Math.floor(messages / badEvery) : messages;
        const r: Run = { want: good, seen: 0, latencyMs: new Float64Array(good), doneMs: 0 };
        tap.run = r;
        const cpu = await startCpu(async () => ({ mosquitto: childPids('mosquitto'), postgres: await b.serverPids() }));
        const pub = startPublisher({
          url: broker.url,
          messages,
          window: 2000,
          ratePerS,
          timeoutMs: o.timeoutMs,
          badEvery,
        });
        try {
          await waitUntil(() => r.seen >= r.want, `${good} commits`, o.timeoutMs, 20);
          const sent = await pub.done;
          const share = await cpu.stop({ publisher: sent.cpuMs });
          return { r, sent, share, rate: good / ((r.doneMs - sent.firstMs) / 1000) };
        } finally {
          pub.kill();
          tap.run = null;
        }
      };

      const full = await run(o.messages, 0);
      const rate = o.pacedRate > 0 ? o.pacedRate : Math.max(1000, Math.round(full.rate / 2 / 1000) * 1000);
      const pacedN = Math.min(o.messages, Math.round(rate * o.pacedSeconds));
      const paced = await run(pacedN, rate);

      const stored = await rowCount((sql) => ops.db.query(sql).then((res) => res.rows), `WHERE device_id LIKE 'dev-%'`);
      const stats = pipeline.stats();
      const rejected = Object.values(stats.rejected).reduce((a, n) => a + (n ?? 0), 0);
      const check =
        stored === o.messages + pacedN && rejected === 0
          ? 'all rows stored'
          : `CHECK: ${stored} rows stored, ${rejected} rejected`;
      // The same good messages at the same rate, with as many garbage messages interleaved.
      const flood = await run(pacedN * 2, rate * 2, 2);
      const floodRejected = Object.values(pipeline.stats().rejected).reduce((a, n) => a + (n ?? 0), 0) - rejected;
      return [
        {
          backend: b.name,
          measure: 'pipeline',
          count: o.messages,
          rate: full.rate,
          p50Ms: percentile(full.r.latencyMs, full.r.seen, 50),
          p99Ms: percentile(full.r.latencyMs, full.r.seen, 99),
          cpu: full.share,
          note: `publisher flat out (broker had all at ${((full.sent.ackedMs - full.sent.firstMs) / 1000).toFixed(1)} s): latency is mostly queueing; ${settings}; ${check}`,
        },
        {
          backend: b.name,
          measure: `pipeline, paced ${rate.toLocaleString('en-US')}/s`,
          count: pacedN,
          rate: paced.rate,
          p50Ms: percentile(paced.r.latencyMs, paced.r.seen, 50),
          p99Ms: percentile(paced.r.latencyMs, paced.r.seen, 99),
          cpu: paced.share,
          note: 'latency without a backlog (half the flat-out rate unless BENCH_PACED_RATE)',
        },
        {
          backend: b.name,
          measure: `pipeline, paced + as many bad`,
          count: pacedN,
          rate: flood.rate,
          p50Ms: percentile(flood.r.latencyMs, flood.r.seen, 50),
          p99Ms: percentile(flood.r.latencyMs, flood.r.seen, 99),
          cpu: flood.share,
          note: `good messages at ${rate.toLocaleString('en-US')}/s interleaved with as many non-JSON ones; latency of the good ones; ${floodRejected} dead-lettered`,
        },
      ];
    } finally {
      // Measured here: stopping while the broker still sends (an aborted run) hangs in the MQTT
      // client's end(): the source has stopped reading, so the socket never sees the broker close.
      // The run is over either way; the broker and database are removed after this.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((r) => (timer = setTimeout(r, 15_000)));
      if ((await Promise.race([ops.stop().then(() => 'stopped'), late])) !== 'stopped')
        console.error('bench: startCityOps stop() still running after 15 s; going on with the cleanup');
      clearTimeout(timer);
    }
  });
}
