/**
 * The camera registry and uptime in the database, both backends: an operator's edit wins over the
 * camera's retained meta (also when the meta is delivered again), fields left empty follow the
 * meta, a camera can be added before it sends anything; uptime from status messages and silence
 * on hand-made days with known answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cameraEditSchema } from '../contracts/cameras';
import { cameraUptime, latestSnapshot, listCameras, saveCameraEdit } from '../db/cameras';
import { insertCameraEvents, insertCameraStatus, upsertDeviceMeta, type CameraStatusRow } from '../db/ingest-writes';
import { raiseAlarm } from '../db/alarms';
import { loadCameras, queryAlarms } from '../db/live';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const T0 = Date.UTC(2026, 10, 24, 17); // midnight 25 Nov in Hải Phòng
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const meta = (id: string, over: Partial<Parameters<typeof upsertDeviceMeta>[1]> = {}) => ({
  deviceType: 'camera' as const,
  deviceId: id,
  kind: null,
  name: `Camera ${id}`,
  lon: 106.69,
  lat: 20.85,
  wardCode: null,
  wardHint: null,
  road: 'Lạch Tray',
  streamUrl: 'https://video.example/hls/a.m3u8',
  extra: null,
  ...over,
});
const edit = (v: Record<string, unknown>) => cameraEditSchema.parse({ by: 'op.lan', ...v });

/** Status messages every `everyMs` over [from, to), saying `online(t)`. */
function statuses(
  cameraId: string,
  from: number,
  to: number,
  everyMs: number,
  online: (t: number) => boolean | null,
): CameraStatusRow[] {
  const out: CameraStatusRow[] = [];
  for (let t = from; t < to; t += everyMs) {
    const o = online(t);
    if (o !== null) out.push({ timeMs: t, cameraId, online: o, fps: 25, bitrateKbps: 1024 });
  }
  return out;
}

