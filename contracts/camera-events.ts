/**
 * The traffic officers' camera-event feed, its acknowledgements and statistics: the HTTP requests
 * (zod, shared by the route handlers and their tests) and the answers (types the browser reads).
 *   GET  /api/camera-events                 the feed: filters, plate search, keyset pages
 *   POST /api/camera-events/{id}/ack        acknowledge with a note (409 when already acknowledged)
 *   GET  /api/camera-events/{id}/snapshot   the event's snapshot image
 *   GET  /api/camera-events/stats           violations by type and hour, congestion hours by road, top cameras
 *   GET  /api/camera-events/options         the wards and roads that have cameras (filter choices)
 */
import { z } from 'zod';
import { CAMERA_EVENT_TYPES, type CameraEventType } from './mqtt/payloads';

/** Every camera event type (re-exported for the browser, which does not import the MQTT contract). */
export const EVENT_TYPES: readonly CameraEventType[] = CAMERA_EVENT_TYPES;

/** Traffic violations (a plate to fine), as opposed to incidents (congestion, accident, flooding…). */
export const VIOLATION_TYPES: readonly CameraEventType[] = [
  'red_light',
  'wrong_lane',
  'speeding',
  'no_helmet',
  'illegal_parking',
];

/** What officers type, as the database keys plates (db/migrations/015: plate_key): '15a-123.45' → '15A12345'. */
export const plateKey = (plate: string): string => plate.toUpperCase().replace(/[^0-9A-Z]/g, '');

const instant = z
  .union([
    z.iso.datetime({ offset: true }),
    z.string().regex(/^\d{10,15}$/, 'expected ISO 8601 with offset or epoch ms'),
  ])
  .transform((s) => (/^\d+$/.test(s) ? Number(s) : Date.parse(s)));
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(400)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(20));

export const FEED_VIEWS = ['open', 'acked', 'all'] as const;
export type FeedView = (typeof FEED_VIEWS)[number];

/** A position in the feed (newest first): the last event shown, as `{timeMs}.{eventId}`. */
export const encodeCursor = (c: { timeMs: number; eventId: string }) => `${c.timeMs}.${c.eventId}`;
const cursor = z
  .string()
  .max(200)
  .regex(/^\d{1,15}\..+$/, 'expected a cursor from a previous page')
  .transform((s) => {
    const dot = s.indexOf('.');
    return { timeMs: Number(s.slice(0, dot)), eventId: s.slice(dot + 1) };
  });

export const feedQuerySchema = z
  .object({
    /** open: not yet acknowledged ("to handle"); acked: acknowledged; all. */
    view: z.enum(FEED_VIEWS).default('open'),
    type: list(z.enum(CAMERA_EVENT_TYPES)).optional(),
    severity: list(z.enum(['1', '2', '3']).transform(Number)).optional(),
    ward: z.string().trim().min(1).max(32).optional(),
    road: z.string().trim().min(1).max(128).optional(),
    from: instant.optional(),
    to: instant.optional(),
    /** Plate search: matches anywhere in the plate, ignoring case and punctuation. */
    q: z
      .string()
      .max(20)
      .optional()
      .transform((v) => (v ? plateKey(v) || undefined : undefined))
      // Trigrams: a key of 3 or more is what the index can serve (2 would read every plate).
      .refine((k) => k === undefined || k.length >= 3, 'type at least 3 letters or digits of the plate'),
    cursor: cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '`from` must be before `to`',
    path: ['from'],
  });
export type FeedQuery = z.output<typeof feedQuerySchema>;

export interface EventAck {
  eventId: string;
  by: string;
  atMs: number;
  note: string;
}

export interface FeedEvent {
  eventId: string;
  cameraId: string;
  cameraName: string | null;
  road: string | null;
  wardCode: string | null;
  wardName: string | null;
  type: string;
  severity: number;
  plate: string | null;
  vehicleCount: number | null;
  timeMs: number;
  /** Where the browser loads the snapshot from (`/api/camera-events/{id}/snapshot`), or null when the event has none. */
  snapshotUrl: string | null;
  ack: EventAck | null;
}

export interface FeedPage {
  generatedAt: number;
  items: FeedEvent[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const ackBodySchema = z.object({
  /** Set by the server from the session (a value sent by the client is replaced). */
  by: z.string().trim().min(1, 'who acknowledges: the signed-in user').max(64),
  /** What was done: required, an acknowledgement is a record of handling. */
  note: z.string().trim().min(1, 'say what was done').max(500),
});
export type AckBody = z.output<typeof ackBodySchema>;

/** The answer to an acknowledgement: the acknowledgement made, or (409) the one made before. */
export type AckResult =
  | { ok: true; ack: EventAck }
  | { ok: false; reason: 'unknown_event' }
  | { ok: false; reason: 'already_acknowledged'; ack: EventAck };

/** The newest acknowledgements, for the `events:acks` channel: every open list drops them at once. */
export interface EventAckList {
  generatedAt: number;
  /** Newest first, at most 50. */
  recent: { eventId: string; by: string; atMs: number }[];
}

export const statsQuerySchema = z
  .object({ from: instant, to: instant })
  .refine((q) => q.from < q.to, { message: '`from` must be before `to`', path: ['from'] })
  .refine((q) => q.to - q.from <= 366 * 86_400_000, { message: 'a period covers at most 366 days', path: ['to'] });
export type StatsQuery = z.output<typeof statsQuerySchema>;

/** Counts per hour of the city's day: index 0 is 00:00–01:00 local time. */
export type HourOfDay = number[];

export interface CameraEventStats {
  generatedAt: number;
  from: number;
  to: number;
  /** Violations (VIOLATION_TYPES) by type and local hour of day; types without any are left out. */
  violationsByTypeHour: Record<string, HourOfDay>;
  /** The same over the period of the same length just before (the comparison line). */
  previousViolationsByTypeHour: Record<string, HourOfDay>;
  /** Roads by hours with congestion: distinct clock hours in which a camera on the road reported congestion. */
  congestionByRoad: { road: string | null; hours: number; events: number }[];
  /** Cameras with the most events (all types), at most 10. */
  topCameras: { cameraId: string; name: string | null; road: string | null; events: number; serious: number }[];
}

export interface FeedOptions {
  wards: { code: string; name: string }[];
  roads: string[];
}
