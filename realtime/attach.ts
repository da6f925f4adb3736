/**
 * Socket.IO on the console's HTTP server: the `/live` namespace. Subscribing answers with the
 * channel's snapshot from this node's cache, then the client receives deltas through room
 * broadcasts (one emit per channel update, whatever the number of clients).
 *
 * No node is special (docs/realtime-protocol.md, "Across processes"): every node reads the whole
 * live log (realtime/bus.ts — a Redis Stream with REDIS_URL) and folds every entry into its own
 * caches, in the log's order, numbering each state by its log position; so every node holds every
 * committed value, and the same (channel, seq) is the same state on every node. What a node reads
 * from the database (its start, a reset, a device's registration, the derived channels' figures)
 * goes into the log first and is folded like everything else. Deltas go to this node's clients only;
 * the Redis adapter is there to drop a revoked session's connections on every node.
 */
import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import {
  applyDelta,
  channelSpec,
  emptySnapshot,
  FIXED_CHANNELS,
  mergeDeltas,
  type ChannelName,
  type ChannelSpec,
} from '../contracts/channels';
import {
  LIVE_NAMESPACE,
  type ChannelDelta,
  type ChannelFault,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SubscribeResult,
} from '../contracts/realtime';
import type { Db } from '../db/adapter';
import { changeLogger, type Logger } from '../contracts/logger';
import type { Bus, LogRecord } from './bus';
import { ChannelCache } from './channel-cache';
import { Coalescer } from './coalescer';
import { commitDeltas } from './commit-deltas';
import { deviceState } from './device-state';
import { DERIVED_CHANNEL_IDS, DERIVED_CHANNEL_TABLE } from './derived-channels';
import { DEVICE_CHANNEL_TABLE } from './device-channels';
import { startDerivedFeeds, type Compute, type DerivedFeeds } from './derived-feeds';
import type { LiveEntry, TruthEntry } from './live-entry';
import { loadDeviceTruth, loadTruth } from './truth';
import { truthDeltas } from './truth-deltas';

export interface Realtime {
  io: Server;
  /** Disconnects every live connection in a room (e.g. `session:…` on sign-out), on every node. */
  dropRoom(room: string): void;
  /** The log position this node has folded up to. */
  position(): number;
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
const SHARED_DEVICE_CHANNELS = ['map:sensors', 'map:cameras', 'events:cameras'] as const;

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
  /**
   * How often this node compares its device channels with the database and, where they differ,
   * puts the database's truth into the log (a commit that never reached the log: its worker died
   * between commit and append). 0: never. Default 30 s.
   */
  reconcileMs?: number;
}

