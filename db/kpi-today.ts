/**
 * Today's dossier and document figures for the live KPI channels: today so far, yesterday up to
 * the same time of day (for trend arrows), and counts per hour of both days (for the charts).
 */
import type { CaseFigures, CaseKpis, DocumentFigures, DocumentKpis, Hourly } from '../contracts/channels';
import type { Queryable } from './adapter';
import { startOfLocalDay } from './overview';
import { sql } from './sql';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const num = (v: unknown) => Number(v ?? 0);
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Splits rows of (hour since the start of yesterday, count…) into yesterday's and today's 24 hours. */
function hourly<R extends { hour: number }>(rows: R[], pick: (r: R) => unknown): { yesterday: Hourly; today: Hourly } {
  const yesterday: Hourly = new Array<number>(24).fill(0);
  const today: Hourly = new Array<number>(24).fill(0);
  for (const r of rows) {
    const h = Number(r.hour);
    if (h >= 0 && h < 24) yesterday[h] = num(pick(r));
    else if (h >= 24 && h < 48) today[h - 24] = num(pick(r));
  }
  return { yesterday, today };
}

interface CaseTotals {
  received: unknown;
  received_online: unknown;
  resolved: unknown;
  resolved_late: unknown;
  [k: string]: unknown;
}
function caseFigures(r: CaseTotals | undefined): CaseFigures {
  const received = num(r?.received);
  const resolved = num(r?.resolved);
  const late = num(r?.resolved_late);
  return {
    received,
    resolved,
    resolvedOnTime: resolved - late,
    resolvedLate: late,
    onTimeRate: share(resolved - late, resolved),
    onlineShare: share(num(r?.received_online), received),
  };
}

/**
 * `agencies`: null for the whole city (the live channel); a list for a scoped leader (their pages
 * poll these figures instead of the channel), an empty list matching none.
 */
export async function queryCaseKpis(
  db: Queryable,
  timeZone: string,
  now = Date.now(),
  agencies: readonly string[] | null = null,
): Promise<CaseKpis> {
  const today = startOfLocalDay(now, timeZone);
  const a = agencies === null ? null : [...agencies];
  const [
    { rows },
    {
      rows: [prev],
    },
    { rows: hours },
  ] = await Promise.all([
    db.query<CaseTotals & { agency_id: string; name: string; ward_code: string | null; overdue_now: unknown }>(
      sql('kpi-cases-today'),
      [iso(today), iso(now), a],
    ),
    db.query<CaseTotals>(sql('kpi-cases-window'), [iso(today - DAY), iso(now - DAY), a]),
    db.query<{ hour: number; received: unknown; resolved: unknown }>(sql('kpi-cases-hourly'), [
      iso(today - DAY),
      iso(now),
      a,
    ]),
  ]);
  const sum = (k: keyof CaseTotals | 'overdue_now') => rows.reduce((s, r) => s + num(r[k]), 0);
  const received = hourly(hours, (r) => r.received);
  const resolved = hourly(hours, (r) => r.resolved);
  return {
    generatedAt: now,
    today: {
      ...caseFigures({
        received: sum('received'),
        received_online: sum('received_online'),
        resolved: sum('resolved'),
        resolved_late: sum('resolved_late'),
      }),
      overdueNow: sum('overdue_now'),
    },
    sameTimeYesterday: caseFigures(prev),
    hourly: {
      received: received.today,
      resolved: resolved.today,
      receivedYesterday: received.yesterday,
      resolvedYesterday: resolved.yesterday,
    },
    byAgency: rows.map((r) => ({
      agencyId: r.agency_id,
      name: r.name,
      wardCode: r.ward_code,
      received: num(r.received),
      resolved: num(r.resolved),
      resolvedLate: num(r.resolved_late),
      overdueNow: num(r.overdue_now),
    })),
  };
}

interface DocumentTotals {
  incoming_registered: unknown;
  incoming_processed: unknown;
  outgoing_issued: unknown;
  outgoing_signed: unknown;
  [k: string]: unknown;
}
function documentFigures(r: DocumentTotals | undefined): DocumentFigures {
  const issued = num(r?.outgoing_issued);
  return {
    incomingRegistered: num(r?.incoming_registered),
    incomingProcessed: num(r?.incoming_processed),
    outgoingIssued: issued,
    signedShare: share(num(r?.outgoing_signed), issued),
  };
}

/** `agencies` as queryCaseKpis. */
export async function queryDocumentKpis(
  db: Queryable,
  timeZone: string,
  now = Date.now(),
  agencies: readonly string[] | null = null,
): Promise<DocumentKpis> {
  const today = startOfLocalDay(now, timeZone);
  const a = agencies === null ? null : [...agencies];
  const [
    {
      rows: [cur],
    },
    {
      rows: [prev],
    },
    {
      rows: [overdue],
    },
    { rows: hours },
  ] = await Promise.all([
    db.query<DocumentTotals>(sql('kpi-documents-window'), [iso(today), iso(now), a]),
    db.query<DocumentTotals>(sql('kpi-documents-window'), [iso(today - DAY), iso(now - DAY), a]),
    db.query<{ overdue_now: unknown }>(sql('kpi-documents-overdue'), [iso(now), a]),
    db.query<{ hour: number; registered: unknown }>(sql('kpi-documents-hourly'), [iso(today - DAY), iso(now), a]),
  ]);
  const registered = hourly(hours, (r) => r.registered);
  return {
    generatedAt: now,
    today: { ...documentFigures(cur), overdueNow: num(overdue?.overdue_now) },
    sameTimeYesterday: documentFigures(prev),
    hourly: { registered: registered.today, registeredYesterday: registered.yesterday },
  };
}
