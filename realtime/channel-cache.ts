/**
 * Each console node's snapshot cache: per channel the snapshot and the sequence number of the
 * last delta applied to it. Subscribers get their snapshot from here, never from the database.
 */
import { applyDelta, channelSpec, type ChannelSpec } from '../contracts/channels';

export interface CachedChannel {
  spec: ChannelSpec;
  /** null: loaded, but the leader's numbering is not known yet (a follower before its first delta). */
  seq: number | null;
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

  set(channel: string, snapshot: unknown, seq: number | null): CachedChannel {
    const spec = channelSpec(channel);
    if (!spec) throw new Error(`not a channel: ${channel}`);
    const entry = { spec, seq, snapshot };
    this.entries.set(channel, entry);
    return entry;
  }

  /**
   * Applies a numbered delta. Returns false when it cannot follow on (a gap): the caller
   * reloads the channel. A delta at or below the current number is old news and ignored.
   */
  apply(channel: string, seq: number, delta: unknown): boolean {
    const e = this.entries.get(channel);
    if (!e) return false;
    if (e.seq !== null && seq <= e.seq) return true;
    if (e.seq !== null && seq !== e.seq + 1) return false;
    e.snapshot = applyDelta(e.spec, e.snapshot, delta);
    e.seq = seq;
    return true;
  }

  evict(channel: string): void {
    this.entries.delete(channel);
  }
}
