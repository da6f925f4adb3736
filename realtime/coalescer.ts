/**
 * Merges the deltas of each channel over a short window into one, so a burst of thousands of
 * commits per second becomes a few frames per second per channel. One timer for all channels.
 *
 * A throttle with a leading edge, not a fixed delay: after a quiet window the first delta goes out
 * on the next turn of the event loop (together with whatever else the same commit touched); from
 * then on, at most one flush per window, each carrying everything merged meanwhile. A fixed delay
 * made every value wait the whole window when commits come less often than the window — and, with
 * the ingest committing every 100 ms under a 150 ms window, half of them waited 150 ms (the
 * bench's 1 000 msg/s rows). The frame rate per channel is bounded the same: 1 000 / window.
 */
import { mergeDeltas, type ChannelSpec } from '../contracts/channels';

export class Coalescer {
  private pending = new Map<string, { spec: ChannelSpec; delta: unknown }>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushMs = -Infinity;

  constructor(
    private readonly windowMs: number,
    private readonly flush: (channel: string, spec: ChannelSpec, delta: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(channel: string, spec: ChannelSpec, delta: unknown): void {
    const prev = this.pending.get(channel);
    this.pending.set(channel, { spec, delta: prev ? mergeDeltas(spec, prev.delta, delta) : delta });
    this.timer ??= setTimeout(() => this.flushAll(), Math.max(0, this.lastFlushMs + this.windowMs - this.now()));
  }

  /** The delta waiting for this channel's next flush, if any. */
  pendingDelta(channel: string): unknown {
    return this.pending.get(channel)?.delta;
  }

  /** Takes the delta waiting for this channel out of the next flush (the caller applies it itself). */
  take(channel: string): unknown {
    const d = this.pending.get(channel)?.delta;
    this.pending.delete(channel);
    return d;
  }

  flushAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlushMs = this.now();
    const batch = this.pending;
    this.pending = new Map();
    for (const [channel, { spec, delta }] of batch) this.flush(channel, spec, delta);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
