/**
 * Searching the audit trail: the audit log and the alarm rules' own transitions, read through the
 * view v_audit_trail (migration 024). Keyset pages (never OFFSET): a page continues after exactly
 * the last row shown, whatever was appended meanwhile, and page 1 000 costs what page 1 costs.
 */
import { AUDIT_CURSOR, type AuditPage, type AuditQuery, type AuditRow } from '../contracts/audit';
import type { Queryable } from './adapter';
import { sql } from './sql';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** $1 … $7 of audit-search.sql and audit-count.sql. */
const filterParams = (q: AuditQuery) => [
  iso(q.from),
  iso(q.to),
  q.actor ?? null,
  q.action && q.action.length > 0 ? q.action : null,
  q.target ?? null,
  q.ip ?? null,
  q.q ?? null,
];

const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

function rowOf(r: Record<string, unknown>): AuditRow {
  return {
    source: r.source === 'alarm' ? 'alarm' : 'audit',
    id: Number(r.id),
    atMs: new Date(r.at as string | Date).getTime(),
    actor: textOrNull(r.actor),
    action: String(r.action),
    target: textOrNull(r.target),
    ip: textOrNull(r.ip),
    detail: r.detail,
  };
}

/** One page of rows after `cursor` (the `next` of the page before), and its own `next`. */
async function page(
  db: Queryable,
  q: AuditQuery,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: AuditRow[]; next: string | null }> {
  const c = cursor === undefined ? null : AUDIT_CURSOR.exec(cursor);
  // One row more than asked tells whether there is a next page without counting.
  const { rows } = await db.query(sql('audit-search'), [
    ...filterParams(q),
    c ? c[1] : null,
    c ? c[2] : null,
    c ? c[3] : null,
    limit + 1,
  ]);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    rows: shown.map(rowOf),
    next: rows.length > limit && last ? `${String(last.at_us)}:${String(last.source)}:${String(last.id)}` : null,
  };
}

/** A page of the trail matching `q`, newest first, with the number of all matching rows. */
export async function searchAudit(db: Queryable, q: AuditQuery): Promise<AuditPage> {
  const [p, total] = await Promise.all([page(db, q, q.cursor, q.limit), countAudit(db, q)]);
  return { entries: p.rows, next: p.next, total };
}

/** Every row matching `q` (from its cursor on), newest first, at most `max`, read a page at a time. */
export async function* auditRows(
  db: Queryable,
  q: AuditQuery,
  max: number,
  pageSize = 1000,
): AsyncGenerator<AuditRow[]> {
  let cursor = q.cursor;
  let left = max;
  while (left > 0) {
    const p = await page(db, q, cursor, Math.min(pageSize, left));
    if (p.rows.length > 0) yield p.rows;
    left -= p.rows.length;
    if (p.next === null) return;
    cursor = p.next;
  }
}

export async function countAudit(db: Queryable, q: AuditQuery): Promise<number> {
  const { rows } = await db.query<{ total: unknown }>(sql('audit-count'), filterParams(q));
  return Number(rows[0]?.total ?? 0);
}
