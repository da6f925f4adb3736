/**
 * Dossier and document KPI sums for any range of whole local days, grouped and filtered, from the
 * rollups (continuous aggregates on TimescaleDB, trigger-kept tables on PostgreSQL): whole months
 * from the monthly ones, the partial months at either end from the daily ones; plus the "now"
 * counts from the record tables. The KPIs themselves are computed from these sums by
 * contracts/kpi-definitions.ts, so the formula lives in one place.
 */
import { zeroCaseSums, zeroDocumentSums, type CaseSums, type DocumentSums } from '../contracts/kpi-definitions';
import { localDateKey, parseWireTime } from '../contracts/time';
import type { Queryable } from './adapter';
import { sql } from './sql';

export const CASE_GROUPINGS = ['agency', 'level', 'channel', 'field', 'procedure', 'day', 'all'] as const;
export type CaseGrouping = (typeof CASE_GROUPINGS)[number];
export const DOCUMENT_GROUPINGS = ['agency', 'urgency', 'day', 'all'] as const;
export type DocumentGrouping = (typeof DOCUMENT_GROUPINGS)[number];

/** `agencyIds`: undefined for every agency; an empty list matches none (a scope that covers no agency). */
export interface CaseFilter {
  agencyIds?: readonly string[];
  level?: string;
  field?: string;
  procedureCode?: string;
  channel?: string;
}

export interface KpiRange {
  /** Start of the first local day (inclusive) and of the day after the last (exclusive), epoch ms. */
  fromMs: number;
  toMs: number;
  /**
   * The whole local months inside [fromMs, toMs), read from the monthly rollups; equal (both toMs)
   * when there is none. A year is then 12 monthly rows per group instead of 365 daily ones.
   */
  monthsFromMs: number;
  monthsToMs: number;
}

/** Local midnight of the 1st of the month of `ms`, or of the next month. */
function monthStart(ms: number, timeZone: string, next: boolean): number {
  const [y, m] = localDateKey(ms, timeZone).split('-').map(Number) as [number, number];
  const [year, month] = next ? (m === 12 ? [y + 1, 1] : [y, m + 1]) : [y, m];
  const parsed = parseWireTime(`${year}-${String(month).padStart(2, '0')}-01`, timeZone);
  if (!parsed.ok) throw new Error(`month start ${year}-${month}: ${parsed.error}`);
  return parsed.ms;
}

/** A range of whole local days [fromMs, toMs) with its whole months found. */
export function kpiRange(fromMs: number, toMs: number, timeZone: string): KpiRange {
  const first = monthStart(fromMs, timeZone, false) === fromMs ? fromMs : monthStart(fromMs, timeZone, true);
  const last = monthStart(toMs, timeZone, false);
  return first < last
    ? { fromMs, toMs, monthsFromMs: first, monthsToMs: last }
    : { fromMs, toMs, monthsFromMs: toMs, monthsToMs: toMs };
}

/** The query's four bounds: [from, months from), [months from, months to) monthly, [months to, to). */
function bounds(range: KpiRange, daysOnly: boolean): string[] {
  const [mFrom, mTo] = daysOnly ? [range.toMs, range.toMs] : [range.monthsFromMs, range.monthsToMs];
  return [iso(range.fromMs), iso(mFrom), iso(mTo), iso(range.toMs)];
}

export interface Grouped<S> {
  key: string;
  sums: S;
}

const num = (v: unknown) => Number(v ?? 0);
const iso = (ms: number) => new Date(ms).toISOString();

type Row = Record<string, unknown>;

/** Sums per group key, created at zero on first use; flow and "now" rows fill the same groups. */
class GroupedSums<S> {
  private readonly groups = new Map<string, S>();
  constructor(private readonly zero: () => S) {}
  get(key: unknown): S {
    const k = String(key ?? '');
    let s = this.groups.get(k);
    if (!s) this.groups.set(k, (s = this.zero()));
    return s;
  }
  sorted(): Grouped<S>[] {
    return [...this.groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, sums]) => ({ key, sums }));
  }
}

