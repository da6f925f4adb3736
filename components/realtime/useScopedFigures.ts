'use client';
import { useEffect, useState } from 'react';
import type { SnapshotOf } from '../../contracts/channels';
import { isScoped } from '../../contracts/roles';
import { useSession } from '../session/SessionProvider';
import { useChannel, type ChannelView } from './useChannel';
import { throwUnlessOk } from '../api/problem';

/** The channels of city-wide figures and the API that serves the same shape for the user's scope. */
const POLLED = {
  'kpi:cases': '/api/kpi/cases/today',
  'kpi:documents': '/api/kpi/documents/today',
  overview: '/api/overview',
} as const;
type FigureChannel = keyof typeof POLLED;

/**
 * A scoped leader may not subscribe to these channels (they carry every agency's figures); the
 * server computes theirs on request. Every 15 s is live enough for a leader's desk and is a few
 * queries per scoped user, where per-scope channels would recompute every scope on each commit.
 */
const POLL_MS = 15_000;

type Listener = (view: ChannelView<FigureChannel>) => void;
interface Poller {
  view: ChannelView<FigureChannel>;
  listeners: Set<Listener>;
  timer: ReturnType<typeof setInterval> | null;
}
/** One poller per channel per tab, shared by every panel (at most three entries). */
const pollers = new Map<FigureChannel, Poller>();

function acquire(channel: FigureChannel, listener: Listener): () => void {
  let p = pollers.get(channel);
  if (!p) {
    const entry: Poller = {
      view: { data: null, status: 'connecting', lastUpdate: null, error: null, fault: null },
      listeners: new Set(),
      timer: null,
    };
    const publish = (view: ChannelView<FigureChannel>) => {
      entry.view = view;
      for (const l of entry.listeners) l(view);
    };
    let busy = false;
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        const res = await fetch(POLLED[channel], { cache: 'no-store' });
        await throwUnlessOk(res);
        publish({
          data: (await res.json()) as SnapshotOf<FigureChannel>,
          status: 'live',
          lastUpdate: Date.now(),
          error: null,
          fault: null,
        });
      } catch (err) {
        // The last figures stay, marked: a panel that cannot refresh must say so.
        publish({
          ...entry.view,
          status: entry.view.data ? 'stale' : 'offline',
          error: err instanceof Error ? err.message : String(err),
        });
      } finally {
        busy = false;
      }
    };
    void load();
    entry.timer = setInterval(() => void load(), POLL_MS);
    pollers.set(channel, entry);
    p = entry;
  }
  p.listeners.add(listener);
  listener(p.view);
  const mine = p;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0) {
      if (mine.timer) clearInterval(mine.timer);
      pollers.delete(channel);
    }
  };
}

/**
 * Today's dossier/document figures or the city overview: the live channel for a user who sees the
 * whole city, the same figures of their scope (polled) for a scoped leader.
 */
export function useScopedFigures<C extends FigureChannel>(channel: C | null): ChannelView<C> {
  const user = useSession();
  const scoped = user !== null && isScoped(user.scope);
  const live = useChannel(scoped ? null : channel);
  const [polled, setPolled] = useState<ChannelView<C>>({
    data: null,
    status: 'connecting',
    lastUpdate: null,
    error: null,
    fault: null,
  });
  useEffect(() => {
    if (!scoped || channel === null) return;
    return acquire(channel, (v) => setPolled(v as ChannelView<C>));
  }, [scoped, channel]);
  return scoped ? polled : live;
}
