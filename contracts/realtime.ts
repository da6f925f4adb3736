/**
 * The realtime protocol (docs/realtime-protocol.md): one Socket.IO namespace, channels
 * (contracts/channels.ts), a snapshot on subscribe, then deltas that each name the state they
 * follow on from. `seq` is a position in the live log that every console node reads: the same
 * (channel, seq) is the same state on every node. Positions grow but are not consecutive, so a
 * delta carries `prev`, the position of the state it applies to: `prev` other than the client's
 * own position is a gap, and a gap or a reconnect → subscribe again for a fresh snapshot.
 */
import type { ChannelName, DeltaOf, SnapshotOf } from './channels';

export const LIVE_NAMESPACE = '/live';

export interface ChannelDelta<C extends ChannelName = ChannelName> {
  channel: C;
  /** The log position of the state this delta leads to. */
  seq: number;
  /** The log position of the state it applies to (the previous delta's or the snapshot's `seq`). */
  prev: number;
  data: DeltaOf<C>;
}

/**
 * A database-derived channel whose query fails says so, as state (as grafana scenes' data providers
 * do): its panel keeps the last value and shows the fault, instead of 30 s of silence before
 * "stale". Per node: a node's fault clears when its query recovers or any node's value is folded.
 */
export interface ChannelFault {
  code: 'query_failed';
  /** What failed, for the operator (no SQL, no secrets). */
  message: string;
  /** Since when (server clock, epoch ms). */
  sinceMs: number;
}

export interface ChannelFaultMessage {
  channel: string;
  /** null: the fault is over. */
  fault: ChannelFault | null;
}

export type SubscribeResult<C extends ChannelName = ChannelName> =
  | { ok: true; channel: C; seq: number; snapshot: SnapshotOf<C>; fault?: ChannelFault }
  | { ok: false; channel: string; error: string };

export interface ServerToClientEvents {
  delta: (delta: ChannelDelta) => void;
  fault: (message: ChannelFaultMessage) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: { channel: string }, ack: (res: SubscribeResult) => void) => void;
  unsubscribe: (req: { channel: string }) => void;
}

/** Between console nodes: none. Every node reads the live log itself (realtime/bus.ts); the Redis adapter only drops rooms. */
export type InterServerEvents = Record<never, never>;
