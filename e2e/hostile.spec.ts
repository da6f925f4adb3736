import { expect, test, type APIRequestContext, type Page } from './test';
import mqtt from 'mqtt';
import { HOSTILE_PLATES, HOSTILE_STRINGS, HOSTILE_URLS, NUL_STRING } from '../test/support/hostile';
import { cityDay } from './fixtures/day-records';
import { collectErrors, E2E_MQTT_PORT, historyPublished } from './support';

/**
 * Hostile strings (test/support/hostile.ts) through every input a person or a device has, in the
 * real browser: names, roads, wards and plates published over MQTT; every search box
 * (event-feed plate, camera registry, indicator catalogue, KPI drill-down code); the camera
 * registry form; an indicator's label and its override; a wall scene's title placed from the
 * catalogue; an alarm acknowledgement's note. Each is shown as its literal text: `window.__pwned`
 * stays undefined, no dialog opens, and the DOM holds no element or attribute the strings carry.
 */
test.beforeAll(async ({ request }) => historyPublished(request));

const RUN = Date.now().toString(36);
const cam = (i: number) => `e2e-h${i}`;

/** Opens no dialog silently: any alert/confirm/prompt a string could open is recorded, then dismissed. */
function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/** Nothing ran and nothing was injected: the page's DOM holds only what React rendered as text. */
async function expectHarmless(page: Page, dialogs: string[], where: string): Promise<void> {
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    `${where}: window.__pwned`,
  ).toBeUndefined();
  expect(dialogs, `${where}: dialogs`).toEqual([]);
  const injected = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      // React never writes event-handler attributes (it listens at the root): any is injected.
      for (const a of el.getAttributeNames())
        if (/^on/i.test(a) || a === 'srcdoc') bad.push(`<${el.tagName.toLowerCase()} ${a}>`);
      // Next's own scripts carry the page's nonce (their flight data holds the strings as escaped JSON);
      // a script an injection made would have none.
      if (el instanceof HTMLScriptElement && !el.nonce && (el.textContent ?? '').includes('__pwned'))
        bad.push('<script> with __pwned, without the nonce');
      if (el.tagName === 'IFRAME') bad.push('<iframe>');
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('<img src=x>');
      for (const a of ['href', 'src', 'action', 'formaction', 'poster'])
        if (/^\s*(javascript|vbscript|data:text)/i.test(el.getAttribute(a) ?? ''))
          bad.push(`<${el.tagName.toLowerCase()} ${a}=${el.getAttribute(a)}>`);
    }
    return bad;
  });
  expect(injected, `${where}: injected elements`).toEqual([]);
}

