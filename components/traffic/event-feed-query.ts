/**
 * The feed's filters as the officer sets them, turned into the API's query string, and the merge
 * of a fresh first page into a list already scrolled further (live refreshes keep older pages).
 * Pure: unit-tested in event-feed-query.test.ts.
 */
import { encodeCursor, type FeedEvent, type FeedView } from '../../contracts/camera-events';
import type { CameraEventItem, CameraState } from '../../contracts/channels';

export const FEED_PERIODS = ['any', '1h', 'today', '24h', '7d', 'custom'] as const;
export type FeedPeriod = (typeof FEED_PERIODS)[number];

export interface FeedFilters {
  view: FeedView;
  type: string;
  severity: string;
  ward: string;
  road: string;
  period: FeedPeriod;
  /** Custom period: `YYYY-MM-DDTHH:mm` in the city's time (datetime-local inputs). */
  from: string;
  to: string;
  plate: string;
}

export const DEFAULT_FILTERS: FeedFilters = {
  view: 'open',
  type: '',
  severity: '',
  ward: '',
  road: '',
  period: 'any',
  from: '',
  to: '',
  plate: '',
};

const HOUR = 3_600_000;

/** The offset of a zone from UTC at an instant, in ms (UTC+7 → 25 200 000). */
function zoneOffset(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) - Math.floor(ms / 1000) * 1000;
}

/** A wall-clock time in the zone (`YYYY-MM-DDTHH:mm`) as epoch ms, or null when it is not one. */
export function zonedToMs(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const naive = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  if (Number.isNaN(naive)) return null;
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  const first = naive - zoneOffset(naive, timeZone);
  return naive - zoneOffset(first, timeZone);
}

/** Midnight of the zone's current day, as epoch ms. */
export function zonedMidnight(nowMs: number, timeZone: string): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    nowMs,
  );
  return zonedToMs(`${day}T00:00`, timeZone)!;
}

/** The time range a period covers at `nowMs`: [from, to) in epoch ms, either end open (undefined). */
export function periodInstants(
  f: Pick<FeedFilters, 'period' | 'from' | 'to'>,
  nowMs: number,
  timeZone: string,
): { from?: number; to?: number } {
  switch (f.period) {
    case 'any':
      return {};
    case '1h':
      return { from: nowMs - HOUR };
    case 'today':
      return { from: zonedMidnight(nowMs, timeZone) };
    case '24h':
      return { from: nowMs - 24 * HOUR };
    case '7d':
      return { from: nowMs - 7 * 24 * HOUR };
    case 'custom': {
      const from = zonedToMs(f.from, timeZone) ?? undefined;
      const to = zonedToMs(f.to, timeZone) ?? undefined;
      return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    }
  }
}

/** The API query string for the filters (and a cursor for the next page). */
export function feedSearch(
  f: FeedFilters,
  nowMs: number,
  timeZone: string,
  opts: { cursor?: string | null; limit?: number } = {},
): string {
  const p = new URLSearchParams({ view: f.view });
  if (f.type) p.set('type', f.type);
  if (f.severity) p.set('severity', f.severity);
  if (f.ward) p.set('ward', f.ward);
  if (f.road) p.set('road', f.road);
  const range = periodInstants(f, nowMs, timeZone);
  if (range.from !== undefined) p.set('from', String(range.from));
  if (range.to !== undefined) p.set('to', String(range.to));
  if (f.plate.trim()) p.set('q', f.plate.trim());
  if (opts.cursor) p.set('cursor', opts.cursor);
  if (opts.limit) p.set('limit', String(opts.limit));
  return p.toString();
}

/** Newest first: (time, id) descending, as the API orders. Negative when `a` comes first. */
const order = (a: FeedEvent, b: FeedEvent) =>
  b.timeMs - a.timeMs || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0);

/**
 * A fresh first page replaces what the list held in its range (an acknowledged event drops out, a
 * new one comes in); what was loaded beyond it (older pages) stays. When the fresh page is the last
 * one (`complete`), nothing older exists.
 */
export function mergeHead(head: readonly FeedEvent[], complete: boolean, held: readonly FeedEvent[]): FeedEvent[] {
  const last = head.at(-1);
  if (complete || !last) return complete ? [...head] : [...held];
  return [...head, ...held.filter((e) => order(last, e) < 0)];
}

/** Drops events acknowledged elsewhere from a "to handle" list at once, before the refetch arrives. */
export function withoutAcked(items: readonly FeedEvent[], acked: ReadonlySet<string>): FeedEvent[] {
  return items.filter((e) => !acked.has(e.eventId));
}

/**
 * A page left open all day sees thousands of events: the list keeps as many as the officer asked
 * for (pages loaded × page size), newest first, and the cursor then continues after the last one kept.
 */
export function capList(
  items: readonly FeedEvent[],
  wanted: number,
  cursor: string | null,
): { items: FeedEvent[]; cursor: string | null } {
  if (items.length <= wanted) return { items: [...items], cursor };
  const kept = items.slice(0, wanted);
  return { items: kept, cursor: encodeCursor(kept.at(-1)!) };
}

/**
 * Live events as feed rows, shown the moment the channel brings them — the fetch of the first page
 * that follows adds the ward's name and the snapshot. Only where the list's filters need no server
 * to decide (no type, severity, place, plate or custom period; not the acknowledged view): otherwise
 * null, and the list waits for the fetch. Under load that fetch queues behind the ingest's writes.
 */
export function liveFeedRows(
  events: readonly CameraEventItem[],
  f: FeedFilters,
  cameras: Readonly<Record<string, CameraState>>,
): FeedEvent[] | null {
  const filtered = f.type || f.severity || f.ward || f.road || f.plate || f.period === 'custom' || f.view === 'acked';
  if (filtered) return null;
  return events.map((e) => {
    const cam = cameras[e.cameraId];
    return {
      eventId: e.eventId,
      cameraId: e.cameraId,
      cameraName: cam?.name ?? null,
      road: cam?.road ?? null,
      wardCode: cam?.wardCode ?? null,
      wardName: null,
      type: e.type,
      severity: e.severity,
      plate: e.plate,
      vehicleCount: null,
      timeMs: e.timeMs,
      snapshotUrl: null,
      ack: null,
    };
  });
}

/** Rows the list does not hold yet, put in their place (newest first). */
export function insertRows(held: readonly FeedEvent[], rows: readonly FeedEvent[]): FeedEvent[] {
  const have = new Set(held.map((e) => e.eventId));
  const fresh = rows.filter((r) => !have.has(r.eventId));
  return fresh.length === 0 ? [...held] : [...fresh, ...held].sort(order);
}
