/**
 * Merges the deltas of each channel over a short window into one, so a burst of thousands of
 * commits per second becomes a few frames per second per channel. One timer for all channels.
 */
import { mergeDeltas, type ChannelSpec } from '../contracts/channels';

export class Coalescer {
  private pending = new Map<string, { spec: ChannelSpec; delta: unknown }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly flush: (channel: string, spec: ChannelSpec, delta: unknown) => void,
  ) {}

  add(channel: string, spec: ChannelSpec, delta: unknown): void {
    const prev = this.pending.get(channel);
    this.pending.set(channel, { spec, delta: prev ? mergeDeltas(spec, prev.delta, delta) : delta });
    this.timer ??= setTimeout(() => this.flushAll(), this.windowMs);
  }

  /** The delta waiting for this channel's next flush, if any. */
  pendingDelta(channel: string): unknown {
    return this.pending.get(channel)?.delta;
  }

  flushAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
