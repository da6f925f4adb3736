import { readFileSync } from 'node:fs';
import { expect, test, type Browser } from './test';
import { collectErrors } from './support';

/**
 * The audit trail on the real product: an admin acknowledges a camera event and changes the /kpi
 * panels, then finds both on /admin/audit by filter (the layout change with its before/after), sees
 * a hostile sign-in name shown as text, exports the filtered trail as CSV — and the export is
 * itself in the trail.
 */
const anonymous = (browser: Browser) => browser.newContext({ storageState: { cookies: [], origins: [] } });

test('an acknowledgement and a layout change are found on /admin/audit by filter, and exported as CSV', async ({
  page,
  request,
  browser,
}) => {
  const errors = collectErrors(page);
  const mark = `e2e-audit-${Date.now()}`;

  // An acknowledgement: the newest simulated camera event, with a note that names this run.
  let eventId = '';
  await expect
    .poll(
      async () => {
        const feed = (await (await request.get('/api/camera-events?limit=5')).json()) as {
          items: { eventId: string }[];
        };
        eventId = feed.items[0]?.eventId ?? '';
        return eventId;
      },
      { timeout: 60_000 },
    )
    .not.toBe('');
  const ack = await request.post(`/api/camera-events/${encodeURIComponent(eventId)}/ack`, {
    data: { note: `Đã xử lý ${mark}` },
  });
  expect(ack.status(), await ack.text()).toBe(200);

  // A layout change: an indicator panel placed on /kpi, then the page restored.
  const before = (await (await request.get('/api/indicators/kpi-panels')).json()) as { panels: unknown[] };
  const placed = [{ kind: 'indicator', source: 'e2e', key: mark.replace(/-/g, '_'), display: 'chart', hours: 24 }];
  expect((await request.put('/api/indicators/kpi-panels', { data: { panels: placed } })).status()).toBe(200);
  expect((await request.put('/api/indicators/kpi-panels', { data: { panels: before.panels } })).status()).toBe(200);

  // A sign-in attempt with a hostile name: it is in the trail as text.
  const ctx = await anonymous(browser);
  const hostile = `<img src=x onerror="window.__pwned=1">${mark}`;
  expect(
    (
      await ctx.request.post('/api/auth/login', { data: { username: hostile, password: 'whatever-password' } })
    ).status(),
  ).toBe(401);
  await ctx.close();

  // The page is linked beside the users page (under "Quản trị").
  await page.goto('/admin/users');
  await page.getByTestId('nav-administration-toggle').click();
  await page.getByTestId('nav-audit').click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();

  // Find the layout change: action "KPI page panels edited", today, by admin.
  await page.getByTestId('audit-period-today').click();
  await page.getByTestId('audit-actor').fill('admin');
  await page.getByTestId('audit-actions').locator('summary').click();
  await page.getByTestId('audit-action-kpi.panels').check();
  await page.getByTestId('audit-actions').locator('summary').click();
  await page.getByTestId('audit-search').click();
  const layoutRows = page.locator('[data-testid="audit-row"][data-action="kpi.panels"]');
  await expect(layoutRows).toHaveCount(2);
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="kpi.panels"])')).toHaveCount(0);
  // The older of the two placed the panel: its detail has the panels before and after.
  await layoutRows.nth(1).getByTestId('audit-detail-toggle').click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail).toContainText('"before"');
  await expect(detail).toContainText(mark.replace(/-/g, '_'));

  // Find the acknowledgement by the text of its note (no action filter).
  await page.getByTestId('audit-actions').locator('summary').click();
  await page.getByTestId('audit-action-kpi.panels').uncheck();
  await page.getByTestId('audit-actions').locator('summary').click();
  await page.getByTestId('audit-text').fill(mark);
  await page.getByTestId('audit-search').click();
  const ackRow = page.locator('[data-testid="audit-row"][data-action="camera_event.ack"]');
  await expect(ackRow).toHaveCount(1);
  await expect(ackRow).toHaveAttribute('data-target', eventId);
  await expect(page.getByTestId('audit-total')).toContainText('1');

  // The hostile name: found by target, shown as text, never run.
  await page.getByTestId('audit-actor').fill('');
  await page.getByTestId('audit-text').fill('');
  await page.getByTestId('audit-target').fill(mark);
  await page.getByTestId('audit-search').click();
  const failed = page.locator('[data-testid="audit-row"][data-action="auth.sign_in_failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed.locator('.audit-target')).toHaveText(hostile);
  expect(await page.locator('.audit-table img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // An injection string as a filter value: nothing matches, nothing breaks.
  await page.getByTestId('audit-target').fill(`' OR '1'='1' --`);
  await page.getByTestId('audit-search').click();
  await expect(page.getByTestId('audit-total')).toHaveText(/^0 /);

  // Back to the acknowledgement, then its CSV export.
  await page.getByTestId('audit-target').fill('');
  await page.getByTestId('audit-text').fill(mark);
  await page.getByTestId('audit-search').click();
  await expect(ackRow).toHaveCount(1);
  await page.screenshot({ path: 'artifacts/pages/audit-vi.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^cityops-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('Thời điểm,Nguồn,Người thực hiện,Hành động,Đối tượng,Địa chỉ,Chi tiết');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('camera_event.ack');
  expect(lines[1]).toContain(mark);

  // The export is itself in the trail, with the filters it used.
  const exports = (await (
    await request.get(`/api/admin/audit?action=audit.export&q=${encodeURIComponent(mark)}`)
  ).json()) as { entries: { actor: string; detail: { query: { q?: string }; rows: number } }[] };
  expect(exports.entries[0]?.actor).toBe('admin');
  expect(exports.entries[0]?.detail.query.q).toBe(mark);
  expect(exports.entries[0]?.detail.rows).toBe(1);

  // Bad filters are refused naming the field.
  const bad = await request.get('/api/admin/audit?limit=0&cursor=nope');
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { problems: string[] }).problems.join(' ')).toMatch(/limit.*cursor|cursor.*limit/);

  // A row's detail, opened, for the screenshot.
  await page.getByTestId('audit-detail-toggle').first().click();
  await page.screenshot({ path: 'artifacts/pages/audit-detail-vi.png' });
  expect(errors).toEqual([]);
});

test('only admins read the trail or export it', async ({ browser }) => {
  const ctx = await anonymous(browser);
  expect((await ctx.request.get('/api/admin/audit/export')).status()).toBe(401);
  await ctx.request.post('/api/auth/login', { data: { username: 'e2e-leader', password: 'e2e-leader-password' } });
  expect((await ctx.request.get('/api/admin/audit/export')).status()).toBe(403);
  expect((await ctx.request.get('/admin/audit', { maxRedirects: 0 })).status()).toBe(403);
  await ctx.close();
});
