/**
 * Source values (already picked out per record field by a connector's mapping or a file's
 * headers) → a validated dossier/document record, or every problem found, each naming its field.
 */
import type { z } from 'zod';
import type { Agency } from '../../contracts/city';
import {
  RECORD_FIELDS,
  RECORD_SCHEMAS,
  type CaseRecord,
  type DocumentRecord,
  type FieldType,
} from '../../contracts/dossier-records';
import type { AgencyIndex } from './agency';
import { normalizeLabel } from './normalize-label';
import { readSourceTime, type DateFormat } from './source-time';
import { describeVocabulary, lookupWord, type VocabularyType } from './vocabulary';
import type { KpiFamily } from '../../contracts/kpi-query';

export interface FieldProblem {
  /** The record field (e.g. `received_at`), or '' when the problem is the record's as a whole. */
  field: string;
  message: string;
}

export type ValueMaps = Readonly<Partial<Record<string, Readonly<Record<string, string | number | boolean>>>>>;

export interface ReadOptions {
  timeZone: string;
  agencies: AgencyIndex;
  dateFormat?: DateFormat;
  /** Per field: source value → our value, tried before the built-in vocabulary. */
  valueMaps?: ValueMaps;
  /** Per field: the value when the source has none (e.g. the import's --agency). */
  defaults?: Readonly<Record<string, unknown>>;
}

export type RecordOf<K extends KpiFamily> = K extends 'cases' ? CaseRecord : DocumentRecord;
export type ReadResult<K extends KpiFamily> =
  { ok: true; record: RecordOf<K> } | { ok: false; problems: FieldProblem[] };

type Value = { ok: true; value: unknown } | { ok: false; error: string };

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
// End of the day: a deadline written as a bare date means "within that day", as deadlines are read here.
const END_OF_DAY_MS = 86_400_000 - 1000;

function mapValue(field: string, raw: unknown, maps: ValueMaps | undefined): unknown {
  const map = maps?.[field];
  if (!map || (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')) return raw;
  const key = String(raw).trim();
  if (Object.hasOwn(map, key)) return map[key];
  const norm = normalizeLabel(key);
  const found = Object.keys(map).find((k) => normalizeLabel(k) === norm);
  return found === undefined ? raw : map[found];
}

function readText(raw: unknown): Value {
  if (typeof raw === 'string') return { ok: true, value: raw.trim() };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
  return { ok: false, error: `expected text, got ${raw instanceof Date ? 'a date' : typeof raw}` };
}

function readWord(type: VocabularyType, raw: unknown): Value {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
    return { ok: false, error: `expected one of ${describeVocabulary(type)}` };
  const word = lookupWord(type, String(raw));
  return word === undefined
    ? { ok: false, error: `unknown value "${String(raw).slice(0, 60)}" (expected ${describeVocabulary(type)})` }
    : { ok: true, value: word };
}

function readValue(field: string, type: FieldType, raw: unknown, o: ReadOptions): Value {
  switch (type) {
    case 'text':
      return readText(raw);
    case 'agency': {
      const t = readText(raw);
      if (!t.ok) return t;
      const m = o.agencies.resolve(t.value as string);
      return m.ok ? { ok: true, value: m.id } : { ok: false, error: m.error };
    }
    case 'time': {
      const t = readSourceTime(raw, o.dateFormat ?? 'auto', o.timeZone);
      if (!t.ok) return { ok: false, error: t.error };
      return { ok: true, value: field === 'due_at' && t.dateOnly ? t.ms + END_OF_DAY_MS : t.ms };
    }
    case 'bool': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const w = readWord('bool', raw);
      return w.ok ? { ok: true, value: w.value === 'true' } : w;
    }
    case 'rating': {
      if (typeof raw === 'number') return { ok: true, value: raw };
      if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) return { ok: true, value: Number(raw) };
      const w = readWord('rating', raw);
      return w.ok
        ? { ok: true, value: Number(w.value) }
        : { ok: false, error: `expected 1-5 or ${describeVocabulary('rating')}` };
    }
    case 'level':
    case 'channel':
    case 'status':
    case 'direction':
    case 'urgency':
      return readWord(type, raw);
  }
}

function issueMessage(issue: z.core.$ZodIssue, values: Record<string, unknown>): FieldProblem {
  const field = String(issue.path[0] ?? '');
  const missing = field !== '' && values[field] === undefined && issue.code !== 'custom';
  return { field, message: missing ? 'is missing' : issue.message };
}

/** Reads `raw` (record field → source value) into a record of `kind`. Never throws. */
export function readRecord<K extends KpiFamily>(
  kind: K,
  raw: Readonly<Record<string, unknown>>,
  o: ReadOptions,
): ReadResult<K> {
  const fields = RECORD_FIELDS[kind];
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, type] of Object.entries(fields)) {
    let v = raw[field];
    if (isEmpty(v)) v = o.defaults?.[field];
    if (isEmpty(v)) continue;
    const r = readValue(field, type, mapValue(field, v, o.valueMaps), o);
    if (r.ok) values[field] = r.value;
    else problems.push({ field, message: r.error });
  }
  // Cases need a level; an agency of the city profile knows its own.
  if (kind === 'cases' && values.level === undefined && typeof values.agency_id === 'string') {
    const agency: Agency | undefined = o.agencies.byId(values.agency_id);
    if (agency) values.level = agency.level;
  }
  const parsed = RECORD_SCHEMAS[kind].safeParse(values);
  if (!parsed.success) {
    const seen = new Set(problems.map((p) => p.field));
    // No agency, no level from it: one problem (the agency), not two.
    if (kind === 'cases' && values.level === undefined && values.agency_id === undefined) seen.add('level');
    if (kind === 'cases' && values.level === undefined && typeof values.agency_id === 'string') {
      problems.push({
        field: 'level',
        message: `is missing (agency "${values.agency_id}" is not in the city profile, so its level is not known)`,
      });
      seen.add('level');
    }
    // A field that could not be read is reported once, for why, not again as "missing".
    for (const issue of parsed.error.issues) {
      const p = issueMessage(issue, values);
      if (!seen.has(p.field)) problems.push(p);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, record: parsed.data as RecordOf<K> };
}
