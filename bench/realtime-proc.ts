/**
 * The realtime bench's processes and what they say to each other over IPC. The parent
 * (bench/realtime.ts) forks, with tsx: server nodes (realtime-node.ts), the simulator
 * (realtime-sim.ts) and client hosts (realtime-clients.ts). Each child answers `report`, resets
 * its counters on `reset`, ends on `stop`, and exits by itself if the parent goes away.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SparseHistogram } from './realtime-stats';

/** A probe sensor's reading as the broker delivered it: [sensor id, its ts, delivery time] (epoch ms). */
export type ProbeItem = [string, number, number];

export type Command =
  | { type: 'reset' }
  | { type: 'report' }
  | { type: 'stop' }
  | { type: 'probe'; items: ProbeItem[] }
  | { type: 'digest' };

export interface NodeJob {
  ingest: boolean;
  console: boolean;
  databaseUrl: string;
  mqttUrl: string;
  redisUrl: string | null;
  /** Prefix of every Redis key and channel: `cityops:{city}:…`. */
  city: string;
  coalesceMs: number;
  env: Record<string, string | undefined>;
  /** The port to serve on (0: any): a node killed mid-run comes back on its own, where its clients reconnect. */
  port: number;
}

export interface NodeReport {
  type: 'report';
  /** Time from the reset to this report, as this process saw it. */
  windowMs: number;
  sockets: number;
  rssMiB: number;
  loopP99Ms: number;
  /** Messages the ingest committed since the reset (0 without an ingest). */
  accepted: number;
  /** Commit published on the bus − reading ts, per reading in the commits (ingest only). */
  commitAge: SparseHistogram;
  /** Room broadcast of a map:sensors delta to this node's clients − each value's ts (see realtime-node.ts). */
  emitAge: SparseHistogram;
  /** Those broadcasts: how many, their total and p99 duration (encode once + write to every socket). */
  broadcasts: number;
  broadcastMs: number;
  broadcastP99Ms: number;
  /** Mean JSON size of a map:sensors delta (every tenth one measured). */
  deltaBytes: number;
  /** Warnings and errors the node logged since it started, by message. */
  warnings: Record<string, number>;
}

export interface ClientsJob {
  urls: string[];
  /** Full clients (socket.io-client + ChannelSubscription): the measured ones. */
  count: number;
  /** Lite clients (bench/realtime-lite.ts): load only, opened after the full ones. */
  lite: number;
  /** Global index of this process's first lite client (for spreading them over the nodes). */
  liteFirst: number;
  /** Global index of this process's first client: client g connects to urls[g mod urls.length]. */
  first: number;
  probeIds: string[];
  /** After this long, the rest of the connections are opened without waiting for their snapshots. */
  connectMs: number;
}

export interface ClientsReport {
  type: 'report';
  /** Time from the reset to this report, as this process saw it (a stalled host sees both at once). */
  windowMs: number;
  clients: number;
  /** Clients holding a snapshot at report time. */
  live: number;
  deltas: number;
  /** Sensor values received in those deltas. */
  values: number;
  minClientDeltas: number;
  gaps: number;
  resyncs: number;
  disconnects: number;
  subscribeErrors: number;
  /** Receive time − the reading's ts. */
  latency: SparseHistogram;
  /** Receive time − when the broker delivered that reading to the probe (probe sensors only). */
  fromBroker: SparseHistogram;
  unmatched: number;
  loopP99Ms: number;
  rssMiB: number;
  /** The lite clients of this host: how many, subscribed, frames and bytes received, disconnects. */
  lite: { clients: number; live: number; frames: number; bytes: number; disconnects: number };
  /**
   * Per measured client: [index of its node in the job's urls, its longest silence in the window in ms] —
   * the longest time between two updates of its map:sensors state (snapshot or delta), the silence still
   * running at report time included.
   */
  silence: [number, number][];
}

/** Per measured client: [its node's index, a digest of its map:sensors state (null: no snapshot)]. */
export interface DigestReport {
  type: 'digest';
  digests: [number, string | null][];
}

export interface SimJob {
  mqttUrl: string;
  rate: number;
  seed: number;
}

export type NodeMessage =
  { type: 'ready'; port: number | null } | NodeReport | { type: 'stopped' } | { type: 'error'; message: string };
export type ClientsMessage =
  | { type: 'ready'; live: number }
  | ClientsReport
  | DigestReport
  | { type: 'stopped' }
  | { type: 'error'; message: string };
export type SimMessage =
  { type: 'ready' } | { type: 'report'; published: number } | { type: 'stopped' } | { type: 'error'; message: string };

type Reply<M, T> = M extends { type: T } ? M : never;

export interface Child<M extends { type: string }> {
  pid: number;
  send(c: Command): void;
  /** The next message of this type; fails on an `error` message, on exit, or after timeoutMs. */
  next<T extends M['type']>(type: T, timeoutMs: number): Promise<Reply<M, T>>;
  /** Asks it to stop, waits up to timeoutMs, then kills it. */
  stop(timeoutMs: number): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..');

export function forkChild<M extends { type: string }>(file: string, job: unknown): Child<M> {
  // Children's stdout goes to our stderr: the table alone is on stdout.
  const child: ChildProcess = fork(path.join(import.meta.dirname, file), [JSON.stringify(job)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const inbox: M[] = [];
  const waiters = new Set<() => void>();
  let failure: string | null = null;
  child.on('message', (m: M) => {
    if (m.type === 'error') failure = (m as unknown as { message: string }).message;
    inbox.push(m);
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      failure ??= `${file} exited (code ${code}, signal ${signal})`;
      for (const w of waiters) w();
      resolve();
    }),
  );
  child.on('error', (err) => (failure ??= err.message));
  const alive = () => child.exitCode === null && child.signalCode === null;

  return {
    pid: child.pid ?? -1,
    send(c) {
      if (alive() && child.connected) child.send(c);
    },
    next(type, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const i = inbox.findIndex((m) => m.type === type);
          const done = (fn: () => void) => {
            waiters.delete(check);
            clearTimeout(timer);
            fn();
          };
          if (i >= 0) done(() => resolve(inbox.splice(i, 1)[0] as Reply<M, typeof type>));
          else if (failure) done(() => reject(new Error(failure!)));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${file}: no "${type}" within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop(timeoutMs) {
      if (!alive()) return;
      this.send({ type: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), timeoutMs)));
      if ((await Promise.race([exited, late])) === 'late' && alive()) {
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    },
  };
}

/** The child's side: its job, a typed send, and the exits that keep a run from leaving orphans. */
export function childSide<J, M extends { type: string }>(limitMs = 15 * 60_000) {
  const job = JSON.parse(process.argv[2] ?? '{}') as J;
  const send = (m: M) => void process.send?.(m);
  process.on('disconnect', () => process.exit(3)); // the parent is gone
  setTimeout(() => process.exit(4), limitMs).unref();
  // Ctrl-C reaches the whole process group: let the parent decide when we stop.
  process.on('SIGINT', () => undefined);
  const fail = (err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } as unknown as M);
    setTimeout(() => process.exit(2), 200);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const onCommand = (fn: (c: Command) => void | Promise<void>) =>
    process.on('message', (c: Command) => {
      Promise.resolve(fn(c)).catch(fail);
    });
  return { job, send, fail, onCommand };
}
