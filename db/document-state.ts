/**
 * An official document's current state, folded from its events, and the milestones the KPI
 * rollups count — the twin of case-state.ts (same guarantees: only newly inserted events are
 * folded, and the fold is order-independent). The read-model view v_documents derives the same
 * state from the raw events in plain SQL.
 */
import type { DocumentEventRow } from './ingest-writes';

const STAGE_RANK: Readonly<Record<string, number>> = { registered: 1, assigned: 2, processed: 3, issued: 4 };

export interface DocumentState {
  docId: string;
  agencyId: string;
  direction: string;
  /** The first `registered` event; a document first seen through a later event starts there. */
  registeredMs: number;
  registeredReported: boolean;
  /** Incoming: first `processed`; outgoing: first `issued` (either event ends the document's handling). */
  processedMs: number | null;
  dueMs: number | null;
  dueSetMs: number | null;
  signed: boolean;
  eExchange: boolean;
  urgency: string | null;
  urgencyMs: number | null;
  status: string;
  statusMs: number;
  statusRank: number;
}

const isDone = (event: string) => event === 'processed' || event === 'issued';

export function applyDocumentEvent(s: DocumentState | null, e: DocumentEventRow): DocumentState {
  const rank = STAGE_RANK[e.event] ?? 0;
  if (s === null) {
    return {
      docId: e.docId,
      agencyId: e.agencyId,
      direction: e.direction,
      registeredMs: e.timeMs,
      registeredReported: e.event === 'registered',
      processedMs: isDone(e.event) ? e.timeMs : null,
      dueMs: e.dueMs,
      dueSetMs: e.dueMs === null ? null : e.timeMs,
      signed: e.signed === true,
      eExchange: e.eExchange === true,
      urgency: e.urgency,
      urgencyMs: e.urgency === null ? null : e.timeMs,
      status: e.event,
      statusMs: e.timeMs,
      statusRank: rank,
    };
  }
  const n: DocumentState = { ...s };
  if (e.event === 'registered') {
    n.registeredMs = s.registeredReported ? Math.min(s.registeredMs, e.timeMs) : e.timeMs;
    n.registeredReported = true;
  } else if (!s.registeredReported) {
    n.registeredMs = Math.min(s.registeredMs, e.timeMs);
  }
  if (isDone(e.event)) n.processedMs = s.processedMs === null ? e.timeMs : Math.min(s.processedMs, e.timeMs);
  if (e.timeMs > s.statusMs || (e.timeMs === s.statusMs && rank >= s.statusRank)) {
    n.status = e.event;
    n.statusMs = e.timeMs;
    n.statusRank = rank;
    n.agencyId = e.agencyId;
    n.direction = e.direction;
  }
  if (e.dueMs !== null && (s.dueSetMs === null || e.timeMs >= s.dueSetMs)) {
    n.dueMs = e.dueMs;
    n.dueSetMs = e.timeMs;
  }
  if (e.urgency !== null && (s.urgencyMs === null || e.timeMs >= s.urgencyMs)) {
    n.urgency = e.urgency;
    n.urgencyMs = e.timeMs;
  }
  n.signed = s.signed || e.signed === true;
  n.eExchange = s.eExchange || e.eExchange === true;
  return n;
}

/** Processed on time: at or before due_at; a document without a deadline counts as on time (and is counted apart). */
export type DocumentTimeliness = 'on_time' | 'late' | 'no_deadline';

export interface DocumentMilestone {
  timeMs: number;
  docId: string;
  milestone: 'registered' | 'processed';
  agencyId: string;
  direction: string;
  urgency: string;
  timeliness: DocumentTimeliness | null;
  /** Seconds from registration to processing (processed milestones only). */
  processingSeconds: number | null;
  signed: boolean;
  eExchange: boolean;
}

export function documentMilestones(s: DocumentState): DocumentMilestone[] {
  const base = {
    docId: s.docId,
    agencyId: s.agencyId,
    direction: s.direction,
    urgency: s.urgency ?? 'normal',
    signed: s.signed,
    eExchange: s.eExchange,
  };
  const out: DocumentMilestone[] = [
    { ...base, timeMs: s.registeredMs, milestone: 'registered', timeliness: null, processingSeconds: null },
  ];
  if (s.processedMs !== null) {
    const timeliness: DocumentTimeliness =
      s.dueMs === null ? 'no_deadline' : s.processedMs > s.dueMs ? 'late' : 'on_time';
    const processingSeconds = Math.max(0, (s.processedMs - s.registeredMs) / 1000);
    out.push({ ...base, timeMs: s.processedMs, milestone: 'processed', timeliness, processingSeconds });
  }
  return out;
}
