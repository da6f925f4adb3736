/**
 * The write stage that every way in calls — the MQTT pipeline, the HTTP pull connector, the file
 * import and the HTTP push: groups of decoded records → one transaction → dead-letter rows →
 * the committed deltas on the bus.
 *
 * A group is what its source takes or refuses whole: one MQTT message, one dossier record. When the
 * database refuses a batch as data (SQLSTATE 22xxx/23xxx, which validation should have caught), the
 * groups are halved until the refusing ones are found; each becomes a dead-letter row
 * (`invalid_payload`, "database refused: …") and the rest is written. Any other error (the database
 * is down) is thrown before anything is published or dead-lettered: the caller keeps its input and
 * retries, or reports. Deltas are published only after the transaction has committed.
 */
import type { IngestCommit } from '../contracts/live';
import type { Db, Queryable } from '../db/adapter';
import { existingEventKeys, familyEventKey, type EventKey } from '../db/dossier-keys';
import { insertRejects, type RejectRow } from '../db/ingest-writes';
import type { IngestRecord } from './records';
import { toCommit, toRows, writeRows, type BatchRows, type PlaceDevice } from './write-batch';

export interface WriteStageDeps {
  db: Db;
  /** The city's: it decides which calendar day a dossier was resolved on. */
  timeZone: string;
  place: PlaceDevice;
  /** Hands a committed batch's deltas to the bus; absent: nothing is published (a dry tool). */
  publish?: ((commit: IngestCommit) => void) | undefined;
  now?: () => number;
}

export interface CommitRequest {
  groups: readonly (readonly IngestRecord[])[];
  /** The dead-letter row of a group the database refused, with the database's message. */
  refusedRow(group: number, error: string): RejectRow;
  /** Rows refused before the write (decode, mapping): dead-lettered with the refused ones. */
  rejects?: readonly RejectRow[];
  /**
   * Whole-record sources (connector, import, push): a record repeated within the batch is written
   * once, and the events are counted as new or already stored (one more query).
   */
  account?: boolean;
  /**
   * Writes the dead-letter rows, and whatever must commit with them (a connector's cursor).
   * Returns false when the commit must not be published (another worker moved the cursor first).
   * Default: `insertRejects`.
   */
  deadLetter?(
    db: Queryable,
    rows: readonly RejectRow[],
    counted: { newEvents: number; duplicateEvents: number },
  ): Promise<boolean | void>;
  /** `new`: publish only when an event was new to the database (a re-imported file moves nothing live). */
  publishWhen?: 'written' | 'new';
}

export interface Committed {
  /** The records written. */
  records: IngestRecord[];
  rows: BatchRows;
  /** Groups the database refused, by index, with its message (already dead-lettered). */
  refused: { group: number; error: string }[];
  /** Every row dead-lettered by this commit: the given rejects, then the refused groups'. */
  rejects: RejectRow[];
  /** With `account`: events new to the database, and those it already held or the batch repeated. */
  newEvents: number;
  duplicateEvents: number;
  published: boolean;
}

/** A data error: the database refused the values, not the connection. */
export const isDataError = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
};

function keyOf(r: IngestRecord): string | null {
  if (r.kind === 'case_event')
    return familyEventKey('cases', { id: r.event.case_id, event: r.event.event, timeMs: r.timeMs });
  if (r.kind === 'document_event')
    return familyEventKey('documents', { id: r.event.doc_id, event: r.event.event, timeMs: r.timeMs });
  return null;
}

/** One record per natural key: a dossier repeated within a page is one set of events. */
function dedupe(groups: readonly (readonly IngestRecord[])[]): {
  flat: IngestRecord[];
  groupOf: number[];
  repeats: number;
} {
  const seen = new Set<string>();
  const flat: IngestRecord[] = [];
  const groupOf: number[] = [];
  let repeats = 0;
  groups.forEach((g, i) => {
    for (const r of g) {
      const k = keyOf(r);
      if (k !== null && seen.has(k)) {
        repeats++;
        continue;
      }
      if (k !== null) seen.add(k);
      flat.push(r);
      groupOf.push(i);
    }
  });
  return { flat, groupOf, repeats };
}

function flatten(groups: readonly (readonly IngestRecord[])[]): {
  flat: IngestRecord[];
  groupOf: number[];
  repeats: number;
} {
  const flat: IngestRecord[] = [];
  const groupOf: number[] = [];
  groups.forEach((g, i) => {
    for (const r of g) {
      flat.push(r);
      groupOf.push(i);
    }
  });
  return { flat, groupOf, repeats: 0 };
}

async function presentKeys(db: Db, records: readonly IngestRecord[]): Promise<Set<string>> {
  const caseKeys: EventKey[] = [];
  const docKeys: EventKey[] = [];
  for (const r of records) {
    if (r.kind === 'case_event') caseKeys.push({ id: r.event.case_id, event: r.event.event, timeMs: r.timeMs });
    else if (r.kind === 'document_event') docKeys.push({ id: r.event.doc_id, event: r.event.event, timeMs: r.timeMs });
  }
  return caseKeys.length + docKeys.length === 0 ? new Set() : existingEventKeys(db, caseKeys, docKeys);
}

export interface WriteStage {
  commit(req: CommitRequest): Promise<Committed>;
}

export function createWriteStage(deps: WriteStageDeps): WriteStage {
  const now = deps.now ?? Date.now;
  return {
    async commit(req) {
      const { flat, groupOf, repeats } = req.account ? dedupe(req.groups) : flatten(req.groups);
      const present = req.account ? await presentKeys(deps.db, flat) : new Set<string>();
      const refused: Committed['refused'] = [];
      const written: IngestRecord[] = [];
      // The rows of a batch written whole (the common case): placing devices is not done twice.
      let wholeRows: BatchRows | null = null;

      // Writes the records of these groups; halves them while the database refuses their data.
      async function write(indexes: readonly number[]): Promise<void> {
        if (indexes.length === 0) return;
        const wanted = new Set(indexes);
        const part = flat.filter((_, i) => wanted.has(groupOf[i]!));
        try {
          const rows = toRows(part, deps.place);
          if (part.length > 0) await writeRows(deps.db, rows, deps.timeZone);
          if (part.length === flat.length) wholeRows = rows;
          written.push(...part);
        } catch (err) {
          if (!isDataError(err)) throw err;
          if (indexes.length === 1) {
            refused.push({
              group: indexes[0]!,
              error: `database refused: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500),
            });
            return;
          }
          const mid = Math.ceil(indexes.length / 2);
          await write(indexes.slice(0, mid));
          await write(indexes.slice(mid));
        }
      }
      await write([...new Set(groupOf)]);

      let newEvents = 0;
      let duplicateEvents = repeats;
      if (req.account)
        for (const r of written) {
          const k = keyOf(r);
          if (k === null) continue;
          if (present.has(k)) duplicateEvents++;
          else newEvents++;
        }
      const rejects = [...(req.rejects ?? []), ...refused.map((r) => req.refusedRow(r.group, r.error))];
      const publishable =
        (await (req.deadLetter ?? insertRejects)(deps.db, rejects, { newEvents, duplicateEvents })) !== false;
      const rows = wholeRows ?? toRows(written, deps.place);
      const wanted = req.publishWhen === 'new' ? newEvents > 0 : written.length > 0;
      const published = publishable && wanted && deps.publish !== undefined;
      if (published) deps.publish!(toCommit(written, rows, rejects.length, now()));
      return { records: written, rows, refused, rejects, newEvents, duplicateEvents, published };
    },
  };
}
