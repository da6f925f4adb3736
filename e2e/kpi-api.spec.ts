import { expect, test } from './test';
import { cityDay, DAY_RECORD_AGENCIES, publishDayRecords, type DayRecords } from './fixtures/day-records';
import { historyPublished } from './support';

/**
 * The KPI table API over the running product: over the simulated history and the records the
 * spec publishes for yesterday and today (e2e/fixtures/day-records.ts), so what it expects holds
 * on any date; bad queries are refused with the field named, never a 500.
 */
let records: DayRecords;
test.beforeAll(async ({ request }) => {
  await historyPublished(request);
  records = await publishDayRecords(request);
});
const localDay = (offsetDays: number) => cityDay(records.today.startMs, offsetDays).date;

test('dossier KPIs per agency for yesterday and today, with the previous period', async ({ request }) => {
  const res = await request.get(`/api/kpi/cases?from=${localDay(-1)}&to=${localDay(0)}&groupBy=agency`);
  expect(res.status()).toBe(200);
  const table = await res.json();
  expect(table.family).toBe('cases');
  expect(table.rows.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining([...DAY_RECORD_AGENCIES]));
  expect(table.total.sums.received).toBeGreaterThan(0);
  expect(table.total.sums.received).toBe(
    table.rows.reduce((s: number, r: { sums: { received: number } }) => s + r.sums.received, 0),
  );
  const rate = table.total.kpis['cases.onTimeRate'];
  expect(rate === null || (rate >= 0 && rate <= 1)).toBe(true);
  expect(table.rows[0].label.vi.length).toBeGreaterThan(0);
  expect(table.previous.to).toBe(localDay(-2));
});

test('documents by day', async ({ request }) => {
  const res = await request.get(`/api/kpi/documents?from=${localDay(-1)}&to=${localDay(0)}&groupBy=day&compare=none`);
  expect(res.status()).toBe(200);
  const table = await res.json();
  // One row per day with documents, in order: both days have the spec's own records.
  const days = table.rows.map((r: { key: string }) => r.key);
  expect(days).toEqual([localDay(-1), localDay(0)]);
  expect(table.previous).toBeNull();
});

test('bad queries are refused with what is wrong', async ({ request }) => {
  const bad = await request.get('/api/kpi/cases?from=2025-13-01&to=2025-01-01');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).problems.join(' ')).toContain('from');
  const reversed = await request.get('/api/kpi/cases?from=2025-02-01&to=2025-01-01');
  expect(reversed.status()).toBe(400);
  const unknown = await request.get('/api/kpi/tasks?from=2025-01-01&to=2025-01-02');
  expect(unknown.status()).toBe(404);
});

test("drill-down: the dossiers behind today's received count, paged, searchable by code", async ({ request }) => {
  const table = await (
    await request.get(`/api/kpi/cases?from=${localDay(0)}&to=${localDay(0)}&groupBy=all&compare=none`)
  ).json();
  const received: number = table.total.sums.received;
  const res = await request.get(
    `/api/kpi/cases/records?drill=received&from=${localDay(0)}&to=${localDay(0)}&pageSize=5`,
  );
  expect(res.status()).toBe(200);
  const page = await res.json();
  expect(received).toBeGreaterThanOrEqual(records.caseIds.today.length);
  expect(page.rows.length).toBe(Math.min(5, received));
  expect(page.hasMore).toBe(received > 5);
  const code: string = page.rows[0].caseId;
  const found = await (
    await request.get(
      `/api/kpi/cases/records?drill=received&from=${localDay(0)}&to=${localDay(0)}&q=${encodeURIComponent(code)}`,
    )
  ).json();
  expect(found.rows.map((r: { caseId: string }) => r.caseId)).toContain(code);
  const bad = await request.get(`/api/kpi/documents/records?drill=resolved&from=${localDay(0)}&to=${localDay(0)}`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).problems[0]).toContain('drill');
});
