/**
 * Each console node's snapshot cache: per channel the snapshot and the log position it stands at.
 * Subscribers get their snapshot from here, never from the database.
 */
import { applyDelta, channelSpec, type ChannelSpec } from '../contracts/channels';

export interface CachedChannel {
  spec: ChannelSpec;
  /** The log position this snapshot is the state at. */
  seq: number;
  snapshot: unknown;
}

export class ChannelCache {
  private readonly entries = new Map<string, CachedChannel>();

  get(channel: string): CachedChannel | undefined {
    return this.entries.get(channel);
  }

  channels(): string[] {
    return [...this.entries.keys()];
  }

  set(channel: string, snapshot: unknown, seq: number): CachedChannel {
    const spec = channelSpec(channel);
    if (!spec) throw new Error(`not a channel: ${channel}`);
    const entry = { spec, seq, snapshot };
    this.entries.set(channel, entry);
    return entry;
  }

  /** Applies a delta that brings the channel to position `seq`; returns the position it stood at. */
  advance(channel: string, seq: number, delta: unknown): number | null {
    const e = this.entries.get(channel);
    if (!e) return null;
    const prev = e.seq;
    e.snapshot = applyDelta(e.spec, e.snapshot, delta);
    e.seq = seq;
    return prev;
  }

  evict(channel: string): void {
    this.entries.delete(channel);
  }
}
