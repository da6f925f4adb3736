import { expect, test } from './test';

test('the wall rotates its scenes, full screen, with live panels and no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/wall?rotate=4');
  const wall = page.getByTestId('wall');
  await expect(wall).toHaveAttribute('data-scene', 'city');
  await expect(page.getByTestId('wall-scene-title')).toHaveText('Toàn cảnh thành phố');
  await expect(page.getByTestId('city-map')).toBeVisible();
  await expect(page.getByTestId('sensors-online-value')).not.toHaveText('—');
  await page.screenshot({ path: 'artifacts/wall-city.png' });
  const seen = new Set<string>(['city']);
  for (const next of ['environment', 'public-services', 'traffic']) {
    await expect(wall).toHaveAttribute('data-scene', next);
    seen.add(next);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `artifacts/wall-${next}.png` });
  }
  expect(seen.size).toBe(4);
  await expect(wall).toHaveAttribute('data-scene', 'city'); // and round again
  expect(errors).toEqual([]);
});

test('a pinned scene fills a 4K wall', async ({ page }) => {
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.goto('/wall?scene=public-services');
  await expect(page.getByTestId('cases-by-agency')).toBeVisible();
  await expect(page.getByTestId('cases-by-agency').locator('li').first()).toBeVisible();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'artifacts/wall-4k-public-services.png' });
  const box = await page.getByTestId('wall').boundingBox();
  expect(box?.width).toBe(3840);
});
