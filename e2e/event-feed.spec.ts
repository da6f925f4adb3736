import { expect, test, type Page } from './test';
import mqtt from 'mqtt';
import type { FeedPage } from '../contracts/camera-events';
import { collectErrors, E2E_ADMIN, E2E_MQTT_PORT, historyPublished } from './support';

/**
 * The traffic officers' event feed, end to end: an accident published over MQTT as a camera would
 * (with its snapshot) is on /traffic's "to handle" list in two browsers; found by part
 * of its plate; acknowledged with a note in one browser, it leaves the other's list live and shows
 * under "acknowledged" with who and the note. The API answers bad input with the field named.
 */
// Timed on a settled product: not while the first start ingests two days of history.
test.beforeAll(async ({ request }) => historyPublished(request));

/** Publishes a camera event as cam-001 would, QoS 1. */
async function publishEvent(payload: Record<string, unknown>): Promise<void> {
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-feed-cam-${process.pid}`,
    protocolVersion: 4,
  });
  try {
    await device.publishAsync('city/haiphong/camera/cam-001/event', JSON.stringify(payload), { qos: 1 });
  } finally {
    await device.endAsync();
  }
}

/** A camera-like snapshot drawn in the browser: a road, a car, the camera's caption. */
const drawSnapshot = (page: Page, caption: string) =>
  page.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 180;
    const g = c.getContext('2d')!;
    g.fillStyle = '#5b6b5a';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#3a3d42';
    g.fillRect(0, 70, 320, 110);
    g.fillStyle = '#f2f2f2';
    for (let x = 10; x < 320; x += 50) g.fillRect(x, 122, 28, 5);
    g.fillStyle = '#c0392b';
    g.fillRect(120, 95, 90, 40);
    g.fillStyle = '#1f2a36';
    g.fillRect(135, 84, 60, 16);
    g.fillStyle = '#fff';
    g.font = '14px sans-serif';
    g.fillText(text, 8, 18);
    return c.toDataURL('image/jpeg', 0.7);
  }, caption);

test('the API names the field it refuses, 404 for an unknown event', async ({ request }) => {
  // Who acknowledges is the signed-in user: a `by` in the body is ignored, the note is required.
  const bad = await request.post('/api/camera-events/some-event/ack', { data: { by: '' } });
  expect(bad.status()).toBe(400);
  const problems = ((await bad.json()) as { problems: string[] }).problems.join(' | ');
  expect(problems).not.toContain('by:');
  expect(problems).toContain('note:');
  const unknown = await request.post('/api/camera-events/no-such-event-e2e/ack', {
    data: { by: 'Trung úy A', note: 'x' },
  });
  expect(unknown.status()).toBe(404);
  expect((await request.get('/api/camera-events/no-such-event-e2e/snapshot')).status()).toBe(404);
  const badQuery = await request.get('/api/camera-events?severity=5&type=meteor');
  expect(badQuery.status()).toBe(400);
  expect(((await badQuery.json()) as { problems: string[] }).problems.join(' | ')).toMatch(
    /severity.*\|.*type|type.*\|.*severity/,
  );
  expect(
    (await request.get('/api/camera-events/stats?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')).status(),
  ).toBe(400);
});

test('an accident reaches the feed of two browsers; acknowledged in one, it leaves the other', async ({
  browser,
  request,
}) => {
  const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const errors = [...collectErrors(pageA), ...collectErrors(pageB)];
  await Promise.all([pageA.goto('/traffic'), pageB.goto('/traffic')]);
  for (const p of [pageA, pageB]) {
    await expect(p.getByTestId('event-feed')).toHaveAttribute('data-status', 'live');
    await expect(p.getByTestId('event-row').first()).toBeVisible();
  }

  // Settled means the ingest has worked through the history too: a first event must be stored before the timed one.
  const warmup = `e2e-feed-warmup-${Date.now()}`;
  await publishEvent({ id: warmup, ts: new Date().toISOString(), type: 'crowd', severity: 1 });
  await expect
    .poll(
      async () =>
        ((await (await request.get('/api/camera-events?view=all&type=crowd&limit=5')).json()) as FeedPage).items.map(
          (i) => i.eventId,
        ),
      { timeout: 60_000, intervals: [250] },
    )
    .toContain(warmup);

  const eventId = `e2e-feed-accident-${Date.now()}`;
  const plate = `15NN-${String(Date.now()).slice(-3)}.${String(Date.now()).slice(-5, -3)}`;
  const snapshot = await drawSnapshot(pageA, `CAM-001 ${plate}`);
  const sent = Date.now();
  await publishEvent({
    id: eventId,
    ts: new Date().toISOString(),
    type: 'accident',
    severity: 3,
    plate,
    vehicle_count: 2,
    snapshot,
  });
  const rowA = pageA.locator(`[data-testid="event-row"][data-event="${eventId}"]`);
  const rowB = pageB.locator(`[data-testid="event-row"][data-event="${eventId}"]`);
  await expect(rowA).toBeVisible();
  await expect(rowB).toBeVisible();
  test
    .info()
    .annotations.push({ type: 'publish → /traffic feed in two browsers', description: `${Date.now() - sent} ms` });
  await expect(rowA).toContainText('Tai nạn');
  await expect(rowA).toContainText(plate);
  // The snapshot is served from the event (a data: URI from the camera) and decodes as an image.
  const img = rowA.getByTestId('event-snapshot');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);

  // Plate search: part of the plate, in lower case (NN: a series the simulator never uses).
  await pageA.getByTestId('feed-plate').fill(plate.toLowerCase().slice(2));
  await expect(pageA.getByTestId('event-row')).toHaveCount(1);
  await expect(rowA).toBeVisible();
  await pageA.screenshot({ path: 'artifacts/pages/traffic-feed-search-vi.png', fullPage: true });
  await pageA.getByTestId('feed-plate').fill('');

  // Acknowledge in A with a note: gone from B's "to handle" list, live.
  await rowA.getByTestId('event-ack').click();
  await rowA.getByTestId('event-ack-note').fill('Đã cử tổ CSGT số 3 và gọi 115');
  const acked = Date.now();
  await rowA.getByTestId('event-ack-save').click();
  await expect(rowA).toHaveCount(0);
  await expect(rowB).toHaveCount(0);
  test.info().annotations.push({ type: 'acknowledge in A → gone from B', description: `${Date.now() - acked} ms` });

  // B's "acknowledged" view: who and the note.
  await pageB.getByTestId('feed-view-acked').click();
  await expect(rowB).toBeVisible();
  await expect(rowB.getByTestId('event-acked')).toContainText(E2E_ADMIN.username);
  await expect(rowB.getByTestId('event-acked')).toContainText('Đã cử tổ CSGT số 3');

  // Once only: a second acknowledgement is 409 naming the first.
  const again = await request.post(`/api/camera-events/${eventId}/ack`, {
    data: { by: 'Thượng úy B', note: 'cũng đến' },
  });
  expect(again.status(), await again.text()).toBe(409);
  expect(((await again.json()) as { ack: { by: string } }).ack.by).toBe(E2E_ADMIN.username);

  await expect(pageB.getByTestId('stats-cameras').locator('li').first()).toBeVisible();
  await pageB.screenshot({ path: 'artifacts/pages/traffic-feed-acknowledged-vi.png', fullPage: true });
  // In English, the whole "to handle" list with its statistics.
  await pageB.getByRole('button', { name: 'English' }).click();
  await pageB.getByTestId('feed-view-open').click();
  await expect(pageB.getByTestId('feed-view-open')).toHaveText('To handle');
  await expect(pageB.getByTestId('event-row').first()).toBeVisible();
  await pageB.screenshot({ path: 'artifacts/pages/traffic-feed-en.png', fullPage: true });
  // Everything serious, handled or not, with the snapshots the cameras (here: the simulator) sent.
  await pageB.getByTestId('feed-view-all').click();
  await pageB.getByTestId('feed-severity').selectOption('3');
  await expect(rowB).toBeVisible();
  await pageB.getByTestId('event-feed').screenshot({ path: 'artifacts/pages/traffic-feed-serious-en.png' });
  expect(errors).toEqual([]);
  await Promise.all([a.close(), b.close()]);
});
