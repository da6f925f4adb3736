/**
 * Dead-lettering for the connector and import ways in: a record read again (a page polled twice,
 * a file imported twice) is dead-lettered once, not once per reading.
 */
import type { Queryable } from './adapter';
import { insertRejects, type RejectRow } from './ingest-writes';
import { sql } from './sql';

const key = (r: { topic: string; reason: string; payload: string }) => `${r.topic}\u0000${r.reason}\u0000${r.payload}`;

/** Writes the rows not already in ingest_rejects (same topic, reason and payload); returns how many were written. */
export async function insertNewRejects(db: Queryable, rows: readonly RejectRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rows: present } = await db.query<{ topic: string; reason: string; payload: string }>(
    sql('source-rejects-existing'),
    [[...new Set(rows.map((r) => r.topic))], [...new Set(rows.map((r) => r.payload))]],
  );
  const seen = new Set(present.map(key));
  const fresh: RejectRow[] = [];
  for (const r of rows) {
    const k = key(r);
    if (seen.has(k)) continue;
    seen.add(k);
    fresh.push(r);
  }
  await insertRejects(db, fresh);
  return fresh.length;
}