async function publish(messages: [topic: string, payload: unknown, retain?: boolean][]): Promise<void> {
  const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${E2E_MQTT_PORT}`, {
    clientId: `e2e-hostile-${process.pid}-${RUN}`,
    protocolVersion: 4,
  });
  try {
    for (const [topic, payload, retain] of messages)
      await device.publishAsync(topic, JSON.stringify(payload), { qos: 1, retain: retain ?? false });
  } finally {
    await device.endAsync();
  }
}

async function restoreLayout(request: APIRequestContext, layout: unknown): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      expect((await request.put('/api/indicators/wall-layout', { data: { layout } })).status()).toBe(200);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

test('the API refuses NUL characters and non-http(s) stream URLs, naming the field', async ({ request }) => {
  const problems = async (res: Awaited<ReturnType<APIRequestContext['put']>>) => {
    expect(res.status(), await res.text()).toBe(400);
    return ((await res.json()) as { problems: string[] }).problems.join(' | ');
  };
  expect(await problems(await request.put('/api/cameras/e2e-hnul', { data: { name: NUL_STRING } }))).toMatch(
    /^name: NUL/,
  );
  expect(await problems(await request.post('/api/camera-events/x/ack', { data: { note: NUL_STRING } }))).toMatch(
    /^note: NUL/,
  );
  expect(
    await problems(await request.post('/api/alarms/1', { data: { action: 'acknowledge', note: NUL_STRING } })),
  ).toMatch(/^note: NUL/);
  expect(
    await problems(
      await request.put('/api/indicators/x/y', {
        data: { labelVi: NUL_STRING, labelEn: null, unit: null, target: null, warn: null },
      }),
    ),
  ).toMatch(/^labelVi: NUL/);
  for (const url of HOSTILE_URLS)
    expect(await problems(await request.put('/api/cameras/e2e-hurl', { data: { streamUrl: url } }))).toMatch(
      /^streamUrl: /,
    );
});

test('names, roads and plates from devices are text in the camera registry and its filter, the event feed and its plate search', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  const now = Date.now();
  await publish([
    ...HOSTILE_STRINGS.flatMap((s, i): [string, unknown, boolean?][] => [
      [`city/haiphong/camera/${cam(i)}/meta`, { name: s, lon: 106.68 + i / 1000, lat: 20.85, road: s, ward: s }, true],
      [`city/haiphong/camera/${cam(i)}/status`, { ts: now, online: true }],
      [
        `city/haiphong/sensor/e2e-hs${i}/meta`,
        { name: s, kind: 'air', lon: 106.68 + i / 1000, lat: 20.86, ward: s },
        true,
      ],
    ]),
    ...HOSTILE_PLATES.map((plate, i): [string, unknown] => [
      `city/haiphong/camera/${cam(i)}/event`,
      { id: `e2e-hev-${RUN}-${i}`, ts: new Date(now - i * 1000).toISOString(), type: 'red_light', severity: 1, plate },
    ]),
  ]);

  // The registry lists every hostile name and road as text; its filter box takes every string.
  await page.goto('/traffic/cameras');
  for (const [i, s] of HOSTILE_STRINGS.entries()) {
    const row = page.locator(`[data-testid="camera-row"][data-camera="${cam(i)}"]`);
    await expect(row.locator('.name')).toHaveText(s);
    await expect(row).toContainText(s);
  }
  await page.locator(`[data-testid="camera-row"][data-camera="${cam(5)}"]`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/pages/hostile-camera-registry.png' });
  await expectHarmless(page, dialogs, '/traffic/cameras');
  for (const [i, s] of HOSTILE_STRINGS.entries()) {
    await page.getByTestId('camera-filter').fill(s);
    await expect(page.locator(`[data-testid="camera-row"][data-camera="${cam(i)}"]`)).toBeVisible();
  }
  await expectHarmless(page, dialogs, 'camera filter');

  // The event feed: hostile plates and camera names as text; the plate search box takes every string.
  await page.goto('/traffic');
  await page.getByTestId('feed-view-all').click();
  for (const [i, plate] of HOSTILE_PLATES.entries()) {
    const row = page.locator(`[data-testid="event-row"][data-event="e2e-hev-${RUN}-${i}"]`);
    await expect(row).toContainText(plate.trim());
    await expect(row).toContainText(HOSTILE_STRINGS[i]!);
  }
  await expectHarmless(page, dialogs, '/traffic feed');
  for (const s of [...HOSTILE_STRINGS, ...HOSTILE_PLATES]) {
    await page.getByTestId('feed-plate').fill(s);
    await expect(page.getByTestId('event-feed')).toBeVisible();
  }
  await page.getByTestId('feed-plate').fill('15A-999');
  await expect(page.locator(`[data-testid="event-row"][data-event="e2e-hev-${RUN}-0"]`)).toContainText(
    '<img src=x>15A-999',
  );
  await page.getByTestId('event-feed').screenshot({ path: 'artifacts/pages/hostile-event-feed.png' });
  await expectHarmless(page, dialogs, 'plate search');
  // "-2+3" is two characters of a plate: the API answers 400 (type at least 3), which the browser logs.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

test('an accident on a hostile camera: its alarm names the camera as text, and a hostile note is kept as text', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const dialogs: string[] = [];
  const eventId = `e2e-hacc-${RUN}`;
  await page.goto('/alarms');
  await expect(page.getByTestId('alarms-active-value')).not.toHaveText('—');
  await publish([
    [
      `city/haiphong/camera/${cam(5)}/event`,
      { id: eventId, ts: new Date().toISOString(), type: 'accident', severity: 3, plate: HOSTILE_PLATES[0] },
    ],
  ]);
  const row = page.locator(`[data-testid="alarm-row"][data-subject="event:${eventId}"]`);
  await expect(row).toBeVisible();
  await expectHarmless(page, dialogs, '/alarms');
  const note = HOSTILE_STRINGS.slice(4, 8).join(' ');
  page.once('dialog', (d) => void d.accept(note));
  await row.getByTestId('alarm-ack').click();
  await expect(row).toHaveClass(/state-acknowledged/);
  const hist = page.locator(`[data-testid="alarm-history-row"][data-subject="event:${eventId}"]`);
  await expect(hist).toContainText(note);
  await hist.getByTestId('alarm-history-trail').click();
  await expect(page.getByTestId('alarm-trail').getByTestId('alarm-transition').nth(1)).toContainText(note);
  await page.getByTestId('alarm-history').screenshot({ path: 'artifacts/pages/hostile-alarm-note.png' });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await expectHarmless(page, dialogs, 'alarm history');
  expect(errors).toEqual([]);
});

test('the camera registry form: hostile name and road saved and shown as text; a javascript: stream URL refused', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  const id = `e2e-hform-${RUN}`;
  await page.goto('/traffic/cameras');
  await page.getByTestId('camera-add').click();
  await page.getByTestId('camera-form-id').fill(id);
  await page.getByTestId('camera-form-name').fill(HOSTILE_STRINGS[4]!);
  await page.getByTestId('camera-form-road').fill(HOSTILE_STRINGS[5]!);
  await page.getByTestId('camera-form-lat').fill('20.8655');
  await page.getByTestId('camera-form-lon').fill('106.6822');
  for (const url of HOSTILE_URLS.filter((u) => u.trim() === u && /^[a-z]+:/i.test(u))) {
    await page.getByTestId('camera-form-streamUrl').fill(url);
    await page.getByTestId('camera-form-save').click();
    await expect(page.getByTestId('camera-form-problems')).toContainText('streamUrl');
  }
  await page.getByTestId('camera-form-streamUrl').fill('');
  await page.getByTestId('camera-form-save').click();
  await expect(page.getByTestId('camera-saved')).toBeVisible();
  const row = page.locator(`[data-testid="camera-row"][data-camera="${id}"]`);
  await expect(row.locator('.name')).toHaveText(HOSTILE_STRINGS[4]!);
  await expect(row).toContainText(HOSTILE_STRINGS[5]!);
  await expectHarmless(page, dialogs, 'camera form');
  // Each refused save is a 400 (the form shows its problems), which the browser logs.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

test('an indicator with a hostile label, its override and a wall scene titled by hand: text in the catalogue, its search and on the wall', async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  const original = (await (await request.get('/api/indicators/wall-layout')).json()) as Record<string, unknown>;
  const source = 'e2e-hostile';
  const key = `label_${RUN}`;
  try {
    await publish([
      [
        `city/haiphong/indicator/${source}/${key}/meta`,
        {
          label_vi: HOSTILE_STRINGS[6],
          label_en: HOSTILE_STRINGS[7],
          unit: '<b>u</b>',
          direction: 'higher_is_better',
          kind: 'gauge',
        },
        true,
      ],
      [
        `city/haiphong/indicator/${source}/${key}`,
        { ts: new Date().toISOString(), value: 7, dims: { '<i>d</i>': HOSTILE_STRINGS[5] } },
      ],
    ]);
    await page.goto('/indicators');
    const row = page.getByTestId(`indicator-row-${source}-${key}`);
    await expect(row.getByTestId('indicator-label')).toHaveText(HOSTILE_STRINGS[6]!);
    await expect(row.getByTestId('indicator-unit')).toHaveText('<b>u</b>');
    await expectHarmless(page, dialogs, '/indicators');
    const search = page.getByTestId('indicator-catalogue').locator('input[type="search"]');
    for (const s of HOSTILE_STRINGS) {
      await search.fill(s);
      await expect(page.getByTestId('indicator-catalogue')).toBeVisible();
    }
    await search.fill(HOSTILE_STRINGS[6]!);
    await expect(row).toBeVisible();
    await search.fill('');

    await row.getByTestId('indicator-edit').click();
    const edit = page.getByTestId('indicator-edit-form');
    await edit.locator('input[name="labelVi"]').fill(HOSTILE_STRINGS[4]!);
    await edit.locator('input[name="unit"]').fill('"><svg onload=1>');
    await page.getByTestId('indicator-edit-save').click();
    await expect(row.getByTestId('indicator-label')).toHaveText(HOSTILE_STRINGS[4]!);
    await expect(row.getByTestId('indicator-unit')).toHaveText('"><svg onload=1>');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'artifacts/pages/hostile-indicators.png' });
    await expectHarmless(page, dialogs, 'indicator override');

    // A new wall scene, titled by hand with hostile text, from the catalogue's "place" form.
    await row.getByTestId('indicator-place').click();
    const form = page.getByTestId('indicator-place-form');
    await page.getByTestId('indicator-place-scene').selectOption('__new__');
    await form.locator('input[name="titleVi"]').fill(HOSTILE_STRINGS[5]!);
    await form.locator('input[name="titleEn"]').fill(HOSTILE_STRINGS[6]!);
    await page.getByTestId('indicator-place-display').selectOption('tile');
    await page.getByTestId('indicator-place-save').click();
    await expect(page.getByTestId('indicator-notice')).toContainText(HOSTILE_STRINGS[5]!);
    await expectHarmless(page, dialogs, 'place on the wall');
    const layout = (await (await request.get('/api/indicators/wall-layout')).json()) as {
      scenes: { id: string; title_vi: string }[];
    };
    const scene = layout.scenes.find((s) => s.title_vi === HOSTILE_STRINGS[5]);
    expect(scene).toBeDefined();
    await page.goto(`/wall?scene=${scene!.id}`);
    await expect(page.getByTestId('wall-scene-title')).toHaveText(HOSTILE_STRINGS[5]!);
    await expect(page.getByTestId(`indicator-panel-${source}-${key}`).locator('h2')).toHaveText(HOSTILE_STRINGS[4]!);
    await page.screenshot({ path: 'artifacts/pages/hostile-wall-scene.png' });
    await expectHarmless(page, dialogs, '/wall');
  } finally {
    await restoreLayout(request, original);
  }
  expect(errors).toEqual([]);
});

test('a dossier whose code is hostile: the KPI drill-down shows it as text and its code search finds it', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  const code = `E2E-${RUN}-<img src=x onerror="window.__pwned=1">'--`;
  const now = Date.now();
  // A minute ago, but never before the city's midnight: the review's "this week" may be today alone (a Monday).
  const receivedAt = Math.max(now - 60_000, cityDay(now).startMs);
  await publish([
    [
      `city/haiphong/case/so-tu-phap/event`,
      {
        case_id: code,
        ts: new Date(receivedAt).toISOString(),
        event: 'received',
        procedure_code: '1.001193',
        procedure_name: HOSTILE_STRINGS[4],
        field: HOSTILE_STRINGS[5],
        level: 'province',
        channel: 'online',
        due_at: new Date(now + 3 * 86_400_000).toISOString(),
      },
    ],
  ]);
  await page.goto('/kpi');
  await page.getByTestId('kpi-review').scrollIntoViewIfNeeded();
  await page.getByTestId('period-week').click();
  await expect(page.getByTestId('value-cases.received')).not.toHaveText('—');
  await page.getByTestId('value-cases.received').click();
  const drill = page.getByTestId('drill');
  await expect(drill.locator('tbody tr').first()).toBeVisible();
  for (const s of HOSTILE_STRINGS) {
    await page.getByTestId('drill-search').fill(s);
    await expect(drill).toBeVisible();
  }
  await expectHarmless(page, dialogs, 'drill search');
  await page.getByTestId('drill-search').fill(code.slice(0, 20));
  await expect(drill.locator('tbody tr td.code')).toHaveText([code]);
  await page.screenshot({ path: 'artifacts/pages/hostile-kpi-drill.png' });
  await expectHarmless(page, dialogs, 'drill row');
  expect(errors).toEqual([]);
});

