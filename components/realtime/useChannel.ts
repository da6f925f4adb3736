'use client';
import { useEffect, useRef, useState } from 'react';
import type { ChannelName, SnapshotOf } from '../../contracts/channels';
import type { ChannelFault } from '../../contracts/realtime';
import { ChannelSubscription } from './channel-subscription';
import { liveSocket } from './live-socket';

/** `error`: the server says the channel's query fails (its last value is still shown). */
export type LiveStatus = 'connecting' | 'live' | 'stale' | 'offline' | 'error';

export interface ChannelView<C extends ChannelName> {
  data: SnapshotOf<C> | null;
  status: LiveStatus;
  /** When the last snapshot or delta arrived (browser clock), or null. */
  lastUpdate: number | null;
  error: string | null;
  /** The server's fault for this channel while its query fails, else null. */
  fault: ChannelFault | null;
}

type Listener = (view: ChannelView<ChannelName>) => void;
interface Shared {
  sub: ChannelSubscription<ChannelName>;
  view: ChannelView<ChannelName>;
  listeners: Set<Listener>;
}

/**
 * One subscription per channel per tab, shared by every panel showing it: room membership is per
 * socket on the server, so two subscriptions would leave the room for both when one unmounts.
 */
const shared = new Map<ChannelName, Shared>();

function acquire(channel: ChannelName, listener: Listener): () => void {
  let s = shared.get(channel);
  if (!s) {
    const entry: Shared = {
      view: { data: null, status: 'connecting', lastUpdate: null, error: null, fault: null },
      listeners: new Set(),
      sub: null as unknown as ChannelSubscription<ChannelName>,
    };
    const publish = (view: ChannelView<ChannelName>) => {
      entry.view = view;
      for (const l of entry.listeners) l(view);
    };
    entry.sub = new ChannelSubscription(liveSocket(), channel, {
      update: ({ snapshot }) =>
        publish({
          data: snapshot,
          status: entry.view.fault ? 'error' : 'live',
          lastUpdate: Date.now(),
          error: null,
          fault: entry.view.fault,
        }),
      error: (error) => publish({ ...entry.view, error }),
      fault: (fault) => {
        if (fault === entry.view.fault) return;
        const status = fault
          ? 'error'
          : entry.view.status === 'error'
            ? entry.view.data === null
              ? 'connecting'
              : 'live'
            : entry.view.status;
        publish({
          ...entry.view,
          fault,
          status,
          ...(fault ? {} : { lastUpdate: entry.view.data === null ? entry.view.lastUpdate : Date.now() }),
        });
      },
      offline: () => publish({ ...entry.view, status: 'offline' }),
    });
    shared.set(channel, entry);
    s = entry;
  }
  s.listeners.add(listener);
  listener(s.view);
  const mine = s;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0) {
      mine.sub.close();
      shared.delete(channel);
    }
  };
}

/**
 * A channel's live data for a panel (protocol in channel-subscription.ts). After `staleAfterMs`
 * without news the view says "stale" (shared channels get a heartbeat at least every 10 s), and
 * "offline" while disconnected, so a frozen panel never looks live. `null`: subscribe to nothing.
 */
export function useChannel<C extends ChannelName>(channel: C | null, staleAfterMs = 30_000): ChannelView<C> {
  const [view, setView] = useState<ChannelView<C>>({
    data: null,
    status: 'connecting',
    lastUpdate: null,
    error: null,
    fault: null,
  });

  useEffect(() => {
    if (channel === null) return; // a panel that does not need this channel right now (hooks cannot be conditional)
    let last: number | null = null;
    const release = acquire(channel, (v) => {
      last = v.lastUpdate;
      setView(v as ChannelView<C>);
    });
    const staleCheck = setInterval(() => {
      if (last !== null && Date.now() - last > staleAfterMs)
        setView((v) => (v.status === 'live' ? { ...v, status: 'stale' } : v));
    }, 1000);
    return () => {
      clearInterval(staleCheck);
      release();
    };
  }, [channel, staleAfterMs]);

  return view;
}

/**
 * A channel's latest data for code that reads it when something else happens (a lookup table),
 * without re-rendering the component on every update of a busy channel.
 */
export function useChannelRef<C extends ChannelName>(channel: C): { readonly current: SnapshotOf<C> | null } {
  const ref = useRef<SnapshotOf<C> | null>(null);
  useEffect(
    () =>
      acquire(channel, (v) => {
        ref.current = v.data as SnapshotOf<C> | null;
      }),
    [channel],
  );
  return ref;
}
