import { expect, test } from './test';
import { collectErrors } from './support';

/**
 * Kiosk resilience: the wall loses its network, says so on every live panel, and comes back by
 * itself when the network returns — no reload, no hands on the keyboard of a wall PC.
 */
test('the wall shows "offline" while the network is down and recovers by itself', async ({ page, context }) => {
  const errors = collectErrors(page);
  await page.goto('/wall?scene=city');
  const figures = page.locator('.city-figures').getByTestId('live-status');
  await expect(figures).toHaveAttribute('data-status', 'live');
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-ready', 'true');

  await context.setOffline(true);
  await expect(figures).toHaveAttribute('data-status', /offline|stale/, { timeout: 45_000 });
  await expect(page.getByTestId('city-map').getByTestId('live-status').first()).not.toHaveAttribute(
    'data-status',
    'live',
  );
  await page.screenshot({ path: 'artifacts/wall-offline.png' });

  await context.setOffline(false);
  await expect(figures).toHaveAttribute('data-status', 'live', { timeout: 45_000 });
  await expect(page.getByTestId('city-map').getByTestId('live-status').first()).toHaveAttribute('data-status', 'live', {
    timeout: 45_000,
  });
  // Reconnecting is expected to log failed attempts while offline; nothing else may.
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|WebSocket/.test(e))).toEqual([]);
});
