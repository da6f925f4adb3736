'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventAck, FeedEvent, FeedPage } from '../../contracts/camera-events';
import { isSeriousEvent } from '../../contracts/channels';
import { useChannel, useChannelRef, type LiveStatus } from '../realtime/useChannel';
import {
  capList,
  feedSearch,
  insertRows,
  liveFeedRows,
  mergeHead,
  withoutAcked,
  type FeedFilters,
} from './event-feed-query';
import { readProblem } from '../api/problem';

const PAGE = 30;
/** A busy city sends events every few hundred ms: the first page is fetched again at most this often. */
const REFRESH_MS = 750;

export type AckOutcome =
  | { ok: true }
  | { ok: false; reason: 'taken'; ack: EventAck }
  | { ok: false; reason: 'invalid'; problems: string[] }
  | { ok: false; reason: 'failed' };

export interface EventFeedView {
  items: FeedEvent[];
  hasMore: boolean;
  loading: boolean;
  /** The feed could not be fetched (the list shown is the last one fetched). */
  failed: boolean;
  status: LiveStatus;
  lastUpdate: number | null;
  loadMore(): void;
  acknowledge(e: FeedEvent, by: string, note: string): Promise<AckOutcome>;
}

/**
 * The filtered feed from /api/camera-events, kept live: a new camera event on `events:cameras`
 * or an acknowledgement on `events:acks` (from any browser) fetches the first page again
 * (throttled) and merges it over the list, keeping pages scrolled further; in the "to handle"
 * view an event acknowledged elsewhere disappears at once, before that fetch returns.
 */
