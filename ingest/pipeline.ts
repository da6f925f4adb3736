/**
 * The ingest pipeline: decode → batch → write (one transaction per batch) → acknowledge → publish.
 *
 * - Batches are written one at a time, in arrival order, flushed at `batchSize` messages or
 *   `flushMs` after the first one waiting, whichever comes first.
 * - A message is acknowledged (its `ack` called) only after the batch holding it has committed,
 *   or after its rejection is written to the dead-letter table.
 * - A database outage keeps the batch and retries with backoff (100 ms → 5 s); meanwhile messages
 *   queue up to `maxPending`, then `room()` makes the source stop reading (the broker buffers).
 * - The write, the dead-lettering of what the database refuses as data and the publish after commit
 *   are the write stage's (ingest/write-stage.ts), the one every way in shares.
 */
import type { CityProfile } from '../contracts/city';
import type { RejectReason } from '../contracts/errors';
import type { IngestCommit } from '../contracts/live';
import type { Db } from '../db/adapter';
import type { RejectRow } from '../db/ingest-writes';
import type { Logger } from '../contracts/logger';
import { decodeMessage } from './decode';
import type { IngestRecord } from './records';
import { toRejectRow } from './reject-row';
import type { PlaceDevice } from './write-batch';
import { createWriteStage } from './write-stage';

export type PipelineRejectReason = RejectReason | 'database_refused';

/** What the pipeline reports as it works (metrics); every method is optional to implement as a no-op. */
export interface PipelineObserver {
  received(): void;
  rejected(reason: PipelineRejectReason): void;
  committed(batch: { messages: number; rejects: number; seconds: number; oldestMessageMs: number | null }): void;
  databaseState(up: boolean): void;
  pending(n: number): void;
}

export interface PipelineDeps {
  db: Db;
  city: CityProfile;
  place: PlaceDevice;
  publish: (commit: IngestCommit) => void;
  log: Logger;
  batchSize: number;
  flushMs: number;
  /** Messages received but not yet committed, beyond which the source must stop reading. */
  maxPending?: number;
  observer?: PipelineObserver;
  now?: () => number;
}

export interface PipelineStats {
  received: number;
  accepted: number;
  rejected: Partial<Record<PipelineRejectReason, number>>;
  committedBatches: number;
  pending: number;
  dbState: 'up' | 'down';
}

export type Ack = () => void;

export interface IngestPipeline {
  /**
   * Takes one message; never throws. `ack` runs once it is committed or dead-lettered. `publisher`:
   * who the broker says sent it (ingest/decode.ts), undefined when it does not say.
   */
  accept(topic: string, payload: Uint8Array, ack?: Ack, publisher?: string): void;
  /** null when there is room; otherwise resolves when the backlog has drained to half. */
  room(): Promise<void> | null;
  /** Resolves when everything accepted so far is committed. */
  flush(): Promise<void>;
  stats(): PipelineStats;
  stop(): Promise<void>;
}

interface Item {
  record: IngestRecord;
  topic: string;
  payload: Uint8Array;
  ack: Ack | undefined;
  receivedMs: number;
}
interface Reject {
  row: RejectRow;
  ack: Ack | undefined;
}

const noop = () => undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPipeline(deps: PipelineDeps): IngestPipeline {
  const now = deps.now ?? Date.now;
  const maxPending = deps.maxPending ?? deps.batchSize * 4;
  const obs: Partial<PipelineObserver> = deps.observer ?? {};
  let items: Item[] = [];
  let rejects: Reject[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let stopping = false;
  let roomWaiters: (() => void)[] = [];
  const stats: PipelineStats = {
    received: 0,
    accepted: 0,
    rejected: {},
    committedBatches: 0,
    pending: 0,
    dbState: 'up',
  };

  const pending = () => items.length + rejects.length + inFlight;

  function pendingChanged(): void {
    const n = pending();
    obs.pending?.(n);
    if (roomWaiters.length > 0 && n <= maxPending / 2) {
      const waiters = roomWaiters;
      roomWaiters = [];
      for (const w of waiters) w();
    }
  }

  function countReject(reason: PipelineRejectReason): void {
    stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
    obs.rejected?.(reason);
  }

  function setDbState(state: 'up' | 'down', err?: unknown): void {
    if (stats.dbState === state) return;
    stats.dbState = state;
    obs.databaseState?.(state === 'up');
    if (state === 'down')
      deps.log.error({ err }, 'database write failed; holding the batch, retrying, acknowledging nothing');
    else deps.log.info('database reachable again; ingest resumed');
  }

  function schedule(): void {
    if (items.length + rejects.length >= deps.batchSize) void flush();
    else if (!timer) timer = setTimeout(() => void flush(), deps.flushMs);
  }

  const stage = createWriteStage({
    db: deps.db,
    timeZone: deps.city.timeZone,
    place: deps.place,
    publish: deps.publish,
    now,
  });

  /** Writes one batch until it succeeds (the write stage splits out what the database refuses as data). */
  async function write(batch: Item[], batchRejects: Reject[]): Promise<void> {
    let backoff = 100;
    for (;;) {
      const started = performance.now();
      try {
        const committed = await stage.commit({
          groups: batch.map((i) => [i.record]),
          rejects: batchRejects.map((r) => r.row),
          refusedRow: (group, detail) =>
            toRejectRow(batch[group]!.topic, batch[group]!.payload, { reason: 'invalid_payload', detail }),
        });
        setDbState('up');
        const refused = new Set(committed.refused.map((r) => r.group));
        for (let n = 0; n < refused.size; n++) countReject('database_refused');
        stats.accepted += batch.length - refused.size;
        stats.committedBatches++;
        let oldest: number | null = null;
        for (const i of batch) if (oldest === null || i.receivedMs < oldest) oldest = i.receivedMs;
        obs.committed?.({
          messages: batch.length - refused.size,
          rejects: committed.rejects.length,
          seconds: (performance.now() - started) / 1000,
          oldestMessageMs: oldest,
        });
        for (const i of batch) (i.ack ?? noop)();
        for (const r of batchRejects) (r.ack ?? noop)();
        return;
      } catch (err) {
        setDbState('down', err);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (items.length === 0 && rejects.length === 0) return chain;
    const batch = items;
    const batchRejects = rejects;
    items = [];
    rejects = [];
    inFlight += batch.length + batchRejects.length;
    chain = chain.then(async () => {
      try {
        await write(batch, batchRejects);
      } finally {
        inFlight -= batch.length + batchRejects.length;
        pendingChanged();
      }
    });
    return chain;
  }

  return {
    accept(topic, payload, ack, publisher) {
      stats.received++;
      obs.received?.();
      const receivedMs = now();
      const decoded = decodeMessage(
        topic,
        payload,
        { city: deps.city.id, timeZone: deps.city.timeZone, now: receivedMs },
        publisher,
      );
      if (decoded.ok) items.push({ record: decoded.record, topic, payload, ack, receivedMs });
      else {
        rejects.push({ row: toRejectRow(topic, payload, decoded.rejection), ack });
        countReject(decoded.rejection.reason);
      }
      obs.pending?.(pending());
      if (!stopping) schedule();
    },
    room() {
      if (pending() < maxPending) return null;
      // Make sure what is queued is on its way, then wait for it to drain to half.
      void flush();
      return new Promise<void>((resolve) => roomWaiters.push(resolve));
    },
    flush: () => flush(),
    stats: () => ({ ...stats, rejected: { ...stats.rejected }, pending: pending() }),
    async stop() {
      stopping = true;
      await flush();
      const waiters = roomWaiters;
      roomWaiters = [];
      for (const w of waiters) w();
    },
  };
}
