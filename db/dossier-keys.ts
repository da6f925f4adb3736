/** Which dossier/document events are already stored, by natural key (id, event, time). */
import type { KpiFamily } from '../contracts/kpi-query';
import type { Queryable } from './adapter';
import { sql } from './sql';

export interface EventKey {
  id: string;
  event: string;
  timeMs: number;
}

/** The queries and tables of a family are named in the singular (case_events, case-events-existing.sql). */
const TABLE_PREFIX = { cases: 'case', documents: 'document' } as const satisfies Record<KpiFamily, string>;

/** An event's natural key across both families: one set can hold the stored keys of dossiers and documents. */
export const familyEventKey = (family: KpiFamily, k: EventKey) =>
  `${family}\u0000${k.id}\u0000${k.event}\u0000${k.timeMs}`;

async function existing(db: Queryable, family: KpiFamily, keys: readonly EventKey[]): Promise<string[]> {
  if (keys.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const k of keys) {
    min = Math.min(min, k.timeMs);
    max = Math.max(max, k.timeMs);
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const { rows } = await db.query<{ id: string; event: string; ms: number }>(
    sql(`${TABLE_PREFIX[family]}-events-existing`),
    [keys.map((k) => k.id), keys.map((k) => k.event), keys.map((k) => iso(k.timeMs)), iso(min), iso(max)],
  );
  return rows.map((r) => familyEventKey(family, { id: r.id, event: r.event, timeMs: Number(r.ms) }));
}

/** The keys (as `familyEventKey` strings) of those given that the database already holds. */
export async function existingEventKeys(
  db: Queryable,
  cases: readonly EventKey[],
  documents: readonly EventKey[],
): Promise<Set<string>> {
  return new Set([...(await existing(db, 'cases', cases)), ...(await existing(db, 'documents', documents))]);
}
