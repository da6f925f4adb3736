/**
 * The leaders' KPI tables: a validated query → sums per group from the rollups → every KPI by its
 * single definition, with totals and the previous period for comparison.
 */
import {
  caseKpiValues,
  documentKpiValues,
  zeroCaseSums,
  zeroDocumentSums,
  type CaseKpiId,
  type CaseSums,
  type DocumentSums,
} from '../contracts/kpi-definitions';
import {
  previousPeriod,
  type CaseKpiTable,
  type DocumentKpiTable,
  type KpiQuery,
  type KpiRow,
} from '../contracts/kpi-query';
import { parseWireTime } from '../contracts/time';
import type { Queryable } from './adapter';
import {
  kpiRange,
  queryCaseSums,
  queryDocumentSums,
  type CaseGrouping,
  type DocumentGrouping,
  type Grouped,
  type KpiRange,
} from './kpi-range';
import { sql } from './sql';

const DAY = 86_400_000;

/** [from 00:00, the day after `to` 00:00) in the city's time zone. */
export function localRange(from: string, to: string, timeZone: string): KpiRange {
  const start = parseWireTime(from, timeZone);
  const end = parseWireTime(to, timeZone);
  if (!start.ok || !end.ok) throw new Error(`bad range ${from}..${to}`);
  // The day after `to`, read again in the zone (a DST change would make it 23 or 25 hours).
  const next = parseWireTime(new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString().slice(0, 10), timeZone);
  return kpiRange(start.ms, next.ok ? next.ms : end.ms + DAY, timeZone);
}

function sumAll<S extends Record<string, number>>(groups: Grouped<S>[], zero: () => S): S {
  const total = zero();
  for (const g of groups)
    for (const k of Object.keys(total) as (keyof S)[])
      total[k] = ((total[k] as number) + (g.sums[k] as number)) as S[keyof S];
  return total;
}

interface AgencyName {
  vi: string;
  en: string;
  wardCode: string | null;
}

async function agencyNames(db: Queryable): Promise<Map<string, AgencyName>> {
  const { rows } = await db.query<{ agency_id: string; name_vi: string; name_en: string; ward_code: string | null }>(
    sql('agency-names'),
  );
  return new Map(rows.map((r) => [r.agency_id, { vi: r.name_vi, en: r.name_en, wardCode: r.ward_code }]));
}

/** A group's label and ward: an agency's names, or the key itself for other groupings. */
function labelOf(
  names: Map<string, AgencyName>,
  key: string,
): { label: { vi: string; en: string }; wardCode: string | null } {
  const n = names.get(key);
  return n ? { label: { vi: n.vi, en: n.en }, wardCode: n.wardCode } : { label: { vi: key, en: key }, wardCode: null };
}

export async function caseKpiTable(
  db: Queryable,
  q: KpiQuery,
  timeZone: string,
  nowMs = Date.now(),
): Promise<CaseKpiTable> {
  const groupBy = (q.groupBy === 'urgency' ? 'all' : q.groupBy) as CaseGrouping;
  const filter = {
    agencyIds: q.agency,
    level: q.level,
    field: q.field,
    procedureCode: q.procedure,
    channel: q.channel,
  };
  const names = groupBy === 'agency' ? await agencyNames(db) : new Map<string, AgencyName>();
  const period = async (from: string, to: string) => {
    const groups = await queryCaseSums(db, localRange(from, to, timeZone), groupBy, filter, nowMs);
    const row = (key: string, sums: CaseSums): KpiRow<CaseSums, CaseKpiId> => ({
      key,
      ...labelOf(names, key),
      sums,
      kpis: caseKpiValues(sums),
    });
    return { from, to, rows: groups.map((g) => row(g.key, g.sums)), total: row('', sumAll(groups, zeroCaseSums)) };
  };
  const prev = previousPeriod(q.from, q.to);
  const [current, previous] = await Promise.all([
    period(q.from, q.to),
    q.compare === 'previous' ? period(prev.from, prev.to) : null,
  ]);
  return { family: 'cases', groupBy: q.groupBy, generatedAt: nowMs, ...current, previous };
}

export async function documentKpiTable(
  db: Queryable,
  q: KpiQuery,
  timeZone: string,
  nowMs = Date.now(),
): Promise<DocumentKpiTable> {
  const groupBy = (['agency', 'urgency', 'day'].includes(q.groupBy) ? q.groupBy : 'all') as DocumentGrouping;
  const names = groupBy === 'agency' ? await agencyNames(db) : new Map<string, AgencyName>();
  const period = async (from: string, to: string) => {
    const groups = await queryDocumentSums(db, localRange(from, to, timeZone), groupBy, q.agency, nowMs);
    const row = (key: string, sums: DocumentSums) => ({
      key,
      ...labelOf(names, key),
      sums,
      kpis: documentKpiValues(sums),
    });
    return { from, to, rows: groups.map((g) => row(g.key, g.sums)), total: row('', sumAll(groups, zeroDocumentSums)) };
  };
  const prev = previousPeriod(q.from, q.to);
  const [current, previous] = await Promise.all([
    period(q.from, q.to),
    q.compare === 'previous' ? period(prev.from, prev.to) : null,
  ]);
  return { family: 'documents', groupBy: q.groupBy, generatedAt: nowMs, ...current, previous };
}
