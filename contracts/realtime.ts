/**
 * The realtime protocol (docs/realtime-protocol.md): one Socket.IO namespace, channels
 * (contracts/channels.ts), a snapshot on subscribe, then deltas numbered per channel.
 * A gap in the numbers or a reconnect → subscribe again for a fresh snapshot.
 */
import type { ChannelName, DeltaOf, SnapshotOf } from './channels';

export const LIVE_NAMESPACE = '/live';

export interface ChannelDelta<C extends ChannelName = ChannelName> {
  channel: C;
  seq: number;
  data: DeltaOf<C>;
}

export type SubscribeResult<C extends ChannelName = ChannelName> =
  | { ok: true; channel: C; seq: number; snapshot: SnapshotOf<C> }
  | { ok: false; channel: string; error: string };

export interface ServerToClientEvents {
  delta: (delta: ChannelDelta) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: { channel: string }, ack: (res: SubscribeResult) => void) => void;
  unsubscribe: (req: { channel: string }) => void;
}

/** Between console nodes (Socket.IO server-side emits through the Redis adapter). */
export interface InterServerEvents {
  /** The leader's sequenced delta, for followers' snapshot caches. */
  applied: (delta: ChannelDelta) => void;
}
