/**
 * Dossiers and documents as whole records: how one-stop-shop and document systems, and their
 * spreadsheet exports, hold them (one row per dossier), as opposed to the wire contract's
 * lifecycle events. The HTTP connector and the file import read source fields into these
 * records; `ingest/records-to-events.ts` turns a record into wire events.
 *
 * Field constraints are the wire contract's own (same zod pieces), so a record that passes here
 * yields events that pass `decodeMessage`; times are already resolved to epoch milliseconds.
 */
import { z } from 'zod';
import {
  CASE_CHANNELS,
  CASE_LEVELS,
  DOCUMENT_DIRECTIONS,
  DOCUMENT_URGENCIES,
  caseEventSchema,
  documentEventSchema,
} from './mqtt/payloads';
import type { KpiFamily } from './kpi-query';
import { ID_PATTERN } from './mqtt/topics';

/** A dossier's state as source systems report it (v_cases says `in_progress` for assigned too). */
export const CASE_STATUSES = [
  'received',
  'in_progress',
  'supplement_requested',
  'resolved',
  'returned',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a source value is read into a record field. */
export type FieldType =
  'text' | 'agency' | 'time' | 'bool' | 'rating' | 'level' | 'channel' | 'status' | 'direction' | 'urgency';

export const CASE_FIELDS = {
  case_id: 'text',
  agency_id: 'agency',
  procedure_code: 'text',
  procedure_name: 'text',
  field: 'text',
  level: 'level',
  channel: 'channel',
  received_at: 'time',
  assigned_at: 'time',
  supplement_requested_at: 'time',
  due_at: 'time',
  resolved_at: 'time',
  status: 'status',
  status_at: 'time',
  online_payment: 'bool',
  digitized: 'bool',
  rating: 'rating',
} as const satisfies Record<string, FieldType>;
export type CaseField = keyof typeof CASE_FIELDS;

export const DOCUMENT_FIELDS = {
  doc_id: 'text',
  agency_id: 'agency',
  direction: 'direction',
  registered_at: 'time',
  assigned_at: 'time',
  processed_at: 'time',
  issued_at: 'time',
  due_at: 'time',
  signed: 'bool',
  e_exchange: 'bool',
  urgency: 'urgency',
} as const satisfies Record<string, FieldType>;
export type DocumentField = keyof typeof DOCUMENT_FIELDS;

export const RECORD_FIELDS: Readonly<Record<KpiFamily, Readonly<Record<string, FieldType>>>> = {
  cases: CASE_FIELDS,
  documents: DOCUMENT_FIELDS,
};

const epochMs = z.number().int('must be a time (epoch milliseconds)').refine(Number.isFinite, 'must be a time');
const agencyId = z.string().regex(ID_PATTERN, 'agency id: 1-64 letters, digits, _ . - (or an agency name of the city)');

export const caseRecordSchema = z
  .object({
    case_id: caseEventSchema.shape.case_id,
    agency_id: agencyId,
    procedure_code: caseEventSchema.shape.procedure_code,
    procedure_name: caseEventSchema.shape.procedure_name,
    field: caseEventSchema.shape.field,
    level: z.enum(CASE_LEVELS),
    channel: z.enum(CASE_CHANNELS),
    received_at: epochMs,
    assigned_at: epochMs.optional(),
    supplement_requested_at: epochMs.optional(),
    due_at: epochMs,
    resolved_at: epochMs.optional(),
    status: z.enum(CASE_STATUSES).optional(),
    status_at: epochMs.optional(),
    online_payment: z.boolean().optional(),
    digitized: z.boolean().optional(),
    rating: caseEventSchema.shape.rating,
  })
  .superRefine((r, ctx) => {
    // A final state is an event, and an event needs a time: refuse rather than guess one.
    if (
      (r.status === 'returned' || r.status === 'withdrawn') &&
      r.status_at === undefined &&
      r.resolved_at === undefined
    )
      ctx.addIssue({
        code: 'custom',
        path: ['status_at'],
        message: `status "${r.status}" needs the time it happened (status time or result date)`,
      });
    if (r.status === 'resolved' && r.resolved_at === undefined && r.status_at === undefined)
      ctx.addIssue({ code: 'custom', path: ['resolved_at'], message: 'status "resolved" needs the result date' });
  });
export type CaseRecord = z.output<typeof caseRecordSchema>;

export const documentRecordSchema = z
  .object({
    doc_id: documentEventSchema.shape.doc_id,
    agency_id: agencyId,
    direction: z.enum(DOCUMENT_DIRECTIONS),
    registered_at: epochMs.optional(),
    assigned_at: epochMs.optional(),
    processed_at: epochMs.optional(),
    issued_at: epochMs.optional(),
    due_at: epochMs.optional(),
    signed: z.boolean().optional(),
    e_exchange: z.boolean().optional(),
    urgency: z.enum(DOCUMENT_URGENCIES).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.direction === 'incoming') {
      if (r.registered_at === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['registered_at'],
          message: 'an incoming document needs its registration date',
        });
      if (r.issued_at !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['issued_at'],
          message: 'an incoming document is not issued here (issue date applies to outgoing documents)',
        });
    } else {
      if (r.registered_at === undefined && r.issued_at === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['issued_at'],
          message: 'an outgoing document needs its registration or issue date',
        });
      if (r.processed_at !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['processed_at'],
          message: 'an outgoing document is issued, not processed (use the issue date)',
        });
    }
  });
export type DocumentRecord = z.output<typeof documentRecordSchema>;

export const RECORD_SCHEMAS = { cases: caseRecordSchema, documents: documentRecordSchema } as const;
