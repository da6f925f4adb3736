/**
 * One measured run of the realtime bench, from nothing back to nothing: a fresh private Mosquitto,
 * the server processes of the topology, the simulator, the latency probe, the client hosts; then
 * warm-up, the measured window, and everything stopped in reverse order, also after a failure.
 *
 * Topologies: one node running ingest + console with the in-process bus (what `npm start` does in
 * one process), or with Redis an ingest process appending to the live log (a Redis Stream) and 1–3
 * console nodes that each fold it, as production runs them. A run may SIGKILL one console node
 * mid-window and start it again on its port (`kill`), and may end by stopping the traffic and timing
 * how long every measured client takes to hold the database's truth (`converge`).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { haiphong } from '../cities/haiphong';
import { startMosquitto } from '../test/support/services';
import { childPids, startCpu, type CpuShare } from './cpu';
import {
  forkChild,
  type Child,
  type ClientsMessage,
  type ClientsReport,
  type NodeJob,
  type NodeMessage,
  type NodeReport,
  type ProbeItem,
  type SimMessage,
} from './realtime-proc';
import { Histogram } from './realtime-stats';
import { aborted } from './support';

export interface RunSpec {
  scenario: string;
  /** Target msg/s of the simulator. */
  rate: number;
  clients: number;
  consoleNodes: number;
  /** Ingest in its own process, publishing through Redis; console nodes on the Redis adapter. */
  redis: boolean;
  coalesceMs: number;
  /** SIGKILL console node `node` (1-based) `atS` seconds into the window, start it again `downMs` later on its port. */
  kill?: { node: number; atS: number; downMs: number } | undefined;
  /** After the window: stop the traffic and time until every measured client holds the database's truth. */
  converge?: boolean | undefined;
}

export interface RunContext {
  databaseUrl: string;
  /** Brings the database back to the same state before each run. */
  beforeRun: () => Promise<void>;
  dbPids: () => Promise<number[]>;
  redisUrl: string;
  /** City id of Redis keys and channels (unique per bench run). */
  city: string;
  seed: number;
  /** The simulator rate that yields `rate` (see realtime.ts). */
  simRate: (rate: number) => number;
  seconds: number;
  warmupSeconds: number;
  clientProcs: number;
  /** Beyond this many clients in a run, the rest are lite (load-only, bench/realtime-lite.ts). */
  fullClients: number;
  /** Niceness of the client hosts: here they share two cores with the server, which they do not in production. */
  clientNice: number;
  probeIds: string[];
  env: Record<string, string | undefined>;
  /** A digest (bench/realtime-stats.ts stateDigest) of map:sensors as the database holds it now. */
  truthDigest: () => Promise<string>;
  /** How long `converge` waits at most. */
  convergeLimitMs: number;
}

/** What the clients saw across a node's death, and how fast they held the database's truth. */
export interface ClusterFigures {
  /** Longest silence (ms) of each measured client, by the 1-based node it is connected to. */
  silenceByNode: Map<number, number[]>;
  /** The node killed, if one was. */
  killed: number | null;
  /** When the killed node served again, ms after the kill (null: no kill, or it never did). */
  backMs: number | null;
  /** Traffic stopped → every measured client equal to the database (two polls in a row); null: not within the limit. */
  convergeMs: number | null;
  /** The same for the measured clients of the nodes not killed only. */
  convergeOthersMs: number | null;
  /** When it did not converge: how many measured clients still differed at the end. */
  differing: number;
}

export interface RunResult {
  spec: RunSpec;
  seconds: number;
  committedPerS: number;
  publishedPerS: number;
  latency: Histogram;
  fromBroker: Histogram;
  brokerAge: Histogram;
  commitAge: Histogram;
  emitAge: Histogram;
  /** Totals over the client hosts that reported; rates are per client per second. */
  clients: Omit<ClientsReport, 'type' | 'windowMs' | 'latency' | 'fromBroker' | 'deltas' | 'values'> & {
    deltasPerS: number;
    valuesPerS: number;
  };
  nodes: { label: string; report: NodeReport }[];
  cpu: CpuShare;
  /** Client hosts that did not report (saturated): their clients are missing from the client figures. */
  silentHosts: number;
  /** Ingest lag (ts→commit p50) when the window started, if it had not settled under a second. */
  unsettledMs: number | null;
  cluster: ClusterFigures;
}

const CONNECT_MS = 60_000;
export const SETTLE_MS = 15_000;
const SETTLED_MS = 1000;
const ASK_MS = 15_000;

