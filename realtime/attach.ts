/**
 * Socket.IO on the console's HTTP server: the `/live` namespace. Subscribing answers with the
 * channel's snapshot from this node's cache, then the client receives numbered deltas through
 * room broadcasts (one emit per channel update, whatever the number of clients).
 *
 * Shared channels are numbered by one leader node (realtime/leadership.ts); with REDIS_URL its
 * broadcasts reach the clients of every node through the Socket.IO Redis adapter, and its
 * server-side emits keep the other nodes' caches in step. Per-device channels (sensor:{id},
 * camera:{id}) are produced by each node for its own clients, only while someone watches them.
 */
import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { channelSpec, emptySnapshot, FIXED_CHANNELS, keyedValue, type CameraState, type ChannelName, type ChannelSpec, type KeyedDelta, type SensorState } from '../contracts/channels';
import { LIVE_NAMESPACE, type ChannelDelta, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SubscribeResult } from '../contracts/realtime';
import type { Db } from '../db/adapter';
import { queryCaseKpis, queryDocumentKpis } from '../db/kpi-today';
import { recentCameraEventAcks } from '../db/camera-events';
import { loadCameraActivity, loadCameraEvents, loadCameras, loadSensorReadings, loadSensors, queryAlarms } from '../db/live';
import { queryOverview } from '../db/overview';
import { indicatorCatalogue } from '../db/indicators';
import { changeLogger, type Logger } from '../contracts/logger';
import type { Bus } from './bus';
import { ChannelCache } from './channel-cache';
import { Coalescer } from './coalescer';
import { commitDeltas } from './commit-deltas';
import { startDerivedFeeds, type DerivedChannel, type DerivedFeeds } from './derived-feeds';
import { redisLeadership, soleLeader, type Leadership } from './leadership';

export interface Realtime {
  io: Server;
  /** Disconnects every live connection in a room (e.g. `session:…` on sign-out), on every node. */
  dropRoom(room: string): void;
  isLeader(): boolean;
  close(): Promise<void>;
}

/**
 * What a connection was admitted with: the rooms it joins (so a revoked session or user can be
 * dropped by room, on every node) and which channels it may subscribe to.
 */
export interface Admission {
  rooms: readonly string[];
  maySubscribe(channel: string): boolean;
}
/** The single place where a handshake is accepted (an admission) or refused (null): runtime/realtime-auth.ts. */
export type HandshakeCheck = (socket: Socket) => Promise<Admission | null>;
const allowAll: HandshakeCheck = async () => ({ rooms: [], maySubscribe: () => true });

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;
const room = (channel: string) => `ch:${channel}`;

export interface RealtimeOptions {
  http: HttpServer;
  db: Db;
  bus: Bus;
  timeZone: string;
  log: Logger;
  coalesceMs: number;
  redisUrl?: string | undefined;
  city?: string;
  checkHandshake?: HandshakeCheck;
  /** Database-derived channels are recomputed at most this often (they are queries). */
  derivedMinIntervalMs?: number;
  /** A client with more packets than this waiting in its buffer is too slow: it is disconnected and resyncs when it reconnects. */
  slowClientPackets?: number;
}