export async function queryCaseSums(
  db: Queryable,
  range: KpiRange,
  groupBy: CaseGrouping,
  filter: CaseFilter = {},
  nowMs = Date.now(),
): Promise<Grouped<CaseSums>[]> {
  const agencies = filter.agencyIds === undefined ? null : [...filter.agencyIds];
  const detailed =
    groupBy === 'field' || groupBy === 'procedure' || filter.field !== undefined || filter.procedureCode !== undefined;
  const flowQuery = detailed
    ? db.query<Row>(sql('kpi-cases-range'), [
        ...bounds(range, groupBy === 'day'),
        groupBy,
        agencies,
        filter.level ?? null,
        filter.field ?? null,
        filter.procedureCode ?? null,
        filter.channel ?? null,
      ])
    : db.query<Row>(sql('kpi-cases-range-agency'), [
        ...bounds(range, groupBy === 'day'),
        groupBy,
        agencies,
        filter.level ?? null,
        filter.channel ?? null,
      ]);
  const nowQuery =
    groupBy === 'day'
      ? Promise.resolve({ rows: [] as Row[] })
      : db.query<Row>(sql('kpi-cases-now'), [
          iso(nowMs),
          groupBy,
          agencies,
          filter.level ?? null,
          filter.field ?? null,
          filter.procedureCode ?? null,
          filter.channel ?? null,
        ]);
  const [{ rows: flows }, { rows: open }] = await Promise.all([flowQuery, nowQuery]);

  const out = new GroupedSums(zeroCaseSums);
  for (const r of flows) {
    const s = out.get(r.key);
    s.received = num(r.received);
    s.receivedOnline = num(r.received_online);
    s.receivedPostal = num(r.received_postal);
    s.receivedOnlinePayment = num(r.received_online_payment);
    s.receivedDigitized = num(r.received_digitized);
    s.resolved = num(r.resolved);
    s.resolvedEarly = num(r.resolved_early);
    s.resolvedOnTime = num(r.resolved_on_time);
    s.resolvedLate = num(r.resolved_late);
    s.supplementRequested = num(r.supplement_requested);
    s.returned = num(r.returned);
    s.withdrawn = num(r.withdrawn);
    s.rated = num(r.rated);
    s.ratingSum = num(r.rating_sum);
    s.rating1 = num(r.rating_1);
    s.rating2 = num(r.rating_2);
    s.rating3 = num(r.rating_3);
    s.rating4 = num(r.rating_4);
    s.rating5 = num(r.rating_5);
  }
  for (const r of open) {
    const s = out.get(r.key);
    s.inProgressNow = num(r.in_progress_now);
    s.overdueNow = num(r.overdue_now);
  }
  return out.sorted();
}

export async function queryDocumentSums(
  db: Queryable,
  range: KpiRange,
  groupBy: DocumentGrouping,
  agencyIds?: readonly string[],
  nowMs = Date.now(),
): Promise<Grouped<DocumentSums>[]> {
  const agencies = agencyIds === undefined ? null : [...agencyIds];
  const [{ rows: flows }, { rows: open }] = await Promise.all([
    db.query<Row>(sql('kpi-documents-range'), [...bounds(range, groupBy === 'day'), groupBy, agencies]),
    groupBy === 'day'
      ? Promise.resolve({ rows: [] as Row[] })
      : db.query<Row>(sql('kpi-documents-now'), [iso(nowMs), groupBy, agencies]),
  ]);
  const out = new GroupedSums(zeroDocumentSums);
  for (const r of flows) {
    const s = out.get(r.key);
    s.incomingRegistered = num(r.incoming_registered);
    s.incomingRegisteredElectronic = num(r.incoming_registered_electronic);
    s.incomingProcessed = num(r.incoming_processed);
    s.incomingOnTime = num(r.incoming_on_time);
    s.incomingLate = num(r.incoming_late);
    s.incomingNoDeadline = num(r.incoming_no_deadline);
    s.incomingProcessingSeconds = num(r.incoming_processing_seconds);
    s.outgoingIssued = num(r.outgoing_issued);
    s.outgoingSigned = num(r.outgoing_signed);
    s.outgoingElectronic = num(r.outgoing_electronic);
  }
  for (const r of open) {
    const s = out.get(r.key);
    s.incomingOpenNow = num(r.incoming_open_now);
    s.incomingOverdueNow = num(r.incoming_overdue_now);
  }
  return out.sorted();
}
