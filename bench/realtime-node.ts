/**
 * A CityOps server process for the realtime bench (forked by bench/realtime.ts): the MQTT ingest
 * worker, a console node, or both. The console node is a bare HTTP server with attachRealtime,
 * wired as runtime/cityops.ts wires it but without Next.js (pages are not what is measured) and
 * without the ops endpoints. The bus is in-process when one process runs both, Redis otherwise.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { haiphong } from '../cities/haiphong';
import { loadConfig } from '../contracts/config';
import type { IngestCommit } from '../contracts/live';
import { LIVE_NAMESPACE, type ChannelDelta } from '../contracts/realtime';
import { openPostgres } from '../db/pg-adapter';
import { loadWards, wardAt } from '../geo/wards';
import { startIngestWorker, type IngestWorker } from '../ingest/worker';
import { attachRealtime, type Realtime } from '../realtime/attach';
import type { Bus } from '../realtime/bus';
import { createMemoryBus } from '../realtime/memory-bus';
import { createRedisBus } from '../realtime/redis-bus';
import { childSide, type NodeJob, type NodeMessage } from './realtime-proc';
import { Histogram, loopDelay, sensorReadings } from './realtime-stats';

const { job, send, fail, onCommand } = childSide<NodeJob, NodeMessage>();
const config = loadConfig(job.env);

// Warnings are counted, not printed: a slow-client storm would bury the table.
const warnings: Record<string, number> = {};
const log = pino(
  { level: 'warn' },
  {
    write(line: string) {
      let msg = '?';
      try {
        msg = String((JSON.parse(line) as { msg?: unknown }).msg ?? '?');
      } catch {
        /* not JSON: counted as "?" */
      }
      warnings[msg] = (warnings[msg] ?? 0) + 1;
    },
  },
);

const stops: (() => Promise<unknown>)[] = [];
const loop = loopDelay();
const commitAge = new Histogram();
const emitAge = new Histogram();
const broadcast = { n: 0, ms: 0, durations: new Histogram(), sized: 0, bytes: 0 };
let acceptedAtReset = 0;
let resetAt = performance.now();
let worker: IngestWorker | null = null;
let realtime: Realtime | null = null;

/**
 * Times the room broadcasts of `map:sensors` deltas to this node's clients: when they leave (− each
 * value's ts) and how long one takes, which is Socket.IO encoding the packet once and writing it to every
 * local client's socket, synchronously. Wraps `broadcast` of the base in-memory adapter class, which every
 * node's local emits reach (each node folds the live log and emits to its own clients: `live.local`, so the
 * Redis adapter publishes nothing for them). Nothing else is replaced.
 */
function tapBroadcasts(rt: Realtime): void {
  type Broadcast = (this: unknown, packet: { data?: unknown[] }, opts: unknown) => void;
  let base: { broadcast: Broadcast } | null = null;
  for (let p: unknown = Object.getPrototypeOf(rt.io.of(LIVE_NAMESPACE).adapter); p; p = Object.getPrototypeOf(p))
    if (Object.hasOwn(p as object, 'broadcast')) base = p as { broadcast: Broadcast };
  if (!base) throw new Error('no broadcast method on the Socket.IO adapter');
  const original = base.broadcast;
  base.broadcast = function (packet, opts) {
    const now = Date.now();
    const t0 = performance.now();
    original.call(this, packet, opts);
    const [event, d] = packet.data ?? [];
    if (event !== 'delta' || (d as ChannelDelta).channel !== 'map:sensors') return;
    const ms = performance.now() - t0;
    broadcast.n++;
    broadcast.ms += ms;
    broadcast.durations.add(ms);
    if (broadcast.n % 10 === 1) {
      broadcast.sized++;
      broadcast.bytes += Buffer.byteLength(JSON.stringify(d)); // a sample: stringifying is not free
    }
    for (const v of sensorReadings((d as ChannelDelta<'map:sensors'>).data)) emitAge.add(now - v.timeMs);
  };
}

try {
  const db = openPostgres(job.databaseUrl, config.DATABASE_POOL_SIZE, (err) =>
    log.warn({ err: err.message }, 'database connection error'),
  );
  stops.push(() => db.close());
  const bus: Bus = job.redisUrl ? createRedisBus(job.redisUrl, job.city, log) : createMemoryBus();
  stops.push(() => bus.close());

  if (job.ingest) {
    const wards = loadWards(haiphong);
    const publish = (c: IngestCommit) => {
      const now = Date.now();
      if (c.kind === 'batch') for (const r of c.readings) commitAge.add(now - r.timeMs);
      bus.publish(c);
    };
    const w = await startIngestWorker({
      db,
      city: haiphong,
      log,
      publish,
      defaultMetrics: false,
      place: (lon, lat) => wardAt(wards, lon, lat)?.code ?? null,
      mqtt: { url: job.mqttUrl, clientId: `bench-rt-ingest-${process.pid}`, shareGroup: config.MQTT_SHARE_GROUP },
      batchSize: config.INGEST_BATCH_SIZE,
      flushMs: config.INGEST_FLUSH_MS,
      maxPending: config.INGEST_MAX_PENDING,
    });
    worker = w;
    stops.push(() => w.stop());
  }

  let port: number | null = null;
  if (job.console) {
    const http = createServer();
    const rt = await attachRealtime({
      http,
      db,
      bus,
      timeZone: haiphong.timeZone,
      log,
      coalesceMs: job.coalesceMs,
      redisUrl: job.redisUrl ?? undefined,
      city: job.city,
    });
    realtime = rt;
    tapBroadcasts(rt);
    stops.push(() => rt.close()); // also closes the HTTP server
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(job.port, '127.0.0.1', () => resolve());
    });
    port = (http.address() as AddressInfo).port;
  }
  send({ type: 'ready', port });
} catch (err) {
  fail(err);
}

onCommand(async (c) => {
  if (c.type === 'reset') {
    loop.reset();
    commitAge.reset();
    emitAge.reset();
    broadcast.n = 0;
    broadcast.ms = 0;
    broadcast.durations.reset();
    broadcast.sized = 0;
    broadcast.bytes = 0;
    acceptedAtReset = worker?.pipeline.stats().accepted ?? 0;
    resetAt = performance.now();
  } else if (c.type === 'report') {
    send({
      type: 'report',
      windowMs: performance.now() - resetAt,
      sockets: realtime?.io.of(LIVE_NAMESPACE).sockets.size ?? 0,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
      loopP99Ms: loop.p99Ms(),
      accepted: (worker?.pipeline.stats().accepted ?? 0) - acceptedAtReset,
      commitAge: commitAge.toSparse(),
      emitAge: emitAge.toSparse(),
      broadcasts: broadcast.n,
      broadcastMs: broadcast.ms,
      broadcastP99Ms: broadcast.durations.percentile(99) ?? 0,
      deltaBytes: broadcast.sized > 0 ? broadcast.bytes / broadcast.sized : 0,
      warnings,
    });
  } else if (c.type === 'stop') {
    // Reverse order: the console first (clients go), then the ingest commits what it holds.
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    send({ type: 'stopped' });
    setTimeout(() => process.exit(0), 100);
  }
});
