/**
 * The officers' view of camera events: the filtered feed (keyset pages, plate search), the
 * acknowledgements (once per event, append-only: migration 015) and the period statistics.
 */
import {
  encodeCursor,
  VIOLATION_TYPES,
  type AckResult,
  type CameraEventStats,
  type EventAck,
  type EventAckList,
  type FeedOptions,
  type FeedPage,
  type FeedQuery,
  type StatsQuery,
} from '../contracts/camera-events';
import { SERIOUS_EVENT_TYPES } from '../contracts/channels';
import type { Queryable } from './adapter';
import { sql } from './sql';

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (v: unknown): number => new Date(v as string | Date).getTime();
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const snapshotPath = (eventId: string) => `/api/camera-events/${encodeURIComponent(eventId)}/snapshot`;

export async function cameraEventFeed(db: Queryable, q: FeedQuery, now = Date.now()): Promise<FeedPage> {
  // A plate search starts from the plates that match (camera-event-feed-plate.sql says why).
  const { rows } = await db.query<Record<string, unknown>>(sql(q.q ? 'camera-event-feed-plate' : 'camera-event-feed'), [
    q.view,
    q.type ?? null,
    q.severity ?? null,
    q.ward ?? null,
    q.road ?? null,
    q.from === undefined ? null : iso(q.from),
    q.to === undefined ? null : iso(q.to),
    q.q ?? null,
    q.cursor ? iso(q.cursor.timeMs) : null,
    q.cursor?.eventId ?? null,
    // One more than asked: whether there is a next page.
    q.limit + 1,
  ]);
  const items = rows.slice(0, q.limit).map((r) => {
    const eventId = String(r.event_id);
    return {
      eventId,
      cameraId: String(r.camera_id),
      cameraName: str(r.camera_name),
      road: str(r.road),
      wardCode: str(r.ward_code),
      wardName: str(r.ward_name),
      type: String(r.type),
      severity: Number(r.severity),
      plate: str(r.plate),
      vehicleCount: r.vehicle_count === null ? null : Number(r.vehicle_count),
      timeMs: ms(r.time),
      snapshotUrl: r.has_snapshot === true ? snapshotPath(eventId) : null,
      ack:
        r.acked_by === null
          ? null
          : { eventId, by: String(r.acked_by), atMs: ms(r.acked_at), note: String(r.ack_note) },
    };
  });
  const last = items.at(-1);
  return { generatedAt: now, items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

const ackOf = (r: Record<string, unknown>): EventAck => ({
  eventId: String(r.event_id),
  by: String(r.acked_by),
  atMs: ms(r.acked_at),
  note: String(r.note),
});

/** Acknowledges an event once: a second acknowledgement is refused with the first one's who and when. */
export async function acknowledgeCameraEvent(
  db: Queryable,
  eventId: string,
  by: string,
  note: string,
  atMs = Date.now(),
): Promise<AckResult> {
  const made = await db.query<Record<string, unknown>>(sql('camera-event-ack'), [eventId, iso(atMs), by, note]);
  if (made.rows[0]) return { ok: true, ack: ackOf(made.rows[0]) };
  // Not inserted: someone was first (possibly a moment ago, in a concurrent transaction), or no such event.
  const before = await db.query<Record<string, unknown>>(sql('camera-event-ack-get'), [eventId]);
  return before.rows[0]
    ? { ok: false, reason: 'already_acknowledged', ack: ackOf(before.rows[0]) }
    : { ok: false, reason: 'unknown_event' };
}

const ACKS_SHOWN = 50;

export async function recentCameraEventAcks(db: Queryable, now = Date.now()): Promise<EventAckList> {
  const { rows } = await db.query<{ event_id: string; acked_by: string; acked_at: Date }>(
    sql('camera-event-acks-recent'),
    [ACKS_SHOWN],
  );
  return { generatedAt: now, recent: rows.map((r) => ({ eventId: r.event_id, by: r.acked_by, atMs: ms(r.acked_at) })) };
}

/** The event's snapshot as stored (URL or data: URI), or null. */
export async function cameraEventSnapshot(db: Queryable, eventId: string): Promise<string | null> {
  const { rows } = await db.query<{ snapshot: string }>(sql('camera-event-snapshot'), [eventId]);
  return rows[0]?.snapshot ?? null;
}

const hours = () => Array.from({ length: 24 }, () => 0);

export async function cameraEventStats(
  db: Queryable,
  q: StatsQuery,
  timeZone: string,
  now = Date.now(),
): Promise<CameraEventStats> {
  const range = (from: number, to: number) => [iso(from), iso(to), timeZone];
  const len = q.to - q.from;
  const [current, previous, congestion, cameras] = await Promise.all([
    db.query<{ type: string; hour: number; n: number }>(sql('camera-event-stats-violations'), [
      ...range(q.from, q.to),
      VIOLATION_TYPES,
    ]),
    db.query<{ type: string; hour: number; n: number }>(sql('camera-event-stats-violations'), [
      ...range(q.from - len, q.from),
      VIOLATION_TYPES,
    ]),
    db.query<{ road: string | null; hours: number; events: number }>(sql('camera-event-stats-congestion'), [
      ...range(q.from, q.to),
      10,
    ]),
    db.query<{ camera_id: string; name: string | null; road: string | null; events: number; serious: number }>(
      sql('camera-event-stats-cameras'),
      [iso(q.from), iso(q.to), SERIOUS_EVENT_TYPES, 10],
    ),
  ]);
  const byTypeHour = (rows: readonly { type: string; hour: number; n: number }[]) => {
    const out: Record<string, number[]> = {};
    for (const r of rows) (out[r.type] ??= hours())[Number(r.hour)]! += Number(r.n);
    return out;
  };
  return {
    generatedAt: now,
    from: q.from,
    to: q.to,
    violationsByTypeHour: byTypeHour(current.rows),
    previousViolationsByTypeHour: byTypeHour(previous.rows),
    congestionByRoad: congestion.rows.map((r) => ({ road: r.road, hours: Number(r.hours), events: Number(r.events) })),
    topCameras: cameras.rows.map((r) => ({
      cameraId: r.camera_id,
      name: r.name,
      road: r.road,
      events: Number(r.events),
      serious: Number(r.serious),
    })),
  };
}

export async function cameraEventOptions(db: Queryable): Promise<FeedOptions> {
  const { rows } = await db.query<{ ward_code: string | null; ward_name: string | null; road: string | null }>(
    sql('camera-event-options'),
  );
  const wards = new Map<string, string>();
  const roads = new Set<string>();
  for (const r of rows) {
    if (r.ward_code) wards.set(r.ward_code, r.ward_name ?? r.ward_code);
    if (r.road) roads.add(r.road);
  }
  const vi = (a: string, b: string) => a.localeCompare(b, 'vi');
  return {
    wards: [...wards].map(([code, name]) => ({ code, name })).sort((a, b) => vi(a.name, b.name)),
    roads: [...roads].sort(vi),
  };
}
