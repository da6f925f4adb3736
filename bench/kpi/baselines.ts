/**
 * The baselines: the same questions the product answers, from raw rows without the rollups — KPI
 * sums from the milestone rows, drill-down pages from the raw events (v_cases, v_documents),
 * sensor series from the raw readings. Each returns what the product's answer is compared with.
 */
import {
  CASE_SUMS,
  DOCUMENT_SUMS,
  zeroCaseSums,
  zeroDocumentSums,
  type CaseSums,
  type DocumentSums,
} from '../../contracts/kpi-definitions';
import { previousPeriod, type KpiQuery } from '../../contracts/kpi-query';
import type { Queryable } from '../../db/adapter';
import type { CaseGrouping, DocumentGrouping, Grouped, KpiRange } from '../../db/kpi-range';
import { localRange } from '../../db/kpi-table';
import { startOfLocalDay } from '../../db/overview';
import { sql } from '../../db/sql';
import { ONLINE_WINDOW_MS } from '../../contracts/overview';
import { benchSql } from './sql';

type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;
const snake = (k: string) => k.replace(/[A-Z0-9]/g, (c) => `_${c.toLowerCase()}`);

/** Rows of sums (snake_case columns, keyed by `key`) merged into one sums object per key. */
function merge<S extends Record<string, number>>(
  keys: readonly string[],
  zero: () => S,
  ...sets: Row[][]
): Grouped<S>[] {
  const out = new Map<string, S>();
  for (const rows of sets)
    for (const r of rows) {
      const k = String(r.key ?? '');
      const s = out.get(k) ?? zero();
      for (const name of keys) if (snake(name) in r) (s as Record<string, number>)[name] = Number(r[snake(name)] ?? 0);
      out.set(k, s);
    }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, sums]) => ({ key, sums }));
}

export interface TableAnswer<S> {
  current: Grouped<S>[];
  previous: Grouped<S>[] | null;
}

async function periods<S>(
  q: KpiQuery,
  timeZone: string,
  one: (r: KpiRange) => Promise<Grouped<S>[]>,
): Promise<TableAnswer<S>> {
  const prev = previousPeriod(q.from, q.to);
  const [current, previous] = await Promise.all([
    one(localRange(q.from, q.to, timeZone)),
    q.compare === 'previous' ? one(localRange(prev.from, prev.to, timeZone)) : null,
  ]);
  return { current, previous };
}

/** caseKpiTable's sums with the flows counted from case_milestones; "now" counts as the product (cases). */
export function baselineCaseTable(
  db: Queryable,
  q: KpiQuery,
  timeZone: string,
  nowMs: number,
): Promise<TableAnswer<CaseSums>> {
  const groupBy = (q.groupBy === 'urgency' ? 'all' : q.groupBy) as CaseGrouping;
  const agencies = q.agency && q.agency.length > 0 ? q.agency : null;
  return periods(q, timeZone, async (r) => {
    const [flows, open] = await Promise.all([
      db.query<Row>(benchSql('baseline-cases-range'), [
        iso(r.fromMs),
        iso(r.toMs),
        groupBy,
        agencies,
        q.level ?? null,
        q.field ?? null,
        q.procedure ?? null,
        q.channel ?? null,
      ]),
      groupBy === 'day'
        ? { rows: [] }
        : db.query<Row>(sql('kpi-cases-now'), [
            iso(nowMs),
            groupBy,
            agencies,
            q.level ?? null,
            q.field ?? null,
            q.procedure ?? null,
            q.channel ?? null,
          ]),
    ]);
    return merge(CASE_SUMS, zeroCaseSums, flows.rows, open.rows);
  });
}

/** documentKpiTable's sums with the flows counted from document_milestones. */
export function baselineDocumentTable(
  db: Queryable,
  q: KpiQuery,
  timeZone: string,
  nowMs: number,
): Promise<TableAnswer<DocumentSums>> {
  const groupBy = (['agency', 'urgency', 'day'].includes(q.groupBy) ? q.groupBy : 'all') as DocumentGrouping;
  const agencies = q.agency && q.agency.length > 0 ? q.agency : null;
  return periods(q, timeZone, async (r) => {
    const [flows, open] = await Promise.all([
      db.query<Row>(benchSql('baseline-documents-range'), [iso(r.fromMs), iso(r.toMs), groupBy, agencies]),
      groupBy === 'day' ? { rows: [] } : db.query<Row>(sql('kpi-documents-now'), [iso(nowMs), groupBy, agencies]),
    ]);
    return merge(DOCUMENT_SUMS, zeroDocumentSums, flows.rows, open.rows);
  });
}

/** Rows of a baseline query, as they come. */
export async function rows(db: Queryable, name: string, params: unknown[]): Promise<Row[]> {
  return (await db.query<Row>(benchSql(name), params)).rows;
}

/**
 * queryCaseKpis' queries with "overdue now" folded from the raw events (v_cases), as before the
 * product read it from cases; returns the per-agency rows.
 */
export async function baselineCaseKpis(db: Queryable, timeZone: string, nowMs: number): Promise<Row[]> {
  const today = startOfLocalDay(nowMs, timeZone);
  const [{ rows: byAgency }] = await Promise.all([
    db.query<Row>(benchSql('baseline-cases-today'), [iso(today), iso(nowMs)]),
    db.query<Row>(sql('kpi-cases-window'), [iso(today - DAY), iso(nowMs - DAY), null]),
    db.query<Row>(sql('kpi-cases-hourly'), [iso(today - DAY), iso(nowMs), null]),
  ]);
  return byAgency;
}

/** queryDocumentKpis' queries with "overdue now" from v_documents; returns [today's totals, overdue]. */
export async function baselineDocumentKpis(
  db: Queryable,
  timeZone: string,
  nowMs: number,
): Promise<[Row | undefined, Row | undefined]> {
  const today = startOfLocalDay(nowMs, timeZone);
  const [
    {
      rows: [cur],
    },
    ,
    {
      rows: [overdue],
    },
  ] = await Promise.all([
    db.query<Row>(sql('kpi-documents-window'), [iso(today), iso(nowMs), null]),
    db.query<Row>(sql('kpi-documents-window'), [iso(today - DAY), iso(nowMs - DAY), null]),
    db.query<Row>(benchSql('baseline-documents-overdue'), [iso(nowMs)]),
    db.query<Row>(sql('kpi-documents-hourly'), [iso(today - DAY), iso(nowMs), null]),
  ]);
  return [cur, overdue];
}

/** queryOverview's queries with overdue dossiers from v_cases; returns the counts row. */
export async function baselineOverview(db: Queryable, timeZone: string, nowMs: number): Promise<Row | undefined> {
  const [
    {
      rows: [counts],
    },
  ] = await Promise.all([
    db.query<Row>(benchSql('baseline-overview-counts'), [
      iso(nowMs - ONLINE_WINDOW_MS),
      iso(startOfLocalDay(nowMs, timeZone)),
      iso(nowMs),
    ]),
    db.query<Row>(sql('overview-latest-readings'), [iso(nowMs - ONLINE_WINDOW_MS), 12]),
  ]);
  return counts;
}