test('a kiosk named with hostile strings: text on /admin/kiosks; the audit search typed with them shows them as text and finds them', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const dialogs = watchDialogs(page);
  // Kiosk names take 64 characters: the script-bearing strings and the SQL ones fit.
  const names = HOSTILE_STRINGS.filter((s) => s.length <= 56)
    .slice(0, 8)
    .map((s) => `${s} ${RUN}`.slice(0, 64));
  await page.goto('/admin/kiosks');
  for (const name of names) {
    await page.getByTestId('kiosk-name').fill(name);
    await page.getByTestId('kiosk-submit').click();
    await expect(page.getByTestId('kiosk-issued')).toBeVisible();
    await page.getByTestId('kiosk-issued-close').click();
  }
  for (const name of names) await expect(page.getByTestId('kiosk-row').filter({ hasText: name })).toHaveCount(1);
  await expectHarmless(page, dialogs, '/admin/kiosks');

  // The audit trail: the kiosks' creation is found by its hostile target, typed into the search box.
  await page.goto('/admin/audit');
  for (const name of names.slice(0, 4)) {
    await page.getByTestId('audit-target').fill(name);
    await page.getByTestId('audit-search').click();
    const row = page.locator('[data-testid="audit-row"][data-action="kiosk.create"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(name);
    await row.getByTestId('audit-detail-toggle').click();
    await expect(page.getByTestId('audit-detail')).toBeVisible();
  }
  // The other filters typed with the strings: text in the detail is searched as text (the notes
  // typed above are found, nothing else); an actor is a user name, so the server names the field it refuses and the page drops the previous rows.
  await page.getByTestId('audit-target').fill('');
  for (const s of HOSTILE_STRINGS.slice(0, 8)) {
    await page.getByTestId('audit-actor').fill('');
    await page.getByTestId('audit-text').fill(s);
    await page.getByTestId('audit-search').click();
    await expect(page.getByTestId('audit-total')).toBeVisible();
    await expect(page.getByTestId('audit-problem')).toHaveCount(0);
    await page.getByTestId('audit-actor').fill(s.slice(0, 64));
    await page.getByTestId('audit-search').click();
    await expect(page.getByTestId('audit-problem')).toContainText('actor');
    await expect(page.getByTestId('audit-row')).toHaveCount(0);
  }
  await expectHarmless(page, dialogs, '/admin/audit');
  await page.screenshot({ path: 'artifacts/pages/hostile-audit.png', fullPage: true });
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});
