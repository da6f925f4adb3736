/**
 * Every query shape the bench times: what /kpi asks of db/kpi-table.ts, db/kpi-drill.ts and
 * db/kpi-today.ts (the periods and groupings the console's KpiReview and DrillDrawer request),
 * the home overview, and sensor reads over the telemetry — each with its baseline from raw rows
 * and a fingerprint of the answer, so the bench can check that both say the same.
 */
import { periodDays, localToday } from '../../components/kpi/periods';
import type { CaseSums, DocumentSums } from '../../contracts/kpi-definitions';
import { drillQuerySchema, kpiQuerySchema, type KpiQuery } from '../../contracts/kpi-query';
import type { Queryable } from '../../db/adapter';
import { caseRecords, documentRecords } from '../../db/kpi-drill';
import type { Grouped } from '../../db/kpi-range';
import { caseKpiTable, documentKpiTable, localRange } from '../../db/kpi-table';
import { queryCaseKpis, queryDocumentKpis } from '../../db/kpi-today';
import { loadSensorReadings, loadSensors } from '../../db/live';
import { queryOverview, startOfLocalDay } from '../../db/overview';
import {
  baselineCaseKpis,
  baselineCaseTable,
  baselineDocumentKpis,
  baselineDocumentTable,
  baselineOverview,
  rows,
  type TableAnswer,
} from './baselines';
import { TZ } from './load';
import { benchSql } from './sql';

/** An answer: how many rows it has, and (computed outside the timing) a canonical form to compare. */
export interface Answer {
  rows: number;
  fingerprint: () => string;
}

export interface Shape {
  group: string;
  name: string;
  product: () => Promise<Answer>;
  baseline: { source: string; run: () => Promise<Answer> } | null;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const round = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v);
const canon = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Date ? x.toISOString() : round(x)));

function groupsKey<S extends Record<string, number>>(groups: readonly Grouped<S>[]): Record<string, S> {
  return Object.fromEntries(
    groups.filter((g) => Object.values(g.sums).some((v) => v !== 0)).map((g) => [g.key, g.sums]),
  );
}
const tableAnswer = <S extends Record<string, number>>(a: TableAnswer<S>): Answer => ({
  rows: a.current.length,
  fingerprint: () => canon({ current: groupsKey(a.current), previous: a.previous && groupsKey(a.previous) }),
});
const fromTable = <S extends Record<string, number>>(t: {
  rows: Grouped<S>[];
  previous: { rows: Grouped<S>[] } | null;
}): Answer => tableAnswer({ current: t.rows, previous: t.previous?.rows ?? null });
const list = (ids: readonly unknown[]): Answer => ({ rows: ids.length, fingerprint: () => canon(ids) });
const plain = (r: readonly unknown[]): Answer => ({ rows: r.length, fingerprint: () => canon(r) });

export interface ShapeContext {
  db: Queryable;
  nowMs: number;
  /** A dossier code received mid-year, for the code search. */
  searchCode: string;
  sensorId: string;
  sensorMetric: string;
}

