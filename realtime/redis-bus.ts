import { Redis } from 'ioredis';
import { changeLogger, type Logger } from '../contracts/logger';
import type { Bus, BusListener, LogRecord, TailHandlers } from './bus';
import { parseLiveEntry, type LiveEntry } from './live-entry';

/**
 * The live log as a Redis Stream, `cityops:{city}:live`: XADD after each commit, every console node
 * XREAD BLOCKs from the last id it folded. Redis orders the entries and gives them their ids, so every
 * node folds the same entries in the same order under the same positions; no node is special.
 *
 * Bounded: `MAXLEN ~ maxLen` (the log is for catching up after a blip; a reader further behind, or
 * one whose Redis restarted, is told to `reset` and reloads from the database), and at most
 * `maxQueued` entries wait here while Redis is away — beyond that the oldest are dropped and a `lost`
 * entry tells every node to reload once Redis is back.
 */
export interface RedisBusOptions {
  maxLen?: number;
  maxQueued?: number;
  /** Entries per XREAD. */
  readCount?: number;
}

const KEY_FIELD = 'e';
/** Positions are numbers (the protocol's `seq`): ms since 2024 × 4096 + the id's sequence part, exact up to the year 2093. */
const EPOCH_MS = Date.UTC(2024, 0, 1);
const PER_MS = 4096;

export function positionOf(id: string): number {
  const dash = id.indexOf('-');
  const ms = Number(id.slice(0, dash));
  const n = Number(id.slice(dash + 1));
  if (ms === 0 && n === 0) return 0;
  // Redis cannot add 4 096 entries in one millisecond; an id past that (or before 2024) is not ours to number.
  if (!Number.isSafeInteger(ms) || ms < EPOCH_MS || !Number.isInteger(n) || n >= PER_MS)
    throw new Error(`stream id out of the position range: ${id}`);
  return (ms - EPOCH_MS) * PER_MS + n;
}
export function idOf(pos: number): string {
  if (pos <= 0) return '0-0';
  return `${Math.floor(pos / PER_MS) + EPOCH_MS}-${pos % PER_MS}`;
}

