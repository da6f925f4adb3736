/**
 * The live layer across console nodes, with things killed (docs/realtime-protocol.md, "Across
 * processes"): three console nodes, one ingest worker on a private Mosquitto with the alarm
 * evaluator beside it (as the ingest process runs it), a private Redis, a fresh database. While
 * readings, camera statuses, camera events, new devices' registrations and alarms (raised by the
 * evaluator from accident events, cleared by an operator) flow, one node is SIGKILLed and
 * restarted, another SIGKILLed for good, and Redis restarted — at moments drawn from a seeded
 * generator (the seed is logged). Afterwards:
 *   - every surviving client's state equals a fresh computation from the database (the product's
 *     own snapshot queries), within 15 s of the traffic's end: the shared device channels, the
 *     open alarms, and a sensor's and a camera's own feed (`sensor:{id}`, `camera:{id}`);
 *   - the same (channel, seq) meant one state everywhere, on every node, all along — for the
 *     shared channels (the per-device feeds are numbered per node: docs/realtime-protocol.md);
 *   - a node started, and a node restarted, over the database with history and no traffic serve
 *     their snapshots at once.
 * Figures (longest silence per client, time to converge, time to a first snapshot) are logged as
 * test diagnostics, not asserted: bounds belong in `npm run bench:realtime`.
 *
 * PostgreSQL: the nodes are child processes (test/support/live-node.ts) and die by SIGKILL. PGlite
 * cannot be shared between processes, so there the nodes run in this process and "die" by closing
 * everything at once, with no parting step a real crash would skip.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import { io as connect, type Socket } from 'socket.io-client';
import { startAlarmEvaluator, type RunningEvaluator } from '../alarms/run-evaluator';
import { ChannelSubscription } from '../components/realtime/channel-subscription';
import { alarmRuleSchema } from '../contracts/alarm-rules';
import { feedUnion, type AlarmList, type ChannelName } from '../contracts/channels';
import { alarmsChanged } from '../contracts/live';
import { clearAlarm, openAlarms } from '../db/alarms';
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime';
import {
  loadCameraActivity,
  loadCameraEvents,
  loadCameras,
  loadSensorReadings,
  loadSensors,
  queryAlarms,
} from '../db/live';
import { wardAt } from '../geo/wards';
import { startIngestWorker, type IngestWorker } from '../ingest/worker';
import { attachRealtime, type Realtime } from '../realtime/attach';
import type { Bus } from '../realtime/bus';
import { createRedisBus } from '../realtime/redis-bus';
import { createLogger } from '../runtime/logger';
import { city, pipelineOn, wards } from './support/pipeline';
import { redisServerAvailable, startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { mosquittoAvailable, skipUnless, startMosquitto, type PrivateMosquitto } from './support/services';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The channels every node numbers alike (the log's positions): one state per (channel, seq) across nodes. */
const SHARED = ['map:sensors', 'map:cameras', 'events:cameras', 'alarms'] as const satisfies readonly ChannelName[];
/** Per-device feeds: loaded by each node when first watched, then fed by the log (numbered per node). */
const PER_DEVICE = ['sensor:s-0', 'camera:c-0'] as const satisfies readonly ChannelName[];
const CHANNELS = [...SHARED, ...PER_DEVICE];
/** Events of this type raise an alarm (the rule below), which an operator then clears. */
const ALARM_RULES = [
  alarmRuleSchema.parse({
    id: 'accident',
    name: { vi: 'Tai nạn', en: 'Accident' },
    severity: 3,
    kind: 'camera_event',
    types: ['accident'],
    autoClearMinutes: 30,
  }),
];
const CONVERGE_MS = 15_000;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

