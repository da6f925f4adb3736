/**
 * A host of benchmark clients (forked by bench/realtime.ts): `count` socket.io-client connections,
 * each subscribed to `map:sensors` through the browser's ChannelSubscription (snapshot, numbered
 * deltas, resync on a gap), exactly as test/realtime.test.ts drives it. A second listener on
 * `delta` times every sensor value received: now − the reading's ts, and, for the probe sensors,
 * now − when the broker delivered that reading (the parent sends those times over IPC).
 * Beyond them, `lite` load-only connections (bench/realtime-lite.ts) in the same room.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { ChannelSubscription } from '../components/realtime/channel-subscription';
import type { ChannelDelta, ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime';
import { LiteClients } from './realtime-lite';
import { childSide, type ClientsJob, type ClientsMessage } from './realtime-proc';
import { Histogram, loopDelay, sensorReadings, stateDigest } from './realtime-stats';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;
/** `node`: the index of its node in the job's urls; `state`, `last`, `longest`: its map:sensors state, when it last changed, the longest silence since the reset. */
interface Entry {
  socket: LiveClient;
  sub: ChannelSubscription<'map:sensors'>;
  deltas: number;
  node: number;
  state: unknown;
  last: number;
  longest: number;
}

const { job, send, fail, onCommand } = childSide<ClientsJob, ClientsMessage>();
const CHUNK = 50; // connections opened at once
const CHUNK_WAIT_MS = 10_000;

const clients: Entry[] = [];
const lite = new LiteClients();
const latency = new Histogram();
const fromBroker = new Histogram();
const probeIds = new Set(job.probeIds);
/** `${sensor}@${ts}` → when the broker delivered it; receipts seen before that time arrived wait. */
const brokerAt = new Map<string, number>();
const early = new Map<string, number[]>();
const BOUND = 20_000;
const loop = loopDelay();
let totals = { deltas: 0, values: 0, disconnects: 0, subscribeErrors: 0 };
let base = { gaps: 0, snapshots: 0 };
let stopping = false;
let resetAt = performance.now();

function onDelta(e: Entry, d: ChannelDelta): void {
  if (d.channel !== 'map:sensors') return;
  const now = Date.now();
  e.deltas++;
  totals.deltas++;
  for (const s of sensorReadings((d as ChannelDelta<'map:sensors'>).data)) {
    totals.values++;
    latency.add(now - s.timeMs);
    if (!probeIds.has(s.id)) continue;
    const key = `${s.id}@${s.timeMs}`;
    const at = brokerAt.get(key);
    if (at !== undefined) fromBroker.add(now - at);
    else if (early.size < BOUND) early.set(key, [...(early.get(key) ?? []), now]);
  }
}

function open(g: number): Entry {
  const node = g % job.urls.length;
  // The browser's reconnection policy (components/realtime/live-socket.ts): a killed node's clients come back as a tab would.
  const socket: LiveClient = connect(job.urls[node]!, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  const e: Entry = {
    socket,
    deltas: 0,
    node,
    state: null,
    last: Date.now(),
    longest: 0,
    sub: new ChannelSubscription(socket, 'map:sensors', {
      update: (u) => {
        // Silence is the time between updates of the state the user sees, whatever brought them.
        const now = Date.now();
        e.longest = Math.max(e.longest, now - e.last);
        e.last = now;
        e.state = u.snapshot;
      },
      error: () => void totals.subscribeErrors++,
    }),
  };
  socket.on('delta', (d) => onDelta(e, d));
  socket.on('disconnect', () => void totals.disconnects++);
  return e;
}

const sum = (f: (e: Entry) => number) => clients.reduce((a, e) => a + f(e), 0);
const live = () => clients.filter((e) => e.socket.connected && e.sub.stats.snapshots > 0).length;

async function until(cond: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
}

onCommand(async (c) => {
  if (c.type === 'probe') {
    for (const [id, ts, at] of c.items) {
      const key = `${id}@${ts}`;
      for (const t of early.get(key) ?? []) fromBroker.add(t - at);
      early.delete(key);
      brokerAt.set(key, at);
    }
    // Maps iterate in insertion order: drop the oldest.
    for (const k of brokerAt.keys()) {
      if (brokerAt.size <= BOUND) break;
      brokerAt.delete(k);
    }
  } else if (c.type === 'digest') {
    send({ type: 'digest', digests: clients.map((e) => [e.node, e.state === null ? null : stateDigest(e.state)]) });
  } else if (c.type === 'reset') {
    const now = Date.now();
    for (const e of clients) {
      e.deltas = 0;
      e.last = now;
      e.longest = 0;
    }
    totals = { deltas: 0, values: 0, disconnects: 0, subscribeErrors: 0 };
    base = { gaps: sum((e) => e.sub.stats.gaps), snapshots: sum((e) => e.sub.stats.snapshots) };
    latency.reset();
    lite.reset();
    fromBroker.reset();
    early.clear();
    loop.reset();
    resetAt = performance.now();
  } else if (c.type === 'report') {
    send({
      type: 'report',
      windowMs: performance.now() - resetAt,
      clients: clients.length,
      live: live(),
      ...totals,
      minClientDeltas: clients.length > 0 ? Math.min(...clients.map((e) => e.deltas)) : 0,
      gaps: sum((e) => e.sub.stats.gaps) - base.gaps,
      resyncs: sum((e) => e.sub.stats.snapshots) - base.snapshots,
      latency: latency.toSparse(),
      fromBroker: fromBroker.toSparse(),
      unmatched: [...early.values()].reduce((a, l) => a + l.length, 0),
      loopP99Ms: loop.p99Ms(),
      rssMiB: process.memoryUsage().rss / 2 ** 20,
      lite: lite.report(),
      silence: clients.map((e) => [e.node, Math.max(e.longest, Date.now() - e.last)]),
    });
  } else if (c.type === 'stop') {
    stopping = true;
    for (const e of clients) {
      e.sub.close();
      e.socket.close();
    }
    lite.close();
    send({ type: 'stopped' });
    setTimeout(() => process.exit(0), 100);
  }
});

try {
  // In chunks, each waiting for its handshakes: a thousand at once would measure a connection storm, not the steady state.
  const deadline = Date.now() + job.connectMs;
  for (let i = 0; i < job.count && !stopping; i += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, job.count - i) }, (_, k) => open(job.first + i + k));
    clients.push(...chunk);
    await until(() => chunk.every((e) => e.socket.connected), Math.min(CHUNK_WAIT_MS, deadline - Date.now()));
  }
  for (let i = 0; i < job.lite && !stopping; i += CHUNK) {
    const before = lite.report().live;
    const n = Math.min(CHUNK, job.lite - i);
    for (let k = 0; k < n; k++) lite.open(job.urls[(job.liteFirst + i + k) % job.urls.length]!);
    await until(() => lite.report().live >= before + n, Math.min(CHUNK_WAIT_MS, deadline - Date.now()));
  }
  send({ type: 'ready', live: clients.filter((e) => e.socket.connected).length + lite.report().live });
} catch (err) {
  fail(err);
}
