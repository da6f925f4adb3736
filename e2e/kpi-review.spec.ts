import { expect, test } from './test';
import { publishDayRecords } from './fixtures/day-records';
import { collectErrors, historyPublished } from './support';

/**
 * The leaders' review on /kpi: a period, agencies ranked by any KPI, the formula behind a figure,
 * drill-down to the dossiers, and the exports — in the real browser against the live product.
 */
// This week may be today alone (a Monday): the spec publishes today's records itself.
test.beforeAll(async ({ request }) => {
  await historyPublished(request);
  await publishDayRecords(request);
});

test('review by period: rank, explain, drill down, export', async ({ page, context, baseURL, request }) => {
  await context.addCookies([{ name: 'cityops-lang', value: 'vi', url: baseURL! }]);
  const errors = collectErrors(page);
  await page.goto('/kpi');
  const review = page.getByTestId('kpi-review');
  await review.scrollIntoViewIfNeeded();
  await page.getByTestId('period-week').click();
  const table = page.getByTestId('agency-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('review-range')).toContainText('kỳ trước');

  // Rank by on-time rate, worst first after a second click.
  const header = table.locator('th', { has: page.getByTestId('sort-cases.onTimeRate') });
  await page.getByTestId('sort-cases.onTimeRate').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await page.getByTestId('sort-cases.onTimeRate').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');

  // The formula behind a figure.
  const line = page.getByTestId('kpi-cases.onTimeRate');
  await line.locator('summary').click();
  await expect(line.locator('details p')).toContainText('Trước hạn + đúng hạn');

  // Drill down from the province's received count to the dossiers, then search one by code.
  const received = page.getByTestId('value-cases.received');
  await expect(received).not.toHaveText('—');
  await received.click();
  const drill = page.getByTestId('drill');
  await expect(drill.locator('tbody tr').first()).toBeVisible();
  const code = (await drill.locator('tbody tr td.code').first().textContent())!.trim();
  await page.getByTestId('drill-search').fill(code);
  await expect(drill.locator('tbody tr td.code').first()).toHaveText(code);
  await page.screenshot({ path: 'artifacts/pages/kpi-drill-vi.png' });
  await page.getByTestId('drill-close').click();
  await expect(drill).toHaveCount(0);
  await review.screenshot({ path: 'artifacts/pages/kpi-review-vi.png' });

  // The satisfaction spread, and the table by field with a drill-down filtered to one field.
  await expect(page.getByTestId('rating-distribution').locator('.rating-row')).toHaveCount(5);
  await page.getByTestId('review-group-by').selectOption('field');
  await expect(table.locator('thead th').first()).toHaveText('Lĩnh vực');
  await table.locator('tbody tr').first().locator('button.figure').first().click();
  await expect(drill.locator('tbody tr').first()).toBeVisible();
  await page.getByTestId('drill-close').click();
  await page.getByTestId('review-group-by').selectOption('agency');

  // Exports: the links give a spreadsheet and a CSV with Vietnamese headers.
  const xlsx = await request.get((await page.getByTestId('export-xlsx').getAttribute('href'))!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  const csv = await request.get((await page.getByTestId('export-csv').getAttribute('href'))!);
  expect((await csv.text()).slice(0, 20)).toContain('Mã cơ quan');
  expect(errors).toEqual([]);
});
