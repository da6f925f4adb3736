import { expect, test } from './test';

/**
 * The console's API errors over the running product: one catalogue, answered as RFC 9457 problem
 * details (contracts/api-errors.ts) by the request guard and by every route handler alike.
 */
const problemOf = async (res: { headers: () => Record<string, string>; json: () => Promise<unknown> }) => {
  expect(res.headers()['content-type']).toContain('application/problem+json');
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    code: string;
    problems?: string[];
  };
};

test('a refused query is a problem naming the field; every answer carries a request id', async ({ request }) => {
  const res = await request.get('/api/kpi/cases?from=zzz&to=2026-01-01');
  expect(res.status()).toBe(400);
  expect(res.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const p = await problemOf(res);
  expect(p).toMatchObject({ type: 'urn:cityops:problem:bad_request', status: 400, code: 'bad_request' });
  expect(p.problems?.join(' ')).toContain('from');
});

test('a query parameter a route does not have is refused, not silently ignored', async ({ request }) => {
  const overview = await request.get('/api/overview?from=zzz');
  expect(overview.status()).toBe(400);
  expect((await problemOf(overview)).problems).toEqual(['from: not a parameter of this route (expected none)']);
  const feed = await request.get('/api/camera-events?form=2026-01-01');
  expect(feed.status()).toBe(400);
  expect((await problemOf(feed)).problems?.join(' ')).toMatch(/^form: not a parameter/);
});

test('a method a route does not answer is 405 with Allow, not 403', async ({ request }) => {
  const res = await request.post('/api/alarms/history', { data: {} });
  expect(res.status()).toBe(405);
  expect(res.headers().allow).toBe('GET, HEAD');
  expect((await problemOf(res)).code).toBe('method_not_allowed');
});

test("an unknown camera's snapshot is 404; an unknown API route too", async ({ request }) => {
  const snapshot = await request.get('/api/cameras/no-such-camera-e2e/snapshot');
  expect(snapshot.status()).toBe(404);
  expect((await problemOf(snapshot)).detail).toBe('no camera no-such-camera-e2e');
  const route = await request.get('/api/no-such-route');
  expect(route.status()).toBe(404);
  expect((await problemOf(route)).code).toBe('not_found');
});

test('a push without a token is 401 unauthenticated, as a signed-out user is', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const push = await anonymous.post('/api/indicators/push', { data: { indicators: [] } });
  expect(push.status()).toBe(401);
  expect((await problemOf(push)).code).toBe('unauthenticated');
  const api = await anonymous.get('/api/overview');
  expect(api.status()).toBe(401);
  expect((await problemOf(api)).code).toBe('unauthenticated');
  await anonymous.dispose();
});

test('a mistyped page is a Vietnamese not-found page with the navigation, not raw JSON', async ({ page }) => {
  const res = await page.goto('/khong-co-trang-nay');
  expect(res?.status()).toBe(404);
  expect(res?.headers()['content-type']).toContain('text/html');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expect(page.getByTestId('nav-home')).toBeVisible();
});
