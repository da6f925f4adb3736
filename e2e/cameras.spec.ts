import { expect, test, type Page } from './test';
import mqtt from 'mqtt';
import { collectErrors, E2E_ADMIN, E2E_MQTT_PORT, historyPublished } from './support';

/**
 * Cameras on /traffic, end to end against the real product: the grid (sizes remembered, paging),
 * live HLS playback in a tile from the local HLS test server (e2e/hls-server.ts, which the
 * simulated cameras' stream_url points at), a camera's own event snapshot, the registry form (an
 * operator's edit survives the camera's retained meta; bad input names the field) and the wall's
 * count of cameras offline.
 */
test.beforeAll(async ({ request }) => historyPublished(request));

const tiles = (page: Page) => page.getByTestId('camera-tile');
// A 1×1 red JPEG: what a camera's AI box sends as an inline snapshot.
const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

test('the grid: 2×2, 3×3, 4×4 remembered, paged, and a tile plays its HLS stream', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/traffic');
  const grid = page.getByTestId('camera-grid');
  await expect(grid).toHaveAttribute('data-status', 'live');
  await expect(tiles(page)).toHaveCount(4);
  await page.getByTestId('grid-3').click();
  await expect(tiles(page)).toHaveCount(9);
  await page.getByTestId('grid-next').click();
  await expect(page.getByTestId('grid-page')).toContainText('2/');
  await page.reload();
  await expect(page.locator('.camera-grid')).toHaveAttribute('data-size', '3');
  await expect(tiles(page)).toHaveCount(9);
  await page.getByTestId('grid-4').click();
  await expect(tiles(page)).toHaveCount(16);

  // About 40 % of the simulated cameras have a stream: at least one of 16 tiles plays, its time advancing.
  const video = page.getByTestId('camera-video').first();
  await expect(video).toBeAttached();
  const currentTime = () => video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(currentTime).toBeGreaterThan(0.3);
  const first = await currentTime();
  await expect.poll(currentTime).not.toBe(first);
  expect(await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([160, 90]);
  await page.waitForTimeout(500);
  await grid.screenshot({ path: 'artifacts/pages/traffic-camera-grid.png' });
  expect(errors).toEqual([]);
});

test('a camera without a stream shows its newest event snapshot and events', async ({ page }) => {
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-snap-${process.pid}`,
    protocolVersion: 4,
  });
  try {
    // "0000…" sorts first by name, so it is on the grid's first page.
    await device.publishAsync(
      'city/haiphong/camera/e2e-snap/meta',
      JSON.stringify({ name: '0000 E2E ảnh chụp', lon: 106.69, lat: 20.85, road: 'Lạch Tray' }),
      { qos: 1, retain: true },
    );
    await device.publishAsync(
      'city/haiphong/camera/e2e-snap/status',
      JSON.stringify({ ts: Date.now(), online: true }),
      { qos: 1 },
    );
    await device.publishAsync(
      'city/haiphong/camera/e2e-snap/event',
      JSON.stringify({
        id: `e2e-snap-${Date.now()}`,
        ts: Date.now(),
        type: 'red_light',
        severity: 2,
        plate: '15A-999.99',
        snapshot: `data:image/jpeg;base64,${JPEG}`,
      }),
      { qos: 1 },
    );
  } finally {
    await device.endAsync();
  }
  await page.goto('/traffic');
  const tile = page.locator('[data-testid="camera-tile"][data-camera="e2e-snap"]');
  await expect(tile).toHaveAttribute('data-health', 'online');
  await expect(tile.getByTestId('camera-snapshot')).toHaveJSProperty('naturalWidth', 1);
  await expect(tile.getByTestId('camera-tile-events')).toContainText('15A-999.99');
});

test('the registry form: an edit wins over the camera’s retained meta; bad input names the field', async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  const bad = await request.put('/api/cameras/e2e-form', { data: { by: 'op.e2e', lat: 20.85 } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { problems: string[] }).problems.join()).toContain('lon');

  await page.goto('/traffic/cameras');
  await page.getByTestId('camera-add').click();
  await page.getByTestId('camera-form-id').fill('e2e-form');
  await page.getByTestId('camera-form-name').fill('Cầu Lạc Long (sửa tay)');
  await page.getByTestId('camera-form-lat').fill('20.8655');
  await page.getByTestId('camera-form-lon').fill('106.6822');
  await page.getByTestId('camera-form-save').click();
  await expect(page.getByTestId('camera-saved')).toBeVisible();
  const row = page.locator('[data-testid="camera-row"][data-camera="e2e-form"]');
  await expect(row).toContainText('Cầu Lạc Long (sửa tay)');
  await expect(row).toContainText(E2E_ADMIN.username);

  // The camera comes online and sends its retained meta with its own name and road.
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-form-${process.pid}`,
    protocolVersion: 4,
  });
  try {
    await device.publishAsync(
      'city/haiphong/camera/e2e-form/meta',
      JSON.stringify({ name: 'CAM-FACTORY-NAME', lon: 106.7, lat: 20.84, road: 'Bạch Đằng' }),
      { qos: 1, retain: true },
    );
  } finally {
    await device.endAsync();
  }
  await expect
    .poll(async () => {
      await page.reload();
      return row.textContent();
    })
    .toContain('Bạch Đằng');
  await expect(row).toContainText('Cầu Lạc Long (sửa tay)');
  await expect(row).not.toContainText('CAM-FACTORY-NAME');

  await page.getByTestId('camera-filter').fill('sửa tay');
  await expect(page.getByTestId('camera-row')).toHaveCount(1);

  // Bad input through the form: the answer names the field.
  await row.getByTestId('camera-edit').click();
  await page.getByTestId('camera-form-lon').fill('');
  await page.getByTestId('camera-form-save').click();
  await expect(page.getByTestId('camera-form-problems')).toContainText('lon');
  await page.screenshot({ path: 'artifacts/pages/traffic-camera-registry.png', fullPage: true });
  expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
});

test('the wall counts the cameras offline right now', async ({ page }) => {
  // The simulated cameras go offline and come back by themselves, so the test camera is looked for
  // in the list beside the count rather than the count compared with one read a moment earlier. Its
  // "offline" is an hour old: the list puts the longest unheard first, and shows eight.
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-off-${process.pid}`,
    protocolVersion: 4,
  });
  await page.goto('/wall?scene=traffic');
  const value = page.getByTestId('wall-cameras-offline-value');
  const panel = page.getByTestId('camera-health-panel');
  await expect(value).not.toHaveText('—');
  const status = (online: boolean, ts: number) =>
    device.publishAsync('city/haiphong/camera/e2e-off/status', JSON.stringify({ ts, online }), { qos: 1 });
  try {
    await device.publishAsync(
      'city/haiphong/camera/e2e-off/meta',
      JSON.stringify({ name: 'E2E mất tín hiệu', lon: 106.69, lat: 20.85 }),
      { qos: 1, retain: true },
    );
    await status(false, Date.now() - 3_600_000);
    await expect(panel).toContainText('E2E mất tín hiệu');
    expect(Number((await value.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: 'artifacts/pages/wall-traffic-cameras.png' });
    // Back online: off the list of cameras offline.
    await status(true, Date.now());
    await expect(panel).not.toContainText('E2E mất tín hiệu');
  } finally {
    await device.endAsync();
  }
});
