import { expect, test, type Browser } from './test';
import mqtt from 'mqtt';
import { collectErrors, E2E_ADMIN, E2E_MQTT_PORT, E2E_USERS, historyPublished } from './support';

/**
 * An accident seen by a camera, end to end: published over MQTT as a device would, stored by the
 * ingest, raised by the alarm evaluator's rule, on the wall's banner and on /alarms in two browsers;
 * acknowledging it in one marks it acknowledged, by whom, in the other; clearing it removes it
 * from both.
 */
// Timed on a settled product, as a wall runs: not while the first start ingests two days of history.
test.beforeAll(async ({ request }) => historyPublished(request));

/** Publishes an accident as cam-001 would, QoS 1. */
async function publishAccident(eventId: string): Promise<void> {
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-incident-cam-${process.pid}`,
    protocolVersion: 4,
  });
  try {
    await device.publishAsync(
      'city/haiphong/camera/cam-001/event',
      JSON.stringify({ id: eventId, ts: new Date().toISOString(), type: 'accident', severity: 3 }),
      { qos: 1 },
    );
  } finally {
    await device.endAsync();
  }
}

/** A browser signed in as `user` (another role than the admin every spec starts as). */
async function signedIn(browser: Browser, user: { username: string; password: string }) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await ctx.request.post('/api/auth/login', { data: user })).status()).toBe(200);
  return ctx;
}

test('one incident, one acknowledgement: the event acknowledged on /traffic is acknowledged on /alarms, and the reverse', async ({
  browser,
}) => {
  // A traffic officer on /traffic (events.ack), an operator on /alarms (alarms.act), the admin watching both.
  const [officer, operator, admin] = await Promise.all([
    signedIn(browser, E2E_USERS.traffic),
    signedIn(browser, E2E_USERS.operator),
    browser.newContext(),
  ]);
  const feed = await officer.newPage();
  const alarms = await operator.newPage();
  const adminFeed = await admin.newPage();
  const wall = await admin.newPage();
  const errors = [
    ...collectErrors(feed),
    ...collectErrors(alarms),
    ...collectErrors(adminFeed),
    ...collectErrors(wall),
  ];
  await Promise.all([
    feed.goto('/traffic'),
    alarms.goto('/alarms'),
    adminFeed.goto('/traffic'),
    wall.goto('/wall?scene=traffic'),
  ]);
  await expect(feed.getByTestId('event-feed')).toHaveAttribute('data-status', 'live');
  await expect(adminFeed.getByTestId('event-feed')).toHaveAttribute('data-status', 'live');
  await expect(alarms.getByTestId('alarms-active-value')).not.toHaveText('—');

  // 1. Acknowledged on /traffic by the officer → acknowledged on /alarms, by them, with their note.
  const first = `e2e-incident-a-${Date.now()}`;
  await publishAccident(first);
  const eventRow = feed.locator(`[data-testid="event-row"][data-event="${first}"]`);
  const alarmRow = alarms.locator(`[data-testid="alarm-row"][data-subject="event:${first}"]`);
  await expect(eventRow).toBeVisible();
  await expect(alarmRow).toHaveClass(/state-active/);
  const banner = wall.locator(`[data-testid="wall-alarm-banner"][data-subject="event:${first}"]`);
  await expect(banner).toBeVisible();
  await eventRow.getByTestId('event-ack').click();
  await eventRow.getByTestId('event-ack-note').fill('Đã cử tổ CSGT số 5');
  const acked = Date.now();
  await eventRow.getByTestId('event-ack-save').click();
  await expect(alarmRow).toHaveClass(/state-acknowledged/);
  test.info().annotations.push({
    type: 'event acknowledged on /traffic → alarm acknowledged on /alarms',
    description: `${Date.now() - acked} ms`,
  });
  await expect(alarmRow).toContainText(E2E_USERS.traffic.username);
  await expect(alarmRow.locator('.acked')).toHaveAttribute('title', 'Đã cử tổ CSGT số 5');
  await expect(alarmRow.getByTestId('alarm-ack')).toHaveCount(0);
  // The wall's banner shows unacknowledged alarms only: it drops the incident too.
  await expect(banner).toHaveCount(0);
  // The audit trail says the alarm's acknowledgement came through the event.
  const audit = await admin.request.get(
    `/api/admin/audit?action=alarm.acknowledge&actor=${E2E_USERS.traffic.username}&q=${first}`,
  );
  expect(audit.status()).toBe(200);
  const entries = ((await audit.json()) as { entries: { detail: { via?: string; eventId?: string } }[] }).entries;
  expect(entries.map((e) => e.detail)).toContainEqual(
    expect.objectContaining({ via: 'camera_event.ack', eventId: first }),
  );
  await alarms.screenshot({ path: 'artifacts/pages/incident-alarm-acknowledged-from-traffic-vi.png', fullPage: true });

  // 2. Acknowledged on /alarms by the operator → gone from the "to handle" feed in the other browsers, by them.
  const second = `e2e-incident-b-${Date.now()}`;
  await publishAccident(second);
  const alarmRow2 = alarms.locator(`[data-testid="alarm-row"][data-subject="event:${second}"]`);
  const feedRow2 = feed.locator(`[data-testid="event-row"][data-event="${second}"]`);
  const adminRow2 = adminFeed.locator(`[data-testid="event-row"][data-event="${second}"]`);
  await expect(alarmRow2).toHaveClass(/state-active/);
  await expect(feedRow2).toBeVisible();
  await expect(adminRow2).toBeVisible();
  alarms.once('dialog', (d) => void d.accept('Đã xem camera, báo 115'));
  const ackedAlarm = Date.now();
  await alarmRow2.getByTestId('alarm-ack').click();
  await expect(feedRow2).toHaveCount(0);
  await expect(adminRow2).toHaveCount(0);
  test.info().annotations.push({
    type: 'alarm acknowledged on /alarms → event handled on /traffic',
    description: `${Date.now() - ackedAlarm} ms`,
  });
  await adminFeed.getByTestId('feed-view-acked').click();
  await expect(adminRow2.getByTestId('event-acked')).toContainText(E2E_USERS.operator.username);
  await expect(adminRow2.getByTestId('event-acked')).toContainText('Đã xem camera, báo 115');
  await adminFeed.screenshot({
    path: 'artifacts/pages/incident-event-acknowledged-from-alarms-vi.png',
    fullPage: true,
  });

  // Once only, either way: 409 naming who was first.
  const againEvent = await officer.request.post(`/api/camera-events/${second}/ack`, { data: { note: 'cũng đến' } });
  expect(againEvent.status()).toBe(409);
  expect(((await againEvent.json()) as { ack: { by: string } }).ack.by).toBe(E2E_USERS.operator.username);
  const alarmId = await alarmRow.getAttribute('data-alarm');
  const againAlarm = await operator.request.post(`/api/alarms/${alarmId}`, {
    data: { action: 'acknowledge', note: 'lại' },
  });
  expect(againAlarm.status()).toBe(409);
  expect(((await againAlarm.json()) as { ack: { by: string } }).ack.by).toBe(E2E_USERS.traffic.username);
  // The direct actions keep their roles: the officer may not acknowledge an alarm, the operator not an event.
  expect((await officer.request.post(`/api/alarms/${alarmId}`, { data: { action: 'acknowledge' } })).status()).toBe(
    403,
  );
  expect((await operator.request.post(`/api/camera-events/${first}/ack`, { data: { note: 'x' } })).status()).toBe(403);

  // Cleared as before: the operator clears both alarms.
  for (const row of [alarmRow, alarmRow2]) {
    await row.getByTestId('alarm-clear').click();
    await expect(row).toHaveCount(0);
  }
  expect(errors).toEqual([]);
  await Promise.all([officer.close(), operator.close(), admin.close()]);
});

test('an accident becomes an alarm in every browser; acknowledge and clear show everywhere', async ({ browser }) => {
  const [a, b, w] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext({ viewport: { width: 1920, height: 1080 } }),
  ]);
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const wall = await w.newPage();
  const errors = [...collectErrors(pageA), ...collectErrors(pageB), ...collectErrors(wall)];
  await Promise.all([pageA.goto('/alarms'), pageB.goto('/alarms'), wall.goto('/wall?scene=traffic')]);
  await expect(pageA.getByTestId('alarms-active-value')).not.toHaveText('—');
  await expect(pageB.getByTestId('alarms-active-value')).not.toHaveText('—');

  const eventId = `e2e-accident-${Date.now()}`;
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-cam-${process.pid}`,
    protocolVersion: 4,
  });
  const sent = Date.now();
  try {
    await device.publishAsync(
      'city/haiphong/camera/cam-001/event',
      JSON.stringify({ id: eventId, ts: new Date().toISOString(), type: 'accident', severity: 3, plate: '15A-123.45' }),
      { qos: 1 },
    );
  } finally {
    await device.endAsync();
  }
  // On the wall: the banner names the accident and the camera.
  const banner = wall.getByTestId('wall-alarm-banner');
  await expect(banner).toHaveAttribute('data-subject', `event:${eventId}`);
  test.info().annotations.push({ type: 'publish → wall banner', description: `${Date.now() - sent} ms` });
  await expect(banner).toContainText('Tai nạn');
  await expect(banner).toContainText('Camera');
  await wall.screenshot({ path: 'artifacts/pages/wall-alarm-banner-vi.png' });

  const rowA = pageA.locator(`[data-testid="alarm-row"][data-subject="event:${eventId}"]`);
  const rowB = pageB.locator(`[data-testid="alarm-row"][data-subject="event:${eventId}"]`);
  await expect(rowA).toBeVisible();
  await expect(rowB).toBeVisible();
  test.info().annotations.push({ type: 'publish → alarm in the browser', description: `${Date.now() - sent} ms` });
  await expect(rowA).toHaveClass(/sev-3/);

  // Acknowledge in A (signed in as the admin, with a note); B sees who did it.
  pageA.once('dialog', (d) => void d.accept('Đã báo CSGT'));
  await rowA.getByTestId('alarm-ack').click();
  await expect(rowB).toHaveClass(/state-acknowledged/);
  await expect(rowB).toContainText(E2E_ADMIN.username);
  await pageA.screenshot({ path: 'artifacts/pages/alarms-acknowledged-vi.png', fullPage: true });

  // Clear in B: gone from both.
  await rowB.getByTestId('alarm-clear').click();
  await expect(rowA).toHaveCount(0);
  await expect(rowB).toHaveCount(0);
  await expect(wall.locator(`[data-testid="wall-alarm-banner"][data-subject="event:${eventId}"]`)).toHaveCount(0);

  // History: the cleared alarm is listed for today, and its audit trail shows each transition by the signed-in user.
  const hist = pageA.locator(`[data-testid="alarm-history-row"][data-subject="event:${eventId}"]`);
  await expect(hist).toHaveAttribute('data-state', 'cleared');
  await expect(hist).toContainText(E2E_ADMIN.username);
  await hist.getByTestId('alarm-history-trail').click();
  const steps = pageA.getByTestId('alarm-trail').getByTestId('alarm-transition');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveAttribute('data-to', 'active');
  await expect(steps.nth(1)).toHaveAttribute('data-to', 'acknowledged');
  await expect(steps.nth(1)).toContainText(E2E_ADMIN.username);
  await expect(steps.nth(1)).toContainText('Đã báo CSGT');
  await expect(steps.nth(2)).toHaveAttribute('data-to', 'cleared');
  await expect(steps.nth(2)).toContainText(E2E_ADMIN.username);
  await pageA.getByTestId('alarm-history').screenshot({ path: 'artifacts/pages/alarms-history-vi.png' });
  const id = await hist.getAttribute('data-alarm');
  const trail = await pageA.request.get(`/api/alarms/${id}/transitions`);
  expect(trail.status()).toBe(200);
  expect((await pageA.request.get('/api/alarms/999999999/transitions')).status()).toBe(404);
  const bad = await pageA.request.get('/api/alarms/history?from=yesterday');
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain('from');
  expect(errors).toEqual([]);
  await Promise.all([a.close(), b.close(), w.close()]);
});
