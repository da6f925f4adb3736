/**
 * The `test` every spec uses: Playwright's, with one addition for `npm run test:on-date`.
 *
 * test:on-date fakes the wall clock of the runner and of the product with libfaketime, but not of
 * Chromium: under libfaketime Chromium spins (measured: a page that dumps its DOM in 2 s took its
 * full 60 s limit at 100 % CPU, with the offset either way). So it runs Chromium on the real clock
 * and sets E2E_BROWSER_CLOCK=runner; then every browser context a spec opens — the built-in
 * `context`/`page` and each `browser.newContext()` — gets Playwright's clock installed at the
 * runner's (faked) time, from where it runs on at real pace, so the pages see the same date and
 * time as the product that serves them. In every other run this file changes nothing.
 */
import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';
export type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';

const FOLLOW_RUNNER_CLOCK = process.env.E2E_BROWSER_CLOCK === 'runner';
const clocked = new WeakSet<BrowserContext>();

async function followRunnerClock(context: BrowserContext): Promise<BrowserContext> {
  if (FOLLOW_RUNNER_CLOCK && !clocked.has(context)) {
    clocked.add(context);
    await context.clock.install({ time: Date.now() });
  }
  return context;
}

export const test = base.extend<object, object>({
  context: async ({ context }, use) => {
    await use(await followRunnerClock(context));
  },
  browser: [
    async ({ browser }, use) => {
      if (FOLLOW_RUNNER_CLOCK) {
        const newContext = browser.newContext.bind(browser);
        browser.newContext = async (options) => followRunnerClock(await newContext(options));
      }
      await use(browser);
    },
    { scope: 'worker' },
  ],
});
