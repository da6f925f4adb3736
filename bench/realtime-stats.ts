/**
 * Latency bookkeeping shared by the realtime bench's processes. A histogram of 1 ms buckets
 * instead of a reservoir: exact to the millisecond, a fixed 240 KiB whatever the sample count
 * (millions of sensor values per run), O(1) per sample, and histograms from several processes
 * merge by adding counts.
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { KeyedDelta, SensorState } from '../contracts/channels';

const MAX_MS = 60_000; // longer waits land in the last bucket

/** [bucket ms, count] pairs of the non-empty buckets: what crosses the IPC channel. */
export type SparseHistogram = [number, number][];

export class Histogram {
  private readonly counts = new Uint32Array(MAX_MS + 1);
  count = 0;

  add(ms: number): void {
    this.counts[ms <= 0 ? 0 : ms >= MAX_MS ? MAX_MS : Math.round(ms)]! += 1;
    this.count++;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
  }

  toSparse(): SparseHistogram {
    const out: SparseHistogram = [];
    for (let i = 0; i <= MAX_MS; i++) if (this.counts[i]! > 0) out.push([i, this.counts[i]!]);
    return out;
  }

  merge(sparse: SparseHistogram): this {
    for (const [ms, n] of sparse) {
      this.counts[ms]! += n;
      this.count += n;
    }
    return this;
  }

  /** Nearest-rank percentile in ms, or null when empty. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i <= MAX_MS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return i;
    }
    return MAX_MS;
  }
}

/** Event-loop delay of this process: how late its timers and I/O callbacks run (saturation shows here first). */
export function loopDelay() {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return {
    reset: () => h.reset(),
    p99Ms: () => (h.count > 0 ? h.percentile(99) / 1e6 : 0),
  };
}

/** Each sensor a map:sensors delta carries (whole or patched), with the time of its reading. */
export function* sensorReadings(delta: KeyedDelta<SensorState>): Generator<{ id: string; timeMs: number }> {
  for (const [id, s] of Object.entries(delta.set ?? {})) if (s.timeMs !== null) yield { id, timeMs: s.timeMs };
  for (const [id, s] of Object.entries(delta.patch ?? {})) if (s.timeMs != null) yield { id, timeMs: s.timeMs };
}

/**
 * A digest of a channel's state, the same for two equal states whatever order their keys were added in
 * (object keys sorted): a client's state is compared with the database's truth across processes.
 */
export function stateDigest(v: unknown): string {
  const json = JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
  return createHash('sha1').update(json).digest('hex');
}
