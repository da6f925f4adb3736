import type { Page } from '@playwright/test';

/** The product's embedded broker port in e2e runs (playwright.config.ts passes it as MQTT_EMBEDDED_PORT). */
export const E2E_MQTT_PORT = Number(process.env.E2E_MQTT_PORT ?? 18837);

/** Console errors and uncaught exceptions of a page: a page that logs errors is not done. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}
