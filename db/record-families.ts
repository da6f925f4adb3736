/** Dossiers and documents as RecordFamily: how their state is read, written and turned into milestones. */
import { applyCaseEvent, caseMilestones, type CaseMilestone, type CaseState, type CaseStatus } from './case-state';
import { applyDocumentEvent, documentMilestones, type DocumentMilestone, type DocumentState } from './document-state';
import type { CaseEventRow, DocumentEventRow } from './ingest-writes';
import type { RecordFamily } from './record-state';

const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const req = (v: unknown): number => Number(v);
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function caseFamily(timeZone: string): RecordFamily<CaseEventRow, CaseState, CaseMilestone> {
  return {
    name: 'case',
    idOf: (e) => e.caseId,
    stateId: (st) => st.caseId,
    refOf: (m) => ({ id: m.caseId, milestone: m.milestone, timeMs: m.timeMs }),
    apply: applyCaseEvent,
    milestones: (st) => caseMilestones(st, timeZone),
    fromRow: (r) => ({
      caseId: String(r.case_id), agencyId: String(r.agency_id), procedureCode: String(r.procedure_code),
      procedureName: s(r.procedure_name), field: s(r.field), level: String(r.level), channel: String(r.channel),
      dueMs: req(r.due_ms), receivedMs: req(r.received_ms), receivedReported: r.received_reported === true,
      resolvedMs: n(r.resolved_ms), supplementMs: n(r.supplement_ms), supplementRequests: req(r.supplement_requests),
      returnedMs: n(r.returned_ms), withdrawnMs: n(r.withdrawn_ms), status: String(r.status) as CaseStatus,
      statusMs: req(r.status_ms), statusRank: req(r.status_rank), onlinePayment: r.online_payment === true,
      digitized: r.digitized === true, rating: n(r.rating), ratingMs: n(r.rating_ms), fieldMs: n(r.field_ms), nameMs: n(r.name_ms),
    }),
    stateParams: (st) => [
      st.map((x) => x.caseId), st.map((x) => x.agencyId), st.map((x) => x.procedureCode), st.map((x) => x.procedureName),
      st.map((x) => x.field), st.map((x) => x.level), st.map((x) => x.channel), st.map((x) => x.dueMs), st.map((x) => x.receivedMs),
      st.map((x) => x.receivedReported), st.map((x) => x.resolvedMs), st.map((x) => x.supplementMs), st.map((x) => x.supplementRequests),
      st.map((x) => x.returnedMs), st.map((x) => x.withdrawnMs), st.map((x) => x.status), st.map((x) => x.statusMs),
      st.map((x) => x.statusRank), st.map((x) => x.onlinePayment), st.map((x) => x.digitized), st.map((x) => x.rating),
      st.map((x) => x.ratingMs), st.map((x) => x.fieldMs), st.map((x) => x.nameMs),
    ],
    milestoneParams: (ms) => [
      ms.map((m) => m.timeMs), ms.map((m) => m.caseId), ms.map((m) => m.milestone), ms.map((m) => m.agencyId), ms.map((m) => m.level),
      ms.map((m) => m.channel), ms.map((m) => m.field), ms.map((m) => m.procedureCode), ms.map((m) => m.timeliness),
      ms.map((m) => m.onlinePayment), ms.map((m) => m.digitized), ms.map((m) => m.rating),
    ],
    sql: { lock: 'case-state-lock', upsert: 'case-state-upsert', deleteMilestones: 'case-milestones-delete', insertMilestones: 'case-milestones-insert' },
  };
}

export const documentFamily: RecordFamily<DocumentEventRow, DocumentState, DocumentMilestone> = {
  name: 'document',
  idOf: (e) => e.docId,
  stateId: (st) => st.docId,
  refOf: (m) => ({ id: m.docId, milestone: m.milestone, timeMs: m.timeMs }),
  apply: applyDocumentEvent,
  milestones: documentMilestones,
  fromRow: (r) => ({
    docId: String(r.doc_id), agencyId: String(r.agency_id), direction: String(r.direction), registeredMs: req(r.registered_ms),
    registeredReported: r.registered_reported === true, processedMs: n(r.processed_ms), dueMs: n(r.due_ms), dueSetMs: n(r.due_set_ms),
    signed: r.signed === true, eExchange: r.e_exchange === true, urgency: s(r.urgency), urgencyMs: n(r.urgency_ms),
    status: String(r.status), statusMs: req(r.status_ms), statusRank: req(r.status_rank),
  }),
  stateParams: (st) => [
    st.map((x) => x.docId), st.map((x) => x.agencyId), st.map((x) => x.direction), st.map((x) => x.registeredMs),
    st.map((x) => x.registeredReported), st.map((x) => x.processedMs), st.map((x) => x.dueMs), st.map((x) => x.dueSetMs),
    st.map((x) => x.signed), st.map((x) => x.eExchange), st.map((x) => x.urgency), st.map((x) => x.urgencyMs),
    st.map((x) => x.status), st.map((x) => x.statusMs), st.map((x) => x.statusRank),
  ],
  milestoneParams: (ms) => [
    ms.map((m) => m.timeMs), ms.map((m) => m.docId), ms.map((m) => m.milestone), ms.map((m) => m.agencyId), ms.map((m) => m.direction),
    ms.map((m) => m.urgency), ms.map((m) => m.timeliness), ms.map((m) => m.processingSeconds), ms.map((m) => m.signed), ms.map((m) => m.eExchange),
  ],
  sql: { lock: 'document-state-lock', upsert: 'document-state-upsert', deleteMilestones: 'document-milestones-delete', insertMilestones: 'document-milestones-insert' },
};