export async function attachRealtime(o: RealtimeOptions): Promise<Realtime> {
  const nodeId = randomUUID().slice(0, 12);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>(o.http, {
    serveClient: false,
    cors: { origin: false },
  });
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
  /** Deltas for per-device channels whose snapshot is still loading: applied on top of it. */
  const loadBuffer = new Map<string, unknown>();
  const checkHandshake = o.checkHandshake ?? allowAll;

  // The node's state beyond the channels' own: per-metric times (newest wins), when each registration
  // was read, which derived value is in force. All of it a function of the log folded so far.
  let folded = 0;
  const metricTimes = new Map<string, Record<string, number>>();
  const registeredAt = new Map<string, number>();
  /** False while the node (re)builds its state: flushes keep the cache, nothing reaches clients. */
  let serving = false;

  function emit(channel: string, spec: ChannelSpec, seq: number, prev: number, data: unknown): void {
    const delta = { channel, seq, prev, data } as ChannelDelta;
    const to = live.local.to(room(channel));
    (spec.volatile ? to.volatile : to).emit('delta', delta);
  }

  /** Derived channels whose query fails on this node (docs/realtime-protocol.md, "Faults"). */
  const faults = new Map<string, ChannelFault>();
  function setFault(channel: string, err: unknown | null): void {
    if (err === null) {
      if (!faults.delete(channel)) return;
      live.local.to(room(channel)).emit('fault', { channel, fault: null });
      return;
    }
    if (faults.has(channel)) return;
    // The driver's message names what failed (connection refused, timeout); never the SQL.
    const reason = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'error';
    const fault: ChannelFault = {
      code: 'query_failed',
      message: `the database did not answer the channel's query: ${reason}`,
      sinceMs: Date.now(),
    };
    faults.set(channel, fault);
    live.local.to(room(channel)).emit('fault', { channel, fault });
  }

  function publish(channel: string, spec: ChannelSpec, delta: unknown): void {
    if (spec.local && !cache.get(channel)) {
      // Still loading: kept for the snapshot. Unwatched meanwhile (evicted): dropped.
      if (loading.has(channel))
        loadBuffer.set(channel, loadBuffer.has(channel) ? mergeDeltas(spec, loadBuffer.get(channel), delta) : delta);
      return;
    }
    const entry = cache.get(channel) ?? cache.set(channel, emptySnapshot(spec), folded);
    // Every delta waiting was made by entries at or before `folded`: the flushed state is the state at `folded`.
    const seq = Math.max(folded, entry.seq + 1);
    const prev = cache.advance(channel, seq, delta)!;
    if (serving) emit(channel, spec, seq, prev, delta);
  }
  const coalescer = new Coalescer(o.coalesceMs, publish);

  const current = deviceState({
    snapshot: (channel) => cache.get(channel)?.snapshot,
    pending: (channel) => coalescer.pendingDelta(channel),
    metricTimes,
    registeredAt,
    wants: (channel) => cache.get(channel) !== undefined || loading.has(channel),
  });
  const keepTimes = (times: Map<string, Record<string, number>>) => {
    for (const [id, t] of times) metricTimes.set(id, Object.assign(metricTimes.get(id) ?? {}, t));
  };
  const add = (channel: ChannelName, delta: unknown) => coalescer.add(channel, channelSpec(channel)!, delta);

  // Declared before the fold, which marks its channels dirty; started once the node has its state.
  let derived: DerivedFeeds | null = null;
  let ownTruth: ((ok: boolean) => void) | null = null;
  let startNonce = '';
  function fold(r: LogRecord): void {
    folded = Math.max(folded, r.pos);
    const e: LiveEntry = r.entry;
    switch (e.k) {
      case 'commit': {
        const { deltas, dirty, times } = commitDeltas(e.commit, current);
        keepTimes(times);
        for (const { channel, delta } of deltas) add(channel, delta);
        for (const c of dirty) derived?.markDirty(c, r.pos);
        // Devices (re)registered: their name, place and ward come from the database, through the log.
        const changed =
          e.commit.kind === 'batch' ? e.commit.devicesChanged : e.commit.kind === 'devices' ? e.commit.devices : [];
        const ids = (t: string) => changed.filter((d) => d.startsWith(`${t}/`)).map((d) => d.slice(t.length + 1));
        const sensorIds = ids('sensor');
        const cameraIds = ids('camera');
        if (sensorIds.length + cameraIds.length > 0)
          loadDeviceTruth(o.db, nodeId, sensorIds, cameraIds).then(
            (t) => o.bus.append(t),
            (err: unknown) => o.log.warn({ err }, 'loading changed devices failed'),
          );
        break;
      }
      case 'truth':
        foldTruth(e);
        if (e.by === startNonce && ownTruth) ownTruth(true);
        break;
      case 'derived':
        // The newest in log order wins, on every node alike (a value computed a little earlier but
        // appended later stands until the next one: at most one interval).
        add(e.channel, e.value);
        derived?.seen(e.channel, e.basis);
        // A value any node computed is fresh data: this node's fault no longer describes the channel.
        setFault(e.channel, null);
        break;
      case 'lost':
        // Every node folds this at the same position: all clear there and rebuild from the database.
        clearState();
        void rebuild('a publisher lost entries while Redis was away');
        break;
    }
  }
  function foldTruth(e: TruthEntry): void {
    const d = truthDeltas(e, current);
    keepTimes(d.times);
    for (const [k, at] of d.registered) registeredAt.set(k, at);
    if (d.sensors) add('map:sensors', d.sensors);
    if (d.cameras) add('map:cameras', d.cameras);
    if (d.events) add('events:cameras', d.events);
  }

  /**
   * Forgets every shared state, at a point every node that lost the same entries reaches alike (the
   * start of a new stream after Redis lost the old one; a `lost` entry): folding from there onto
   * nothing, and then each node's database read, gives them all the same states again.
   */
  function clearState(): void {
    serving = false;
    coalescer.stop();
    metricTimes.clear();
    registeredAt.clear();
    for (const c of SHARED_DEVICE_CHANNELS) cache.set(c, emptySnapshot(channelSpec(c)!), folded);
    for (const c of DERIVED_CHANNEL_IDS) cache.evict(c);
  }

  /**
   * Reads the database into the log and serves once this node has folded its own read: at its start
   * (at once, however quiet the city) and after a reset. Clients already watching hold a state from
   * before: a delta whose `prev` is -1 follows on from nothing they have, so they resubscribe.
   */
  let generation = 0;
  async function rebuild(why: string): Promise<void> {
    const mine = ++generation;
    serving = false;
    if (why !== 'start') o.log.info({ why }, 'rebuilding the live channels from the database through the log');
    startNonce = `${nodeId}:${mine}`;
    const own = new Promise<boolean>((resolve) => {
      ownTruth = resolve;
      setTimeout(() => resolve(false), 5000).unref();
    });
    let truth: TruthEntry;
    try {
      truth = await loadTruth(o.db, startNonce, why === 'start' ? 'start' : 'reset');
    } catch (err) {
      o.log.warn({ err }, 'reading the live channels from the database failed; serving what the log gave');
      serving = true;
      return;
    }
    o.bus.append(truth);
    const back = await own;
    if (mine !== generation) return; // a later rebuild took over
    ownTruth = null;
    if (!back) {
      o.log.warn('own database read not back from the live log within 5 s: folding it directly');
      foldTruth(truth);
    }
    coalescer.flushAll();
    // Per-device feeds are in no read of the shared channels, and the entries lost with the log are
    // missing from them: the watched ones are read again from the database, as for a first subscriber
    // (only now, once the database answered: a failed read above keeps them as they were).
    const watchedFeeds =
      why === 'start'
        ? []
        : [...live.adapter.rooms.keys()]
            .filter((r) => r.startsWith('ch:') && channelSpec(r.slice(3))?.local)
            .map((r) => r.slice(3));
    for (const c of watchedFeeds) cache.evict(c);
    for (const [i, r] of (await Promise.allSettled(watchedFeeds.map(ensureLocal))).entries())
      if (r.status === 'rejected')
        o.log.warn(
          { err: r.reason, channel: watchedFeeds[i] },
          'reloading a per-device feed failed; its clients resubscribe',
        );
    if (mine !== generation) return;
    serving = true;
    // Every watched channel, a feed whose reload failed included: its clients resubscribe, which loads it again.
    if (why !== 'start')
      for (const c of new Set([...cache.channels(), ...watchedFeeds]))
        if (live.adapter.rooms.get(room(c))?.size) emit(c, channelSpec(c)!, cache.get(c)?.seq ?? folded, -1, {});
  }

  for (const c of SHARED_DEVICE_CHANNELS) cache.set(c, emptySnapshot(channelSpec(c)!), 0);
  const from = await o.bus.head().catch((err: unknown) => {
    o.log.warn({ err }, 'live log unreachable at start: serving the database until it is back');
    return null;
  });
  const onReset = (why: string) => {
    clearState();
    void rebuild(why);
  };
  const stopTail = o.bus.tail(from ?? 0, { entries: (batch) => batch.forEach(fold), reset: onReset });
  if (from !== null) await rebuild('start');
  else {
    foldTruth(await loadTruth(o.db, nodeId, 'start'));
    coalescer.flushAll();
    serving = true;
  }

  const derivedMin = o.derivedMinIntervalMs ?? Math.max(o.coalesceMs, 2000);
  const feeds = startDerivedFeeds({
    log: o.log,
    minIntervalMs: derivedMin,
    heartbeatMs: 10_000,
    // An alarm must reach the wall within seconds; its query reads the few open alarms by index.
    minIntervalMsOf: Object.fromEntries(
      DERIVED_CHANNEL_IDS.filter((c) => DERIVED_CHANNEL_TABLE[c].urgent).map((c) => [
        c,
        Math.min(o.derivedMinIntervalMs ?? 250, 250),
      ]),
    ),
    compute: Object.fromEntries(
      DERIVED_CHANNEL_IDS.map((c) => [c, () => DERIVED_CHANNEL_TABLE[c].load(o.db, o.timeZone)]),
    ) as Compute,
    position: () => folded,
    fault: setFault,
    publish: (channel, value, basis) => o.bus.append({ k: 'derived', channel, basis, value } as LiveEntry),
  });
  derived = feeds;
  // The first values now, not at the first tick: a page opened right after a start has its figures.
  const firstDerived = Promise.all(DERIVED_CHANNEL_IDS.map((c) => feeds.refresh(c)));

  // Reconcile: a commit whose worker died between its transaction and its append is in the database
  // but not in the log; so is anything a Redis outage swallowed. Compared here, put right through the log.
  const reconcileMs = o.reconcileMs ?? 30_000;
  const reconcile =
    reconcileMs > 0
      ? setInterval(
          () => {
            if (!serving) return;
            loadTruth(o.db, nodeId, 'reconcile').then(
              (t) => {
                const d = truthDeltas(t, current);
                if (d.sensors || d.cameras || d.events) o.bus.append(t);
              },
              (err: unknown) => o.log.warn({ err }, 'reconciling the live channels failed'),
            );
          },
          Math.round(reconcileMs * (0.8 + 0.4 * Math.random())),
        )
      : null;
  reconcile?.unref();

  async function loadSnapshot(channel: string): Promise<unknown> {
    const [family, id] = channel.split(':') as [string, string];
    if (family === 'sensor' || family === 'camera')
      return DEVICE_CHANNEL_TABLE[family].load(o.db, id, channelSpec(channel)!.max);
    throw new Error(`no snapshot source for ${channel}`);
  }

  function ensureLocal(channel: string): Promise<void> {
    if (cache.get(channel)) return Promise.resolve();
    let p = loading.get(channel);
    if (!p) {
      p = loadSnapshot(channel)
        .then((snapshot) => {
          // What the log brought meanwhile goes on top: the snapshot is the state at the folded position.
          const spec = channelSpec(channel)!;
          // In the feed's own order, (time, key): the database returns items of the same instant (two
          // metrics of one reading) in no set order, and two nodes must hold the same feed for the same items.
          let s = applyDelta(spec, [], { add: snapshot });
          if (loadBuffer.has(channel)) s = applyDelta(spec, s, loadBuffer.get(channel));
          const pending = coalescer.take(channel);
          if (pending !== undefined) s = applyDelta(spec, s, pending);
          cache.set(channel, s, folded);
        })
        .finally(() => {
          loading.delete(channel);
          loadBuffer.delete(channel);
        });
      loading.set(channel, p);
    }
    return p;
  }

  function evictIfUnwatched(channel: string): void {
    const spec = channelSpec(channel);
    if (spec?.local && !live.adapter.rooms.get(room(channel))?.size) cache.evict(channel);
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
        reply({
          ok: false,
          channel: String(channel).slice(0, 80),
          error: `unknown channel; known: ${FIXED_CHANNELS.join(', ')}, sensor:{id}, camera:{id}`,
        });
        return;
      }
      if (!admission?.maySubscribe(channel)) {
        reply({ ok: false, channel, error: 'forbidden: you may not watch this channel (role or scope)' });
        return;
      }
      // A derived channel has its first value within a query's time of the start: wait for it rather than answer "no data yet".
      const ready = spec.local
        ? ensureLocal(channel)
        : spec.kind === 'replace' && !cache.get(channel)
          ? firstDerived.then(() => waitCached(channel, 2000))
          : Promise.resolve();
      ready.then(
        () => {
          // Join and read the snapshot in one synchronous step: every later delta follows it.
          const entry = cache.get(channel);
          const fault = faults.get(channel);
          if (!entry || (spec.kind === 'replace' && entry.snapshot === null)) {
            reply({ ok: false, channel, error: fault ? `unavailable: ${fault.message}` : 'no data yet' });
            return;
          }
          void socket.join(room(channel));
          reply({
            ok: true,
            channel,
            seq: entry.seq,
            snapshot: entry.snapshot,
            ...(fault ? { fault } : {}),
          } as SubscribeResult);
        },
        (err: unknown) =>
          reply({ ok: false, channel, error: `snapshot unavailable: ${err instanceof Error ? err.message : 'error'}` }),
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

  /** Resolves when the channel has a value in the cache, or after `ms` (the caller then says "no data yet"). */
  async function waitCached(channel: string, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!cache.get(channel) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }

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
    position: () => folded,
    async close() {
      clearInterval(slowGuard);
      if (reconcile) clearInterval(reconcile);
      stopTail();
      coalescer.stop();
      feeds.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled(redisClients.map((c) => c.quit()));
    },
  };
}
