/**
 * Hostile strings (test/support/hostile.ts) through every way text gets in, on the backend under
 * test: names, roads, wards and plates from devices (the ingest), the camera registry,
 * camera-event and alarm notes, indicator labels and their overrides, the wall layout's titles, the
 * search boxes' queries (plate, record code), and CSV/XLSX imports. Each is stored verbatim (the
 * parameterised queries never read it as SQL), every table is intact afterwards, URL fields refuse
 * every scheme but http(s), and a NUL is refused with a 400-style problem, never a database error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { cameraEditSchema } from '../contracts/cameras';
import { ackBodySchema, feedQuerySchema } from '../contracts/camera-events';
import { indicatorEditSchema } from '../contracts/indicators';
import { drillQuerySchema } from '../contracts/kpi-query';
import { cameraMetaSchema } from '../contracts/mqtt/payloads';
import { wallLayoutSchema } from '../contracts/wall';
import { nulPath } from '../contracts/plain-text';
import { acknowledgeAlarm, alarmHistory, alarmsInPeriod, raiseAlarm } from '../db/alarms';
import { acknowledgeCameraEvent, cameraEventFeed } from '../db/camera-events';
import { listCameras } from '../db/cameras';
import { indicatorCatalogue, savedWallLayout, saveWallLayout } from '../db/indicators';
import { caseRecords } from '../db/kpi-drill';
import { loadCameras, loadSensors } from '../db/live';
import { runImport } from '../ingest/import/run-import';
import { cameraRegistryService } from '../runtime/camera-registry';
import { indicatorService } from '../runtime/indicator-service';
import { HOSTILE_PLATES, HOSTILE_STRINGS, HOSTILE_URLS, LONG_UNICODE, NUL_STRING } from './support/hostile';
import { city, json, pipelineOn, T, wards } from './support/pipeline';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';
import type { IngestPipeline } from '../ingest/pipeline';

const TABLES = [
  'users',
  'devices',
  'camera_events',
  'telemetry',
  'case_events',
  'ingest_rejects',
  'audit_log',
  'alarms',
  'indicator_meta',
];
const LON = 106.68;
const LAT = 20.86;

describe(`hostile input is stored verbatim and harmlessly (${BACKEND})`, () => {
  let t: TestDb;
  let pipeline: IngestPipeline;
  let dir: string;
  const q = async <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await t.db.query<R>(text, params)).rows;

  before(async () => {
    t = await openTestDb();
    ({ pipeline } = await pipelineOn(t.db));
    dir = mkdtempSync(path.join(tmpdir(), 'cityops-hostile-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  test('the shared list fits the fields it is pushed through', () => {
    for (const s of HOSTILE_STRINGS) assert.ok(s.length <= 80, `${s} is longer than a wall title`);
    for (const s of HOSTILE_PLATES) assert.ok(s.length <= 20, `${s} is longer than a plate`);
    assert.equal(LONG_UNICODE.length, 200);
  });

  test('devices: names, roads, wards and plates from MQTT are stored and read back as they were sent', async () => {
    const now = Date.now();
    HOSTILE_STRINGS.forEach((s, i) => {
      pipeline.accept(T(`camera/cam-h${i}/meta`), json({ name: s, lon: LON, lat: LAT, road: s, ward: s }));
      pipeline.accept(T(`sensor/sen-h${i}/meta`), json({ name: s, kind: 'air', lon: LON, lat: LAT, ward: s }));
    });
    pipeline.accept(T('camera/cam-hlong/meta'), json({ name: LONG_UNICODE, lon: LON, lat: LAT }));
    HOSTILE_PLATES.forEach((plate, i) =>
      pipeline.accept(
        T('camera/cam-h0/event'),
        json({ id: `ev-h${i}`, ts: now - 1000 * (i + 1), type: 'red_light', severity: 2, plate }),
      ),
    );
    // A hostile event id too: ids of events are the camera's own.
    pipeline.accept(
      T('camera/cam-h0/event'),
      json({ id: `<img src=x onerror=alert(1)>'--`, ts: now - 60_000, type: 'fire', severity: 3 }),
    );
    await pipeline.flush();
    assert.deepEqual(pipeline.stats().rejected, {});

    const cams = await loadCameras(t.db);
    const sensors = await loadSensors(t.db);
    HOSTILE_STRINGS.forEach((s, i) => {
      assert.equal(cams[`cam-h${i}`]?.name, s);
      assert.equal(cams[`cam-h${i}`]?.road, s);
      assert.equal(sensors[`sen-h${i}`]?.name, s);
    });
    assert.equal(cams['cam-hlong']?.name, LONG_UNICODE);
    const hints = await q<{ ward_hint: string }>(
      `SELECT ward_hint FROM devices WHERE device_id LIKE 'cam-h%' AND ward_hint IS NOT NULL ORDER BY device_id`,
    );
    assert.deepEqual(new Set(hints.map((r) => r.ward_hint)), new Set(HOSTILE_STRINGS));
    const plates = await q<{ plate: string }>(
      `SELECT plate FROM camera_events WHERE camera_id = 'cam-h0' AND plate IS NOT NULL`,
    );
    assert.deepEqual(new Set(plates.map((r) => r.plate)), new Set(HOSTILE_PLATES.map((p) => p.trim())));
  });

  test('the plate search box: hostile queries return rows or nothing, never an error, and find hostile plates', async () => {
    for (const s of [...HOSTILE_STRINGS, ...HOSTILE_PLATES]) {
      const parsed = feedQuerySchema.safeParse({ view: 'all', q: s.slice(0, 20) });
      if (!parsed.success) {
        // Fewer than 3 letters or digits once punctuation is dropped: the 400 names the field.
        assert.equal(parsed.error.issues[0]?.path.join('.'), 'q');
        continue;
      }
      await cameraEventFeed(t.db, parsed.data);
    }
    const found = await cameraEventFeed(t.db, feedQuerySchema.parse({ view: 'all', q: '15A-999' }));
    assert.deepEqual(
      found.items.map((e) => e.plate),
      ['<img src=x>15A-999'],
    );
  });

  test('camera registry: hostile names and roads saved as given; no scheme but http(s) is a stream URL', async () => {
    const registry = cameraRegistryService({
      db: t.db,
      wards,
      bounds: city.mapBounds,
      offlineAfterMs: 300_000,
      publish: () => undefined,
    });
    for (const [i, s] of HOSTILE_STRINGS.entries()) {
      const edit = cameraEditSchema.parse({
        by: s.slice(0, 64),
        name: s,
        road: s,
        streamUrl: 'https://cams.example/x/index.m3u8',
      });
      assert.deepEqual(await registry.save(`cam-h${i}`, edit), { ok: true });
    }
    const list = await listCameras(t.db);
    HOSTILE_STRINGS.forEach((s, i) => {
      const c = list.find((x) => x.id === `cam-h${i}`);
      assert.equal(c?.name, s);
      assert.equal(c?.road, s);
      assert.equal(c?.edit?.by, s.slice(0, 64).trim());
    });
    for (const url of HOSTILE_URLS) {
      const r = cameraEditSchema.safeParse({ by: 'op', streamUrl: url });
      assert.equal(r.success, false, `${url} accepted as a stream URL`);
      assert.equal(!r.success && r.error.issues[0]?.path.join('.'), 'streamUrl');
      assert.equal(
        cameraMetaSchema.safeParse({ name: 'x', lon: LON, lat: LAT, stream_url: url }).success,
        false,
        `${url} accepted from a camera's meta`,
      );
    }
  });

  test('notes on camera-event and alarm acknowledgements are kept verbatim', async () => {
    const [first] = (await cameraEventFeed(t.db, feedQuerySchema.parse({ view: 'all', limit: 100 }))).items;
    assert.ok(first);
    const note = HOSTILE_STRINGS.join(' | ');
    const body = ackBodySchema.parse({ by: 'op', note: note.slice(0, 500) });
    const acked = await acknowledgeCameraEvent(t.db, first.eventId, `x'); DROP TABLE users; --`, body.note);
    assert.ok(acked.ok);
    assert.equal(acked.ack.note, note.slice(0, 500).trim());
    assert.equal(acked.ack.by, `x'); DROP TABLE users; --`);

    for (const [i, s] of HOSTILE_STRINGS.entries()) {
      const id = await raiseAlarm(t.db, {
        ruleId: `rule-${i}`,
        subject: `camera:${s}`,
        severity: 2,
        atMs: Date.now() - 1000,
        value: 1,
        detail: { title: s },
      });
      assert.ok(id);
      assert.equal(await acknowledgeAlarm(t.db, id, s, s), true);
      const trail = await alarmHistory(t.db, id);
      assert.equal(trail.at(-1)?.note, s);
      assert.equal(trail.at(-1)?.actor, s);
    }
    const page = await alarmsInPeriod(t.db, { from: Date.now() - 3_600_000, to: Date.now() + 1000 });
    assert.ok(HOSTILE_STRINGS.every((s) => page.items.some((a) => a.ackNote === s && a.subject === `camera:${s}`)));
  });

  test("indicator labels from a source and an admin's override, and the wall layout's titles, are kept verbatim", async () => {
    pipeline.accept(
      T('indicator/src-h/key-h/meta'),
      json({
        label_vi: HOSTILE_STRINGS[5],
        label_en: LONG_UNICODE,
        unit: '<b>%</b>',
        direction: 'higher_is_better',
        kind: 'gauge',
      }),
    );
    await pipeline.flush();
    const service = indicatorService({ db: t.db, city, tokens: [], publish: () => undefined });
    let item = (await indicatorCatalogue(t.db)).items.find((i) => i.key === 'key-h');
    assert.equal(item?.labelVi, HOSTILE_STRINGS[5]);
    assert.equal(item?.labelEn, LONG_UNICODE);
    assert.equal(item?.unit, '<b>%</b>');
    for (const s of HOSTILE_STRINGS) {
      const edit = indicatorEditSchema.parse({
        by: s,
        labelVi: s,
        labelEn: s,
        unit: s.slice(0, 32),
        target: null,
        warn: null,
      });
      assert.notEqual(await service.edit('src-h', 'key-h', edit), null);
      item = (await indicatorCatalogue(t.db)).items.find((i) => i.key === 'key-h');
      assert.deepEqual([item?.labelVi, item?.labelEn, item?.unit, item?.edit?.by], [s, s, s.slice(0, 32).trim(), s]);
    }

    const layout = wallLayoutSchema.parse({
      id: 'hostile',
      name: HOSTILE_STRINGS.join(' ').slice(0, 120),
      rotateSeconds: 30,
      scenes: HOSTILE_STRINGS.map((s, i) => ({
        id: `s${i}`,
        title_vi: s,
        title_en: s,
        panels: ['city-figures'],
      })).slice(0, 20),
    });
    await saveWallLayout(t.db, 'hostile', layout, `'; DROP TABLE wall_layouts; --`);
    const saved = await savedWallLayout(t.db, 'hostile');
    assert.deepEqual(wallLayoutSchema.parse(saved?.layout), layout);
    assert.equal(saved?.by, `'; DROP TABLE wall_layouts; --`);
  });

  test('imports: hostile cells in CSV and XLSX are stored verbatim, found by the record-code search, and dead-lettered verbatim', async () => {
    const header = [
      'Số hồ sơ',
      'Đơn vị',
      'Mã TTHC',
      'Tên thủ tục',
      'Lĩnh vực',
      'Hình thức nộp',
      'Ngày tiếp nhận',
      'Hạn xử lý',
      'Ngày trả kết quả',
      'Tình trạng',
    ];
    const ids = HOSTILE_STRINGS.map((s, i) => `H${i}-${s}`);
    const row = (id: string, s: string, channel = 'Trực tuyến') => [
      id,
      'Sở Tư pháp',
      '1.001193',
      s,
      s,
      channel,
      '15/09/2025 08:30',
      '18/09/2025 17:00',
      '',
      'Đang xử lý',
    ];
    const rows = [
      header,
      ...ids.map((id, i) => row(id, HOSTILE_STRINGS[i]!)),
      row('BAD-1', HOSTILE_STRINGS[0]!, HOSTILE_STRINGS[4]!),
    ];
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const csv = path.join(dir, `ho-so-<script>'--.csv`);
    writeFileSync(csv, `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
    const problems: string[] = [];
    const summary = await runImport({
      kind: 'cases',
      file: csv,
      dryRun: false,
      city,
      db: t.db,
      publish: () => undefined,
      onProblem: (p) => problems.push(`${p.row}:${p.column}`),
    });
    assert.equal(summary.rowsValid, HOSTILE_STRINGS.length, JSON.stringify(problems));
    assert.deepEqual(problems, [`${rows.length}:Hình thức nộp`]);

    const stored = await q<{ case_id: string; procedure_name: string; field: string }>(
      `SELECT DISTINCT case_id, procedure_name, field FROM case_events WHERE case_id LIKE 'H%-%'`,
    );
    for (const [i, id] of ids.entries()) {
      const r = stored.find((x) => x.case_id === id);
      assert.ok(r, `${id} stored`);
      assert.equal(r.procedure_name, HOSTILE_STRINGS[i]);
      assert.equal(r.field, HOSTILE_STRINGS[i]);
    }
    const [reject] = await q<{ topic: string; payload: string }>(
      `SELECT topic, payload FROM ingest_rejects WHERE topic LIKE 'import/%' ORDER BY id DESC LIMIT 1`,
    );
    assert.equal(reject?.topic, `import/ho-so-<script>'--.csv#row${rows.length}`);
    assert.ok(reject?.payload.includes(JSON.stringify(HOSTILE_STRINGS[4]).slice(1, -1)), reject?.payload);

    // The drill-down's code search: each hostile prefix finds its record, and only it.
    for (const [i, id] of ids.entries()) {
      const prefix = id.slice(0, 64);
      const page = await caseRecords(
        t.db,
        drillQuerySchema.parse({ drill: 'received', from: '2025-09-01', to: '2025-09-30', q: prefix }),
        city.timeZone,
      );
      assert.deepEqual(
        page.rows.map((r) => r.caseId),
        [id],
        `search ${JSON.stringify(prefix)} (row ${i})`,
      );
    }
    for (const s of HOSTILE_STRINGS)
      await caseRecords(
        t.db,
        drillQuerySchema.parse({ drill: 'in_progress', from: '2025-09-01', to: '2025-09-30', q: s }),
        city.timeZone,
      );

    // XLSX: cells that look like formulas stay text (exceljs reads the string back).
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("<img src=x onerror='1'>");
    ws.addRow(header);
    HOSTILE_STRINGS.forEach((s, i) => ws.addRow(row(`X${i}-${s}`, s)));
    const xlsx = path.join(dir, 'ho-so.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const x = await runImport({
      kind: 'cases',
      file: xlsx,
      dryRun: false,
      city,
      db: t.db,
      publish: () => undefined,
      onProblem: (p) => problems.push(`xlsx ${p.row}:${p.column}:${p.message}`),
    });
    assert.equal(x.rowsValid, HOSTILE_STRINGS.length, problems.join('\n'));
    const xs = await q<{ case_id: string; procedure_name: string }>(
      `SELECT DISTINCT case_id, procedure_name FROM case_events WHERE case_id LIKE 'X%-%'`,
    );
    HOSTILE_STRINGS.forEach((s, i) => assert.equal(xs.find((r) => r.case_id === `X${i}-${s}`)?.procedure_name, s));
  });

  test('a NUL character is refused by name before the database, never stored', async () => {
    assert.equal(nulPath({ name: 'ok', road: NUL_STRING }), 'road');
    assert.equal(
      nulPath({ layout: { scenes: [{ title_vi: 'a' }, { title_en: NUL_STRING }] } }),
      'layout.scenes.1.title_en',
    );
    assert.equal(nulPath({ [NUL_STRING]: 1 }), '(a key)');
    assert.equal(nulPath({ note: 'fine', n: 1, b: true, x: null }), null);
    // The ingest refuses it as a message (PostgreSQL text cannot hold it).
    pipeline.accept(T('camera/cam-nul/meta'), json({ name: NUL_STRING, lon: LON, lat: LAT }));
    await pipeline.flush();
    assert.equal(pipeline.stats().rejected.invalid_payload, 1);
    assert.deepEqual(await q(`SELECT device_id FROM devices WHERE device_id = 'cam-nul'`), []);
  });

  test('every table is intact afterwards', async () => {
    for (const table of TABLES) {
      const [r] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      assert.ok(r && r.n >= 0, table);
    }
    const [d] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM devices WHERE device_id LIKE 'cam-h%' OR device_id LIKE 'sen-h%'`,
    );
    assert.equal(d?.n, HOSTILE_STRINGS.length * 2 + 1);
  });
});
