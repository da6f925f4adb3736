import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IngestCommit } from '../contracts/live';
import { queryOverview } from '../db/overview';
import type { IngestPipeline } from '../ingest/pipeline';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';
import { json, pipelineOn, T } from './support/pipeline';

const HOUR = 3_600_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

describe(`ingest pipeline → database → read model (${BACKEND})`, () => {
  let t: TestDb;
  let pipeline: IngestPipeline;
  let commits: IngestCommit[];
  before(async () => {
    t = await openTestDb();
    ({ pipeline, commits } = await pipelineOn(t.db));
  });
  after(() => t.drop());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.query<{ n: number }>(sql, params)).rows[0]?.n);

  test('every topic of the wire contract lands in its table and view', async () => {
    // Lê Chân ward (urban Hải Phòng); the ward must be derived from lon/lat, the hint is informational.
    pipeline.accept(
      T('sensor/air-t1/meta'),
      json({ name: 'Trạm Lê Chân', kind: 'air', lon: 106.6822, lat: 20.8449, ward: 'sai tên', firmware: '2.1' }),
    );
    pipeline.accept(T('sensor/air-t1/telemetry'), json({ ts: iso(now - 60_000), values: { pm25: 41.5, pm10: 70 } }));
    pipeline.accept(T('sensor/air-t1/telemetry'), json({ ts: now - 30_000, values: { pm25: 43 } }));
    pipeline.accept(
      T('camera/cam-t1/meta'),
      json({
        name: 'Camera Lạch Tray',
        lon: 106.69,
        lat: 20.85,
        road: 'Lạch Tray',
        stream_url: 'http://127.0.0.1/hls/x.m3u8',
      }),
    );
    pipeline.accept(
      T('camera/cam-t1/status'),
      json({ ts: iso(now - 20_000), online: true, fps: 25, bitrate_kbps: 2048 }),
    );
    pipeline.accept(
      T('camera/cam-t1/event'),
      json({ id: 'ev-1', ts: iso(now - 10_000), type: 'red_light', severity: 2, plate: '15A-123.45', model: 'v3' }),
    );
    const caseBase = {
      case_id: 'HS-1',
      procedure_code: '1.001',
      procedure_name: 'Đăng ký khai sinh',
      level: 'commune',
      channel: 'online',
      due_at: iso(now + 24 * HOUR),
    };
    pipeline.accept(T('case/ubnd-11383/event'), json({ ...caseBase, ts: iso(now - 2 * HOUR), event: 'received' }));
    pipeline.accept(T('case/ubnd-11383/event'), json({ ...caseBase, ts: iso(now - HOUR), event: 'assigned' }));
    pipeline.accept(
      T('case/ubnd-11383/event'),
      json({ ...caseBase, ts: iso(now - 1000), event: 'resolved', rating: 5 }),
    );
    pipeline.accept(
      T('document/so-tu-phap/event'),
      json({
        doc_id: 'VB-1',
        ts: iso(now - HOUR),
        direction: 'incoming',
        event: 'registered',
        due_at: iso(now + 48 * HOUR),
        urgency: 'urgent',
      }),
    );
    pipeline.accept(
      T('document/so-tu-phap/event'),
      json({
        doc_id: 'VB-1',
        ts: iso(now - 1000),
        direction: 'incoming',
        event: 'processed',
        signed: true,
        e_exchange: true,
      }),
    );
    pipeline.accept(
      T('indicator/soc/malware_blocked/meta'),
      json({
        label_vi: 'Kết nối mã độc bị chặn',
        label_en: 'Malware connections blocked',
        unit: '',
        direction: 'lower_is_better',
        kind: 'counter',
      }),
    );
    pipeline.accept(
      T('indicator/soc/malware_blocked'),
      json({ ts: iso(now - 5000), value: 12, dims: { agency: 'so-tu-phap' } }),
    );
    await pipeline.flush();

    const dev = await t.db.query<{
      ward_code: string;
      placed: boolean;
      ward_hint: string;
      extra: { firmware: string };
    }>(`SELECT ward_code, placed, ward_hint, extra FROM devices WHERE device_type = 'sensor' AND device_id = 'air-t1'`);
    assert.equal(dev.rows[0]?.ward_code, '11383', 'ward derived from lon/lat (Phường Lê Chân)');
    assert.equal(dev.rows[0]?.placed, true);
    assert.equal(dev.rows[0]?.ward_hint, 'sai tên');
    assert.equal(dev.rows[0]?.extra.firmware, '2.1', 'unknown fields are kept, not rejected');
    assert.equal(await count(`SELECT count(*)::int AS n FROM v_telemetry WHERE device_id = 'air-t1'`), 3);
    assert.equal(await count(`SELECT count(*)::int AS n FROM v_camera_events WHERE plate = '15A-123.45'`), 1);
    const c = await t.db.query<{ status: string; agency_id: string; resolved_at: Date; received_at: Date }>(
      `SELECT * FROM v_cases WHERE case_id = 'HS-1'`,
    );
    assert.equal(c.rows[0]?.status, 'resolved');
    assert.equal(c.rows[0]?.agency_id, 'ubnd-11383');
    assert.equal(new Date(c.rows[0]!.received_at).getTime(), now - 2 * HOUR);
    const d = await t.db.query<{ signed: boolean; e_exchange: boolean; processed_at: Date | null }>(
      `SELECT * FROM v_documents WHERE doc_id = 'VB-1'`,
    );
    assert.equal(d.rows[0]?.signed, true);
    assert.ok(d.rows[0]?.processed_at);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM v_indicators WHERE source = 'soc' AND key = 'malware_blocked'`),
      1,
    );
    assert.equal(await count(`SELECT count(*)::int AS n FROM ingest_rejects`), 0);
    assert.ok(commits.length >= 1, 'committed batches are published');
    assert.ok(
      commits.some(
        (cm) =>
          cm.kind === 'batch' &&
          cm.readings.some((r) => r.deviceId === 'air-t1' && r.metric === 'pm25' && r.value === 43),
      ),
    );
  });

  test('the overview lists the newest headline reading per sensor, newest first, with name and ward', async () => {
    const base = Date.now();
    pipeline.accept(
      T('sensor/ov-air/meta'),
      json({ name: 'Trạm Ngô Quyền', kind: 'air', lon: 106.6822, lat: 20.8449 }),
    );
    pipeline.accept(T('sensor/ov-air/telemetry'), json({ ts: base - 9000, values: { pm25: 30 } }));
    pipeline.accept(T('sensor/ov-air/telemetry'), json({ ts: base - 3000, values: { pm25: 35, temperature: 29 } }));
    pipeline.accept(T('sensor/ov-flood/telemetry'), json({ ts: base - 2000, values: { water_level_cm: 12 } }));
    // Reported last, but no headline metric: not listed, and does not push the others out.
    pipeline.accept(T('sensor/ov-weather/telemetry'), json({ ts: base - 1000, values: { temperature: 30 } }));
    // Outside the online window.
    pipeline.accept(T('sensor/ov-old/telemetry'), json({ ts: base - 20 * 60_000, values: { pm25: 99 } }));
    await pipeline.flush();
    const o = await queryOverview(t.db, 'Asia/Ho_Chi_Minh', base);
    const mine = o.latestReadings.filter((r) => r.deviceId.startsWith('ov-'));
    assert.deepEqual(
      mine.map((r) => [r.deviceId, r.metric, r.value]),
      [
        ['ov-flood', 'water_level_cm', 12],
        ['ov-air', 'pm25', 35],
      ],
    );
    assert.equal(mine[1]?.name, 'Trạm Ngô Quyền');
    assert.equal(mine[1]?.wardName, 'Lê Chân');
    assert.equal(mine[0]?.name, 'ov-flood', 'an unregistered sensor is named by its id');
    const times = o.latestReadings.map((r) => r.timeMs);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    assert.ok(o.latestReadings.length <= 12);
  });

  test('redelivery never double-counts (natural keys)', async () => {
    const before = await count('SELECT count(*)::int AS n FROM telemetry');
    const beforeCases = await count('SELECT count(*)::int AS n FROM case_events');
    pipeline.accept(T('sensor/air-t1/telemetry'), json({ ts: now - 30_000, values: { pm25: 43 } }));
    pipeline.accept(
      T('case/ubnd-11383/event'),
      json({
        case_id: 'HS-1',
        procedure_code: '1.001',
        level: 'commune',
        channel: 'online',
        due_at: iso(now + 24 * HOUR),
        ts: iso(now - 1000),
        event: 'resolved',
        rating: 5,
      }),
    );
    await pipeline.flush();
    assert.equal(await count('SELECT count(*)::int AS n FROM telemetry'), before);
    assert.equal(await count('SELECT count(*)::int AS n FROM case_events'), beforeCases);
  });

  test('data before meta registers the device as unplaced; unknown agencies are kept', async () => {
    pipeline.accept(T('sensor/ghost-1/telemetry'), json({ ts: now - 1000, values: { noise_db: 61 } }));
    pipeline.accept(
      T('case/so-moi/event'),
      json({
        case_id: 'HS-X',
        ts: now - 1000,
        event: 'received',
        procedure_code: 'X',
        level: 'province',
        channel: 'counter',
        due_at: now + HOUR,
      }),
    );
    await pipeline.flush();
    const dev = await t.db.query<{ placed: boolean; ward_code: string | null }>(
      `SELECT placed, ward_code FROM devices WHERE device_id = 'ghost-1'`,
    );
    assert.deepEqual(dev.rows[0], { placed: false, ward_code: null });
    const ag = await t.db.query<{ registered: boolean }>(`SELECT registered FROM agencies WHERE agency_id = 'so-moi'`);
    assert.equal(ag.rows[0]?.registered, false);
  });

  test('bad input lands in the dead-letter table with its reason, and good messages still pass', async () => {
    const bad: [string, Uint8Array, string][] = [
      [T('sensor/air-t1/telemetry'), Buffer.from('{not json'), 'not_json'],
      [T('sensor/air-t1/telemetry'), Buffer.from([0xff, 0xfe, 0x00]), 'not_utf8'],
      [T('sensor/air-t1/bogus'), json({}), 'unknown_topic'],
      [T('sensor/air-t1/telemetry'), json({ ts: now, values: { pm25: 'high' } }), 'invalid_payload'],
      [T('sensor/air-t1/telemetry'), Buffer.from(`{"ts":${now},"values":{"pm25":1e999}}`), 'invalid_payload'],
      [T('sensor/air-t1/telemetry'), json({ ts: now + 3_600_000, values: { pm25: 1 } }), 'future_timestamp'],
      [T('sensor/air-t1/meta'), json({ name: 'x\u0000y', kind: 'air', lon: 106.6, lat: 20.8 }), 'invalid_payload'],
      [
        T('camera/cam-t1/event'),
        json({ id: 'big', ts: now, type: 'fire', severity: 3, snapshot: 'x'.repeat(256 * 1024 + 1) }),
        'snapshot_too_large',
      ],
      [T('camera/cam-t1/event'), Buffer.alloc(300 * 1024, 32), 'payload_too_large'],
    ];
    for (const [topic, payload] of bad) pipeline.accept(topic, payload);
    pipeline.accept(T('sensor/air-t1/telemetry'), json({ ts: now - 5000, values: { pm25: 44 } }));
    await pipeline.flush();
    const { rows } = await t.db.query<{ reason: string; payload: string }>(
      `SELECT reason, payload FROM v_ingest_rejects ORDER BY received_at, reason`,
    );
    assert.deepEqual(rows.map((r) => r.reason).sort(), bad.map((b) => b[2]).sort());
    assert.ok(rows.find((r) => r.reason === 'not_utf8')?.payload.startsWith('base64:'));
    assert.equal(await count(`SELECT count(*)::int AS n FROM telemetry WHERE device_id = 'air-t1' AND value = 44`), 1);
    assert.equal(pipeline.stats().rejected.not_json, 1);
  });

  test('rollups agree with the raw rows on this backend', async () => {
    const raw = await t.db.query<{ avg: number; n: number }>(
      `SELECT avg(value) AS avg, count(*)::int AS n FROM telemetry WHERE device_id = 'air-t1' AND metric = 'pm25'`,
    );
    const rolled = await t.db.query<{ avg: number; n: number }>(
      `SELECT sum(avg * samples) / sum(samples) AS avg, sum(samples)::int AS n FROM telemetry_1m WHERE device_id = 'air-t1' AND metric = 'pm25'`,
    );
    assert.equal(rolled.rows[0]?.n, raw.rows[0]?.n);
    assert.ok(Math.abs(Number(rolled.rows[0]?.avg) - Number(raw.rows[0]?.avg)) < 1e-9);
  });
});
