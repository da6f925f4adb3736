import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from './test';
import mqtt from 'mqtt';
import { collectErrors, E2E_MQTT_PORT, historyPublished } from './support';

/**
 * Puts the wall layout back for the specs after this one. Retried: the request context's kept-alive
 * connection may have been closed by the server while the test used the browser (ECONNRESET).
 */
async function restoreLayout(request: APIRequestContext, layout: unknown): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await request.put('/api/indicators/wall-layout', { data: { by: 'e2e', layout } });
      expect(res.status()).toBe(200);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

const SOURCE = 'e2e-src';
const KEY = 'queue_wait';
const LABEL_VI = 'Thời gian chờ tại quầy (E2E)';

/**
 * Bringing one more city system onto the wall without code: a brand-new indicator published over
 * MQTT with only its meta and values appears in the catalogue with its Vietnamese label and unit, is
 * placed on a new wall scene through the catalogue, and shows on /wall.
 */
test('a new indicator published over MQTT is in the catalogue and is placed on the wall through the UI', async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  const original = (await (await request.get('/api/indicators/wall-layout')).json()) as Record<string, unknown>;
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-indicator-${process.pid}`,
    protocolVersion: 4,
  });
  try {
    await device.publishAsync(
      `city/haiphong/indicator/${SOURCE}/${KEY}/meta`,
      JSON.stringify({
        label_vi: LABEL_VI,
        label_en: 'Counter waiting time (E2E)',
        unit: 'phút',
        direction: 'lower_is_better',
        target: 15,
        warn: 25,
        kind: 'gauge',
      }),
      { qos: 1, retain: true },
    );
    const ts = new Date().toISOString();
    await device.publishAsync(
      `city/haiphong/indicator/${SOURCE}/${KEY}`,
      JSON.stringify({ ts, value: 12, dims: { counter: 'Q1' } }),
      { qos: 1 },
    );
    await device.publishAsync(
      `city/haiphong/indicator/${SOURCE}/${KEY}`,
      JSON.stringify({ ts, value: 14, dims: { counter: 'Q2' } }),
      { qos: 1 },
    );

    await page.goto('/indicators');
    const row = page.getByTestId(`indicator-row-${SOURCE}-${KEY}`);
    await expect(row.getByTestId('indicator-label')).toHaveText(LABEL_VI);
    await expect(row.getByTestId('indicator-unit')).toHaveText('phút');
    // A gauge split by counter: the mean of the counters' last values, fresh, amber past its target.
    await expect(row.getByTestId('indicator-last')).toHaveText('13 phút');
    await expect(row.getByTestId('indicator-freshness')).toHaveAttribute('data-stale', 'false');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'artifacts/indicators-catalogue.png' });

    await row.getByTestId('indicator-place').click();
    const form = page.getByTestId('indicator-place-form');
    await page.getByTestId('indicator-place-scene').selectOption('__new__');
    await form.locator('input[name="titleVi"]').fill('Một cửa (E2E)');
    await form.locator('input[name="titleEn"]').fill('One-stop shop (E2E)');
    await page.getByTestId('indicator-place-display').selectOption('tile');
    await page.screenshot({ path: 'artifacts/indicators-place-form.png' });
    await page.getByTestId('indicator-place-save').click();
    await expect(page.getByTestId('indicator-notice')).toContainText('Một cửa (E2E)');

    await page.goto('/wall?scene=e2e-src-queue-wait');
    await expect(page.getByTestId('wall-scene-title')).toHaveText('Một cửa (E2E)');
    const panel = page.getByTestId(`indicator-panel-${SOURCE}-${KEY}`);
    await expect(panel.locator('h2')).toHaveText(LABEL_VI);
    await expect(panel.getByTestId('indicator-value')).toHaveText('13 phút');
    await expect(panel).toHaveAttribute('data-status', 'live');
    await page.screenshot({ path: 'artifacts/indicators-on-wall.png' });

    // An admin corrects the label and the target; the system sends its meta again; the edit wins.
    await page.goto('/indicators');
    await row.getByTestId('indicator-edit').click();
    const edit = page.getByTestId('indicator-edit-form');
    await edit.locator('input[name="labelVi"]').fill('Thời gian chờ bình quân (E2E)');
    await edit.locator('input[name="target"]').fill('10');
    await page.getByTestId('indicator-edit-save').click();
    await expect(row.getByTestId('indicator-label')).toHaveText('Thời gian chờ bình quân (E2E)');
    await device.publishAsync(
      `city/haiphong/indicator/${SOURCE}/${KEY}/meta`,
      JSON.stringify({
        label_vi: LABEL_VI,
        label_en: 'Counter waiting time (E2E)',
        unit: 'phút',
        direction: 'lower_is_better',
        target: 15,
        warn: 25,
        kind: 'gauge',
      }),
      { qos: 1, retain: true },
    );
    await page.goto('/wall?scene=e2e-src-queue-wait');
    await expect(panel.locator('h2')).toHaveText('Thời gian chờ bình quân (E2E)');
    await expect(panel.locator('.tile')).toHaveAttribute('data-tone', 'warn'); // 13 against a target of 10, warning at 25
    expect(errors).toEqual([]);
  } finally {
    await device.endAsync();
    // Other specs see the wall they expect.
    await restoreLayout(request, original);
  }
});

test('HTTP push: a bad token is 401, a bad payload a 400 naming the field, a good one is stored', async ({
  request,
}) => {
  const body = {
    indicators: [
      {
        source: 'e2e-push',
        key: 'mentions',
        values: [{ ts: new Date().toISOString(), value: 5, dims: { sentiment: 'negative' } }],
      },
    ],
  };
  const noToken = await request.post('/api/indicators/push', { data: body });
  expect(noToken.status()).toBe(401);
  const badToken = await request.post('/api/indicators/push', {
    data: body,
    headers: { authorization: 'Bearer not-the-token-0000000' },
  });
  expect(badToken.status()).toBe(401);
  const auth = { authorization: 'Bearer e2e-push-token-0123456789' };
  const bad = await request.post('/api/indicators/push', {
    data: { indicators: [{ ...body.indicators[0], values: [{ ts: 'yesterday', value: 'five' }] }] },
    headers: auth,
  });
  expect(bad.status()).toBe(400);
  const problems = ((await bad.json()) as { problems: string[] }).problems;
  expect(problems.join('\n')).toContain('indicators.0.values.0.value');
  const good = await request.post('/api/indicators/push', { data: body, headers: auth });
  expect(good.status()).toBe(200);
  expect(await good.json()).toEqual({ ok: true, metas: 0, values: 1 });
  const catalogue = (await (await request.get('/api/indicators')).json()) as {
    items: { source: string; key: string; lastValue: number | null }[];
  };
  expect(catalogue.items.find((i) => i.source === 'e2e-push')?.lastValue).toBe(5);
});

test('the simulated city systems: the ready-made one-stop-shop and security scenes show their indicators', async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  const original = (await (await request.get('/api/indicators/wall-layout')).json()) as {
    scenes: { id: string }[];
  } & Record<string, unknown>;
  const shipped = JSON.parse(readFileSync('config/walls/default.json', 'utf8')) as { scenes: { id: string }[] };
  const ready = shipped.scenes.filter((s) => s.id === 'one-stop-shop' || s.id === 'security-social');
  expect(ready).toHaveLength(2);
  // The city systems publish every 15 minutes: the last day's values come with the simulated history.
  await historyPublished(request);
  try {
    const put = await request.put('/api/indicators/wall-layout', {
      data: { by: 'e2e', layout: { ...original, scenes: [...original.scenes, ...ready] } },
    });
    expect(put.status()).toBe(200);
    await expect
      .poll(
        async () => {
          const c = (await (await request.get('/api/indicators')).json()) as {
            items: { source: string; lastValue: number | null }[];
          };
          return ['motcua', 'soc', 'social'].every((s) => c.items.some((i) => i.source === s && i.lastValue !== null));
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    for (const scene of ['one-stop-shop', 'security-social']) {
      await page.goto(`/wall?scene=${scene}`);
      await expect(page.locator('.indicator-panel')).toHaveCount(4);
      for (const p of await page.locator('.indicator-panel').all())
        await expect(p).toHaveAttribute('data-status', 'live');
      if (scene === 'one-stop-shop')
        await expect(
          page.getByTestId('indicator-panel-motcua-tickets_issued').getByTestId('indicator-chart').locator('rect'),
        ).not.toHaveCount(0);
      else
        await expect(
          page.getByTestId('indicator-panel-soc-malware_blocked').getByTestId('indicator-ranking').locator('li'),
        ).toHaveCount(12);
      await page.screenshot({ path: `artifacts/wall-${scene}.png` });
    }
    expect(errors).toEqual([]);
  } finally {
    await restoreLayout(request, original);
  }
});

test("/kpi: leaders' tasks from the simulator, by agency and by leader, with the drill-down", async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  await historyPublished(request);
  await page.goto('/kpi');
  const panel = page.getByTestId('kpi-tasks');
  await expect(panel.getByTestId('tasks-assigned-value')).not.toHaveText('—');
  await expect(panel.getByTestId('tasks-by-leader').locator('tbody tr')).not.toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  const overdue = panel.getByTestId('tasks-by-agency').locator('tbody tr button').first();
  await overdue.click();
  await expect(page.getByTestId('tasks-drill').locator('tbody tr')).not.toHaveCount(0);
  await page.getByTestId('tasks-drill').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/kpi-tasks.png' });
  expect(errors).toEqual([]);
});

test("an indicator is placed on the leaders' page (/kpi) from the catalogue, as a ranking by a dim", async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  await historyPublished(request);
  try {
    await page.goto('/indicators');
    const row = page.getByTestId('indicator-row-soc-malware_blocked');
    await row.getByTestId('indicator-place').click();
    const form = page.getByTestId('indicator-place-form');
    await page.getByTestId('indicator-place-scene').selectOption('__kpi__');
    await page.getByTestId('indicator-place-display').selectOption('ranking');
    await form.locator('select[name="dim"]').selectOption('agency');
    await page.getByTestId('indicator-place-save').click();
    await expect(page.getByTestId('indicator-notice')).toBeVisible();

    await page.goto('/kpi');
    const panel = page.getByTestId('kpi-indicators').getByTestId('indicator-panel-soc-malware_blocked');
    await expect(panel.locator('h2')).toHaveText('Kết nối mã độc bị chặn');
    await expect(panel.getByTestId('indicator-ranking').locator('li')).toHaveCount(12);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'artifacts/kpi-indicator-panel.png' });
    expect(errors).toEqual([]);
  } finally {
    await request.put('/api/indicators/kpi-panels', { data: { by: 'e2e', panels: [] } });
  }
});