export async function attachRealtime(o: RealtimeOptions): Promise<Realtime> {
  const nodeId = randomUUID();
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>(o.http, { serveClient: false, cors: { origin: false } });
  const redisClients: Redis[] = [];
  if (o.redisUrl) {
    const pub = new Redis(o.redisUrl);
    const sub = pub.duplicate();
    redisClients.push(pub, sub);
    for (const c of [pub, sub]) {
      const errors = changeLogger(o.log, 'realtime redis error');
      c.on('error', errors.onError).on('ready', errors.reset);
    }
    io.adapter(createAdapter(pub, sub, { key: `cityops:${o.city ?? 'city'}:io` }));
  }
  const live = io.of(LIVE_NAMESPACE);
  const cache = new ChannelCache();
  const loading = new Map<string, Promise<void>>();
  const checkHandshake = o.checkHandshake ?? allowAll;

  // The shared keyed and feed channels start from the database on every node.
  const [sensors, cameras, events] = await Promise.all([loadSensors(o.db), loadCameras(o.db), loadCameraEvents(o.db, channelSpec('events:cameras')!.max)]);
  cache.set('map:sensors', sensors, o.redisUrl ? null : 0);
  cache.set('map:cameras', cameras, o.redisUrl ? null : 0);
  cache.set('events:cameras', events, o.redisUrl ? null : 0);

  function emit(channel: string, spec: ChannelSpec, seq: number, data: unknown): void {
    const delta = { channel, seq, data } as ChannelDelta;
    const to = spec.local ? live.local.to(room(channel)) : live.to(room(channel));
    (spec.volatile ? to.volatile : to).emit('delta', delta);
    if (!spec.local && o.redisUrl) live.serverSideEmit('applied', delta);
  }

  function publish(channel: string, spec: ChannelSpec, delta: unknown): void {
    const entry = cache.get(channel) ?? cache.set(channel, emptySnapshot(spec), 0);
    const seq = (entry.seq ?? 0) + 1;
    if (entry.seq === null) entry.seq = 0;
    cache.apply(channel, seq, delta);
    emit(channel, spec, seq, delta);
  }

  const coalescer = new Coalescer(o.coalesceMs, publish);
  let derived: DerivedFeeds | null = null;
  const startDerived = () => {
    derived ??= startDerivedFeeds({
      log: o.log, minIntervalMs: o.derivedMinIntervalMs ?? Math.max(o.coalesceMs, 2000), heartbeatMs: 10_000,
      // An alarm must reach the wall within seconds; its query reads the few open alarms by index.
      minIntervalMsOf: { alarms: Math.min(o.derivedMinIntervalMs ?? 250, 250), 'events:acks': Math.min(o.derivedMinIntervalMs ?? 250, 250) },
      compute: {
        overview: () => queryOverview(o.db, o.timeZone),
        'kpi:cases': () => queryCaseKpis(o.db, o.timeZone),
        'kpi:documents': () => queryDocumentKpis(o.db, o.timeZone),
        alarms: () => queryAlarms(o.db),
        'events:acks': () => recentCameraEventAcks(o.db),
        indicators: () => indicatorCatalogue(o.db),
      },
      publish: (channel, value) => publish(channel, channelSpec(channel)!, value),
    });
  };
  const onLeadership = (leader: boolean) => {
    if (leader) startDerived();
    else {
      derived?.stop();
      derived = null;
    }
  };
  let leadership: Leadership;
  if (o.redisUrl) {
    const r = new Redis(o.redisUrl);
    r.on('error', () => undefined);
    redisClients.push(r);
    leadership = redisLeadership({ redis: r, key: `cityops:${o.city ?? 'city'}:realtime-leader`, nodeId, leaseMs: 6000, log: o.log, onChange: onLeadership });
  } else {
    leadership = soleLeader();
    onLeadership(true);
  }

  // The newest known state of a device: a delta still waiting in the coalescer is newer than the cache.
  const latest = <V extends object>(channel: 'map:sensors' | 'map:cameras', id: string): V | undefined =>
    keyedValue((cache.get(channel)?.snapshot as Record<string, V> | undefined)?.[id], coalescer.pendingDelta(channel) as KeyedDelta<V> | undefined, id);
  const current = {
    sensor: (id: string) => latest<SensorState>('map:sensors', id),
    camera: (id: string) => latest<CameraState>('map:cameras', id),
    wants: (channel: ChannelName) => cache.get(channel) !== undefined,
  };

  const unsubscribeBus = o.bus.subscribe((commit) => {
    const leader = leadership.isLeader();
    const { deltas, dirty } = commitDeltas(commit, current);
    for (const { channel, delta } of deltas) {
      const spec = channelSpec(channel)!;
      if (spec.local || leader) coalescer.add(channel, spec, delta);
    }
    if (!leader) return;
    for (const c of dirty) derived?.markDirty(c);
    // Devices (re)registered: their name, place and ward come from the database.
    const ids = (t: string) => commit.devicesChanged.filter((d) => d.startsWith(`${t}/`)).map((d) => d.slice(t.length + 1));
    const sensorIds = ids('sensor');
    const cameraIds = ids('camera');
    // Registration fields come from the database; live fields (values, status) stay the newest known.
    if (sensorIds.length > 0)
      loadSensors(o.db, sensorIds).then((rows) => {
        const set: Record<string, SensorState> = {};
        for (const [id, row] of Object.entries(rows)) {
          const now = current.sensor(id);
          set[id] = now?.timeMs != null && (row.timeMs === null || now.timeMs >= row.timeMs) ? { ...row, values: { ...row.values, ...now.values }, timeMs: now.timeMs } : row;
        }
        coalescer.add('map:sensors', channelSpec('map:sensors')!, { set });
      }, (err: unknown) => o.log.warn({ err }, 'loading changed sensors failed'));
    if (cameraIds.length > 0)
      loadCameras(o.db, cameraIds).then((rows) => {
        const set: Record<string, CameraState> = {};
        for (const [id, row] of Object.entries(rows)) {
          const now = current.camera(id);
          set[id] = now ? { ...row, online: now.statusMs != null && (row.statusMs === null || now.statusMs >= row.statusMs) ? now.online : row.online,
            statusMs: Math.max(now.statusMs ?? 0, row.statusMs ?? 0) || null, lastEventMs: Math.max(now.lastEventMs ?? 0, row.lastEventMs ?? 0) || null } : row;
        }
        coalescer.add('map:cameras', channelSpec('map:cameras')!, { set });
      }, (err: unknown) => o.log.warn({ err }, 'loading changed cameras failed'));
  });

  // Followers keep their caches in step with the leader's numbered deltas.
  live.on('applied', (d: ChannelDelta) => {
    if (leadership.isLeader()) return;
    const spec = channelSpec(d.channel);
    if (!spec) return;
    const entry = cache.get(d.channel);
    if (spec.kind === 'replace' && (!entry || !cache.apply(d.channel, d.seq, d.data))) cache.set(d.channel, d.data, d.seq);
    else if (entry && !cache.apply(d.channel, d.seq, d.data)) void reload(d.channel, d.seq);
  });

  async function loadSnapshot(channel: string): Promise<unknown> {
    if (channel === 'map:sensors') return loadSensors(o.db);
    if (channel === 'map:cameras') return loadCameras(o.db);
    if (channel === 'events:cameras') return loadCameraEvents(o.db, channelSpec(channel)!.max);
    const [family, id] = channel.split(':') as [string, string];
    if (family === 'sensor') return loadSensorReadings(o.db, id, channelSpec(channel)!.max);
    if (family === 'camera') return loadCameraActivity(o.db, id, channelSpec(channel)!.max);
    throw new Error(`no snapshot source for ${channel}`);
  }

  /** A follower that missed a delta: fresh from the database, numbered as the delta that revealed the gap. */
  async function reload(channel: string, seq: number): Promise<void> {
    try {
      cache.set(channel, await loadSnapshot(channel), seq);
    } catch (err) {
      o.log.warn({ err, channel }, 'reloading a live channel failed');
    }
  }

  function ensureLocal(channel: string): Promise<void> {
    if (cache.get(channel)) return Promise.resolve();
    let p = loading.get(channel);
    if (!p) {
      p = loadSnapshot(channel)
        .then((snapshot) => {
          cache.set(channel, snapshot, 0);
        })
        .finally(() => loading.delete(channel));
      loading.set(channel, p);
    }
    return p;
  }

  function evictIfUnwatched(channel: string): void {
    const spec = channelSpec(channel);
    if (spec?.local && !(live.adapter.rooms.get(room(channel))?.size)) cache.evict(channel);
  }

  const admissions = new WeakMap<Socket, Admission>();
  live.use((socket, next) => {
    checkHandshake(socket).then(
      (admission) => {
        if (admission) admissions.set(socket, admission);
        next(admission ? undefined : new Error('unauthorized'));
      },
      () => next(new Error('unauthorized')),
    );
  });

  live.on('connection', (socket: LiveSocket) => {
    const admission = admissions.get(socket);
    if (admission) for (const r of admission.rooms) void socket.join(r);
    socket.on('subscribe', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const channel = (req as { channel?: unknown } | null)?.channel;
      const spec = typeof channel === 'string' ? channelSpec(channel) : null;
      if (typeof channel !== 'string' || !spec) {
        reply({ ok: false, channel: String(channel).slice(0, 80), error: `unknown channel; known: ${FIXED_CHANNELS.join(', ')}, sensor:{id}, camera:{id}` });
        return;
      }
      if (!admission?.maySubscribe(channel)) {
        reply({ ok: false, channel, error: 'forbidden: you may not watch this channel (role or scope)' });
        return;
      }
      const ready = spec.local
        ? ensureLocal(channel)
        : spec.kind === 'replace' && !cache.get(channel) && leadership.isLeader()
          ? derived?.refresh(channel as DerivedChannel) ?? Promise.resolve()
          : Promise.resolve();
      ready.then(
        () => {
          // Join and read the snapshot in one synchronous step: every later delta follows it.
          const entry = cache.get(channel);
          if (!entry || entry.seq === null || (spec.kind === 'replace' && entry.snapshot === null)) {
            reply({ ok: false, channel, error: 'no data yet' });
            return;
          }
          void socket.join(room(channel));
          reply({ ok: true, channel, seq: entry.seq, snapshot: entry.snapshot } as SubscribeResult);
        },
        (err: unknown) => reply({ ok: false, channel, error: `snapshot unavailable: ${err instanceof Error ? err.message : 'error'}` }),
      );
    });
    socket.on('unsubscribe', (req) => {
      const channel = (req as { channel?: unknown } | null)?.channel;
      if (typeof channel !== 'string' || !channelSpec(channel)) return;
      void socket.leave(room(channel));
      evictIfUnwatched(channel);
    });
    socket.on('disconnect', () => {
      for (const r of socket.rooms) if (r.startsWith('ch:')) evictIfUnwatched(r.slice(3));
    });
  });

  // Bounded per-client buffering: a client that cannot keep up is dropped, not waited for.
  const slowGuard = setInterval(() => {
    for (const [, socket] of live.sockets) {
      const buffered = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
      if (buffered > (o.slowClientPackets ?? 2000)) {
        o.log.warn({ socket: socket.id, buffered }, 'disconnecting a client too slow to keep up');
        socket.disconnect(true);
      }
    }
  }, 1000);
  slowGuard.unref();

  return {
    io: io as unknown as Server,
    dropRoom: (r) => live.in(r).disconnectSockets(true),
    isLeader: () => leadership.isLeader(),
    async close() {
      clearInterval(slowGuard);
      unsubscribeBus();
      coalescer.stop();
      derived?.stop();
      await leadership.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled(redisClients.map((c) => c.quit()));
    },
  };
}
