/**
 * A dossier's current state, folded from its lifecycle events, and the milestones the KPI
 * rollups count. Pure functions: the ingest merges each batch's *newly inserted* events into
 * the stored state (duplicates never reach here, so they never double-count), and the fold is
 * order-independent — any arrival order of the same events gives the same state. That is what
 * makes out-of-order delivery (a `received` that arrives after its `resolved`) harmless.
 *
 * The rules mirror the read-model view v_cases (db/migrations/004_dossier_state.sql), which
 * derives the same state from the raw events in plain SQL; the KPI tests check one against
 * the other.
 */
import type { CaseEventRow } from './ingest-writes';
import { localDateKey } from '../contracts/time';

/** Lifecycle order: at the same instant, the later stage wins (the same array as v_cases). */
const STAGE_RANK: Readonly<Record<string, number>> = {
  received: 1,
  assigned: 2,
  supplement_requested: 3,
  returned: 4,
  withdrawn: 5,
  resolved: 6,
};

export type CaseStatus = 'received' | 'in_progress' | 'supplement_requested' | 'resolved' | 'returned' | 'withdrawn';
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['received', 'in_progress', 'supplement_requested'];

export interface CaseState {
  caseId: string;
  agencyId: string;
  procedureCode: string;
  procedureName: string | null;
  field: string | null;
  level: string;
  channel: string;
  dueMs: number;
  /** The first `received` event; a dossier first seen through a later event starts there. */
  receivedMs: number;
  receivedReported: boolean;
  resolvedMs: number | null;
  supplementMs: number | null;
  supplementRequests: number;
  returnedMs: number | null;
  withdrawnMs: number | null;
  status: CaseStatus;
  statusMs: number;
  statusRank: number;
  onlinePayment: boolean;
  digitized: boolean;
  rating: number | null;
  /** When the attribute that may be missing from some events was last given. */
  ratingMs: number | null;
  fieldMs: number | null;
  nameMs: number | null;
}

const minOf = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));
const toStatus = (event: string): CaseStatus => (event === 'assigned' ? 'in_progress' : (event as CaseStatus));

/** Folds one event into a state (null: the dossier's first event). */
export function applyCaseEvent(s: CaseState | null, e: CaseEventRow): CaseState {
  const rank = STAGE_RANK[e.event] ?? 0;
  if (s === null) {
    return {
      caseId: e.caseId,
      agencyId: e.agencyId,
      procedureCode: e.procedureCode,
      procedureName: e.procedureName,
      field: e.field,
      level: e.level,
      channel: e.channel,
      dueMs: e.dueMs,
      receivedMs: e.timeMs,
      receivedReported: e.event === 'received',
      resolvedMs: e.event === 'resolved' ? e.timeMs : null,
      supplementMs: e.event === 'supplement_requested' ? e.timeMs : null,
      supplementRequests: e.event === 'supplement_requested' ? 1 : 0,
      returnedMs: e.event === 'returned' ? e.timeMs : null,
      withdrawnMs: e.event === 'withdrawn' ? e.timeMs : null,
      status: toStatus(e.event),
      statusMs: e.timeMs,
      statusRank: rank,
      onlinePayment: e.onlinePayment === true,
      digitized: e.digitized === true,
      rating: e.rating,
      ratingMs: e.rating === null ? null : e.timeMs,
      fieldMs: e.field === null ? null : e.timeMs,
      nameMs: e.procedureName === null ? null : e.timeMs,
    };
  }
  const n: CaseState = { ...s };
  // Received: the earliest `received` event; until one is reported, the earliest event of any kind.
  if (e.event === 'received') {
    n.receivedMs = s.receivedReported ? Math.min(s.receivedMs, e.timeMs) : e.timeMs;
    n.receivedReported = true;
  } else if (!s.receivedReported) {
    n.receivedMs = Math.min(s.receivedMs, e.timeMs);
  }
  if (e.event === 'resolved') n.resolvedMs = minOf(s.resolvedMs, e.timeMs);
  if (e.event === 'returned') n.returnedMs = minOf(s.returnedMs, e.timeMs);
  if (e.event === 'withdrawn') n.withdrawnMs = minOf(s.withdrawnMs, e.timeMs);
  if (e.event === 'supplement_requested') {
    n.supplementMs = minOf(s.supplementMs, e.timeMs);
    n.supplementRequests = s.supplementRequests + 1;
  }
  // The latest event (by time, then stage) gives the status and the dossier's attributes.
  if (e.timeMs > s.statusMs || (e.timeMs === s.statusMs && rank >= s.statusRank)) {
    n.status = toStatus(e.event);
    n.statusMs = e.timeMs;
    n.statusRank = rank;
    n.agencyId = e.agencyId;
    n.procedureCode = e.procedureCode;
    n.level = e.level;
    n.channel = e.channel;
    n.dueMs = e.dueMs;
  }
  // Attributes some events leave out: the latest event that gives them.
  if (e.field !== null && (s.fieldMs === null || e.timeMs >= s.fieldMs)) {
    n.field = e.field;
    n.fieldMs = e.timeMs;
  }
  if (e.procedureName !== null && (s.nameMs === null || e.timeMs >= s.nameMs)) {
    n.procedureName = e.procedureName;
    n.nameMs = e.timeMs;
  }
  if (e.rating !== null && (s.ratingMs === null || e.timeMs >= s.ratingMs)) {
    n.rating = e.rating;
    n.ratingMs = e.timeMs;
  }
  n.onlinePayment = s.onlinePayment || e.onlinePayment === true;
  n.digitized = s.digitized || e.digitized === true;
  return n;
}