/** Waits `ms`, failing at once if the bench is stopping (Ctrl-C, time limit). */
export async function pause(ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const why = aborted();
    if (why) throw new Error(`stopped (${why})`);
    await new Promise((r) => setTimeout(r, Math.min(100, end - Date.now())));
  }
}

async function ask<M extends { type: string }>(c: Child<M>): Promise<Extract<M, { type: 'report' }>> {
  c.send({ type: 'report' });
  return (await c.next('report', ASK_MS)) as Extract<M, { type: 'report' }>;
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone already */
  }
}

/** Processes of any owner with this command name (the shared Redis server, for CPU accounting only). */
function pidsNamed(comm: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === comm;
      } catch {
        return false;
      }
    });
}

/** Subscribes to a few sensors' telemetry: when the broker delivers each reading, relative to its ts. */
async function startProbe(url: string, ids: readonly string[], forward: (items: ProbeItem[]) => void) {
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clean: true,
    clientId: `bench-rt-probe-${process.pid}`,
    reconnectPeriod: 0,
  });
  await client.subscribeAsync(
    ids.map((id) => `city/${haiphong.id}/sensor/${id}/telemetry`),
    { qos: 0 },
  );
  const age = new Histogram();
  let batch: ProbeItem[] = [];
  client.on('message', (topic, payload) => {
    const now = Date.now();
    let ts = NaN;
    try {
      ts = Date.parse(String((JSON.parse(payload.toString()) as { ts?: unknown }).ts));
    } catch {
      /* not the simulator's JSON: not a probe reading */
    }
    if (!Number.isFinite(ts)) return;
    age.add(now - ts);
    batch.push([topic.split('/')[3] ?? '', ts, now]);
  });
  const timer = setInterval(() => {
    if (batch.length === 0) return;
    forward(batch);
    batch = [];
  }, 20);
  return {
    age,
    async stop() {
      clearInterval(timer);
      await client.endAsync(true);
    },
  };
}

