/**
 * Dossier and document KPIs are right: hand-made edge cases against known answers, and a seeded
 * random population (shuffled, duplicated, split across transactions) against an independent
 * computation in plain SQL over the read-model views (test/sql/kpi-oracle-*.sql) — for every
 * grouping, several ranges, both rollup grains, both backends; on TimescaleDB also after the
 * continuous aggregates are materialized and after late events invalidate them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { drillQuerySchema, type RecordPage } from '../contracts/kpi-query';
import { caseKpiValues, documentKpiValues, type CaseSums, type DocumentSums } from '../contracts/kpi-definitions';
import type { Db } from '../db/adapter';
import {
  queryCaseSums,
  queryDocumentSums,
  CASE_GROUPINGS,
  type CaseGrouping,
  type Grouped,
  type KpiRange,
  kpiRange,
} from '../db/kpi-range';
import { caseRecords, documentRecords } from '../db/kpi-drill';
import { migrate } from '../db/migrate';
import { rebuildRecordStateIfMissing } from '../db/record-rebuild';
import { startOfLocalDay } from '../db/overview';
import type { CaseEventRow, DocumentEventRow } from '../db/ingest-writes';
import { toRows, writeRows } from '../ingest/write-batch';
import { caseEvent, deliveries, documentEvent, randomDataset } from './support/kpi-dataset';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const TZ = 'Asia/Ho_Chi_Minh';
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const oracle = (name: string) => readFileSync(path.join(import.meta.dirname, 'sql', `${name}.sql`), 'utf8');

async function write(db: Db, cases: readonly CaseEventRow[], documents: readonly DocumentEventRow[]): Promise<void> {
  const rows = toRows([], () => null);
  rows.caseEvents.push(...cases);
  rows.documentEvents.push(...documents);
  for (const e of [...cases, ...documents]) rows.agencies.add(e.agencyId);
  await writeRows(db, rows, TZ);
}

const num = (v: unknown) => Number(v ?? 0);
const snake = (k: string) => k.replace(/[A-Z0-9]/g, (c) => `_${c.toLowerCase()}`);
const isZero = (s: Record<string, number>) => Object.values(s).every((v) => v === 0);

/** Groups whose every sum is zero carry no information (a rollup row emptied by a moved milestone). */
function nonZero<S extends Record<string, number>>(groups: Grouped<S>[]): Record<string, S> {
  return Object.fromEntries(groups.filter((g) => !isZero(g.sums)).map((g) => [g.key, g.sums]));
}

/** The oracle's sums; `source` narrows v_cases to a subset view when a test filters. */
async function oracleCases(
  db: Db,
  range: KpiRange,
  nowMs: number,
  groupBy: string,
  source = 'v_cases',
): Promise<Record<string, CaseSums>> {
  const text = oracle('kpi-oracle-cases').replace('FROM v_cases', `FROM ${source}`);
  const { rows } = await db.query<Record<string, unknown>>(text, [
    new Date(range.fromMs).toISOString(),
    new Date(range.toMs).toISOString(),
    new Date(nowMs).toISOString(),
    groupBy,
  ]);
  const keys = Object.keys(caseSumColumns) as (keyof CaseSums)[];
  return nonZero(
    rows.map((r) => ({
      key: String(r.key),
      sums: Object.fromEntries(keys.map((k) => [k, num(r[caseSumColumns[k]])])) as CaseSums,
    })),
  );
}

async function oracleDocuments(
  db: Db,
  range: KpiRange,
  nowMs: number,
  groupBy: string,
): Promise<Record<string, DocumentSums>> {
  const { rows } = await db.query<Record<string, unknown>>(oracle('kpi-oracle-documents'), [
    new Date(range.fromMs).toISOString(),
    new Date(range.toMs).toISOString(),
    new Date(nowMs).toISOString(),
    groupBy,
  ]);
  const keys: (keyof DocumentSums)[] = [
    'incomingRegistered',
    'incomingRegisteredElectronic',
    'incomingProcessed',
    'incomingOnTime',
    'incomingLate',
    'incomingNoDeadline',
    'incomingProcessingSeconds',
    'outgoingIssued',
    'outgoingSigned',
    'outgoingElectronic',
    'incomingOpenNow',
    'incomingOverdueNow',
  ];
  return nonZero(
    rows.map((r) => ({
      key: String(r.key),
      sums: Object.fromEntries(keys.map((k) => [k, num(r[snake(k)])])) as DocumentSums,
    })),
  );
}

