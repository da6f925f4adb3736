import { expect, test, type Browser } from './test';
import { io } from 'socket.io-client';
import { publishDayRecords, type DayRecords } from './fixtures/day-records';
import { collectErrors, historyPublished, mapsReady } from './support';

/**
 * A leader scoped to one agency, on the real product: the admin sets the scope in /admin/users
 * (on creation and by editing), the leader signs in and /kpi shows that agency only — its tables,
 * totals, tiles and exports — while another agency's figures and the city-wide live channels are
 * refused by the server.
 */
const anonymous = (browser: Browser) => browser.newContext({ storageState: { cookies: [], origins: [] } });

interface AgencyRow {
  key: string;
  label: { vi: string };
  sums: { received: number };
}
let records: DayRecords;

// Run alone on a loaded machine, the product may still be publishing its simulated history.
test.beforeAll(async ({ request }) => {
  test.setTimeout(400_000);
  for (let i = 0; i < 2; i++) await historyPublished(request).catch(() => undefined);
  await historyPublished(request);
  // This month may be today alone (the 1st): today's records are the spec's own.
  records = await publishDayRecords(request);
});
test.setTimeout(180_000);

test("the admin scopes a leader to one agency; the leader's /kpi shows only that agency", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  // The two agencies with the most dossiers this month (the simulator's history and the day records fill them).
  const month = records.today.date;
  const city = (await (
    await request.get(`/api/kpi/cases?from=${month.slice(0, 8)}01&to=${month}&groupBy=agency&compare=none`)
  ).json()) as { rows: AgencyRow[] };
  const [mine, other] = [...city.rows].sort((a, b) => b.sums.received - a.sums.received);
  expect(mine && other, 'two agencies with dossiers').toBeTruthy();

  // The admin creates a leader with a scope in the form, then scopes a second one by editing it.
  const errors = collectErrors(page);
  await page.goto('/admin/users');
  const form = page.getByTestId('user-create');
  await form.locator('input[name="username"]').fill('e2e-scoped');
  await form.locator('input[name="displayName"]').fill('Lãnh đạo theo phạm vi');
  await form.locator('select[name="role"]').selectOption('leader');
  await form.getByTestId('scope-agencies').selectOption([mine!.key]);
  await form.locator('input[name="password"]').fill('e2e-scoped-password');
  await form.getByRole('button', { name: 'Thêm người dùng' }).click();
  const created = page.locator('[data-testid="user-row"][data-username="e2e-scoped"]');
  await expect(created.getByTestId('user-scope')).toContainText(mine!.label.vi);

  expect(
    (
      await request.post('/api/admin/users', {
        data: { username: 'e2e-scoped-2', displayName: 'Lãnh đạo 2', role: 'leader', password: 'e2e-scoped-password' },
      })
    ).status(),
  ).toBe(201);
  await page.reload();
  const second = page.locator('[data-testid="user-row"][data-username="e2e-scoped-2"]');
  await expect(second.getByTestId('user-scope')).toContainText('Toàn thành phố');
  await second.getByTestId('scope-edit').click();
  await second.getByTestId('scope-agencies').selectOption([mine!.key]);
  await expect(second.getByTestId('scope-form')).toBeVisible();
  await page.screenshot({ path: 'artifacts/pages/admin-users-scope-edit-vi.png', fullPage: true });
  await second.getByRole('button', { name: 'Lưu phạm vi' }).click();
  // Saved: the editor closes and the row names the agency (the editor's own list names it too).
  await expect(second.getByTestId('scope-form')).toHaveCount(0);
  await expect(second.getByTestId('user-scope')).toContainText(mine!.label.vi);
  await page.screenshot({ path: 'artifacts/pages/admin-users-scope-vi.png', fullPage: true });
  const users = (
    (await (await request.get('/api/admin/users')).json()) as {
      users: { id: number; username: string; scope: { agencies: string[]; wards: string[] } }[];
    }
  ).users;
  expect(users.find((u) => u.username === 'e2e-scoped')?.scope).toEqual({ agencies: [mine!.key], wards: [] });
  expect(users.find((u) => u.username === 'e2e-scoped-2')?.scope).toEqual({ agencies: [mine!.key], wards: [] });
  // An unknown agency is refused, named.
  const id = users.find((u) => u.username === 'e2e-scoped-2')!.id;
  const bad = await request.patch(`/api/admin/users/${id}`, {
    data: { scope: { agencies: ['no-such-agency'], wards: [] } },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { problems: string[] }).problems.join()).toContain('no-such-agency');
  expect(errors).toEqual([]);

  // The leader signs in: /kpi says the scope and shows that agency only.
  const ctx = await anonymous(browser);
  await ctx.addCookies([{ name: 'cityops-lang', value: 'vi', url: baseURL! }]);
  expect(
    (
      await ctx.request.post('/api/auth/login', { data: { username: 'e2e-scoped', password: 'e2e-scoped-password' } })
    ).status(),
  ).toBe(200);
  const leader = await ctx.newPage();
  const leaderErrors = collectErrors(leader);
  await leader.goto('/kpi');
  await expect(leader.getByTestId('scope-note')).toContainText(`Phạm vi: ${mine!.label.vi}`);
  await leader.getByTestId('period-month').click();
  const table = leader.getByTestId('agency-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-agency', mine!.key);
  await expect(table.locator('tfoot th')).toHaveText('Tổng phạm vi');
  // Today's tiles come from the scoped API (the city-wide channel is refused): they show figures.
  await expect(leader.getByTestId('kpi-received')).not.toContainText('—');
  const today = (await (await ctx.request.get('/api/kpi/cases/today')).json()) as { byAgency: { agencyId: string }[] };
  expect(today.byAgency.map((a) => a.agencyId)).toEqual([mine!.key]);
  await leader.getByTestId('kpi-review').scrollIntoViewIfNeeded();
  await mapsReady(leader);
  await leader.screenshot({ path: 'artifacts/pages/kpi-scoped-leader-vi.png', fullPage: true });

  // The server refuses another agency, and exports only the scope.
  const refused = await ctx.request.get(`/api/kpi/cases?from=${month.slice(0, 8)}01&to=${month}&agency=${other!.key}`);
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { problems: string[] }).problems.join()).toContain(other!.key);
  expect(
    (
      await ctx.request.get(
        `/api/kpi/cases/records?drill=received&from=${month.slice(0, 8)}01&to=${month}&agency=${other!.key}`,
      )
    ).status(),
  ).toBe(403);
  const csv = await (
    await ctx.request.get(`/api/kpi/cases/export?from=${month.slice(0, 8)}01&to=${month}&format=csv`)
  ).text();
  const lines = csv.trim().split('\r\n');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([mine!.key, '']);
  expect(lines.at(-1)).toContain('Tổng phạm vi');

  // The live channels of city-wide figures are refused to this leader; alarms are not.
  const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const answers = await new Promise<Record<string, boolean>>((resolve, reject) => {
    const s = io(`${baseURL}/live`, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    s.on('connect_error', reject);
    s.on('connect', () => {
      const out: Record<string, boolean> = {};
      const channels = ['kpi:cases', 'kpi:documents', 'overview', 'alarms'];
      for (const channel of channels) {
        s.emit('subscribe', { channel }, (r: { ok: boolean }) => {
          out[channel] = r.ok;
          if (Object.keys(out).length === channels.length) {
            s.close();
            resolve(out);
          }
        });
      }
    });
  });
  expect(answers).toEqual({ 'kpi:cases': false, 'kpi:documents': false, overview: false, alarms: true });
  expect(leaderErrors).toEqual([]);
  await ctx.close();
});
