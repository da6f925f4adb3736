import { expect, test } from '@playwright/test';
import mqtt from 'mqtt';
import { collectErrors, E2E_ADMIN, E2E_MQTT_PORT, historyPublished } from './support';

/**
 * An accident seen by a camera, end to end: published over MQTT as a device would, stored by the
 * ingest, raised by the alarm evaluator's rule, on the wall's banner within 2 s and on /alarms in two browsers;
 * acknowledging it in one marks it acknowledged, by whom, in the other; clearing it removes it
 * from both.
 */
// Timed on a settled product, as a wall runs: not while the first start ingests two days of history.
test.beforeAll(async ({ request }) => historyPublished(request));

test('an accident becomes an alarm in every browser; acknowledge and clear show everywhere', async ({ browser }) => {
  const [a, b, w] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext({ viewport: { width: 1920, height: 1080 } })]);
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const wall = await w.newPage();
  const errors = [...collectErrors(pageA), ...collectErrors(pageB), ...collectErrors(wall)];
  await Promise.all([pageA.goto('/alarms'), pageB.goto('/alarms'), wall.goto('/wall?scene=traffic')]);
  await expect(pageA.getByTestId('alarms-active-value')).not.toHaveText('—');
  await expect(pageB.getByTestId('alarms-active-value')).not.toHaveText('—');

  const eventId = `e2e-accident-${Date.now()}`;
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, { clientId: `e2e-cam-${process.pid}`, protocolVersion: 4 });
  const sent = Date.now();
  try {
    await device.publishAsync('city/haiphong/camera/cam-001/event',
      JSON.stringify({ id: eventId, ts: new Date().toISOString(), type: 'accident', severity: 3, plate: '15A-123.45' }), { qos: 1 });
  } finally {
    await device.endAsync();
  }
  // On the wall: the banner names the accident and the camera within 2 s of the publish.
  const banner = wall.getByTestId('wall-alarm-banner');
  await expect(banner).toHaveAttribute('data-subject', `event:${eventId}`, { timeout: 2000 });
  test.info().annotations.push({ type: 'publish → wall banner', description: `${Date.now() - sent} ms` });
  await expect(banner).toContainText('Tai nạn');
  await expect(banner).toContainText('Camera');
  await wall.screenshot({ path: 'artifacts/pages/wall-alarm-banner-vi.png' });

  const rowA = pageA.locator(`[data-testid="alarm-row"][data-subject="event:${eventId}"]`);
  const rowB = pageB.locator(`[data-testid="alarm-row"][data-subject="event:${eventId}"]`);
  await expect(rowA).toBeVisible({ timeout: 5000 });
  await expect(rowB).toBeVisible({ timeout: 5000 });
  test.info().annotations.push({ type: 'publish → alarm in the browser', description: `${Date.now() - sent} ms` });
  await expect(rowA).toHaveClass(/sev-3/);

  // Acknowledge in A (signed in as the admin, with a note); B sees who did it.
  pageA.once('dialog', (d) => void d.accept('Đã báo CSGT'));
  await rowA.getByTestId('alarm-ack').click();
  await expect(rowB).toHaveClass(/state-acknowledged/, { timeout: 3000 });
  await expect(rowB).toContainText(E2E_ADMIN.username);
  await pageA.screenshot({ path: 'artifacts/pages/alarms-acknowledged-vi.png', fullPage: true });

  // Clear in B: gone from both.
  await rowB.getByTestId('alarm-clear').click();
  await expect(rowA).toHaveCount(0, { timeout: 3000 });
  await expect(rowB).toHaveCount(0);
  await expect(wall.locator(`[data-testid="wall-alarm-banner"][data-subject="event:${eventId}"]`)).toHaveCount(0, { timeout: 3000 });

  // History: the cleared alarm is listed for today, and its audit trail shows each transition by the signed-in user.
  const hist = pageA.locator(`[data-testid="alarm-history-row"][data-subject="event:${eventId}"]`);
  await expect(hist).toHaveAttribute('data-state', 'cleared', { timeout: 5000 });
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
