/**
 * Writes the accepted records of a page or file batch through the ingest's own write path
 * (`writeRows`, one transaction), and says how many events were new and how many were already
 * stored. Each group is one source record; a group the database refuses as data (SQLSTATE
 * 22xxx/23xxx, which validation should have caught) is split out and returned, the rest written.
 */
import type { Db } from '../../db/adapter';
import { existingEventKeys, familyEventKey, type EventKey } from '../../db/dossier-keys';
import type { IngestRecord } from '../records';
import { toRows, writeRows, type BatchRows, type PlaceDevice } from '../write-batch';

export interface Committed {
  /** The records written (deduplicated), for the live delta. */
  records: IngestRecord[];
  rows: BatchRows;
  newEvents: number;
  /** Events the database already held (an earlier page, import or MQTT message) or repeated within the batch. */
  duplicateEvents: number;
  /** Groups the database refused, by index, with its message. */
  refused: { group: number; error: string }[];
}

const isDataError = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
};

function keyOf(r: IngestRecord): string | null {
  if (r.kind === 'case_event') return familyEventKey('cases', { id: r.event.case_id, event: r.event.event, timeMs: r.timeMs });
  if (r.kind === 'document_event') return familyEventKey('documents', { id: r.event.doc_id, event: r.event.event, timeMs: r.timeMs });
  return null;
}

/** One record per natural key: a dossier repeated within a page is one set of events. */
function dedupe(groups: readonly (readonly IngestRecord[])[]): { flat: IngestRecord[]; groupOf: number[]; repeats: number } {
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

export async function commitRecords(db: Db, timeZone: string, place: PlaceDevice, groups: readonly (readonly IngestRecord[])[]): Promise<Committed> {
  const { flat, groupOf, repeats } = dedupe(groups);
  const caseKeys: EventKey[] = [];
  const docKeys: EventKey[] = [];
  for (const r of flat) {
    if (r.kind === 'case_event') caseKeys.push({ id: r.event.case_id, event: r.event.event, timeMs: r.timeMs });
    else if (r.kind === 'document_event') docKeys.push({ id: r.event.doc_id, event: r.event.event, timeMs: r.timeMs });
  }
  const present = await existingEventKeys(db, caseKeys, docKeys);
  const refused: Committed['refused'] = [];
  const written: IngestRecord[] = [];

  // Writes the records of these groups; halves them while the database refuses their data.
  async function write(indexes: readonly number[]): Promise<void> {
    if (indexes.length === 0) return;
    const wanted = new Set(indexes);
    const part = flat.filter((_, i) => wanted.has(groupOf[i]!));
    try {
      await writeRows(db, toRows(part, place), timeZone);
      written.push(...part);
    } catch (err) {
      if (!isDataError(err)) throw err;
      if (indexes.length === 1) {
        refused.push({ group: indexes[0]!, error: `database refused: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) });
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
  for (const r of written) {
    const k = keyOf(r);
    if (k === null) continue;
    if (present.has(k)) duplicateEvents++;
    else newEvents++;
  }
  return { records: written, rows: toRows(written, place), newEvents, duplicateEvents, refused };
}
