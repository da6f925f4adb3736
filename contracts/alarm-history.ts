/**
 * Alarm history for /alarms: the alarms raised in a period with who acknowledged and
 * cleared them, and each alarm's audit trail. The HTTP query (zod, shared by the route handler and
 * its tests) and the answers (types the browser reads).
 *   GET /api/alarms/history?from&to&severity&rule&state&page
 *   GET /api/alarms/{id}/transitions
 */
import { z } from 'zod';

const instant = z
  .union([
    z.iso.datetime({ offset: true }),
    z.string().regex(/^\d{10,15}$/, 'expected ISO 8601 with offset or epoch ms'),
  ])
  .transform((s) => (/^\d+$/.test(s) ? Number(s) : Date.parse(s)));

export const ALARM_HISTORY_STATES = ['open', 'active', 'acknowledged', 'cleared'] as const;
export const ALARM_HISTORY_PAGE_SIZE = 50;
const DAY = 86_400_000;

/** Without `from`/`to`: the last 24 hours. A period is at most 92 days (a quarter), so a page stays cheap. */
export const alarmHistoryQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    severity: z.enum(['1', '2', '3']).transform(Number).optional(),
    rule: z.string().trim().min(1).max(128).optional(),
    state: z.enum(ALARM_HISTORY_STATES).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .transform((q) => {
    const to = q.to ?? Date.now();
    return { ...q, to, from: q.from ?? to - DAY };
  })
  .refine((q) => q.from < q.to, { message: '`from` must be before `to`', path: ['from'] })
  .refine((q) => q.to - q.from <= 92 * DAY, { message: 'a period is at most 92 days', path: ['from'] });
export type AlarmHistoryQuery = z.output<typeof alarmHistoryQuerySchema>;

export interface AlarmHistoryItem {
  id: string;
  ruleId: string;
  /** The rule's name when the alarm was raised (its detail), else the rule id. */
  name: { vi: string; en: string };
  subject: string;
  title: string;
  severity: number;
  state: 'active' | 'acknowledged' | 'cleared';
  startedMs: number;
  value: number | null;
  ackedMs: number | null;
  ackedBy: string | null;
  ackNote: string | null;
  clearedMs: number | null;
  /** Null on a cleared alarm: the condition ended by itself. */
  clearedBy: string | null;
  /** To the clear, or so far. */
  durationMs: number;
}

export interface AlarmHistoryPage {
  items: AlarmHistoryItem[];
  total: number;
  page: number;
  pageSize: number;
  from: number;
  to: number;
}

export interface AlarmTransition {
  at: number;
  from: string | null;
  to: string;
  actor: string | null;
  note: string | null;
}
