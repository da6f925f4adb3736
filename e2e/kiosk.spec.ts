import { expect, test, type Browser } from './test';
import { collectErrors, mapsReady } from './support';

/**
 * Kiosk tokens on the real product: an admin issues one at /admin/kiosks (the URL shown once), a
 * wall computer (another browser, never signed in) opens the URL and shows its scenes with live
 * data, and when the admin revokes the token in the page the wall leaves the screen. How fast it
 * leaves is measured, not asserted here: each step's time is an annotation of the report, and
 * `npm run bench:e2e-latency` measures it against its limit (docs/performance.md).
 */
const anonymous = (browser: Browser) => browser.newContext({ storageState: { cookies: [], origins: [] } });
const NAME = 'Tường chính tầng 2 (E2E)';

test('the create request is validated, naming the field at fault', async ({ request }) => {
  const res = await request.post('/api/admin/kiosks', {
    data: { name: '', scenes: ['city', 'no-such-scene'], rotateSeconds: 1 },
  });
  expect(res.status()).toBe(400);
  const problems = ((await res.json()) as { problems: string[] }).problems.join('\n');
  expect(problems).toMatch(/^name:/m);
  expect(problems).toMatch(/^rotateSeconds:/m);
  const unknown = await request.post('/api/admin/kiosks', { data: { name: 'X', scenes: ['city', 'no-such-scene'] } });
  expect(unknown.status()).toBe(400);
  expect(((await unknown.json()) as { problems: string[] }).problems).toEqual([
    'scenes.1: no scene "no-such-scene" in the wall layout',
  ]);
});

test('an admin issues a kiosk token; a wall opens its URL and shows live data; revoked in the page, the wall leaves', async ({
  browser,
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/admin/kiosks');
  await expect(page.getByTestId('nav-kiosks')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('kiosk-name').fill(NAME);
  await page.getByTestId('kiosk-scene-city').check();
  await page.getByTestId('kiosk-scene-traffic').check();
  await page.locator('input[name="rotateSeconds"]').fill('120');
  await page.getByTestId('kiosk-submit').click();
  const urlBox = page.getByTestId('kiosk-url');
  await expect(urlBox).toHaveValue(/\/kiosk#ck1_[A-Za-z0-9_-]{43}$/);
  const kioskUrl = await urlBox.inputValue();
  const token = kioskUrl.split('#')[1]!;
  const row = page.locator(`[data-testid="kiosk-row"][data-name="${NAME}"]`);
  await expect(row).toHaveAttribute('data-status', 'active');
  await expect(row.getByTestId('kiosk-last-used')).toHaveText('Chưa dùng');
  await page.screenshot({ path: 'artifacts/pages/admin-kiosks-issued-vi.png', fullPage: true });
  // Shown once: the list and a reload never show it again.
  await page.getByTestId('kiosk-issued-close').click();
  await page.reload();
  expect(await page.content()).not.toContain(token);

  // The wall computer: another browser, nobody signed in.
  const wallCtx = await anonymous(browser);
  const wall = await wallCtx.newPage();
  const wallErrors = collectErrors(wall);
  const entriesBefore = await wall.evaluate(() => window.history.length);
  await wall.goto(kioskUrl);
  await expect(wall).toHaveURL(/\/wall$/);
  // The token left the address bar and the tab's history: opening the URL added one entry, and the
  // sign-in page replaced it with the wall (no entry with the token to go back to).
  expect(wall.url()).not.toContain(token);
  expect(await wall.evaluate(() => window.history.length)).toBe(entriesBefore + 1);
  const screen = wall.getByTestId('wall');
  await expect(screen).toHaveAttribute('data-kiosk', NAME);
  await expect(screen).toHaveAttribute('data-scene', 'city');
  await expect(wall.locator('.wall-dots li')).toHaveCount(2);
  await expect(wall.locator('[data-status="live"]').first()).toBeVisible();
  await mapsReady(wall);
  await wall.screenshot({ path: 'artifacts/pages/kiosk-wall.png' });
  // Read-only, and the wall only: the kiosk's cookie opens nothing else.
  for (const path of ['/api/overview', '/api/admin/kiosks', '/api/cameras'])
    expect((await wallCtx.request.get(path)).status(), path).toBe(403);
  expect((await wallCtx.request.post('/api/alarms/1', { data: { action: 'clear' } })).status()).toBe(403);
  expect((await wallCtx.request.get('/', { maxRedirects: 0 })).status()).toBe(403);

  // The admin sees where and when it was used.
  await page.reload();
  await expect(row.getByTestId('kiosk-last-used')).toContainText('127.0.0.1');
  await expect(row.locator('td.num')).toHaveText('1');
  await page.screenshot({ path: 'artifacts/pages/admin-kiosks-vi.png', fullPage: true });

  page.once('dialog', (d) => void d.accept());
  const revokedAt = Date.now();
  await row.getByTestId('kiosk-revoke').click();
  await expect(wall).toHaveURL(/\/kiosk\?ended=1$/);
  const tookMs = Date.now() - revokedAt;
  test.info().annotations.push({ type: 'kiosk token revoked → wall gone', description: `${tookMs} ms` });
  await expect(wall.getByTestId('kiosk-state')).toHaveAttribute('data-state', 'ended');
  await wall.screenshot({ path: 'artifacts/pages/kiosk-ended-vi.png' });
  await expect(row).toHaveAttribute('data-status', 'revoked');
  // The cookie the wall still holds opens nothing (asked by the wall's browser itself).
  expect(await wall.evaluate(() => fetch('/api/indicators/wall-layout').then((r) => r.status))).toBe(401);

  // The URL again: refused in words, and the wall stays off.
  await wall.goto(kioskUrl);
  await expect(wall.getByTestId('kiosk-state')).toHaveAttribute('data-state', 'refused');
  await expect(wall.getByTestId('kiosk-state')).toContainText('thu hồi');
  await expect(wall).toHaveURL(/\/kiosk$/);

  const audit = (await (await page.request.get('/api/admin/audit?limit=200')).json()) as {
    entries?: { action: string; target: string | null }[];
  };
  const actions = (audit.entries ?? []).filter((e) => e.target === NAME).map((e) => e.action);
  for (const a of ['kiosk.create', 'kiosk.sign_in', 'kiosk.revoke', 'kiosk.sign_in_failed'])
    expect(actions).toContain(a);
  expect(wallErrors.filter((e) => !/401|403/.test(e))).toEqual([]);
  expect(errors).toEqual([]);
  await wallCtx.close();
});
