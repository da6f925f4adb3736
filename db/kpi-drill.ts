/**
 * Drill-down: the dossiers or documents behind a number, paginated and searchable by code. Flow
 * numbers list the very milestone rows the rollups counted, so a list's length is the number.
 */
import {
  CASE_DRILLS,
  DOCUMENT_DRILLS,
  type CaseRecordRow,
  type DocumentRecordRow,
  type DrillQuery,
  type RecordPage,
} from '../contracts/kpi-query';
import type { Queryable } from './adapter';
import { localRange } from './kpi-table';
import { sql } from './sql';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export class UnknownDrillError extends Error {}

/** Flow drills: which milestone, and which of its rows. */
const CASE_FLOW: Record<
  string,
  { milestone: string; timeliness?: string; channel?: string; paid?: true; digitized?: true; rated?: true }
> = {
  received: { milestone: 'received' },
  received_online: { milestone: 'received', channel: 'online' },
  received_postal: { milestone: 'received', channel: 'postal' },
  received_online_payment: { milestone: 'received', paid: true },
  received_digitized: { milestone: 'received', digitized: true },
  resolved: { milestone: 'resolved' },
  resolved_early: { milestone: 'resolved', timeliness: 'early' },
  resolved_on_time: { milestone: 'resolved', timeliness: 'on_time' },
  resolved_late: { milestone: 'resolved', timeliness: 'late' },
  rated: { milestone: 'resolved', rated: true },
  supplement_requested: { milestone: 'supplement_requested' },
  returned: { milestone: 'returned' },
  withdrawn: { milestone: 'withdrawn' },
};

export async function caseRecords(
  db: Queryable,
  q: DrillQuery,
  timeZone: string,
  nowMs = Date.now(),
): Promise<RecordPage<CaseRecordRow>> {
  if (!(CASE_DRILLS as readonly string[]).includes(q.drill))
    throw new UnknownDrillError(`unknown drill "${q.drill}"; known: ${CASE_DRILLS.join(', ')}`);
  const range = localRange(q.from, q.to, timeZone);
  const agencies = q.agency === undefined ? null : q.agency; // [] matches none (an empty scope)
  const limit = q.pageSize + 1;
  const offset = (q.page - 1) * q.pageSize;
  let rows: Row[];
  if (q.drill === 'in_progress' || q.drill === 'overdue') {
    ({ rows } = await db.query<Row>(sql('kpi-drill-cases-open'), [
      q.drill === 'overdue',
      new Date(nowMs).toISOString(),
      q.channel ?? null,
      agencies,
      q.level ?? null,
      q.field ?? null,
      q.procedure ?? null,
      q.q ?? null,
      limit,
      offset,
    ]));
  } else {
    const f = CASE_FLOW[q.drill]!;
    ({ rows } = await db.query<Row>(sql('kpi-drill-cases'), [
      f.milestone,
      new Date(range.fromMs).toISOString(),
      new Date(range.toMs).toISOString(),
      f.timeliness ?? null,
      f.channel ?? q.channel ?? null,
      f.paid === true,
      f.digitized === true,
      f.rated === true,
      agencies,
      q.level ?? null,
      q.field ?? null,
      q.procedure ?? null,
      q.q ?? null,
      limit,
      offset,
    ]));
  }
  return {
    drill: q.drill,
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
    rows: rows.slice(0, q.pageSize).map((r) => ({
      caseId: String(r.case_id),
      agencyId: String(r.agency_id),
      agency: { vi: text(r.agency_vi) ?? String(r.agency_id), en: text(r.agency_en) ?? String(r.agency_id) },
      procedureCode: String(r.procedure_code),
      procedureName: text(r.procedure_name),
      field: text(r.field),
      level: String(r.level),
      channel: String(r.channel),
      receivedAt: iso(r.received_at)!,
      dueAt: iso(r.due_at)!,
      resolvedAt: iso(r.resolved_at),
      status: String(r.status),
      rating: r.rating === null ? null : Number(r.rating),
      supplementRequests: Number(r.supplement_requests),
      milestoneAt: iso(r.milestone_at)!,
      timeliness: text(r.timeliness),
    })),
  };
}

const DOCUMENT_FLOW: Record<string, { milestone: string; direction?: string; timeliness?: string }> = {
  incoming_registered: { milestone: 'registered', direction: 'incoming' },
  incoming_processed: { milestone: 'processed', direction: 'incoming' },
  incoming_late: { milestone: 'processed', direction: 'incoming', timeliness: 'late' },
  outgoing_issued: { milestone: 'processed', direction: 'outgoing' },
  overdue: { milestone: 'overdue' },
};

export async function documentRecords(
  db: Queryable,
  q: DrillQuery,
  timeZone: string,
  nowMs = Date.now(),
): Promise<RecordPage<DocumentRecordRow>> {
  if (!(DOCUMENT_DRILLS as readonly string[]).includes(q.drill))
    throw new UnknownDrillError(`unknown drill "${q.drill}"; known: ${DOCUMENT_DRILLS.join(', ')}`);
  const f = DOCUMENT_FLOW[q.drill]!;
  const range = localRange(q.from, q.to, timeZone);
  const agencies = q.agency === undefined ? null : q.agency; // [] matches none (an empty scope)
  const limit = q.pageSize + 1;
  const offset = (q.page - 1) * q.pageSize;
  const { rows } =
    f.milestone === 'overdue'
      ? await db.query<Row>(sql('kpi-drill-documents-overdue'), [
          new Date(nowMs).toISOString(),
          agencies,
          q.q ?? null,
          limit,
          offset,
        ])
      : await db.query<Row>(sql('kpi-drill-documents'), [
          f.milestone,
          f.direction ?? null,
          new Date(range.fromMs).toISOString(),
          new Date(range.toMs).toISOString(),
          f.timeliness ?? null,
          false,
          agencies,
          q.q ?? null,
          limit,
          offset,
        ]);
  return {
    drill: q.drill,
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
    rows: rows.slice(0, q.pageSize).map((r) => ({
      docId: String(r.doc_id),
      agencyId: String(r.agency_id),
      agency: { vi: text(r.agency_vi) ?? String(r.agency_id), en: text(r.agency_en) ?? String(r.agency_id) },
      direction: String(r.direction),
      registeredAt: iso(r.registered_at)!,
      dueAt: iso(r.due_at),
      processedAt: iso(r.processed_at),
      status: String(r.status),
      signed: r.signed === true,
      eExchange: r.e_exchange === true,
      urgency: text(r.urgency),
      milestoneAt: iso(r.milestone_at),
      timeliness: text(r.timeliness),
    })),
  };
}
