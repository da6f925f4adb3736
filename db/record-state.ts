/**
 * Keeps a record table (dossiers, documents) and its milestones in step with newly inserted
 * events, inside the ingest's transaction. One generic procedure for both families:
 *   1. lock the stored states of the records touched (key order, FOR UPDATE);
 *   2. fold the new events into them (pure, order-independent: db/case-state.ts, db/document-state.ts);
 *   3. insert new records — a conflict means another worker created the record meanwhile, so
 *      lock and fold again; overwrite existing ones;
 *   4. rewrite only the milestones whose time or content changed (the rollups follow the
 *      milestone rows: triggers on plain PostgreSQL, continuous-aggregate invalidation on TimescaleDB).
 */
import type { Queryable } from './adapter';
import { sql } from './sql';

export interface MilestoneRef {
  id: string;
  milestone: string;
  timeMs: number;
}

export interface RecordFamily<E, S, M> {
  name: string;
  idOf(e: E): string;
  stateId(s: S): string;
  /** Which stored milestone row this is (what a delete matches). */
  refOf(m: M): MilestoneRef;
  apply(s: S | null, e: E): S;
  milestones(s: S): M[];
  /** Row of the lock query → state. */
  fromRow(row: Record<string, unknown>): S;
  /** States → the upsert query's array parameters (without its final insert-only flag). */
  stateParams(states: readonly S[]): unknown[];
  milestoneParams(ms: readonly M[]): unknown[];
  sql: { lock: string; upsert: string; deleteMilestones: string; insertMilestones: string };
}

const key = (m: unknown) => JSON.stringify(m);

function foldAll<E, S, M>(f: RecordFamily<E, S, M>, base: S | null, events: readonly E[]): S {
  let s = base;
  for (const e of events) s = f.apply(s, e);
  if (s === null) throw new Error(`${f.name}: fold of no events`);
  return s;
}

export async function foldNewEvents<E, S, M>(
  db: Queryable,
  f: RecordFamily<E, S, M>,
  events: readonly E[],
): Promise<void> {
  if (events.length === 0) return;
  const byId = new Map<string, E[]>();
  for (const e of events) {
    const id = f.idOf(e);
    const list = byId.get(id);
    if (list) list.push(e);
    else byId.set(id, [e]);
  }
  const ids = [...byId.keys()].sort();
  const old = await lockStates(db, f, ids);
  const oldMilestones: M[] = [];
  const next = new Map<string, S>();
  for (const id of ids) {
    const prev = old.get(id) ?? null;
    if (prev) oldMilestones.push(...f.milestones(prev));
    next.set(id, foldAll(f, prev, byId.get(id)!));
  }

  const fresh = ids.filter((id) => !old.has(id));
  const existing = ids.filter((id) => old.has(id));
  if (fresh.length > 0) {
    const { rows } = await db.query<{ id: string }>(sql(f.sql.upsert), [
      ...f.stateParams(fresh.map((id) => next.get(id)!)),
      true,
    ]);
    const inserted = new Set(rows.map((r) => r.id));
    const raced = fresh.filter((id) => !inserted.has(id));
    if (raced.length > 0) {
      // Created by another worker between our lock and our insert: it is committed now, so fold onto it.
      const theirs = await lockStates(db, f, raced);
      for (const id of raced) {
        const prev = theirs.get(id);
        if (!prev) throw new Error(`${f.name} ${id}: neither inserted nor found`);
        oldMilestones.push(...f.milestones(prev));
        next.set(id, foldAll(f, prev, byId.get(id)!));
        existing.push(id);
      }
    }
  }
  if (existing.length > 0)
    await db.query(sql(f.sql.upsert), [...f.stateParams(existing.map((id) => next.get(id)!)), false]);

  const newMilestones = ids.flatMap((id) => f.milestones(next.get(id)!));
  const oldKeys = new Set(oldMilestones.map(key));
  const newKeys = new Set(newMilestones.map(key));
  const removed = oldMilestones.filter((m) => !newKeys.has(key(m)));
  const added = newMilestones.filter((m) => !oldKeys.has(key(m)));
  if (removed.length > 0) {
    const refs = removed.map((m) => f.refOf(m));
    await db.query(sql(f.sql.deleteMilestones), [
      refs.map((r) => r.id),
      refs.map((r) => r.milestone),
      refs.map((r) => r.timeMs),
    ]);
  }
  if (added.length > 0) await db.query(sql(f.sql.insertMilestones), f.milestoneParams(added));
}

async function lockStates<E, S, M>(
  db: Queryable,
  f: RecordFamily<E, S, M>,
  ids: readonly string[],
): Promise<Map<string, S>> {
  const { rows } = await db.query<Record<string, unknown>>(sql(f.sql.lock), [ids]);
  const out = new Map<string, S>();
  for (const r of rows) {
    const s = f.fromRow(r);
    out.set(f.stateId(s), s);
  }
  return out;
}
