/**
 * The realtime protocol end to end: a real Socket.IO server on the console's code, real
 * socket.io-client connections driving the same ChannelSubscription the browser uses, a real
 * database behind the snapshots and, for scale-out, real Redis between two console nodes.
 */
import assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { ChannelSubscription, type ChannelUpdate } from '../components/realtime/channel-subscription';
import type { ChannelName, KeyedDelta, SensorState } from '../contracts/channels';
import type { IngestBatch, LiveReading } from '../contracts/live';
import type { ChannelDelta, ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime';
import { attachRealtime, type Realtime, type RealtimeOptions } from '../realtime/attach';
import type { Bus } from '../realtime/bus';
import { createMemoryBus } from '../realtime/memory-bus';
import { createRedisBus } from '../realtime/redis-bus';
import { createLogger } from '../runtime/logger';
import type { IngestPipeline } from '../ingest/pipeline';
import { json, pipelineOn, T } from './support/pipeline';
import { redisAvailable, REDIS_URL, skipUnless } from './support/services';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const commit = (readings: LiveReading[], extra: Partial<IngestBatch> = {}): IngestBatch => ({
  kind: 'batch',
  committedAt: Date.now(),
  counts: { telemetry: readings.length },
  readings,
  cameraStatus: [],
  cameraEvents: [],
  devicesChanged: [],
  rejects: 0,
  ...extra,
});

interface Node {
  rt: Realtime;
  http: HttpServer;
  url: string;
}
async function startNode(opts: Omit<RealtimeOptions, 'http' | 'log' | 'timeZone'>, port = 0): Promise<Node> {
  const http = createServer();
  const rt = await attachRealtime({ http, log, timeZone: 'Asia/Ho_Chi_Minh', ...opts });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', () => r()));
  return { rt, http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/live` };
}

/** A client and its subscription, recording every update. */
function watch<C extends ChannelName>(url: string, channel: C, clients: Client[]) {
  const socket: Client = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  clients.push(socket);
  const updates: ChannelUpdate<C>[] = [];
  const sub = new ChannelSubscription(socket, channel, { update: (u) => updates.push(u) });
  return { socket, sub, updates, latest: () => updates.at(-1) };
}

describe(`realtime channels (${BACKEND})`, () => {
  let t: TestDb;
  const bus = createMemoryBus();
  let node: Node;
  let pipeline: IngestPipeline;
  const clients: Client[] = [];
  // A paused socket would hold a graceful close for ws's 30 s timeout: destroyed at the end.
  const slowSockets: { destroy(): void }[] = [];

  before(async () => {
    t = await openTestDb();
    ({ pipeline } = await pipelineOn(t.db));
    // Two sensors in the database before the console starts: the map snapshot must show them.
    pipeline.accept(T('sensor/air-a/meta'), json({ name: 'A', kind: 'air', lon: 106.68, lat: 20.84 }));
    pipeline.accept(T('sensor/air-b/meta'), json({ name: 'B', kind: 'air', lon: 106.69, lat: 20.85 }));
    pipeline.accept(T('sensor/air-a/telemetry'), json({ ts: Date.now() - 5000, values: { pm25: 10 } }));
    await pipeline.flush();
    node = await startNode({ db: t.db, bus, coalesceMs: 50, derivedMinIntervalMs: 300, slowClientPackets: 40 });
  });
  after(async () => {
    for (const s of slowSockets) s.destroy();
    for (const c of clients) c.close();
    await node.rt.close();
    await t.drop();
  });

  test('unknown channels and bad ids are refused with the list of known ones', async () => {
    const c: Client = connect(node.url, { transports: ['websocket'], forceNew: true });
    clients.push(c);
    for (const channel of ['nope', 'sensor:', 'sensor:a/b', 'camera:x:y']) {
      const res = await new Promise<{ ok: boolean; error?: string }>((r) => c.emit('subscribe', { channel }, r));
      assert.equal(res.ok, false, channel);
      assert.match(res.error ?? '', /known: overview, kpi:cases/);
    }
  });

  test('map:sensors: snapshot from the database, then coalesced deltas keep the latest value of every key', async () => {
    const w = watch(node.url, 'map:sensors', clients);
    await waitFor('the snapshot', () => w.updates.length > 0);
    const first = w.latest()!;
    assert.equal(first.via, 'snapshot');
    assert.equal(first.snapshot['air-a']?.values.pm25, 10);
    assert.equal(first.snapshot['air-b']?.name, 'B');

    // 300 commits in a burst, 50 sensors each: many updates per key inside each window.
    const now = Date.now();
    for (let i = 0; i < 300; i++)
      bus.publish(
        commit(
          Array.from({ length: 50 }, (_, k) => ({
            deviceId: `s-${k}`,
            metric: 'pm25',
            value: i * 100 + k,
            timeMs: now + i,
          })),
        ),
      );
    await waitFor('the last values', () => w.latest()?.snapshot['s-49']?.values.pm25 === 299 * 100 + 49);
    const snap = w.latest()!.snapshot as Record<string, SensorState>;
    for (let k = 0; k < 50; k++)
      assert.equal(snap[`s-${k}`]?.values.pm25, 299 * 100 + k, `s-${k} holds its latest value`);
    assert.equal(snap['air-a']?.values.pm25, 10, 'untouched keys stay');
    const deltas = w.updates.filter((u) => u.via === 'delta').length;
    assert.ok(deltas <= 30, `300 commits became ${deltas} deltas`);
    assert.equal(w.sub.stats.gaps, 0);
  });

  test("a known sensor's reading travels as a patch (its value and time), a new sensor whole", async () => {
    const w = watch(node.url, 'map:sensors', clients);
    await waitFor('the snapshot', () => w.updates.length > 0);
    const raw: ChannelDelta[] = [];
    w.socket.on('delta', (d: ChannelDelta) => raw.push(d));
    const at = Date.now();
    bus.publish(
      commit([
        { deviceId: 'air-b', metric: 'no2', value: 7, timeMs: at },
        { deviceId: 'fresh-1', metric: 'pm25', value: 3, timeMs: at },
      ]),
    );
    await waitFor('the delta', () =>
      raw.some((d) => d.channel === 'map:sensors' && JSON.stringify(d.data).includes('fresh-1')),
    );
    const data = raw.find((d) => JSON.stringify(d.data).includes('fresh-1'))!.data as KeyedDelta<SensorState>;
    assert.deepEqual(data.patch?.['air-b'], { values: { no2: 7 }, timeMs: at }, 'only what changed');
    assert.equal(data.set?.['fresh-1']?.values.pm25, 3);
    assert.equal(data.set?.['air-b'], undefined);
    const b = w.latest()!.snapshot['air-b']!;
    assert.equal(b.name, 'B', 'the registration stays');
    assert.equal(b.values.no2, 7);
  });

  // Regression: a sensor whose meta arrived while readings flowed stayed nameless and unplaced, because a
  // reading delta built from the stale cache replaced the registration loaded from the database.
  test('a sensor registered mid-stream gets its name and place on the map and keeps its newest reading', async () => {
    const w = watch(node.url, 'map:sensors', clients);
    await waitFor('the snapshot', () => w.updates.length > 0);
    bus.publish(commit([{ deviceId: 'air-x', metric: 'pm25', value: 1, timeMs: Date.now() }]));
    pipeline.accept(T('sensor/air-x/meta'), json({ name: 'X', kind: 'air', lon: 106.68, lat: 20.84 }));
    await pipeline.flush();
    bus.publish(commit([], { devicesChanged: ['sensor/air-x'], counts: { sensor_meta: 1 } }));
    await sleep(30);
    bus.publish(commit([{ deviceId: 'air-x', metric: 'pm25', value: 2, timeMs: Date.now() }]));
    await waitFor('name, place and the newest value', () => {
      const s = w.latest()?.snapshot['air-x'];
      return s?.name === 'X' && s.lon === 106.68 && s.values.pm25 === 2;
    });
    await sleep(400); // later windows must not undo it
    const s = w.latest()!.snapshot['air-x']!;
    assert.equal(s.name, 'X');
    assert.equal(s.values.pm25, 2);
  });

  test('the overview follows commits, each delta following on from the last', async () => {
    const w = watch(node.url, 'overview', clients);
    await waitFor('the snapshot', () => w.updates.length > 0);
    const seq0 = w.latest()!.seq;
    bus.publish(commit([{ deviceId: 'air-a', metric: 'pm25', value: 11, timeMs: Date.now() }]));
    await waitFor('a delta', () => (w.latest()?.seq ?? 0) > seq0);
    const seqs = w.updates.map((u) => u.seq);
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!, `positions grow: ${seqs}`);
    assert.equal(w.sub.stats.gaps, 0);
  });

  test('a dropped delta is noticed and repaired from a fresh snapshot', async () => {
    const w = watch(node.url, 'events:cameras', clients);
    await waitFor('the snapshot', () => w.updates.length > 0);
    // Drop the next delta on its way to the subscription, as a lossy network or a bug would.
    let dropped = false;
    const realOn = w.socket.listeners('delta');
    w.socket.off('delta');
    w.socket.on('delta', (d: ChannelDelta) => {
      if (d.channel === 'events:cameras' && !dropped) {
        dropped = true;
        return;
      }
      for (const l of realOn) (l as (d: ChannelDelta) => void)(d);
    });
    const ev = (id: string) => ({
      eventId: id,
      cameraId: 'cam-1',
      type: 'red_light',
      severity: 1,
      plate: null,
      timeMs: Date.now(),
    });
    bus.publish(commit([], { cameraEvents: [ev('e-1')] }));
    await sleep(200);
    bus.publish(commit([], { cameraEvents: [ev('e-2')] }));
    await waitFor(
      'the resync',
      () => w.sub.stats.gaps === 1 && w.latest()?.via === 'snapshot' && w.sub.stats.snapshots === 2,
    );
    // The snapshot comes from the server's cache, which has both events.
    const ids = w.latest()!.snapshot.map((e) => e.eventId);
    assert.ok(ids.includes('e-1') && ids.includes('e-2'), JSON.stringify(ids.slice(-3)));
  });

  test('per-device channels: sensor:{id} starts from its history, then streams its readings', async () => {
    const w = watch(node.url, 'sensor:air-a', clients);
    await waitFor('the snapshot', () => w.updates.length > 0);
    assert.deepEqual(
      w.latest()!.snapshot.map((r) => r.value),
      [10],
    );
    bus.publish(commit([{ deviceId: 'air-a', metric: 'pm25', value: 12, timeMs: Date.now() }]));
    await waitFor('the reading', () => w.latest()?.snapshot.at(-1)?.value === 12);
    w.sub.close();
    w.socket.close();
  });

  test('a slow client is dropped at its buffer bound; the others keep receiving', async () => {
    const fast = watch(node.url, 'events:cameras', clients);
    const slow = watch(node.url, 'events:cameras', clients);
    await waitFor('both snapshots', () => fast.updates.length > 0 && slow.updates.length > 0);
    // Stop reading the slow client's socket: the server's buffer for it grows.
    const raw = (
      slow.socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void; destroy(): void } } }
    ).ws?._socket;
    assert.ok(raw, 'websocket transport exposes its TCP socket');
    raw.pause();
    slowSockets.push(raw);
    // A paused client cannot even read the close, so ask the server whether it let go.
    const slowId = slow.socket.id!;
    const dropped = () => !node.rt.io.of('/live').sockets.has(slowId);
    const big = 'x'.repeat(2000);
    const start = fast.updates.length;
    for (let i = 0; i < 400 && !dropped(); i++) {
      bus.publish(
        commit([], {
          cameraEvents: Array.from({ length: 50 }, (_, k) => ({
            eventId: `big-${i}-${k}`,
            cameraId: 'cam-2',
            type: 'congestion',
            severity: 1,
            plate: big,
            timeMs: Date.now(),
          })),
        }),
      );
      await sleep(10);
    }
    await waitFor('the slow client to be dropped', dropped, 20_000);
    assert.ok(fast.updates.length - start > 10, 'the fast client kept getting deltas');
    assert.equal(fast.sub.stats.gaps, 0);
  });

  test('after the server restarts, clients reconnect and resubscribe by themselves', async () => {
    const db = await openTestDb(); // a separate node on its own port, restarted below
    try {
      await pipelineOn(db.db);
      const b2 = createMemoryBus();
      let n = await startNode({ db: db.db, bus: b2, coalesceMs: 50 });
      const port = Number(new URL(n.url).port);
      const w = watch(n.url, 'map:sensors', clients);
      await waitFor('the snapshot', () => w.sub.stats.snapshots === 1);
      await n.rt.close();
      n = await startNode({ db: db.db, bus: b2, coalesceMs: 50 }, port);
      try {
        b2.publish(commit([{ deviceId: 'after-restart', metric: 'pm25', value: 1, timeMs: Date.now() }]));
        await waitFor('a fresh snapshot after the restart', () => w.sub.stats.snapshots >= 2, 20_000);
        b2.publish(commit([{ deviceId: 'after-restart', metric: 'pm25', value: 2, timeMs: Date.now() }]));
        await waitFor('deltas again', () => w.latest()?.snapshot['after-restart']?.values.pm25 === 2);
      } finally {
        await n.rt.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe(
  `two console nodes with Redis (${BACKEND})`,
  { skip: skipUnless(await redisAvailable(), `Redis at ${REDIS_URL}`) },
  () => {
    let t: TestDb;
    const nodes: Node[] = [];
    const buses: Bus[] = [];
    const clients: Client[] = [];
    const city = `rt${process.pid}${Math.random().toString(36).slice(2, 8)}`;

    before(async () => {
      t = await openTestDb();
      await pipelineOn(t.db);
      for (let i = 0; i < 2; i++) {
        const bus = createRedisBus(REDIS_URL, city, log);
        buses.push(bus);
        nodes.push(await startNode({ db: t.db, bus, coalesceMs: 50, redisUrl: REDIS_URL, city }));
      }
    });
    after(async () => {
      for (const c of clients) c.close();
      for (const n of nodes) await n.rt.close();
      for (const b of buses) await b.close();
      await dropLog(city);
      await t.drop();
    });

    test('no node leads: both fold the same log, so clients on both nodes see the same states under the same numbers', async () => {
      const a = watch(nodes[0]!.url, 'map:sensors', clients);
      const b = watch(nodes[1]!.url, 'map:sensors', clients);
      // Both nodes answer at once: their state comes from the database through the log, not from a leader.
      await waitFor('both snapshots', () => a.updates.length > 0 && b.updates.length > 0, 5000);
      const ingest = createRedisBus(REDIS_URL, city, log);
      try {
        for (let i = 1; i <= 20; i++) {
          ingest.publish(commit([{ deviceId: `r-${i % 5}`, metric: 'pm25', value: i, timeMs: Date.now() + i }]));
          await sleep(30);
        }
        const done = (w: typeof a) =>
          Object.values(w.latest()?.snapshot ?? {}).some((s) => s.id === 'r-0' && s.values.pm25 === 20);
        await waitFor('the last commit on both nodes', () => done(a) && done(b));
        await waitFor('both at the same position', () => nodes[0]!.rt.position() === nodes[1]!.rt.position());
        await sleep(200); // the last window flushed on both
        const seen = new Map<number, string>();
        for (const w of [a, b])
          for (const u of w.updates) {
            const state = JSON.stringify(u.snapshot);
            const other = seen.get(u.seq);
            assert.ok(other === undefined || other === state, `seq ${u.seq} means one state`);
            seen.set(u.seq, state);
          }
        assert.equal(a.latest()!.seq, b.latest()!.seq, 'same final position');
        assert.deepEqual(a.latest()!.snapshot, b.latest()!.snapshot, 'same final state');
        assert.equal(a.sub.stats.gaps + b.sub.stats.gaps, 0);
      } finally {
        await ingest.close();
      }
    });
  },
);

/** Removes a test's live log from the shared Redis. */
async function dropLog(city: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  try {
    await r.del(`cityops:${city}:live`);
  } finally {
    r.disconnect();
  }
}