/** Processing seconds are sums of doubles: compare them to the millisecond. */
function roundSeconds(all: Record<string, DocumentSums>): Record<string, DocumentSums> {
  return Object.fromEntries(
    Object.entries(all).map(([k, s]) => [
      k,
      { ...s, incomingProcessingSeconds: Math.round(s.incomingProcessingSeconds * 1000) / 1000 },
    ]),
  );
}

describe(`dossier and document KPIs (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
  });
  after(() => t.drop());

  test('edge cases have their known answers', async () => {
    // Day 0 is a local day long past; ranges below are whole local days.
    const d0 = startOfLocalDay(Date.UTC(2025, 0, 6, 12), TZ);
    const now = d0 + 10 * DAY + 9 * H;
    const at = (day: number, hours: number) => d0 + day * DAY + hours * H;
    const due = at(3, 17);
    const base = { agencyId: 'edge', procedureCode: 'P', level: 'commune', channel: 'online', dueMs: due };
    const ev = (caseId: string, event: string, timeMs: number, extra: Partial<CaseEventRow> = {}) =>
      caseEvent({ ...base, caseId, event, timeMs, ...extra });
    const events = [
      // E1: resolved exactly at the deadline → on time, not early, not late.
      ev('E1', 'received', at(0, 9)),
      ev('E1', 'resolved', due, { rating: 5 }),
      // E2: resolved two days after it became overdue → late.
      ev('E2', 'received', at(0, 10)),
      ev('E2', 'resolved', at(5, 11), { rating: 2 }),
      // E3: resolved on the day before the due day → early.
      ev('E3', 'received', at(1, 8)),
      ev('E3', 'resolved', at(2, 16)),
      // E4: supplement requested (twice), then resolved after the ORIGINAL deadline → late (the request pauses nothing).
      ev('E4', 'received', at(1, 9)),
      ev('E4', 'supplement_requested', at(2, 9)),
      ev('E4', 'supplement_requested', at(2, 15)),
      ev('E4', 'resolved', at(3, 18)),
      // E5: withdrawn → received, not resolved, not in progress, not overdue.
      ev('E5', 'received', at(1, 10)),
      ev('E5', 'withdrawn', at(4, 10)),
      // E6: the `resolved` arrives first (its own transaction), the `received` later: received on day 2, on time.
      ev('E6', 'resolved', at(3, 9)),
      // E7: open and past due → in progress and overdue now.
      ev('E7', 'received', at(2, 9)),
      ev('E7', 'assigned', at(2, 10)),
      // E8: open, due in the future → in progress, not overdue.
      ev('E8', 'received', at(9, 9), { dueMs: at(12, 17), channel: 'counter' }),
    ];
    const late = [ev('E6', 'received', at(2, 8))];
    // Duplicates: every event of E1 and E2 delivered twice, once in the same batch and once later.
    await write(t.db, [...events, ...events.slice(0, 4)], []);
    await write(t.db, [...late, ...events.slice(0, 4)], []);

    const [all] = await queryCaseSums(t.db, kpiRange(d0, d0 + 10 * DAY + DAY, TZ), 'all', { agencyIds: ['edge'] }, now);
    assert.ok(all);
    const s = all.sums;
    assert.equal(s.received, 8, 'each dossier received once, duplicates ignored');
    assert.equal(s.resolved, 5, 'E1 E2 E3 E4 E6');
    assert.deepEqual(
      [s.resolvedEarly, s.resolvedOnTime, s.resolvedLate],
      [1, 2, 2],
      'early E3; on time E1 E6; late E2 E4',
    );
    assert.equal(s.supplementRequested, 1, 'E4 counted once however many requests');
    assert.equal(s.withdrawn, 1);
    assert.deepEqual([s.inProgressNow, s.overdueNow], [2, 1], 'E7 and E8 open; E7 overdue');
    assert.deepEqual([s.rated, s.ratingSum, s.rating5, s.rating2], [2, 7, 1, 1]);
    const k = caseKpiValues(s);
    assert.equal(k['cases.onTimeRate'], 3 / 5);
    assert.equal(k['cases.avgRating'], 3.5);
    assert.equal(k['cases.onlineShare'], 7 / 8);
    // E6 was received on day 2 (its late `received`), not day 3 (its first-arriving `resolved`).
    const byDay = await queryCaseSums(t.db, kpiRange(d0, d0 + 4 * DAY, TZ), 'day', { agencyIds: ['edge'] }, now);
    assert.deepEqual(
      byDay.map((g) => [g.key, g.sums.received]),
      [
        ['2025-01-06', 2],
        ['2025-01-07', 3],
        ['2025-01-08', 2],
        ['2025-01-09', 0],
      ],
    );

    // Documents: processed exactly at the deadline is on time; no deadline counted apart; overdue now.
    const doc = (docId: string, event: string, timeMs: number, extra: Partial<DocumentEventRow> = {}) =>
      documentEvent({ docId, agencyId: 'edge', direction: 'incoming', event, timeMs, ...extra });
    await write(
      t.db,
      [],
      [
        doc('V1', 'registered', at(0, 9), { dueMs: at(1, 9), eExchange: true }),
        doc('V1', 'processed', at(1, 9)),
        doc('V2', 'registered', at(0, 9)),
        doc('V2', 'processed', at(0, 11)),
        doc('V3', 'registered', at(0, 9), { dueMs: at(2, 9) }),
        doc('V4', 'registered', at(1, 9), { direction: 'outgoing' }),
        doc('V4', 'issued', at(1, 15), { direction: 'outgoing', signed: true, eExchange: true }),
      ],
    );
    const [docs] = await queryDocumentSums(t.db, kpiRange(d0, d0 + 11 * DAY, TZ), 'all', ['edge'], now);
    assert.ok(docs);
    assert.deepEqual(
      [
        docs.sums.incomingRegistered,
        docs.sums.incomingProcessed,
        docs.sums.incomingOnTime,
        docs.sums.incomingNoDeadline,
        docs.sums.incomingOverdueNow,
      ],
      [3, 2, 1, 1, 1],
    );
    assert.equal(docs.sums.incomingProcessingSeconds, 24 * 3600 + 2 * 3600);
    const dk = documentKpiValues(docs.sums);
    assert.equal(dk['documents.signedShare'], 1);
    assert.equal(dk['documents.electronicShare'], 2 / 4);
    assert.equal(dk['documents.avgProcessingHours'], 13);
  });

  test('a random population: every sum equals plain SQL over the read model, every grouping and range', async () => {
    // 20 April – 8 June: whole months (May) read from the monthly rollups, the rest from the daily.
    const d0 = startOfLocalDay(Date.UTC(2025, 3, 20, 12), TZ);
    const days = 50;
    const may = startOfLocalDay(Date.UTC(2025, 4, 1, 12), TZ);
    const june = startOfLocalDay(Date.UTC(2025, 5, 1, 12), TZ);
    const now = d0 + (days - 1) * DAY + 15 * H;
    const data = randomDataset(7, d0, days, now, 600, 300);
    const caseBatches = deliveries(11, data.cases, 120);
    const docBatches = deliveries(13, data.documents, 80);
    for (let i = 0; i < Math.max(caseBatches.length, docBatches.length); i++)
      await write(t.db, caseBatches[i] ?? [], docBatches[i] ?? []);

    const ranges: [string, KpiRange][] = [
      ['all', kpiRange(d0, d0 + days * DAY, TZ)],
      ['May', kpiRange(may, june, TZ)],
      ['28 April – 2 June', kpiRange(may - 3 * DAY, june + 2 * DAY, TZ)],
      ['week 2', kpiRange(d0 + 7 * DAY, d0 + 14 * DAY, TZ)],
      ['one day', kpiRange(d0 + 10 * DAY, d0 + 11 * DAY, TZ)],
      ['today', kpiRange(d0 + (days - 1) * DAY, d0 + days * DAY, TZ)],
    ];
    const check = async (label: string) => {
      for (const [name, range] of ranges) {
        for (const groupBy of CASE_GROUPINGS.filter((g): g is Exclude<CaseGrouping, 'day'> => g !== 'day')) {
          const ours = nonZero(await queryCaseSums(t.db, range, groupBy, {}, now));
          assert.deepEqual(
            ours,
            await oracleCases(t.db, range, now, groupBy),
            `${label}: cases, ${name}, by ${groupBy}`,
          );
        }
        // A field filter goes to the detailed rollup; compare one field's agencies.
        const ours = nonZero(
          await queryCaseSums(t.db, range, 'agency', { field: 'Đất đai', agencyIds: ['ubnd-a', 'so-xd'] }, now),
        );
        const all = await oracleCasesFiltered(t.db, range, now);
        assert.deepEqual(ours, all, `${label}: cases, ${name}, field filter`);
        for (const groupBy of ['agency', 'all'] as const) {
          const docs = roundSeconds(nonZero(await queryDocumentSums(t.db, range, groupBy, undefined, now)));
          assert.deepEqual(
            docs,
            roundSeconds(await oracleDocuments(t.db, range, now, groupBy)),
            `${label}: documents, ${name}, by ${groupBy}`,
          );
        }
        // The trend reads days only (never a month's row): its days add up to the range's total.
        const trend = await queryCaseSums(t.db, range, 'day', {}, now);
        const [total] = await queryCaseSums(t.db, range, 'all', {}, now);
        assert.equal(
          trend.reduce((n, g) => n + g.sums.resolvedLate, 0),
          total?.sums.resolvedLate ?? 0,
          `${label}: cases, ${name}, by day`,
        );
        assert.ok(
          trend.every((g) => /^\d{4}-\d{2}-\d{2}$/.test(g.key)),
          `${label}: day keys`,
        );
      }
    };
    assert.deepEqual([ranges[1]![1].monthsFromMs, ranges[1]![1].monthsToMs], [may, june], 'May is one whole month');
    assert.deepEqual(
      [ranges[2]![1].monthsFromMs, ranges[2]![1].monthsToMs],
      [may, june],
      'its partial neighbours are days',
    );
    assert.equal(ranges[4]![1].monthsFromMs, ranges[4]![1].monthsToMs, 'a week has no whole month');
    await check('live');
    if (BACKEND === 'pglite') {
      await refreshRollups(t.db);
      await check('materialized');
      // Late events for records whose milestones are already materialized: the rollups follow
      // once refreshed (the policy does it every 5 minutes; here by hand).
      const lateCases = randomDataset(7, d0, days, now, 600, 0)
        .cases.filter((e) => e.event === 'received')
        .slice(0, 40)
        .map((e) => ({ ...e, timeMs: e.timeMs - 3 * H, event: 'received' }));
      await write(t.db, lateCases, []);
      await refreshRollups(t.db);
      await check('after late events');
    }
    // Drill-downs list exactly the records a number counts.
    const week = { from: localDate(d0 + 7 * DAY), to: localDate(d0 + 13 * DAY) };
    const [sums] = await queryCaseSums(
      t.db,
      kpiRange(d0 + 7 * DAY, d0 + 14 * DAY, TZ),
      'all',
      { agencyIds: ['ubnd-a'] },
      now,
    );
    assert.ok(sums);
    for (const [drill, expected] of [
      ['received', sums.sums.received],
      ['resolved_late', sums.sums.resolvedLate],
      ['rated', sums.sums.rated],
      ['received_online', sums.sums.receivedOnline],
      ['overdue', sums.sums.overdueNow],
      ['in_progress', sums.sums.inProgressNow],
    ] as const) {
      const ids = await allPages((page) =>
        caseRecords(t.db, drillQuerySchema.parse({ drill, ...week, agency: 'ubnd-a', page, pageSize: 7 }), TZ, now),
      );
      assert.equal(ids.length, expected, `drill ${drill}`);
      assert.equal(new Set(ids.map((r) => r.caseId)).size, ids.length, `drill ${drill}: each dossier once`);
    }
    const some = await caseRecords(t.db, drillQuerySchema.parse({ drill: 'received', ...week, q: 'R7-1' }), TZ, now);
    assert.ok(some.rows.length > 0 && some.rows.every((r) => r.caseId.startsWith('R7-1')), 'search by code prefix');
    const [docSums] = await queryDocumentSums(t.db, kpiRange(d0 + 7 * DAY, d0 + 14 * DAY, TZ), 'all', undefined, now);
    const docs = await allPages((page) =>
      documentRecords(
        t.db,
        drillQuerySchema.parse({ drill: 'incoming_processed', ...week, page, pageSize: 50 }),
        TZ,
        now,
      ),
    );
    assert.equal(docs.length, docSums?.sums.incomingProcessed);
    const overdueDocs = await allPages((page) =>
      documentRecords(t.db, drillQuerySchema.parse({ drill: 'overdue', ...week, page, pageSize: 50 }), TZ, now),
    );
    assert.ok(
      overdueDocs.length > 0 && overdueDocs.length === docSums?.sums.incomingOverdueNow,
      `document drill overdue: ${overdueDocs.length}`,
    );
    assert.ok(
      overdueDocs.every((d, i) => d.milestoneAt === null && (i === 0 || d.dueAt! <= overdueDocs[i - 1]!.dueAt!)),
      'latest deadline first',
    );

    // A database from before the record tables: events only. The rebuild folds them to the same numbers.
    for (const table of ['case_milestones', 'cases', 'document_milestones', 'documents'])
      await t.db.query(`DELETE FROM ${table}`);
    const rebuilt = await rebuildRecordStateIfMissing(t.db, TZ);
    assert.ok(
      rebuilt.cases >= 600 && rebuilt.documents > 200,
      `folded ${rebuilt.cases} dossiers, ${rebuilt.documents} documents`,
    );
    if (BACKEND === 'pglite') await refreshRollups(t.db);
    await check('rebuilt');
    assert.deepEqual(
      await rebuildRecordStateIfMissing(t.db, TZ),
      { cases: 0, documents: 0 },
      'a second run finds nothing to do',
    );
  });
});

/** The oracle with the field filter of the test above, over a temporary view of those dossiers. */
async function oracleCasesFiltered(db: Db, range: KpiRange, nowMs: number): Promise<Record<string, CaseSums>> {
  await db.query(
    `CREATE TEMP VIEW v_cases_subset AS SELECT * FROM v_cases WHERE field = 'Đất đai' AND agency_id IN ('ubnd-a', 'so-xd')`,
  );
  try {
    return await oracleCases(db, range, nowMs, 'agency', 'v_cases_subset');
  } finally {
    await db.query('DROP VIEW v_cases_subset');
  }
}

const caseSumColumns: Record<keyof CaseSums, string> = {
  received: 'received',
  receivedOnline: 'received_online',
  receivedPostal: 'received_postal',
  receivedOnlinePayment: 'received_online_payment',
  receivedDigitized: 'received_digitized',
  resolved: 'resolved',
  resolvedEarly: 'resolved_early',
  resolvedOnTime: 'resolved_on_time',
  resolvedLate: 'resolved_late',
  supplementRequested: 'supplement_requested',
  returned: 'returned',
  withdrawn: 'withdrawn',
  rated: 'rated',
  ratingSum: 'rating_sum',
  rating1: 'rating_1',
  rating2: 'rating_2',
  rating3: 'rating_3',
  rating4: 'rating_4',
  rating5: 'rating_5',
  inProgressNow: 'in_progress_now',
  overdueNow: 'overdue_now',
};

const localDate = (ms: number) => new Date(ms + 7 * H).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh is UTC+7

async function allPages<R>(load: (page: number) => Promise<RecordPage<R>>): Promise<R[]> {
  const out: R[] = [];
  for (let page = 1; ; page++) {
    const p = await load(page);
    out.push(...p.rows);
    if (!p.hasMore) return out;
  }
}

async function refreshRollups(db: Db): Promise<void> {
  // Daily first: the monthly aggregates are built on them.
  for (const view of [
    'case_daily_agency',
    'case_daily_procedure',
    'document_daily',
    'case_daily_city',
    'case_monthly_agency',
    'case_monthly_procedure',
    'document_monthly',
  ])
    await db.query(`CALL refresh_continuous_aggregate('${view}', NULL, NULL)`);
}