export type Timeliness = 'early' | 'on_time' | 'late';

/**
 * Early: resolved on a calendar day (in the city's time zone) before the due day. On time: not
 * early and at or before due_at — a dossier resolved exactly at its deadline is on time. Late:
 * after due_at. Deadlines are taken as given (`due_at` already accounts for weekends and
 * holidays at the source); a supplement request does not move them.
 */
export function timeliness(resolvedMs: number, dueMs: number, timeZone: string): Timeliness {
  if (resolvedMs > dueMs) return 'late';
  return localDateKey(resolvedMs, timeZone) < localDateKey(dueMs, timeZone) ? 'early' : 'on_time';
}

export type CaseMilestoneKind = 'received' | 'resolved' | 'supplement_requested' | 'returned' | 'withdrawn';

/** One row of case_milestones: what the daily rollups count, at most one per dossier and kind. */
export interface CaseMilestone {
  timeMs: number;
  caseId: string;
  milestone: CaseMilestoneKind;
  agencyId: string;
  level: string;
  channel: string;
  field: string;
  procedureCode: string;
  timeliness: Timeliness | null;
  onlinePayment: boolean;
  digitized: boolean;
  rating: number | null;
}

export function caseMilestones(s: CaseState, timeZone: string): CaseMilestone[] {
  const base = {
    caseId: s.caseId,
    agencyId: s.agencyId,
    level: s.level,
    channel: s.channel,
    field: s.field ?? '',
    procedureCode: s.procedureCode,
    onlinePayment: s.onlinePayment,
    digitized: s.digitized,
  };
  const out: CaseMilestone[] = [
    { ...base, timeMs: s.receivedMs, milestone: 'received', timeliness: null, rating: null },
  ];
  if (s.resolvedMs !== null)
    out.push({
      ...base,
      timeMs: s.resolvedMs,
      milestone: 'resolved',
      timeliness: timeliness(s.resolvedMs, s.dueMs, timeZone),
      rating: s.rating,
    });
  if (s.supplementMs !== null)
    out.push({ ...base, timeMs: s.supplementMs, milestone: 'supplement_requested', timeliness: null, rating: null });
  if (s.returnedMs !== null)
    out.push({ ...base, timeMs: s.returnedMs, milestone: 'returned', timeliness: null, rating: null });
  if (s.withdrawnMs !== null)
    out.push({ ...base, timeMs: s.withdrawnMs, milestone: 'withdrawn', timeliness: null, rating: null });
  return out;
}