async function bounded(what: string, p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const t0 = Date.now();
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)));
  const outcome = await Promise.race([
    p.then(
      () => 'ok',
      (err: unknown) => `failed: ${String(err)}`,
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome !== 'ok')
    console.error(
      `bench: stopping ${what}: ${outcome === 'late' ? `still running after ${ms / 1000} s, going on` : outcome}`,
    );
  else if (Date.now() - t0 > 3000)
    console.error(`bench: stopping ${what} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Stops the traffic, then polls (every 200 ms) the database's map:sensors and every measured client's
 * state: converged at the first poll of two in a row where all are equal (the ingest still commits
 * what the broker held when the simulator stopped, so the truth moves for a moment).
 */
async function converge(
  ctx: RunContext,
  sim: Child<SimMessage>,
  hosts: Child<ClientsMessage>[],
  killed: number | null,
): Promise<{ convergeMs: number | null; convergeOthersMs: number | null; differing: number }> {
  await sim.stop(10_000);
  const stoppedAt = Date.now();
  // Equal since when: every measured client, and those of the nodes not killed.
  const since = { all: null as number | null, others: null as number | null };
  const at = { all: null as number | null, others: null as number | null };
  let differing = 0;
  while (Date.now() - stoppedAt < ctx.convergeLimitMs && at.all === null) {
    const truth = await ctx.truthDigest();
    const answers = await Promise.allSettled(
      hosts.map(async (h) => {
        h.send({ type: 'digest' });
        return (await h.next('digest', ASK_MS)).digests;
      }),
    );
    const digests = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
    const silent = answers.filter((a) => a.status === 'rejected').length;
    differing = digests.filter(([, d]) => d !== truth).length + silent;
    const othersDiffer = digests.filter(([node, d]) => node + 1 !== killed && d !== truth).length + silent;
    const now = Date.now();
    for (const [k, equal] of [
      ['all', differing === 0],
      ['others', othersDiffer === 0],
    ] as const) {
      if (at[k] !== null) continue;
      if (!equal) since[k] = null;
      else if (since[k] === null) since[k] = now;
      else if (now - since[k]! >= 200) at[k] = since[k]! - stoppedAt;
    }
    if (at.all === null) await pause(200);
  }
  return { convergeMs: at.all, convergeOthersMs: at.others, differing: at.all === null ? differing : 0 };
}

export async function runOnce(spec: RunSpec, ctx: RunContext): Promise<RunResult> {
  const stops: { what: string; stop: () => Promise<unknown> }[] = [];
  try {
    await ctx.beforeRun();
    const broker = await startMosquitto();
    // Its config dir, read now: startMosquitto's stop() waits for an exit that already happened when Ctrl-C
    // reached the broker first, and never gets to removing the dir.
    const dirs = childPids('mosquitto').map((pid) =>
      path.dirname(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[2] ?? ''),
    );
    stops.push({
      what: 'mosquitto',
      stop: async () => {
        await bounded('mosquitto', broker.stop(), 5000);
        for (const pid of childPids('mosquitto')) kill(pid);
        for (const dir of dirs)
          if (path.basename(dir).startsWith('cityops-mosq-')) rmSync(dir, { recursive: true, force: true });
      },
    });
    const servers: { label: string; child: Child<NodeMessage>; port: number | null }[] = [];
    const startServer = async (label: string, ingest: boolean, console: boolean, port = 0) => {
      const job: NodeJob = {
        ingest,
        console,
        databaseUrl: ctx.databaseUrl,
        mqttUrl: broker.url,
        redisUrl: spec.redis ? ctx.redisUrl : null,
        city: ctx.city,
        coalesceMs: spec.coalesceMs,
        env: ctx.env,
        port,
      };
      const child = forkChild<NodeMessage>('realtime-node.ts', job);
      stops.push({ what: label, stop: () => child.stop(20_000) });
      const one = { label, child, port: (await child.next('ready', 60_000)).port };
      const i = servers.findIndex((s) => s.label === label);
      if (i >= 0)
        servers[i] = one; // a restart takes its predecessor's place
      else servers.push(one);
      return one;
    };
    if (spec.redis) {
      await startServer('ingest', true, false);
      for (let i = 1; i <= spec.consoleNodes; i++) await startServer(`node ${i}`, false, true);
    } else await startServer('node', true, true);
    const urls = servers.filter((s) => s.port !== null).map((s) => `http://127.0.0.1:${s.port}/live`);

    // Clients connect before the simulator starts: a connection storm then leaves no backlog in the broker.
    const hosts: Child<ClientsMessage>[] = [];
    const procs = Math.min(ctx.clientProcs, spec.clients);
    const full = Math.min(spec.clients, ctx.fullClients);
    const part = (n: number, p: number) => Math.floor(n / procs) + (p < n % procs ? 1 : 0);
    stops.push({ what: 'client hosts', stop: () => Promise.all(hosts.map((h) => h.stop(10_000))) });
    for (let p = 0, first = 0, liteFirst = full; p < procs; p++) {
      const count = part(full, p);
      const lite = part(spec.clients - full, p);
      const h = forkChild<ClientsMessage>('realtime-clients.ts', {
        urls,
        count,
        first,
        lite,
        liteFirst,
        probeIds: ctx.probeIds,
        connectMs: CONNECT_MS,
      });
      hosts.push(h);
      if (ctx.clientNice > 0) os.setPriority(h.pid, ctx.clientNice);
      first += count;
      liteFirst += lite;
    }
    await Promise.all(hosts.map((h) => h.next('ready', CONNECT_MS + 30_000)));

    const probe = await startProbe(broker.url, ctx.probeIds, (items) =>
      hosts.forEach((h) => h.send({ type: 'probe', items })),
    );
    stops.push({ what: 'probe', stop: probe.stop });
    const sim = forkChild<SimMessage>('realtime-sim.ts', {
      mqttUrl: broker.url,
      rate: ctx.simRate(spec.rate),
      seed: ctx.seed,
    });
    stops.push({ what: 'simulator', stop: () => sim.stop(10_000) });
    await sim.next('ready', 60_000);
    await pause(ctx.warmupSeconds * 1000);
    // Measure the steady state: wait (bounded) until the ingest commits readings less than SETTLED_MS after their ts.
    const ingest = servers.find((s) => s.label === 'ingest' || s.label === 'node')!.child;
    let lag: number | null = null;
    for (const end = Date.now() + SETTLE_MS; Date.now() < end;) {
      ingest.send({ type: 'reset' });
      await pause(1000);
      lag = new Histogram().merge((await ask(ingest)).commitAge).percentile(50);
      if (lag !== null && lag < SETTLED_MS) break;
    }

    // The measured window.
    for (const c of [...servers.map((s) => s.child), ...hosts]) c.send({ type: 'reset' });
    probe.age.reset();
    const published0 = (await ask(sim)).published;
    const cpu = await startCpu(async () => ({
      ...Object.fromEntries(servers.map((s) => [s.label, [s.child.pid]])),
      clients: hosts.map((h) => h.pid),
      sim: [sim.pid],
      mosquitto: childPids('mosquitto'),
      postgres: await ctx.dbPids(),
      ...(spec.redis ? { redis: pidsNamed('redis-server') } : {}),
    }));
    const t0 = performance.now();
    // The kill: SIGKILL (no parting step), then the same node again on its port, where its clients reconnect.
    let backMs: number | null = null;
    const killing = (async () => {
      if (!spec.kill) return;
      await pause(spec.kill.atS * 1000);
      const victim = servers.find((s) => s.label === `node ${spec.kill!.node}`);
      if (!victim || victim.port === null) throw new Error(`no console node ${spec.kill.node} to kill`);
      const killedAt = Date.now();
      kill(victim.child.pid);
      await victim.child.next('stopped', 10_000).catch(() => undefined); // fails at once: it exited
      await pause(spec.kill.downMs);
      const again = await startServer(victim.label, false, true, victim.port);
      again.child.send({ type: 'reset' });
      backMs = Date.now() - killedAt;
    })();
    await pause(ctx.seconds * 1000);
    await killing;
    const asked = Promise.all([
      Promise.all(servers.map((s) => ask(s.child))),
      Promise.allSettled(hosts.map((h) => ask(h))),
      ask(sim),
    ]);
    asked.catch(() => undefined); // awaited below, after the CPU meter stops: not unhandled meanwhile
    const seconds = (performance.now() - t0) / 1000;
    const share = await cpu.stop();
    // A saturated client host may answer late, or take reset and report together: its figures are left
    // out (and counted), and the run still reports the server side.
    const [nodeReports, answers, simEnd] = await asked;
    const clientReports = answers.flatMap((a) =>
      a.status === 'fulfilled' && a.value.windowMs > seconds * 500 ? [a.value] : [],
    );

    const latency = new Histogram();
    const fromBroker = new Histogram();
    const commitAge = new Histogram();
    const emitAge = new Histogram();
    for (const r of clientReports) {
      latency.merge(r.latency);
      fromBroker.merge(r.fromBroker);
    }
    for (const r of nodeReports) {
      commitAge.merge(r.commitAge);
      emitAge.merge(r.emitAge);
    }
    const total = (f: (r: ClientsReport) => number) => clientReports.reduce((a, r) => a + f(r), 0);
    const perClientS = (f: (r: ClientsReport) => number) =>
      total((r) => f(r) / (r.windowMs / 1000)) /
      Math.max(
        1,
        total((r) => r.clients),
      );
    // Silence per measured client, by the node it is connected to (urls are the console nodes in order).
    const silenceByNode = new Map<number, number[]>();
    for (const r of clientReports)
      for (const [node, ms] of r.silence) silenceByNode.set(node + 1, [...(silenceByNode.get(node + 1) ?? []), ms]);
    const converged = spec.converge
      ? await converge(ctx, sim, hosts, spec.kill?.node ?? null)
      : { convergeMs: null, convergeOthersMs: null, differing: 0 };
    return {
      spec,
      seconds,
      committedPerS: nodeReports.reduce((a, r) => a + r.accepted / (r.windowMs / 1000), 0),
      publishedPerS: (simEnd.published - published0) / seconds,
      latency,
      fromBroker,
      brokerAge: probe.age,
      commitAge,
      emitAge,
      clients: {
        clients: total((r) => r.clients),
        live: total((r) => r.live),
        deltasPerS: perClientS((r) => r.deltas),
        valuesPerS: perClientS((r) => r.values),
        minClientDeltas: clientReports.length > 0 ? Math.min(...clientReports.map((r) => r.minClientDeltas)) : 0,
        gaps: total((r) => r.gaps),
        resyncs: total((r) => r.resyncs),
        disconnects: total((r) => r.disconnects),
        subscribeErrors: total((r) => r.subscribeErrors),
        unmatched: total((r) => r.unmatched),
        loopP99Ms: Math.max(0, ...clientReports.map((r) => r.loopP99Ms)),
        rssMiB: total((r) => r.rssMiB),
        silence: clientReports.flatMap((r) => r.silence),
        lite: {
          clients: total((r) => r.lite.clients),
          live: total((r) => r.lite.live),
          frames: total((r) => r.lite.frames),
          bytes: total((r) => r.lite.bytes),
          disconnects: total((r) => r.lite.disconnects),
        },
      },
      silentHosts: hosts.length - clientReports.length,
      nodes: servers.map((s, i) => ({ label: s.label, report: nodeReports[i]! })),
      cpu: share,
      unsettledMs: lag !== null && lag < SETTLED_MS ? null : lag,
      cluster: { silenceByNode, killed: spec.kill?.node ?? null, backMs, ...converged },
    };
  } finally {
    // Clients first, then the simulator, then the servers (the ingest commits what it holds), then the broker.
    for (const { what, stop } of stops.reverse()) await bounded(what, stop(), 30_000);
  }
}
