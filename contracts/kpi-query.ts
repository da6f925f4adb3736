/**
 * The KPI table request (GET /api/kpi/cases | /api/kpi/documents) and its answer. Dates are local
 * calendar days in the city; `to` is the last day included. A previous period of the same length
 * comes along for comparison unless `compare=none`.
 */
import { z } from 'zod';
import type { CaseKpiId, CaseSums, DocumentKpiId, DocumentSums } from './kpi-definitions';

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');
const optionalText = z.string().trim().min(1).max(128).optional();
const MAX_DAYS = 3 * 366;
/** Comma-separated agency ids; none named (absent, empty, only commas) is every agency — never an empty list. */
const agencyList = z
  .string()
  .max(4000)
  .optional()
  .transform((v) => {
    const ids = v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    return ids.length > 0 ? ids : undefined;
  });

/** The two families of records: dossiers (`cases`) and official documents — one name for them everywhere (KPIs, import, connectors). */
export const KPI_FAMILIES = ['cases', 'documents'] as const;
export type KpiFamily = (typeof KPI_FAMILIES)[number];

const DAY = 86_400_000;
export const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

export const kpiQuerySchema = z
  .object({
    from: localDate,
    to: localDate,
    groupBy: z.enum(['agency', 'level', 'channel', 'field', 'procedure', 'urgency', 'day', 'all']).default('agency'),
    /** Comma-separated agency ids. */
    agency: agencyList,
    level: z.enum(['province', 'commune', 'district']).optional(),
    field: optionalText,
    procedure: optionalText,
    channel: z.enum(['counter', 'online', 'postal']).optional(),
    compare: z.enum(['previous', 'none']).default('previous'),
  })
  .refine((q) => dayNumber(q.from) <= dayNumber(q.to), { message: '`from` must not be after `to`', path: ['from'] })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_DAYS, {
    message: `a range covers at most ${MAX_DAYS} days`,
    path: ['to'],
  });
export type KpiQuery = z.output<typeof kpiQuerySchema>;

export interface KpiRow<S, Id extends string> {
  key: string;
  label: { vi: string; en: string };
  /** The agency's ward or commune (agency rows of commune-level agencies), for the map. */
  wardCode: string | null;
  sums: S;
  kpis: Record<Id, number | null>;
}

export interface KpiPeriod<S, Id extends string> {
  from: string;
  to: string;
  rows: KpiRow<S, Id>[];
  total: KpiRow<S, Id>;
}

export interface KpiTable<S, Id extends string> extends KpiPeriod<S, Id> {
  family: KpiFamily;
  groupBy: KpiQuery['groupBy'];
  generatedAt: number;
  previous: KpiPeriod<S, Id> | null;
  /** Present when the answer is narrowed to a leader's scope: the agencies it covers (its total is theirs). */
  scope?: string[];
}

export type CaseKpiTable = KpiTable<CaseSums, CaseKpiId>;
export type DocumentKpiTable = KpiTable<DocumentSums, DocumentKpiId>;

/** The period of the same length just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = dayNumber(to) - dayNumber(from) + 1;
  const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
  return { from: iso(dayNumber(from) - len), to: iso(dayNumber(from) - 1) };
}

/** What a drill-down lists: the records behind one number (each KPI names its drill). */
export const CASE_DRILLS = [
  'received',
  'received_online',
  'received_postal',
  'received_online_payment',
  'received_digitized',
  'resolved',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'rated',
  'supplement_requested',
  'returned',
  'withdrawn',
  'in_progress',
  'overdue',
] as const;
export const DOCUMENT_DRILLS = [
  'incoming_registered',
  'incoming_processed',
  'incoming_late',
  'outgoing_issued',
  'overdue',
] as const;

export const drillQuerySchema = z
  .object({
    drill: z.string().max(40),
    from: localDate,
    to: localDate,
    agency: agencyList,
    level: z.enum(['province', 'commune', 'district']).optional(),
    field: optionalText,
    procedure: optionalText,
    channel: z.enum(['counter', 'online', 'postal']).optional(),
    /** A record code prefix (dossier or document number). */
    q: z
      .string()
      .trim()
      .max(64)
      .optional()
      .transform((v) => (v ? v : undefined)),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => dayNumber(q.from) <= dayNumber(q.to), { message: '`from` must not be after `to`', path: ['from'] });
export type DrillQuery = z.output<typeof drillQuerySchema>;

export interface CaseRecordRow {
  caseId: string;
  agencyId: string;
  agency: { vi: string; en: string };
  procedureCode: string;
  procedureName: string | null;
  field: string | null;
  level: string;
  channel: string;
  receivedAt: string;
  dueAt: string;
  resolvedAt: string | null;
  status: string;
  rating: number | null;
  supplementRequests: number;
  milestoneAt: string;
  timeliness: string | null;
}
export interface DocumentRecordRow {
  docId: string;
  agencyId: string;
  agency: { vi: string; en: string };
  direction: string;
  registeredAt: string;
  dueAt: string | null;
  processedAt: string | null;
  status: string;
  signed: boolean;
  eExchange: boolean;
  urgency: string | null;
  milestoneAt: string | null;
  timeliness: string | null;
}
export interface RecordPage<R> {
  drill: string;
  page: number;
  pageSize: number;
  hasMore: boolean;
  rows: R[];
}
