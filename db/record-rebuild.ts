/**
 * Folds events that were stored before the record tables existed (a database from before
 * migration 004) into `cases` / `documents` and their milestones, a page of records per
 * transaction. Runs after migrations at every start and in `npm run migrate`; a no-op (one cheap
 * query) once the records exist.
 */
import type { Db, Queryable } from './adapter';
import type { CaseEventRow, DocumentEventRow } from './ingest-writes';
import { caseFamily, documentFamily } from './record-families';
import { foldNewEvents } from './record-state';
import { sql } from './sql';

const PAGE = 2000;
type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown) => (v === null || v === undefined ? null : v === true);

export async function rebuildRecordStateIfMissing(
  db: Db,
  timeZone: string,
): Promise<{ cases: number; documents: number }> {
  const {
    rows: [missing],
  } = await db.query<{ cases: boolean; documents: boolean }>(sql('record-state-missing'));
  const out = { cases: 0, documents: 0 };
  if (missing?.cases) {
    const family = caseFamily(timeZone);
    out.cases = await pages(db, 'case-events-after', 'case_id', (tx, rows) =>
      foldNewEvents(tx, family, rows.map(toCaseEvent)),
    );
  }
  if (missing?.documents)
    out.documents = await pages(db, 'document-events-after', 'doc_id', (tx, rows) =>
      foldNewEvents(tx, documentFamily, rows.map(toDocumentEvent)),
    );
  return out;
}

async function pages(
  db: Db,
  query: string,
  idColumn: string,
  fold: (tx: Queryable, rows: Row[]) => Promise<void>,
): Promise<number> {
  let after = '';
  let records = 0;
  for (;;) {
    const { rows } = await db.query<Row>(sql(query), [after, PAGE]);
    if (rows.length === 0) return records;
    await db.transaction((tx) => fold(tx, rows));
    after = String(rows[rows.length - 1]![idColumn]);
    records += new Set(rows.map((r) => r[idColumn])).size;
  }
}

const toCaseEvent = (r: Row): CaseEventRow => ({
  timeMs: Number(r.ms),
  caseId: String(r.case_id),
  agencyId: String(r.agency_id),
  event: String(r.event),
  procedureCode: String(r.procedure_code),
  procedureName: str(r.procedure_name),
  field: str(r.field),
  level: String(r.level),
  channel: String(r.channel),
  dueMs: Number(r.due_ms),
  onlinePayment: bool(r.online_payment),
  digitized: bool(r.digitized),
  rating: r.rating === null ? null : Number(r.rating),
  extra: null,
});

const toDocumentEvent = (r: Row): DocumentEventRow => ({
  timeMs: Number(r.ms),
  docId: String(r.doc_id),
  agencyId: String(r.agency_id),
  direction: String(r.direction),
  event: String(r.event),
  dueMs: r.due_ms === null ? null : Number(r.due_ms),
  signed: bool(r.signed),
  eExchange: bool(r.e_exchange),
  urgency: str(r.urgency),
  extra: null,
});
