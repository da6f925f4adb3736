/**
 * The shared way in for whole records (HTTP connector, file import): source values → record →
 * wire events → `decodeMessage`, exactly as if the events had come over MQTT. A record is taken
 * whole or refused whole: half a dossier (received without its outcome) would mislead the KPIs.
 */
import type { RejectReason } from '../../contracts/errors';
import type { KpiFamily } from '../../contracts/kpi-query';
import { decodeMessage, type DecodeContext } from '../decode';
import type { IngestRecord } from '../records';
import { caseRecordToEvents, documentRecordToEvents, type WireEvent } from '../records-to-events';
import { readRecord, type FieldProblem, type ReadOptions } from './read-record';

export type Intake =
  { ok: true; records: IngestRecord[] } | { ok: false; reason: RejectReason; problems: FieldProblem[] };

/** Which record field a decode detail is about: `ts …` is the event's own time, `due_at: …` its field. */
function fieldOfDetail(detail: string, event: WireEvent): string {
  if (/^ts\b/.test(detail)) return event.timeField;
  const m = /^([a-z_]+)[:\s]/.exec(detail);
  return m && m[1] !== undefined && m[1] in event.payload ? m[1] : '';
}

function toEvents(
  kind: KpiFamily,
  raw: Readonly<Record<string, unknown>>,
  read: ReadOptions,
  city: string,
): { ok: true; events: WireEvent[] } | { ok: false; problems: FieldProblem[] } {
  if (kind === 'cases') {
    const r = readRecord('cases', raw, read);
    return r.ok ? { ok: true, events: caseRecordToEvents(r.record, city) } : r;
  }
  const r = readRecord('documents', raw, read);
  return r.ok ? { ok: true, events: documentRecordToEvents(r.record, city) } : r;
}

export function intakeRecord(
  kind: KpiFamily,
  raw: Readonly<Record<string, unknown>>,
  read: ReadOptions,
  decode: DecodeContext,
): Intake {
  const converted = toEvents(kind, raw, read, decode.city);
  if (!converted.ok) return { ok: false, reason: 'bad_record', problems: converted.problems };
  const records: IngestRecord[] = [];
  for (const e of converted.events) {
    const d = decodeMessage(e.topic, Buffer.from(JSON.stringify(e.payload)), decode);
    if (!d.ok)
      return {
        ok: false,
        reason: d.rejection.reason,
        problems: [{ field: fieldOfDetail(d.rejection.detail, e), message: `${e.event} event: ${d.rejection.detail}` }],
      };
    records.push(d.record);
  }
  return { ok: true, records };
}

/** One line for the dead-letter table and logs: `Ngày tiếp nhận (received_at): "31/02/2025" is not a date; …`. */
export function describeProblems(
  problems: readonly FieldProblem[],
  label: (field: string) => string = (f) => f,
): string {
  return problems
    .slice(0, 10)
    .map((p) => (p.field ? `${label(p.field)}: ${p.message}` : p.message))
    .join('; ')
    .slice(0, 1000);
}
