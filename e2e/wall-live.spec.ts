import { expect, test } from './test';
import mqtt from 'mqtt';
import { collectErrors, E2E_MQTT_PORT } from './support';

/**
 * A device's reading on the wall, end to end: published over MQTT to the product's broker, through
 * the ingest, the database commit, the realtime channel and Socket.IO, onto the key-station tile.
 * When the station falls silent the tile says so (the e2e wall's staleness is 5 s), and
 * it clears when readings resume. How fast is measured, not asserted here: each step's time is an annotation of the report, and
 * `npm run bench:e2e-latency` measures it against its limit (docs/performance.md).
 */
test('a value published over MQTT is on the wall; a silent station turns stale and recovers', async ({ page }) => {
  const errors = collectErrors(page);
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-device-${process.pid}`,
    protocolVersion: 4,
  });
  const publish = (value: number) =>
    device.publishAsync(
      'city/haiphong/sensor/e2e-air-1/telemetry',
      JSON.stringify({ ts: new Date().toISOString(), values: { pm25: value } }),
      { qos: 1 },
    );
  try {
    await device.publishAsync(
      'city/haiphong/sensor/e2e-air-1/meta',
      JSON.stringify({ name: 'Trạm E2E Lạch Tray', kind: 'air', lon: 106.6953, lat: 20.8447 }),
      { qos: 1, retain: true },
    );
    await page.goto('/wall?scene=environment');
    const tile = page.getByTestId('sensor-tile-e2e-air-1');
    const value = page.getByTestId('sensor-tile-e2e-air-1-value');
    await expect(tile).toBeVisible();
    // Subscribed: the tile has its snapshot (no reading yet from this test's value).
    await expect(page.getByTestId('sensor-tile-air-001')).toHaveAttribute('data-status', 'live');

    const sent = Date.now();
    await publish(123.4);
    await expect(value).toContainText('123,4');
    const shownAfter = Date.now() - sent;
    await expect(tile).toHaveAttribute('data-status', 'live');
    await expect(tile).toContainText('Trạm E2E Lạch Tray');
    test.info().annotations.push({ type: 'publish → on the wall', description: `${shownAfter} ms` });
    await page.screenshot({ path: 'artifacts/wall-live-value.png' });

    // The station stops reporting: stale after 5 s (+ the 1 s clock), with the last value kept.
    await expect(tile).toHaveAttribute('data-status', 'stale');
    await expect(tile.getByTestId('live-status')).toHaveAttribute('data-status', 'stale');
    await expect(value).toContainText('123,4');
    await page.screenshot({ path: 'artifacts/wall-stale-station.png' });

    // It resumes: live again with the new value.
    await publish(87.6);
    await expect(value).toContainText('87,6');
    await expect(tile).toHaveAttribute('data-status', 'live');
    expect(errors).toEqual([]);
  } finally {
    await device.endAsync();
  }
});
