/**
 * The live bus: an ordered log of what was committed, which every console node reads in full.
 * In-process when everything runs in one process (realtime/memory-bus.ts); a Redis Stream when
 * REDIS_URL is set (realtime/redis-bus.ts), whose entry ids give every node the same order and the
 * same positions. Publishers (the ingest after each commit, the console's services) append; they
 * never wait for a reader.
 */
import type { IngestCommit } from '../contracts/live';
import type { LiveEntry } from './live-entry';

export type BusListener = (commit: IngestCommit) => void;

/** An entry and its position in the log: positions grow (not consecutively) and are the same on every node. */
export interface LogRecord {
  pos: number;
  entry: LiveEntry;
}

export interface TailHandlers {
  entries(batch: LogRecord[]): void;
  /**
   * The reader may have missed entries (Redis restarted, entries were trimmed before it read them):
   * the next entries come from the start of the log as it is now. The node clears its state, folds
   * them onto nothing, and puts the database's truth into the log — as every node that lost the same
   * entries does at the same point, so they agree again.
   */
  reset(why: string): void;
}

export interface Bus {
  readonly kind: 'memory' | 'redis';
  /** Appends a committed batch. */
  publish(commit: IngestCommit): void;
  /** Appends an entry; queued (bounded) while the log is unreachable, never awaited by the caller. */
  append(entry: LiveEntry): void;
  /** The position of the newest entry now (0 for an empty log). */
  head(): Promise<number>;
  /** Reads every entry after `from`, in order, until the returned function is called. */
  tail(from: number, handlers: TailHandlers): () => void;
  /** Commits only, from now on (tests and tools that watch what the ingest publishes). */
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
}
