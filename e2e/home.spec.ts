import { expect, test } from './test';
import { collectErrors } from './support';

const numberIn = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('the home page shows live city figures that change as the simulator publishes', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Trung tâm giám sát');
  await expect(page.getByTestId('live-status').first()).toHaveAttribute('data-status', 'live');

  const readings = page.getByTestId('readings-per-minute-value');
  await expect(readings).not.toHaveText('—');
  const first = numberIn(await readings.textContent());
  // The simulator keeps publishing; the figure must move without a reload.
  await expect.poll(async () => numberIn(await readings.textContent()), { timeout: 45_000 }).not.toBe(first);

  await expect
    .poll(async () => numberIn(await page.getByTestId('sensors-online-value').textContent()), { timeout: 45_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('latest-readings').locator('li').first()).toBeVisible();
  await page.screenshot({ path: 'artifacts/home-vi.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the city map draws the offline basemap and the live layers (WebGL)', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const map = page.getByTestId('city-map');
  await expect(map.locator('canvas.maplibregl-canvas')).toBeVisible();
  const box = await map.locator('canvas.maplibregl-canvas').boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(300);
  await expect(map.getByTestId('map-legend')).toContainText('PM2.5');
  await expect(map.locator('.maplibregl-ctrl-attrib')).toContainText('Thang Le Quoc');
  await expect(map.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  // deck.gl draws into its own canvas over the basemap once sensors are known.
  await expect.poll(() => map.locator('canvas').count()).toBeGreaterThanOrEqual(2);
  await page.waitForTimeout(1500);
  await map.screenshot({ path: 'artifacts/map.png' });
  expect(errors).toEqual([]);
});

test('the language switch shows English and is remembered', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Operations Center');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Operations Center');
  await expect(page.getByTestId('sensors-online')).toContainText('Sensors online');
  await expect(page.getByTestId('map-legend')).toContainText('Traffic cameras');
  await page.screenshot({ path: 'artifacts/home-en.png', fullPage: true });
  expect(errors).toEqual([]);
});
