/**
 * The audit trail's search: who did what, to what, when, from where — the audit log and
 * the alarm rules' own transitions (view v_audit_trail, migration 024). The HTTP query (zod, shared
 * by the route handlers and their tests) and the answers (types the browser reads).
 *   GET /api/admin/audit?from&to&actor&action(repeated)&target&ip&q&cursor&limit
 *   GET /api/admin/audit/export?…the same filters → CSV
 */
import { z } from 'zod';

/** Every action written today, grouped as the page lists them; the filter also accepts others of the same shape. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.rate_limited',
  'auth.sign_out',
  'auth.password_changed',
  'auth.password_change_failed',
  'user.create',
  'user.update',
  'kiosk.create',
  'kiosk.revoke',
  'kiosk.sign_in',
  'kiosk.sign_in_failed',
  'alarm.raise',
  'alarm.acknowledge',
  'alarm.clear',
  'camera_event.ack',
  'camera.edit',
  'indicator.edit',
  'wall.layout',
  'kpi.panels',
  'kpi.export',
  'audit.export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_PAGE_SIZE = 50;
/** An export is at most this many rows (the newest); the answer says when there were more. */
export const AUDIT_EXPORT_MAX = 50_000;

const instant = z
  .union([
    z.iso.datetime({ offset: true }),
    z.string().regex(/^\d{10,15}$/, 'expected ISO 8601 with offset or epoch ms'),
  ])
  .transform((s) => (/^\d+$/.test(s) ? Number(s) : Date.parse(s)));
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((s) => (s === '' ? undefined : s))
    .optional();

/** `<µs since epoch>:<source>:<id>` of the last row of the page before: exact to the microsecond, unlike a JS date. */
export const AUDIT_CURSOR = /^(\d{1,17}):(audit|alarm):(\d{1,18})$/;

export const auditQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    /** A user name, exactly (names are lower-case). */
    actor: z
      .string()
      .trim()
      .toLowerCase()
      .max(64, 'at most 64 characters')
      .regex(/^[a-z0-9._-]*$/, 'expected a user name (a-z 0-9 . _ -)')
      .transform((s) => (s === '' ? undefined : s))
      .optional(),
    action: z
      .array(z.string().regex(/^[a-z_]{1,32}(\.[a-z_]{1,32}){1,3}$/, 'expected an action such as auth.sign_in'))
      .max(40, 'at most 40 actions')
      .optional(),
    /** A part of the target, any case. */
    target: text(128),
    /** The client address, or its beginning (`10.0.3.`, `2001:db8:`). */
    ip: z
      .string()
      .trim()
      .max(45, 'at most 45 characters')
      .regex(/^[0-9a-fA-F.:]*$/, 'expected an address or its beginning (digits, a-f, . and :)')
      .transform((s) => (s === '' ? undefined : s.toLowerCase()))
      .optional(),
    /** Free text, any case, in the entry's detail (a note, the fields changed, an export's query). */
    q: text(200),
    cursor: z.string().regex(AUDIT_CURSOR, 'expected the `next` value of the page before').optional(),
    limit: z.coerce
      .number()
      .int('expected a whole number')
      .min(1, 'at least 1')
      .max(1000, 'at most 1000')
      .default(AUDIT_PAGE_SIZE),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '`from` must be before `to`',
    path: ['from'],
  });
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The query of a URL's search params (`action` may repeat). */
export function auditQueryInput(params: URLSearchParams): Record<string, unknown> {
  const o: Record<string, unknown> = Object.fromEntries(
    [...params.keys()].filter((k) => k !== 'action').map((k) => [k, params.get(k)]),
  );
  const actions = params
    .getAll('action')
    .flatMap((a) => a.split(','))
    .filter((a) => a !== '');
  if (actions.length > 0) o.action = actions;
  return o;
}

export interface AuditRow {
  /** `audit` (audit_log) or `alarm` (a rule's transition in alarm_transitions). */
  source: 'audit' | 'alarm';
  id: number;
  atMs: number;
  /** Null: the system (the alarm rules, the first start) or nobody signed in (a failed sign-in). */
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: unknown;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditRow[];
  /** Rows matching the filters (all pages). */
  total: number;
  /** The cursor of the next (older) page, or null on the last. */
  next: string | null;
}