export function createRedisBus(url: string, city: string, log: Logger, opts: RedisBusOptions = {}): Bus {
  const key = `cityops:${city}:live`;
  const maxLen = opts.maxLen ?? 2000;
  const maxQueued = opts.maxQueued ?? 10_000;
  const readCount = opts.readCount ?? 500;
  // Appends retry here, in order, rather than in ioredis's unbounded offline queue.
  const pub = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const pubErrors = changeLogger(log, 'redis live log error');
  pub.on('error', pubErrors.onError).on('ready', pubErrors.reset);
  const readers = new Set<Redis>();
  const listeners = new Set<BusListener>();
  let stopListeners: (() => void) | null = null;
  let closed = false;

  const queue: string[] = [];
  let lost = false;
  let draining: Promise<void> | null = null;
  let drainWaiters: (() => void)[] = [];

  function append(entry: LiveEntry): void {
    if (closed) return;
    queue.push(JSON.stringify(entry));
    if (queue.length > maxQueued) {
      queue.splice(0, queue.length - maxQueued);
      if (!lost)
        log.warn(
          { maxQueued },
          'live log unreachable: dropping the oldest entries; every node reloads when it is back',
        );
      lost = true;
    }
    draining ??= drain().finally(() => {
      draining = null;
      for (const w of drainWaiters) w();
      drainWaiters = [];
    });
  }

  const LOST = JSON.stringify({ k: 'lost', by: 'publisher' } satisfies LiveEntry);
  async function drain(): Promise<void> {
    while (queue.length > 0 && !closed) {
      const withLost = lost;
      const batch = queue.slice(0, 200);
      try {
        const p = pub.pipeline();
        for (const e of withLost ? [LOST, ...batch] : batch) p.xadd(key, 'MAXLEN', '~', maxLen, '*', KEY_FIELD, e);
        const results = (await p.exec()) ?? [];
        // Each command answers for itself: what failed (and what follows it) stays queued, in order.
        const failed = results.findIndex(([err]) => err !== null);
        const done = failed === -1 ? results.length : failed;
        if (withLost && done > 0) lost = false;
        queue.splice(0, Math.max(0, withLost ? done - 1 : done));
        if (failed !== -1) throw results[failed]![0]!;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Waits (a while) for the connection, since commands are not queued while it is down. */
  async function connected(r: Redis, ms = 3000): Promise<void> {
    if (r.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        r.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      r.once('ready', done);
    });
  }

  async function head(): Promise<number> {
    await connected(pub);
    const last = (await pub.xrevrange(key, '+', '-', 'COUNT', 1))[0];
    return last ? positionOf(last[0]) : 0;
  }

  /**
   * Whether the entry a reader last read is gone: Redis restarted (the stream is new or absent) or the
   * bound trimmed past it. Then entries after it may be gone too — the reader cannot tell, so it resets
   * (reloading the database's truth costs one query; folding stale state would cost correctness).
   */
  async function missed(afterId: string): Promise<boolean> {
    if (afterId === '0-0') return false;
    try {
      return (await pub.xrange(key, afterId, afterId)).length === 0;
    } catch {
      return true;
    }
  }

  function tail(from: number, h: TailHandlers): () => void {
    // No retries and no offline queue: a read cut off by a disconnection must fail, so the loop checks
    // whether the log survived *before* it reads on (ioredis would resend the XREAD on the new stream).
    const reader = new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    readers.add(reader);
    const errors = changeLogger(log, 'redis live log reader error');
    let interrupted = false;
    reader
      .on('error', errors.onError)
      .on('ready', errors.reset)
      .on('close', () => (interrupted = true));
    let stopped = false;
    let lastId = idOf(from);
    let warnedBad = false;
    const loop = async () => {
      while (!stopped && !closed) {
        try {
          if (reader.status !== 'ready') {
            await new Promise((r) => setTimeout(r, 100));
            continue;
          }
          if (interrupted) {
            // Cut off from Redis: what was appended meanwhile is still there unless Redis restarted or trimmed it.
            if (await missed(lastId)) {
              lastId = '0-0'; // the stream as it is now, from its first entry, folded onto a cleared state
              h.reset('the live log was lost or trimmed while this node was away from Redis');
            }
            interrupted = false;
          }
          const before = lastId;
          const res = (await reader.xread('COUNT', readCount, 'BLOCK', 1000, 'STREAMS', key, lastId)) as
            [string, [string, string[]][]][] | null;
          const entries = res?.[0]?.[1] ?? [];
          if (entries.length === 0) continue;
          const batch: LogRecord[] = [];
          for (const [id, fields] of entries) {
            lastId = id;
            const json = fields[fields.indexOf(KEY_FIELD) + 1];
            const entry = json === undefined ? null : parseLiveEntry(json);
            let pos: number;
            try {
              pos = positionOf(id);
            } catch {
              continue;
            }
            if (!entry) {
              if (!warnedBad) log.warn({ id }, 'live log: skipped an entry that is not one (logged once)');
              warnedBad = true;
              continue;
            }
            batch.push({ pos, entry });
          }
          // A full batch: this reader is behind, maybe behind the trimming.
          if (entries.length === readCount && (await missed(before))) {
            lastId = '0-0';
            h.reset("this node fell behind the live log's bound");
            continue;
          }
          if (batch.length > 0) h.entries(batch);
        } catch {
          interrupted = true;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
      readers.delete(reader);
      reader.disconnect();
    };
  }

  return {
    kind: 'redis',
    publish: (commit) => append({ k: 'commit', commit }),
    append,
    head,
    tail,
    subscribe(listener) {
      listeners.add(listener);
      if (!stopListeners) {
        let stop: (() => void) | null = null;
        let cancelled = false;
        void head()
          .catch(() => 0)
          .then((pos) => {
            if (cancelled) return;
            stop = tail(pos, {
              entries: (batch) => {
                for (const r of batch) if (r.entry.k === 'commit') for (const l of listeners) l(r.entry.commit);
              },
              reset: () => undefined,
            });
          });
        stopListeners = () => {
          cancelled = true;
          stop?.();
        };
      }
      return () => listeners.delete(listener);
    },
    async close() {
      // What was committed goes out first (an import CLI closes right after its last commit), within reason.
      if (draining)
        await Promise.race([new Promise<void>((r) => drainWaiters.push(r)), new Promise((r) => setTimeout(r, 2000))]);
      closed = true;
      listeners.clear();
      stopListeners?.();
      for (const r of readers) r.disconnect();
      readers.clear();
      await pub.quit().catch(() => undefined);
    },
  };
}
