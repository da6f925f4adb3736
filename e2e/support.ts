import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The product's embedded broker port in e2e runs (playwright.config.ts passes it as MQTT_EMBEDDED_PORT). */
export const E2E_MQTT_PORT = Number(process.env.E2E_MQTT_PORT ?? 18837);

/** Console errors and uncaught exceptions of a page: a page that logs errors is not done. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/**
 * Waits until the product has finished publishing its simulated history (a fresh database gets two
 * days in the background): before that, today's figures are still filling in.
 */
export async function historyPublished(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const health = (await (await request.get('/healthz')).json()) as { simulator?: { history?: string } | null };
        return health.simulator?.history;
      },
      { timeout: 120_000, intervals: [500] },
    )
    .not.toBe('publishing');
}

/** Waits until every map on the page has drawn its basemap (and ward polygons), before a screenshot. */
export async function mapsReady(page: Page): Promise<void> {
  for (const map of await page.locator('.city-map').all()) await expect(map).toHaveAttribute('data-ready', 'true');
}

/** The admin the e2e product starts with (playwright.config.ts passes ADMIN_PASSWORD); specs run signed in as it. */
export const E2E_ADMIN = { username: 'admin', password: 'e2e-admin-password' } as const;
/** One user per other role, created by e2e/auth.setup.ts through the admin API. */
export const E2E_USERS = {
  leader: { username: 'e2e-leader', password: 'e2e-leader-password' },
  operator: { username: 'e2e-operator', password: 'e2e-operator-password' },
  traffic: { username: 'e2e-traffic', password: 'e2e-traffic-password' },
  viewer: { username: 'e2e-viewer', password: 'e2e-viewer-password' },
} as const;
/** The signed-in admin's cookies (written by e2e/auth.setup.ts, used by every spec). */
export const ADMIN_STATE = 'e2e/.auth/admin.json';
