/**
 * The indicator catalogue, both backends: an indicator known only by its meta and values appears
 * with its labels, unit, last value and dims; an admin's override wins over the meta, also when the
 * meta is delivered again; rankings by a dim and hourly series; the wall layout saved from the
 * console wins over the file and is validated again on read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import type { IngestCommit } from '../contracts/live';
import { wallLayoutSchema } from '../contracts/wall';
import { migrate } from '../db/migrate';
import { seedCity } from '../db/seed-city';
import { loadWards } from '../geo/wards';
import { indicatorService, type IndicatorService } from '../runtime/indicator-service';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const TOKEN = 'soc-token-0123456789';
const fileLayout = wallLayoutSchema.parse({
  id: 'default',
  name: 'W',
  rotateSeconds: 30,
  scenes: [{ id: 'city', title_vi: 'Thành phố', title_en: 'City', panels: ['map'] }],
});

describe(`indicator catalogue (${BACKEND})`, () => {
  let t: TestDb;
  let svc: IndicatorService;
  const commits: IngestCommit[] = [];
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const auth = `Bearer ${TOKEN}`;
  const push = async (body: unknown) => {
    const a = await svc.push(auth, JSON.stringify(body));
    assert.equal(a.status, 200, JSON.stringify(a.body));
  };
  const meta = {
    label_vi: 'Kết nối mã độc bị chặn',
    label_en: 'Malware connections blocked',
    unit: 'lượt',
    direction: 'lower_is_better',
    target: 0,
    warn: 50,
    kind: 'counter',
  };

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await seedCity(t.db, haiphong, loadWards(haiphong));
    svc = indicatorService({
      db: t.db,
      city: haiphong,
      tokens: [{ name: 'soc', token: TOKEN }],
      publish: (c) => commits.push(c),
      now: () => now,
      fileLayout,
    });
    const agencies = haiphong.agencies.slice(0, 3).map((a) => a.id);
    await push({
      indicators: [
        {
          source: 'soc',
          key: 'malware_blocked',
          meta,
          values: agencies.flatMap((agency, i) =>
            [0, 1, 2].map((h) => ({ ts: iso(now - h * 3_600_000 - 1000), value: 10 * (i + 1) + h, dims: { agency } })),
          ),
        },
        { source: 'social', key: 'mentions', values: [{ ts: iso(now - 5000), value: 7 }] },
      ],
    });
  });
  after(() => t.drop());

  test('lists a new indicator with its meta, last value, freshness and dims; one with values only has no label', async () => {
    const c = await svc.catalogue();
    const soc = c.items.find((i) => i.key === 'malware_blocked');
    assert.ok(soc);
    assert.equal(soc.labelVi, meta.label_vi);
    assert.equal(soc.unit, 'lượt');
    assert.equal(soc.series, 3);
    assert.deepEqual(soc.dims, ['agency']);
    assert.equal(soc.lastValue, 10 + 20 + 30, 'a counter split by agency: the sum of each last value');
    assert.equal(soc.lastTimeMs, new Date(iso(now - 1000)).getTime());
    const social = c.items.find((i) => i.source === 'social');
    assert.deepEqual([social?.labelVi, social?.lastValue, social?.series], [null, 7, 1]);
  });

  test('an override wins over the meta, also when the meta is delivered again; unknown indicators are refused', async () => {
    // What applied before (the meta; no override yet) comes back for the audit log's before/after.
    const first = await svc.edit('soc', 'malware_blocked', {
      by: 'Quản trị',
      labelVi: 'Mã độc bị chặn',
      labelEn: null,
      unit: null,
      target: 5,
      warn: null,
    });
    assert.deepEqual(first, {
      before: null,
      appliedBefore: {
        labelVi: meta.label_vi,
        labelEn: meta.label_en,
        unit: meta.unit,
        target: meta.target,
        warn: meta.warn,
      },
    });
    assert.equal(commits.at(-1)?.kind, 'indicators', 'every console is told');
    await push({ indicators: [{ source: 'soc', key: 'malware_blocked', meta }] });
    const soc = (await svc.catalogue()).items.find((i) => i.key === 'malware_blocked')!;
    assert.deepEqual(
      [soc.labelVi, soc.labelEn, soc.target, soc.warn, soc.edit?.by],
      ['Mã độc bị chặn', meta.label_en, 5, 50, 'Quản trị'],
    );
    const view = await t.db.query<{ label_vi: string; target: number }>(
      `SELECT label_vi, target FROM v_indicator_meta WHERE key = 'malware_blocked'`,
    );
    assert.deepEqual(view.rows, [{ label_vi: 'Mã độc bị chặn', target: 5 }]);
    const second = await svc.edit('soc', 'malware_blocked', {
      by: 'Quản trị',
      labelVi: 'Mã độc bị chặn',
      labelEn: null,
      unit: null,
      target: 6,
      warn: null,
    });
    assert.deepEqual(
      second?.before,
      { labelVi: 'Mã độc bị chặn', labelEn: null, unit: null, target: 5, warn: null },
      'the override before',
    );
    assert.equal(
      await svc.edit('soc', 'nothing_here', {
        by: 'x',
        labelVi: 'x',
        labelEn: null,
        unit: null,
        target: null,
        warn: null,
      }),
      null,
    );
  });

  test('ranking by agency (a counter: its sum over the period, fewest first when lower is better) and hourly series', async () => {
    const r = await svc.ranking('soc', 'malware_blocked', 'agency', 24);
    assert.ok(r);
    const agencies = haiphong.agencies.slice(0, 3);
    assert.deepEqual(
      r.rows.map((x) => [x.member, x.name, x.value]),
      agencies.map((a, i) => [a.id, a.name_vi, 3 * 10 * (i + 1) + 3]),
    );
    assert.equal(await svc.ranking('soc', 'unknown', 'agency', 24), null);
    const s = await svc.series('soc', 'malware_blocked', 24);
    assert.equal(
      s.points.reduce((n, p) => n + p.sum, 0),
      3 * 60 + 3 * 3 + 0,
    );
  });

  test('the wall layout saved from the console wins over the file', async () => {
    assert.equal((await svc.wallLayout()).editedBy, null);
    const edited = {
      ...fileLayout,
      scenes: [
        ...fileLayout.scenes,
        {
          id: 'soc',
          title_vi: 'An ninh mạng',
          title_en: 'Cyber security',
          panels: [
            {
              kind: 'indicator' as const,
              source: 'soc',
              key: 'malware_blocked',
              display: 'ranking' as const,
              dim: 'agency',
              hours: 24,
            },
          ],
        },
      ],
    };
    const saved = await svc.saveWallLayout(wallLayoutSchema.parse(edited), 'Quản trị');
    assert.deepEqual(saved.before, fileLayout, 'the layout in force before: the file');
    const got = await svc.wallLayout();
    assert.equal(got.editedBy, 'Quản trị');
    assert.deepEqual(got.scenes[1]?.panels[0], {
      kind: 'indicator',
      source: 'soc',
      key: 'malware_blocked',
      display: 'ranking',
      dim: 'agency',
      hours: 24,
    });
    assert.ok(
      !wallLayoutSchema.safeParse({
        ...edited,
        scenes: [{ ...edited.scenes[1], panels: [{ kind: 'indicator', source: 'soc', key: 'k', display: 'ranking' }] }],
      }).success,
      'a ranking needs its dim',
    );
  });

  test('indicator panels placed on /kpi are kept whole and read back', async () => {
    assert.deepEqual(await svc.kpiPanels(), { panels: [] });
    const panels = {
      panels: [
        { kind: 'indicator' as const, source: 'soc', key: 'malware_blocked', display: 'chart' as const, hours: 48 },
      ],
    };
    assert.deepEqual(await svc.saveKpiPanels(panels, 'Quản trị'), { before: { panels: [] } });
    assert.deepEqual(await svc.kpiPanels(), panels);
    assert.deepEqual(await svc.saveKpiPanels({ panels: [] }, 'Quản trị'), { before: panels });
  });
});
