/**
 * A whole dossier/document record → the wire contract's lifecycle events (topic + JSON payload),
 * exactly what a system publishing over MQTT would have sent. The connector and the file import
 * run these through `decodeMessage`, so their validation and dead-letter reasons are the MQTT way's.
 *
 * Deterministic: the same record always gives byte-identical payloads (fixed key order, times as
 * UTC ISO strings), so re-reading a record hits the tables' natural keys (id, event, time) and is
 * stored once.
 */
import type { CaseRecord, DocumentRecord } from '../contracts/dossier-records';
import { topics } from '../contracts/mqtt/topics';

export interface WireEvent {
  topic: string;
  event: string;
  /** The record field whose time became the event's `ts` (problems are reported against it). */
  timeField: string;
  payload: Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Copies the defined values only: `undefined` would vanish from JSON anyway, but order must not depend on it. */
function defined(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

export function caseRecordToEvents(r: CaseRecord, city: string): WireEvent[] {
  const topic = topics.caseEvent(city, r.agency_id);
  const make = (event: string, timeField: string, ms: number, rating?: number): WireEvent => ({
    topic,
    event,
    timeField,
    payload: defined([
      ['case_id', r.case_id],
      ['ts', iso(ms)],
      ['event', event],
      ['procedure_code', r.procedure_code],
      ['procedure_name', r.procedure_name],
      ['field', r.field],
      ['level', r.level],
      ['channel', r.channel],
      ['due_at', iso(r.due_at)],
      ['online_payment', r.online_payment],
      ['digitized', r.digitized],
      ['rating', rating],
    ]),
  });
  const events = [make('received', 'received_at', r.received_at)];
  if (r.assigned_at !== undefined) events.push(make('assigned', 'assigned_at', r.assigned_at));
  if (r.supplement_requested_at !== undefined)
    events.push(make('supplement_requested', 'supplement_requested_at', r.supplement_requested_at));
  else if (r.status === 'supplement_requested' && r.status_at !== undefined)
    events.push(make('supplement_requested', 'status_at', r.status_at));
  // The outcome: returned/withdrawn when the status says so (a returned dossier was not resolved),
  // otherwise resolved when there is a result date. The rating, if any, rides on the outcome.
  if (r.status === 'returned' || r.status === 'withdrawn') {
    const at = r.status_at ?? r.resolved_at;
    if (at !== undefined)
      events.push(make(r.status, r.status_at !== undefined ? 'status_at' : 'resolved_at', at, r.rating));
  } else if (r.resolved_at !== undefined) events.push(make('resolved', 'resolved_at', r.resolved_at, r.rating));
  else if (r.status === 'resolved' && r.status_at !== undefined)
    events.push(make('resolved', 'status_at', r.status_at, r.rating));
  else if (r.rating !== undefined) {
    // Rated but not finished (rare): keep the rating on the newest event rather than lose it.
    const last = events.reduce((a, b) =>
      Date.parse(String(b.payload.ts)) >= Date.parse(String(a.payload.ts)) ? b : a,
    );
    last.payload.rating = r.rating;
  }
  return events;
}

export function documentRecordToEvents(r: DocumentRecord, city: string): WireEvent[] {
  const topic = topics.documentEvent(city, r.agency_id);
  const make = (event: string, timeField: string, ms: number): WireEvent => ({
    topic,
    event,
    timeField,
    payload: defined([
      ['doc_id', r.doc_id],
      ['ts', iso(ms)],
      ['direction', r.direction],
      ['event', event],
      ['due_at', r.due_at === undefined ? undefined : iso(r.due_at)],
      ['signed', r.signed],
      ['e_exchange', r.e_exchange],
      ['urgency', r.urgency],
    ]),
  });
  const events: WireEvent[] = [];
  if (r.registered_at !== undefined) events.push(make('registered', 'registered_at', r.registered_at));
  if (r.assigned_at !== undefined) events.push(make('assigned', 'assigned_at', r.assigned_at));
  if (r.direction === 'incoming' && r.processed_at !== undefined)
    events.push(make('processed', 'processed_at', r.processed_at));
  if (r.direction === 'outgoing' && r.issued_at !== undefined) events.push(make('issued', 'issued_at', r.issued_at));
  return events;
}