interface LiveNode {
  name: string;
  url: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

/** What one client saw: its channels' states, every update's time, and every (channel, seq) → state. */
interface Watcher {
  node: string;
  socket: Client;
  state: Map<string, { seq: number; snapshot: unknown }>;
  times: number[];
  gaps: number;
}

describe(
  `live layer across three console nodes, things killed (${BACKEND})`,
  {
    skip: skipUnless(mosquittoAvailable(), 'mosquitto') || skipUnless(redisServerAvailable(), 'redis-server'),
  },
  () => {
    let t: TestDb;
    let redis: PrivateRedis;
    let mosq: PrivateMosquitto;
    let worker: IngestWorker;
    let evaluator: RunningEvaluator;
    let ingestBus: Bus;
    const nodes: LiveNode[] = [];
    const watchers: Watcher[] = [];
    const inProcess: { rt: Realtime; http: HttpServer; bus: Bus }[] = [];
    const children: ChildProcess[] = [];
    const cityKey = `cl${process.pid}${Math.random().toString(36).slice(2, 7)}`;
    /** (channel, seq) → the state's JSON, across every client of every node. */
    const meanings = new Map<string, string>();
    const conflicts: string[] = [];

    async function startNode(name: string, port = 0): Promise<LiveNode> {
      if (BACKEND === 'postgres') {
        const spawnOne = async (p: number) => {
          const child = fork(path.resolve(import.meta.dirname, 'support/live-node.ts'), [], {
            execArgv: ['--import', 'tsx'],
            stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            env: { ...process.env, DATABASE_URL: t.url!, REDIS_URL: redis.url, CITY: cityKey, PORT: String(p) },
          });
          children.push(child);
          const got = await new Promise<number>((resolve, reject) => {
            child.once('message', (m) => resolve((m as { port: number }).port));
            child.once('exit', (code) => reject(new Error(`node ${name} exited with ${code} before serving`)));
          });
          return { child, port: got };
        };
        let cur = await spawnOne(port);
        const fixedPort = cur.port;
        return {
          name,
          url: `http://127.0.0.1:${fixedPort}/live`,
          async kill() {
            const exited = new Promise((r) => cur.child.once('exit', r));
            cur.child.kill('SIGKILL');
            await exited;
          },
          async restart() {
            cur = await spawnOne(fixedPort);
          },
        };
      }
      const spawnOne = async (p: number) => {
        const http = createServer();
        const bus = createRedisBus(redis.url, cityKey, log);
        const rt = await attachRealtime({
          http,
          db: t.db,
          bus,
          log,
          timeZone: city.timeZone,
          coalesceMs: 50,
          redisUrl: redis.url,
          city: cityKey,
          derivedMinIntervalMs: 300,
        });
        await new Promise<void>((r) => http.listen(p, '127.0.0.1', () => r()));
        const one = { rt, http, bus };
        inProcess.push(one);
        return one;
      };
      let cur = await spawnOne(port);
      const fixedPort = (cur.http.address() as AddressInfo).port;
      return {
        name,
        url: `http://127.0.0.1:${fixedPort}/live`,
        async kill() {
          inProcess.splice(inProcess.indexOf(cur), 1);
          cur.http.closeAllConnections();
          await Promise.allSettled([cur.rt.close(), cur.bus.close()]);
        },
        async restart() {
          cur = await spawnOne(fixedPort);
        },
      };
    }

    function watch(node: LiveNode): Watcher {
      const socket: Client = connect(node.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 300,
      });
      const w: Watcher = { node: node.name, socket, state: new Map(), times: [], gaps: 0 };
      for (const channel of CHANNELS) {
        const sub = new ChannelSubscription(socket, channel, {
          update: (u) => {
            w.times.push(Date.now());
            w.state.set(channel, { seq: u.seq, snapshot: u.snapshot });
            if (!(SHARED as readonly string[]).includes(channel)) return;
            const key = `${channel}@${u.seq}`;
            const json = canonical(u.snapshot);
            const was = meanings.get(key);
            if (was !== undefined && was !== json && conflicts.length < 5)
              conflicts.push(`${key} on ${node.name}: ${firstDifference(u.snapshot, JSON.parse(was))}`);
            meanings.set(key, json);
          },
        });
        socket.on('disconnect', () => void sub);
      }
      watchers.push(w);
      return w;
    }

    /** Where this watcher's channels differ from the database's truth now ('' when they agree). */
    async function differs(w: Watcher): Promise<string> {
      const truth: Record<string, unknown> = {
        'map:sensors': await loadSensors(t.db),
        'map:cameras': await loadCameras(t.db),
        'events:cameras': await loadCameraEvents(t.db, 200),
        // The open alarms; `generatedAt` is when a node computed them, not part of the truth.
        alarms: (await queryAlarms(t.db)).active,
        // In the feed's order (time, then item): the database returns the readings of one instant in no set order.
        'sensor:s-0': feedUnion([], await loadSensorReadings(t.db, 's-0', 360), 360),
        'camera:c-0': feedUnion([], await loadCameraActivity(t.db, 'c-0', 100), 100),
      };
      for (const channel of CHANNELS) {
        const got = w.state.has(channel) ? view(channel, w.state.get(channel)!.snapshot) : undefined;
        try {
          assert.deepEqual(got, truth[channel]);
        } catch {
          return `${channel}: ${firstDifference(got, truth[channel])}`;
        }
      }
      return '';
    }

    before(async () => {
      t = await openTestDb();
      const { pipeline } = await pipelineOn(t.db);
      // History before any node starts: a restarted node must serve it with no traffic at all.
      const t0 = Date.now() - 60_000;
      for (let i = 0; i < 10; i++) {
        pipeline.accept(
          `city/haiphong/sensor/s-${i}/meta`,
          Buffer.from(JSON.stringify({ name: `S${i}`, kind: 'air', lon: 106.68 + i / 1000, lat: 20.84 })),
        );
        pipeline.accept(
          `city/haiphong/sensor/s-${i}/telemetry`,
          Buffer.from(JSON.stringify({ ts: t0 + i, values: { pm25: i, no2: i } })),
        );
      }
      for (let i = 0; i < 5; i++) {
        pipeline.accept(
          `city/haiphong/camera/c-${i}/meta`,
          Buffer.from(JSON.stringify({ name: `C${i}`, lon: 106.69, lat: 20.85 + i / 1000 })),
        );
        pipeline.accept(
          `city/haiphong/camera/c-${i}/status`,
          Buffer.from(JSON.stringify({ ts: t0 + i, online: true })),
        );
      }
      await pipeline.flush();
      await pipeline.stop();
      redis = await startPrivateRedis();
      mosq = await startMosquitto();
      ingestBus = createRedisBus(redis.url, cityKey, log);
      worker = await startIngestWorker({
        db: t.db,
        city,
        log,
        publish: (c) => ingestBus.publish(c),
        place: (lon, lat) => wardAt(wards, lon, lat)?.code ?? null,
        defaultMetrics: false,
        mqtt: { url: mosq.url, clientId: `cluster-${cityKey}`, shareGroup: 'ingest' },
        batchSize: 200,
        flushMs: 20,
        maxPending: 2000,
      });
      // The ingest process runs the evaluator and tells the consoles when alarms moved (runtime/cityops.ts).
      evaluator = startAlarmEvaluator(t.db, ALARM_RULES, log, 200, (n) => ingestBus.publish(alarmsChanged(n)));
      for (const name of ['A', 'B', 'C']) nodes.push(await startNode(name));
    });

    after(async () => {
      for (const w of watchers) w.socket.close();
      for (const n of inProcess) await Promise.allSettled([n.rt.close(), n.bus.close()]);
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await evaluator?.stop();
      await worker?.stop();
      await ingestBus?.close();
      await mosq?.stop();
      await redis?.stop();
      await t?.drop();
    });

    test('kill a node (and restart it), kill another, restart Redis, while everything flows: survivors converge to the database, one state per (channel, seq)', async (ctx) => {
      const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 100_000);
      ctx.diagnostic(`seed ${seed} (CLUSTER_SEED=${seed} replays the same moments)`);
      const rand = prng(seed);
      for (const n of nodes) watch(n);
      await waitFor(
        'every client has its snapshots',
        () => watchers.every((w) => w.state.size === CHANNELS.length),
        10_000,
      );

      const device = await mqtt.connectAsync(mosq.url, { protocolVersion: 5 });
      const killAAt = 1000 + rand() * 1500;
      const killBAt = 3500 + rand() * 1500;
      const redisAt = 6000 + rand() * 500;
      const trafficMs = 8000;
      ctx.diagnostic(
        `A killed at ${Math.round(killAAt)} ms and restarted 1 s later, B killed at ${Math.round(killBAt)} ms, Redis restarted at ${Math.round(redisAt)} ms, traffic for ${trafficMs} ms`,
      );
      const start = Date.now();
      const happenings = (async () => {
        await sleep(killAAt);
        await nodes[0]!.kill();
        await sleep(1000);
        await nodes[0]!.restart();
        await sleep(killBAt - (Date.now() - start));
        await nodes[1]!.kill();
        await sleep(redisAt - (Date.now() - start));
        await redis.restart(500);
      })();
      let i = 0;
      const base = Date.now();
      while (Date.now() - start < trafficMs) {
        const ts = base + i;
        const pubs = [
          device.publishAsync(
            `city/haiphong/sensor/s-${i % 10}/telemetry`,
            JSON.stringify({ ts, values: { pm25: 1000 + i } }),
            { qos: 1 },
          ),
        ];
        if (i % 4 === 0)
          pubs.push(
            device.publishAsync(`city/haiphong/camera/c-${i % 5}/status`, JSON.stringify({ ts, online: i % 8 === 0 }), {
              qos: 1,
            }),
          );
        // Every fifth event an accident: the evaluator raises an alarm for it.
        if (i % 3 === 0)
          pubs.push(
            device.publishAsync(
              `city/haiphong/camera/c-${i % 5}/event`,
              JSON.stringify({
                id: `ev-${i}`,
                ts,
                type: i % 15 === 0 ? 'accident' : 'congestion',
                severity: i % 15 === 0 ? 3 : 1,
              }),
              { qos: 1 },
            ),
          );
        // New devices: a registration, then readings.
        if (i % 40 === 0)
          pubs.push(
            device.publishAsync(
              `city/haiphong/sensor/n-${i}/meta`,
              JSON.stringify({ name: `N${i}`, kind: 'water', lon: 106.7, lat: 20.86 }),
              { qos: 1 },
            ),
          );
        if (i % 40 === 5)
          pubs.push(
            device.publishAsync(
              `city/haiphong/sensor/n-${i - 5}/telemetry`,
              JSON.stringify({ ts, values: { level: i } }),
              { qos: 1 },
            ),
          );
        await Promise.all(pubs);
        // An operator clears the oldest open alarm now and then, as POST /api/alarms/{id} does (then tells the consoles).
        if (i % 50 === 25) {
          const open = await openAlarms(t.db);
          if (open[0] && (await clearAlarm(t.db, open[0].alarmId, 'operator'))) ingestBus.publish(alarmsChanged(1));
        }
        i++;
        await sleep(20);
      }
      await happenings;
      await device.endAsync();
      const trafficEnd = Date.now();
      ctx.diagnostic(
        `${i} rounds published (readings, ${Math.ceil(i / 4)} statuses, ${Math.ceil(i / 3)} events of which ${Math.ceil(i / 15)} accidents, ${Math.ceil(i / 40)} new sensors)`,
      );

      // Every message is in the database, and every accident has had its alarm, before the truth is computed from it.
      await waitFor(
        'the ingest to have stored everything',
        async () =>
          (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM camera_events`)).rows[0]!.n ===
          Math.ceil(i / 3),
        20_000,
      );
      await waitFor(
        "the evaluator to have raised every accident's alarm",
        async () =>
          (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarms`)).rows[0]!.n === Math.ceil(i / 15),
        20_000,
      );
      const alarms = await t.db.query<{ open: number; cleared: number }>(
        `SELECT count(*) FILTER (WHERE state <> 'cleared')::int AS open, count(*) FILTER (WHERE state = 'cleared')::int AS cleared FROM alarms`,
      );
      ctx.diagnostic(
        `alarms: ${alarms.rows[0]!.open} open, ${alarms.rows[0]!.cleared} cleared by the operator during the run`,
      );
      assert.ok(alarms.rows[0]!.open > 0, 'alarms are open at the end (the alarms channel has something to agree on)');
      const survivors = watchers.filter((w) => w.node !== 'B');
      for (const w of survivors) {
        const until = Date.now() + CONVERGE_MS;
        let diff = await differs(w);
        while (diff && Date.now() < until) {
          await sleep(100);
          diff = await differs(w);
        }
        assert.equal(
          diff,
          '',
          `the client on ${w.node} holds the database's truth in every channel within ${CONVERGE_MS} ms (differs in ${diff})`,
        );
        ctx.diagnostic(`client on ${w.node}: converged ${Date.now() - trafficEnd} ms after the traffic ended`);
      }
      for (const w of watchers) {
        const during = w.times.filter((x) => x >= start && x <= trafficEnd);
        let longest = 0;
        for (let k = 1; k < during.length; k++) longest = Math.max(longest, during[k]! - during[k - 1]!);
        ctx.diagnostic(`client on ${w.node}: longest silence during the run ${longest} ms (${during.length} updates)`);
      }
      assert.deepEqual(conflicts, [], 'no (channel, seq) meant two states');
    });

    test('a node started, and a node restarted, over a database with history and no traffic serve every channel at once, the same as the others', async (ctx) => {
      const t0 = Date.now();
      const fresh = await startNode('D');
      nodes.push(fresh);
      const w = watch(fresh);
      await waitFor("the fresh node's snapshots", () => w.state.size === CHANNELS.length, 5000);
      ctx.diagnostic(`start to every snapshot: ${Date.now() - t0} ms`);
      assert.equal(await differs(w), '', "the database's truth");
      const c = watchers.find((x) => x.node === 'C')!;
      // D's read changed nothing on C (no traffic): C's clients keep their position, with the same state.
      for (const channel of CHANNELS)
        assert.deepEqual(
          view(channel, c.state.get(channel)!.snapshot),
          view(channel, w.state.get(channel)!.snapshot),
          `${channel}: the same state as a node that lived through it all`,
        );

      // A restart proper: the node killed (SIGKILL on PostgreSQL), started again on its port, still no traffic.
      const a = nodes[0]!;
      await a.kill();
      const t1 = Date.now();
      await a.restart();
      const again = watch(a);
      await waitFor("the restarted node's snapshots", () => again.state.size === CHANNELS.length, 5000);
      ctx.diagnostic(`restart to every snapshot: ${Date.now() - t1} ms`);
      assert.equal(await differs(again), '', "the restarted node serves the database's truth");
      assert.deepEqual(conflicts, [], 'no (channel, seq) meant two states');
    });
  },
);

/** What a channel's state says about the city: the alarms' `generatedAt` is when some node computed them. */
function view(channel: string, snapshot: unknown): unknown {
  return channel === 'alarms' ? (snapshot as AlarmList).active : snapshot;
}

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The first key at which a client's snapshot and the database's truth part, for the failure message. */
function firstDifference(got: unknown, want: unknown): string {
  if (Array.isArray(got) && Array.isArray(want)) {
    const k = got.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(want[i]));
    return `${got.length} vs ${want.length} items; first difference at ${k}: ${JSON.stringify(got[k])} vs ${JSON.stringify(want[k])}`;
  }
  const g = (got ?? {}) as Record<string, unknown>;
  const w = (want ?? {}) as Record<string, unknown>;
  for (const id of new Set([...Object.keys(g), ...Object.keys(w)]))
    if (JSON.stringify(g[id]) !== JSON.stringify(w[id]))
      return `${id}: ${JSON.stringify(g[id])} vs ${JSON.stringify(w[id])}`;
  return 'key order only';
}

/** JSON with object keys sorted: two equal states, whatever order their keys were added in, read the same. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}
