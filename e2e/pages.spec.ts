import { expect, test } from './test';
import { publishDayRecords } from './fixtures/day-records';
import { collectErrors, historyPublished, mapsReady } from './support';

/**
 * Every page in both languages: it renders its live content, says so in the right language, logs
 * no error, and leaves a 1920×1080 screenshot in artifacts/pages/ (the README shows the best).
 */
const PAGES = [
  {
    path: '/',
    name: 'home',
    heading: { vi: 'Trung tâm giám sát', en: 'Operations Center' },
    ready: 'sensors-online-value',
  },
  {
    path: '/kpi',
    name: 'kpi',
    heading: { vi: 'Chỉ số điều hành', en: "Today's indicators" },
    ready: 'kpi-received-value',
  },
  {
    path: '/traffic',
    name: 'traffic',
    heading: { vi: 'Giao thông', en: 'Traffic and cameras' },
    ready: 'traffic-online-value',
  },
  { path: '/alarms', name: 'alarms', heading: { vi: 'Cảnh báo', en: 'Alarms' }, ready: 'alarms-active-value' },
  {
    path: '/indicators',
    name: 'indicators',
    heading: { vi: 'Danh mục chỉ số', en: 'Indicator catalogue' },
    ready: 'indicator-count',
  },
] as const;

// Screenshots of today's figures, not of a history still being ingested; today has records
// whatever the date (just after midnight the simulated day has none yet).
test.beforeAll(async ({ request }) => {
  await historyPublished(request);
  await publishDayRecords(request);
});

for (const lang of ['vi', 'en'] as const) {
  for (const p of PAGES) {
    test(`${p.name} (${lang}) renders live data with no console errors`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: 'cityops-lang', value: lang, url: baseURL! }]);
      const errors = collectErrors(page);
      await page.goto(p.path);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(p.heading[lang]);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId(p.ready)).not.toHaveText('—');
      // Every live panel on the page reaches "live" (none stuck connecting, none stale).
      const badges = page.getByTestId('live-status');
      await expect.poll(() => badges.count()).toBeGreaterThan(0);
      for (const badge of await badges.all()) await expect(badge).toHaveAttribute('data-status', 'live');
      await expect(page.getByTestId(`nav-${p.name}`)).toHaveAttribute('aria-current', 'page');
      await mapsReady(page);
      await page.waitForTimeout(1500); // let deck.gl draw the live layers
      await page.screenshot({ path: `artifacts/pages/${p.name}-${lang}.png`, fullPage: true });
      expect(errors).toEqual([]);
    });
  }
  test(`the wall's scenes (${lang}) render with no console errors`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'cityops-lang', value: lang, url: baseURL! }]);
    const errors = collectErrors(page);
    for (const scene of ['city', 'environment', 'public-services', 'traffic']) {
      await page.goto(`/wall?scene=${scene}`);
      await expect(page.getByTestId('wall')).toHaveAttribute('data-scene', scene);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      const badges = page.getByTestId('live-status');
      await expect.poll(() => badges.count()).toBeGreaterThan(0);
      await expect(badges.first()).toHaveAttribute('data-status', 'live');
      await mapsReady(page);
      await page.waitForTimeout(2000);
      await page.screenshot({ path: `artifacts/pages/wall-${scene}-${lang}.png` });
    }
    expect(errors).toEqual([]);
  });
}

test('the KPI page compares with yesterday and colours figures against their targets', async ({ page }) => {
  await page.goto('/kpi');
  // Yesterday's records (the simulated history and the spec's own): today's figures have a comparison and a target colour.
  await expect(page.getByTestId('kpi-received-trend')).toContainText('so với cùng giờ hôm qua');
  // Dossiers overdue now always have a value, so always a target colour. Today's on-time rate has
  // none just after the city's midnight (nothing resolved yet today): then it is "—" and neutral.
  await expect(page.getByTestId('kpi-overdue')).toHaveAttribute('data-tone', /good|warn|bad/);
  const onTime = page.getByTestId('kpi-on-time');
  await expect(onTime).toHaveAttribute('data-tone', /good|warn|bad|neutral/);
  if ((await onTime.getAttribute('data-tone')) === 'neutral')
    await expect(page.getByTestId('kpi-on-time-value')).toHaveText('—');
  await expect(page.getByTestId('gauge-on-time')).toBeVisible();
  await expect(page.getByTestId('hourly-received').locator('rect.bar').first()).toBeVisible();
  await expect(page.getByTestId('ranking-received').locator('li').first()).toBeVisible();
  // The choropleth legends (today's map, and the review period's): dossiers per commune, in whole-number classes.
  for (const map of ['kpi-map', 'review-map']) {
    const legend = page.getByTestId(map).getByTestId('choropleth-legend');
    await expect(legend).toBeVisible();
    await expect(legend).not.toContainText(',');
  }
});