describe(`camera registry and uptime (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
  });
  after(() => t.drop());

  test("an operator's edit wins over the retained meta, also when the meta comes again; empty fields follow the meta", async () => {
    await upsertDeviceMeta(t.db, meta('cam-a'));
    let [a] = await listCameras(t.db);
    assert.deepEqual([a?.name, a?.road, a?.edit], ['Camera cam-a', 'Lạch Tray', null]);

    await saveCameraEdit(
      t.db,
      'cam-a',
      edit({ name: 'Ngã tư Lạch Tray – Lê Lợi', lon: 106.7, lat: 20.86, wardCode: '11311' }),
      T0,
    );
    // The camera reconnects: its retained meta is delivered and written again, with a new road.
    await upsertDeviceMeta(t.db, meta('cam-a', { road: 'Lê Lợi', streamUrl: 'https://video.example/hls/b.m3u8' }));
    [a] = await listCameras(t.db);
    assert.equal(a?.name, 'Ngã tư Lạch Tray – Lê Lợi', 'the edited name survives the meta');
    assert.deepEqual([a?.lon, a?.lat, a?.wardCode], [106.7, 20.86, '11311'], 'and the edited location with its ward');
    assert.equal(a?.road, 'Lê Lợi', 'a field the operator left empty follows the meta');
    assert.equal(a?.streamUrl, 'https://video.example/hls/b.m3u8');
    assert.equal(a?.meta.name, 'Camera cam-a', "the camera's own meta stays visible");
    assert.deepEqual([a?.edit?.by, a?.edit?.atMs], ['op.lan', T0]);

    const live = await loadCameras(t.db, ['cam-a']);
    assert.deepEqual(
      [live['cam-a']?.name, live['cam-a']?.lon, live['cam-a']?.road],
      ['Ngã tư Lạch Tray – Lê Lợi', 106.7, 'Lê Lợi'],
      'the live map shows the fields in force',
    );
    await raiseAlarm(t.db, {
      ruleId: 'camera-offline',
      subject: 'camera:cam-a',
      severity: 2,
      atMs: T0,
      value: null,
      detail: {},
    });
    await raiseAlarm(t.db, {
      ruleId: 'accident',
      subject: 'event:ev-1',
      severity: 3,
      atMs: T0,
      value: null,
      detail: { cameraId: 'cam-a' },
    });
    assert.deepEqual(
      (await queryAlarms(t.db)).active.map((a) => a.title),
      ['Ngã tư Lạch Tray – Lê Lợi', 'Ngã tư Lạch Tray – Lê Lợi'],
      'alarms name the camera as the operator did',
    );

    await saveCameraEdit(
      t.db,
      'cam-a',
      edit({ name: '', streamUrl: 'https://cctv.haiphong.example/live/a.m3u8' }),
      T0 + MIN,
    );
    [a] = await listCameras(t.db);
    assert.deepEqual(
      [a?.name, a?.lon, a?.streamUrl],
      ['Camera cam-a', 106.69, 'https://cctv.haiphong.example/live/a.m3u8'],
      'cleared fields return to the meta',
    );
  });

  test('a camera added by an operator before any message is registered, and its meta later fills what was left empty', async () => {
    await saveCameraEdit(t.db, 'cam-new', edit({ name: 'Cầu Rào 2', streamUrl: 'http://10.0.0.5/hls/cam.m3u8' }));
    let n = (await listCameras(t.db)).find((c) => c.id === 'cam-new');
    assert.deepEqual([n?.name, n?.lon, n?.meta.name], ['Cầu Rào 2', null, null]);
    await upsertDeviceMeta(t.db, meta('cam-new', { name: 'CAM-0042', lon: 106.71, lat: 20.83 }));
    n = (await listCameras(t.db)).find((c) => c.id === 'cam-new');
    assert.deepEqual([n?.name, n?.lon, n?.streamUrl], ['Cầu Rào 2', 106.71, 'http://10.0.0.5/hls/cam.m3u8']);
  });

  test('the edit schema names the field at fault', () => {
    const problems = (v: Record<string, unknown>) => {
      const r = cameraEditSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(problems({ name: 'x' }), ['by']);
    assert.deepEqual(problems({ by: 'a', lon: 106.7 }), ['lat']);
    assert.deepEqual(problems({ by: 'a', streamUrl: 'rtsp://10.0.0.5/live' }), ['streamUrl']);
    assert.deepEqual(problems({ by: 'a', lat: 95, lon: 106 }), ['lat']);
  });

  test('uptime: offline 1 h of 24 h is 95.83 %, whether said by a status or by silence', async () => {
    const silenceMs = 30 * MIN;
    for (const id of ['up-said', 'up-silent', 'up-never', 'up-carry']) await upsertDeviceMeta(t.db, meta(id));
    await insertCameraStatus(t.db, [
      // Reports every 10 min (from before the period), says "offline" from 10:00 to 11:00.
      ...statuses(
        'up-said',
        T0 - 10 * MIN,
        T0 + DAY + HOUR,
        10 * MIN,
        (x) => !(x >= T0 + 10 * HOUR && x < T0 + 11 * HOUR),
      ),
      // Reports "online" every 10 min but is silent from 05:00 to 06:30: offline from 05:30 (silence limit) to 06:30.
      ...statuses('up-silent', T0 - 10 * MIN, T0 + DAY + HOUR, 10 * MIN, (x) =>
        x > T0 + 5 * HOUR && x < T0 + 6.5 * HOUR ? null : true,
      ),
      // Said "online" 10 min before the period, then nothing: online for the first 20 min.
      { timeMs: T0 - 10 * MIN, cameraId: 'up-carry', online: true, fps: null, bitrateKbps: null },
    ]);
    const up = await cameraUptime(t.db, T0, T0 + DAY, silenceMs, ['up-said', 'up-silent', 'up-never', 'up-carry']);
    assert.deepEqual(
      up.map((u) => [u.cameraId, u.uptimePct, u.onlineSeconds]),
      [
        ['up-carry', 1.39, 20 * 60],
        ['up-never', 0, 0],
        ['up-said', 95.83, 23 * 3600],
        ['up-silent', 95.83, 23 * 3600],
      ],
    );
    // A longer silence limit bridges the 90-minute gap; a period inside the outage is 0 %.
    const bridged = await cameraUptime(t.db, T0, T0 + DAY, 2 * HOUR, ['up-silent']);
    assert.equal(bridged[0]?.uptimePct, 100);
    const outage = await cameraUptime(t.db, T0 + 10 * HOUR, T0 + 11 * HOUR, silenceMs, ['up-said']);
    assert.equal(outage[0]?.uptimePct, 0);
  });

  test('the newest snapshot of a camera comes from its events', async () => {
    const ev = (id: string, timeMs: number, snapshot: string | null) => ({
      timeMs,
      eventId: id,
      cameraId: 'cam-a',
      type: 'red_light',
      severity: 2,
      plate: null,
      vehicleCount: null,
      snapshot,
      extra: null,
    });
    const now = Date.now();
    await insertCameraEvents(t.db, [
      ev('e1', now - 3 * MIN, 'https://snap.example/1.jpg'),
      ev('e2', now - 2 * MIN, 'data:image/jpeg;base64,/9j/'),
      ev('e3', now - MIN, null),
    ]);
    assert.deepEqual(await latestSnapshot(t.db, 'cam-a', now), {
      snapshot: 'data:image/jpeg;base64,/9j/',
      timeMs: now - 2 * MIN,
    });
    assert.equal(await latestSnapshot(t.db, 'cam-none', now), null);
  });
});
