/**
 * The live bus: how committed deltas travel from ingest workers to console nodes.
 * In-process when everything runs in one process; Redis pub/sub when REDIS_URL is set.
 */
import type { IngestCommit } from '../contracts/live';

export type BusListener = (commit: IngestCommit) => void;

export interface Bus {
  readonly kind: 'memory' | 'redis';
  publish(commit: IngestCommit): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
}