export function useEventFeed(filters: FeedFilters, timeZone: string): EventFeedView {
  const events = useChannel('events:cameras');
  const acks = useChannel('events:acks');
  // Names and roads for events shown before their page arrives; read then, not rendered per update.
  const cameras = useChannelRef('map:cameras');
  const [items, setItems] = useState<FeedEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failed, setFailed] = useState(false);
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  // The list as last set, for merges outside React's updaters (which must stay pure).
  const itemsRef = useRef<FeedEvent[]>([]);
  const put = useCallback((next: FeedEvent[]) => {
    itemsRef.current = next;
    setItems(next);
  }, []);
  const cursorRef = useRef<string | null>(null);
  const putCursor = useCallback((next: string | null) => {
    cursorRef.current = next;
    setCursor(next);
  }, []);
  // One generation per set of filters: responses for older filters are dropped, and until the
  // first page of the current ones arrived, a refresh replaces the list instead of merging into it.
  const generation = useRef(0);
  const replaced = useRef(-1);
  const filtersRef = useRef(filters);
  const lastFetch = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** How many events the officer asked to see: one page, plus one per "Load more". */
  const wanted = useRef(PAGE);

  const fetchPage = useCallback(
    async (f: FeedFilters, after: string | null): Promise<FeedPage | null> => {
      const res = await fetch(
        `/api/camera-events?${feedSearch(f, Date.now(), timeZone, { cursor: after, limit: PAGE })}`,
      ).catch(() => null);
      if (!res?.ok) return null;
      return (await res.json().catch(() => null)) as FeedPage | null;
    },
    [timeZone],
  );

  const refreshHead = useCallback(async () => {
    const gen = generation.current;
    const f = filtersRef.current;
    lastFetch.current = Date.now();
    const page = await fetchPage(f, null);
    if (gen !== generation.current) return;
    setLoadedKey(JSON.stringify(f));
    setFailed(page === null);
    if (!page) return;
    setLastUpdate(Date.now());
    if (replaced.current !== gen) {
      replaced.current = gen;
      put(page.items);
      putCursor(page.nextCursor);
      return;
    }
    const merged = mergeHead(page.items, page.nextCursor === null, itemsRef.current);
    // Older pages kept: the cursor still points past them; unless the list outgrew what was asked for.
    const next = capList(
      merged,
      wanted.current,
      merged.length === page.items.length ? page.nextCursor : cursorRef.current,
    );
    put(next.items);
    putCursor(next.cursor);
  }, [fetchPage, put, putCursor]);

  /** `urgent`: an accident, a fire… is worth a fetch now, whatever the throttle (they are rare). */
  const scheduleRefresh = useCallback(
    (urgent = false) => {
      if (pending.current && !urgent) return;
      if (pending.current) clearTimeout(pending.current);
      const wait = urgent ? 0 : Math.max(0, lastFetch.current + REFRESH_MS - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        void refreshHead();
      }, wait);
    },
    [refreshHead],
  );

  // New filters: a fresh list (the previous one stays shown until it arrives).
  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    filtersRef.current = JSON.parse(filtersKey) as FeedFilters;
    generation.current++;
    wanted.current = PAGE;
    void refreshHead();
  }, [filtersKey, refreshHead]);

  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  // A new camera event somewhere in the city: it may belong on this list.
  const seen = useRef<string | null>(null);
  const feedItems = events.data;
  useEffect(() => {
    const newest = feedItems?.at(-1)?.eventId ?? null;
    if (!feedItems || newest === null || newest === seen.current) return;
    // What arrived since last time (the feed appends): is any of it serious?
    const from =
      seen.current === null ? feedItems.length : feedItems.findLastIndex((e) => e.eventId === seen.current) + 1;
    seen.current = newest;
    const arrived = feedItems.slice(from > 0 ? from : -20);
    // Shown at once where the filters allow, once the list holds its first page.
    const rows =
      replaced.current === generation.current ? liveFeedRows(arrived, filtersRef.current, cameras.current ?? {}) : null;
    if (rows && rows.length > 0) put(insertRows(itemsRef.current, rows));
    scheduleRefresh(arrived.some(isSeriousEvent));
  }, [feedItems, scheduleRefresh, put, cameras]);

  // Acknowledged in some browser: hidden from "to handle" at once (below), and fetched again so the
  // other views show who handled it.
  const recent = acks.data?.recent;
  const ackKey = recent?.[0] ? `${recent[0].eventId}@${recent[0].atMs}` : null;
  useEffect(() => {
    if (ackKey !== null) scheduleRefresh();
  }, [ackKey, scheduleRefresh]);
  const ackedElsewhere = useMemo(() => new Set((recent ?? []).map((a) => a.eventId)), [recent]);
  const shown = useMemo(
    () => (filters.view === 'open' ? withoutAcked(items, ackedElsewhere) : items),
    [filters.view, items, ackedElsewhere],
  );

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const gen = generation.current;
    setLoadingMore(true);
    void fetchPage(filtersRef.current, cursor).then((page) => {
      if (gen !== generation.current) return;
      setLoadingMore(false);
      setFailed(page === null);
      if (!page) return;
      const held = new Set(itemsRef.current.map((h) => h.eventId));
      const next = [...itemsRef.current, ...page.items.filter((e) => !held.has(e.eventId))];
      wanted.current = Math.max(wanted.current, next.length);
      put(next);
      putCursor(page.nextCursor);
    });
  }, [cursor, fetchPage, put, putCursor]);

  const acknowledge = useCallback(
    async (e: FeedEvent, by: string, note: string): Promise<AckOutcome> => {
      const res = await fetch(`/api/camera-events/${encodeURIComponent(e.eventId)}/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ by, note }),
      }).catch(() => null);
      if (!res) return { ok: false, reason: 'failed' };
      // 200 answers the acknowledgement, a 409 (a problem body) the one made a moment before.
      const answer = res.ok ? null : await readProblem(res);
      if (answer?.status === 400) return { ok: false, reason: 'invalid', problems: answer.problems };
      const body = (answer ? answer.members : await res.json().catch(() => ({}))) as { ack?: EventAck };
      if (!body.ack || (answer && answer.status !== 409)) return { ok: false, reason: 'failed' };
      // Made now, or by someone a moment before (409): either way the event is handled.
      const ack = body.ack;
      const held = itemsRef.current;
      put(
        filtersRef.current.view === 'open'
          ? held.filter((h) => h.eventId !== e.eventId)
          : held.map((h) => (h.eventId === e.eventId ? { ...h, ack } : h)),
      );
      return res.ok ? { ok: true } : { ok: false, reason: 'taken', ack };
    },
    [put],
  );

  return {
    items: shown,
    hasMore: cursor !== null,
    loading: loadedKey !== filtersKey || loadingMore,
    failed,
    status: events.status,
    lastUpdate,
    loadMore,
    acknowledge,
  };
}
