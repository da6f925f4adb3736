/**
 * The client side of the realtime protocol, without React: snapshot, deltas applied in order
 * with contracts/channels.ts (each names the position it follows on from), resync on a gap or a
 * reconnect (at most once a second per channel).
 * useChannel wraps it for panels; tests and benchmarks drive it with socket.io-client directly.
 */
import { applyDelta, channelSpec, type ChannelName, type SnapshotOf } from '../../contracts/channels';
import type {
  ChannelDelta,
  ChannelFault,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeResult,
} from '../../contracts/realtime';

/** What this needs of a socket.io-client Socket. */
export interface LiveSocketLike {
  connected: boolean;
  on(event: 'connect' | 'disconnect', fn: () => void): unknown;
  on(event: 'delta', fn: ServerToClientEvents['delta']): unknown;
  on(event: 'fault', fn: ServerToClientEvents['fault']): unknown;
  off(event: 'connect' | 'disconnect', fn: () => void): unknown;
  off(event: 'delta', fn: ServerToClientEvents['delta']): unknown;
  off(event: 'fault', fn: ServerToClientEvents['fault']): unknown;
  emit(event: 'subscribe', ...args: Parameters<ClientToServerEvents['subscribe']>): unknown;
  emit(event: 'unsubscribe', ...args: Parameters<ClientToServerEvents['unsubscribe']>): unknown;
}

export interface ChannelUpdate<C extends ChannelName> {
  snapshot: SnapshotOf<C>;
  seq: number;
  /** 'snapshot' after (re)subscribing, 'delta' after applying one. */
  via: 'snapshot' | 'delta';
}

export interface SubscriptionStats {
  snapshots: number;
  deltas: number;
  gaps: number;
}

const RESYNC_MIN_INTERVAL_MS = 1000;
const RETRY_MS = 2000;

export class ChannelSubscription<C extends ChannelName> {
  private seq = -1;
  private snapshot: unknown = null;
  private lastResync = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  readonly stats: SubscriptionStats = { snapshots: 0, deltas: 0, gaps: 0 };
  private readonly spec;

  constructor(
    private readonly socket: LiveSocketLike,
    readonly channel: C,
    private readonly handlers: {
      update: (u: ChannelUpdate<C>) => void;
      error?: (message: string) => void;
      /** The channel's query fails on the server (a fault), or no longer (null). */
      fault?: (fault: ChannelFault | null) => void;
      offline?: () => void;
    },
  ) {
    const spec = channelSpec(channel);
    if (!spec) throw new Error(`not a channel: ${channel}`);
    this.spec = spec;
    socket.on('connect', this.subscribe);
    socket.on('delta', this.onDelta);
    socket.on('fault', this.onFault);
    socket.on('disconnect', this.onDisconnect);
    if (socket.connected) this.subscribe();
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket.off('connect', this.subscribe);
    this.socket.off('delta', this.onDelta);
    this.socket.off('fault', this.onFault);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.emit('unsubscribe', { channel: this.channel });
  }

  private readonly subscribe = (): void => {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.lastResync = Date.now();
    this.socket.emit('subscribe', { channel: this.channel }, (res: SubscribeResult) => {
      if (this.closed) return;
      if (!res.ok) {
        this.handlers.error?.(res.error);
        this.retry = setTimeout(() => this.socket.connected && this.subscribe(), RETRY_MS);
        return;
      }
      this.seq = res.seq;
      this.snapshot = res.snapshot;
      this.stats.snapshots++;
      this.handlers.update({ snapshot: res.snapshot as SnapshotOf<C>, seq: res.seq, via: 'snapshot' });
      this.handlers.fault?.(res.fault ?? null);
    });
  };

  private readonly onFault = (m: { channel: string; fault: ChannelFault | null }): void => {
    if (m.channel === this.channel) this.handlers.fault?.(m.fault);
  };

  private readonly onDelta = (d: ChannelDelta): void => {
    if (d.channel !== this.channel || this.seq < 0 || d.seq <= this.seq) return; // not ours, no snapshot yet, or old news
    // Positions are not consecutive: a delta follows on only from the state it names.
    if (d.prev !== this.seq) {
      this.stats.gaps++;
      this.resync();
      return;
    }
    this.seq = d.seq;
    this.snapshot = applyDelta(this.spec, this.snapshot, d.data);
    this.stats.deltas++;
    this.handlers.update({ snapshot: this.snapshot as SnapshotOf<C>, seq: d.seq, via: 'delta' });
  };

  private readonly onDisconnect = (): void => {
    this.seq = -1;
    this.handlers.offline?.();
  };

  private resync(): void {
    this.seq = -1;
    const wait = this.lastResync + RESYNC_MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) this.subscribe();
    else this.retry ??= setTimeout(this.subscribe, wait);
  }
}