export function shapes(c: ShapeContext): Shape[] {
  const { db, nowMs } = c;
  const today = localToday(nowMs, TZ);
  const q = (from: string, to: string, extra: Record<string, string> = {}): KpiQuery =>
    kpiQuerySchema.parse({ from, to, ...extra });
  const period = (p: 'today' | 'week' | 'month' | 'quarter' | 'year') => periodDays(p, today);
  const twoYears = {
    from: new Date(Date.parse(`${today}T00:00:00Z`) - 729 * DAY).toISOString().slice(0, 10),
    to: today,
  };

  const caseTable = (name: string, query: KpiQuery): Shape => ({
    group: 'cases',
    name,
    product: async () => fromTable<CaseSums>(await caseKpiTable(db, query, TZ, nowMs)),
    baseline: {
      source: 'case_milestones',
      run: async () => tableAnswer(await baselineCaseTable(db, query, TZ, nowMs)),
    },
  });
  const documentTable = (name: string, query: KpiQuery): Shape => ({
    group: 'documents',
    name,
    product: async () => fromTable<DocumentSums>(await documentKpiTable(db, query, TZ, nowMs)),
    baseline: {
      source: 'document_milestones',
      run: async () => tableAnswer(await baselineDocumentTable(db, query, TZ, nowMs)),
    },
  });

  const year = period('year');
  const yearRange = localRange(year.from, year.to, TZ);
  const month = period('month');
  const monthRange = localRange(month.from, month.to, TZ);
  const drill = (raw: Record<string, string>) => drillQuerySchema.parse({ pageSize: '25', ...raw });
  const lateDrill = drill({ drill: 'resolved_late', ...month });
  const pageDrill = drill({ drill: 'received', ...year, page: '40' });
  const searchDrill = drill({ drill: 'received', ...year, q: c.searchCode });
  const overdueDrill = drill({ drill: 'overdue', ...month });
  const docDrill = drill({ drill: 'incoming_registered', ...month });
  const dayStart = startOfLocalDay(nowMs, TZ);
  const series = [c.sensorId, c.sensorMetric, iso(dayStart - 29 * DAY), iso(dayStart + DAY)];
  const hourly = [c.sensorId, c.sensorMetric, iso(Math.floor(nowMs / 3_600_000) * 3_600_000 - 30 * DAY), iso(nowMs)];
  const ids = (r: readonly Record<string, unknown>[], key: string) => r.map((x) => x[key]);

  return [
    caseTable('by agency, today (+ yesterday)', q(period('today').from, today)),
    caseTable('by agency, this week (+ previous)', q(period('week').from, today)),
    caseTable('by agency, this month (+ previous)', q(month.from, today)),
    caseTable('by agency, this quarter (+ previous)', q(period('quarter').from, today)),
    caseTable('by agency, this year (+ previous)', q(year.from, today)),
    caseTable('by agency, 2 years custom (+ previous)', q(twoYears.from, today)),
    caseTable('by day, this quarter (trend)', q(period('quarter').from, today, { groupBy: 'day', compare: 'none' })),
    caseTable('by day, this year (trend)', q(year.from, today, { groupBy: 'day', compare: 'none' })),
    caseTable('by field, this year (+ previous)', q(year.from, today, { groupBy: 'field' })),
    caseTable(
      'by procedure, 1 agency, this year (+ previous)',
      q(year.from, today, { groupBy: 'procedure', agency: 'ubnd-11383' }),
    ),
    documentTable('by agency, this month (+ previous)', q(month.from, today)),
    documentTable('by agency, this year (+ previous)', q(year.from, today)),
    documentTable(
      'by day, this quarter (trend)',
      q(period('quarter').from, today, { groupBy: 'day', compare: 'none' }),
    ),
    {
      group: 'drill',
      name: 'dossiers resolved late, this month, page 1',
      product: async () => list((await caseRecords(db, lateDrill, TZ, nowMs)).rows.map((r) => r.caseId)),
      baseline: {
        source: 'v_cases (raw events)',
        run: async () =>
          list(
            ids(
              await rows(db, 'baseline-drill-cases', [
                'resolved',
                iso(monthRange.fromMs),
                iso(monthRange.toMs),
                true,
                null,
                null,
                26,
                0,
              ]),
              'case_id',
            ).slice(0, 25),
          ),
      },
    },
    {
      group: 'drill',
      name: 'dossiers received, this year, page 40',
      product: async () => list((await caseRecords(db, pageDrill, TZ, nowMs)).rows.map((r) => r.caseId)),
      baseline: {
        source: 'v_cases (raw events)',
        run: async () =>
          list(
            ids(
              await rows(db, 'baseline-drill-cases', [
                'received',
                iso(yearRange.fromMs),
                iso(yearRange.toMs),
                false,
                null,
                null,
                26,
                975,
              ]),
              'case_id',
            ).slice(0, 25),
          ),
      },
    },
    {
      group: 'drill',
      name: 'dossiers received, this year, code search',
      product: async () => list((await caseRecords(db, searchDrill, TZ, nowMs)).rows.map((r) => r.caseId)),
      baseline: {
        source: 'v_cases (raw events)',
        run: async () =>
          list(
            ids(
              await rows(db, 'baseline-drill-cases', [
                'received',
                iso(yearRange.fromMs),
                iso(yearRange.toMs),
                false,
                null,
                c.searchCode,
                26,
                0,
              ]),
              'case_id',
            ).slice(0, 25),
          ),
      },
    },
    {
      group: 'drill',
      name: 'dossiers overdue now, page 1',
      product: async () => list((await caseRecords(db, overdueDrill, TZ, nowMs)).rows.map((r) => r.caseId)),
      baseline: {
        source: 'v_cases (raw events)',
        run: async () =>
          list(ids(await rows(db, 'baseline-drill-overdue', [iso(nowMs), 26, 0]), 'case_id').slice(0, 25)),
      },
    },
    {
      group: 'drill',
      name: 'incoming documents, this month, page 1',
      product: async () => list((await documentRecords(db, docDrill, TZ, nowMs)).rows.map((r) => r.docId)),
      baseline: {
        source: 'v_documents (raw events)',
        run: async () =>
          list(
            ids(
              await rows(db, 'baseline-drill-documents', [iso(monthRange.fromMs), iso(monthRange.toMs), 26, 0]),
              'doc_id',
            ).slice(0, 25),
          ),
      },
    },
    {
      group: 'today',
      name: 'kpi:cases (queryCaseKpis)',
      product: async () => {
        const k = await queryCaseKpis(db, TZ, nowMs);
        return plain(k.byAgency.map((a) => [a.agencyId, a.received, a.resolved, a.resolvedLate, a.overdueNow]));
      },
      baseline: {
        source: 'v_cases (raw events)',
        run: async () =>
          plain(
            (await baselineCaseKpis(db, TZ, nowMs)).map((r) => [
              r.agency_id,
              Number(r.received),
              Number(r.resolved),
              Number(r.resolved_late),
              Number(r.overdue_now),
            ]),
          ),
      },
    },
    {
      group: 'today',
      name: 'kpi:documents (queryDocumentKpis)',
      product: async () => {
        const k = await queryDocumentKpis(db, TZ, nowMs);
        return plain([
          k.today.incomingRegistered,
          k.today.incomingProcessed,
          k.today.outgoingIssued,
          k.today.overdueNow,
        ]);
      },
      baseline: {
        source: 'v_documents (raw events)',
        run: async () => {
          const [cur, overdue] = await baselineDocumentKpis(db, TZ, nowMs);
          return plain(
            [cur?.incoming_registered, cur?.incoming_processed, cur?.outgoing_issued, overdue?.overdue_now].map(Number),
          );
        },
      },
    },
    {
      group: 'today',
      name: 'overview (queryOverview)',
      product: async () => {
        const o = await queryOverview(db, TZ, nowMs);
        return plain([
          o.sensors.total,
          o.casesToday.received,
          o.casesToday.resolved,
          o.casesToday.overdueNow,
          o.documentsToday.registered,
          o.documentsToday.processed,
        ]);
      },
      baseline: {
        source: 'v_cases (raw events)',
        run: async () => {
          const c = await baselineOverview(db, TZ, nowMs);
          return plain(
            [
              c?.sensors_total,
              c?.cases_received,
              c?.cases_resolved,
              c?.cases_overdue,
              c?.docs_registered,
              c?.docs_processed,
            ].map(Number),
          );
        },
      },
    },
    {
      group: 'sensors',
      name: '1 sensor, 30 days daily (telemetry_1d)',
      product: async () => plain((await db.query(benchSql('sensor-daily'), series)).rows),
      baseline: { source: 'telemetry', run: async () => plain(await rows(db, 'baseline-sensor-daily', series)) },
    },
    {
      group: 'sensors',
      name: '1 sensor, 30 days hourly (telemetry_1h)',
      product: async () => plain((await db.query(benchSql('sensor-hourly'), hourly)).rows),
      baseline: { source: 'telemetry', run: async () => plain(await rows(db, 'baseline-sensor-hourly', hourly)) },
    },
    {
      group: 'sensors',
      name: 'all sensors, latest per metric (loadSensors)',
      product: async () => {
        const s = await loadSensors(db, null, nowMs);
        return {
          rows: Object.keys(s).length,
          fingerprint: () =>
            canon(
              Object.values(s)
                .sort((a, b) => (a.id < b.id ? -1 : 1))
                .map((x) => [x.id, x.values]),
            ),
        };
      },
      baseline: {
        source: 'telemetry',
        run: async () => {
          const r = await rows(db, 'baseline-sensors-latest', [iso(nowMs - 6 * 3_600_000)]);
          const by = new Map<string, Record<string, unknown>>();
          for (const x of r) {
            const v = by.get(String(x.device_id)) ?? {};
            if (x.metric !== null) v[String(x.metric)] = x.value;
            by.set(String(x.device_id), v);
          }
          return { rows: by.size, fingerprint: () => canon([...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) };
        },
      },
    },
    {
      group: 'sensors',
      name: '1 sensor, newest 360 readings (loadSensorReadings)',
      product: async () => plain(await loadSensorReadings(db, c.sensorId, 360, nowMs)),
      baseline: null,
    },
  ];
}
