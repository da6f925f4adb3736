/**
 * The officers' camera-event feed on both backends: each filter, plate search ignoring case and
 * punctuation, keyset pages that neither skip nor repeat, the acknowledgement lifecycle (once,
 * 409 with the first one's who, 404 for an unknown event, an append-only record) and the
 * statistics against answers worked out by hand from the events below.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { feedQuerySchema, statsQuerySchema, type FeedPage } from '../contracts/camera-events';
import {
  acknowledgeCameraEvent,
  cameraEventFeed,
  cameraEventOptions,
  cameraEventSnapshot,
  cameraEventStats,
  recentCameraEventAcks,
} from '../db/camera-events';
import { insertCameraEvents, type CameraEventRow } from '../db/ingest-writes';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const TZ = 'Asia/Ho_Chi_Minh';
// 2026-11-24 00:00 in Hải Phòng (UTC+7) = 2026-11-23 17:00 UTC.
const DAY0 = Date.UTC(2026, 10, 23, 17);
const H = 3_600_000;
const MIN = 60_000;
const at = (hour: number, minute = 0) => DAY0 + hour * H + minute * MIN;

const ev = (
  eventId: string,
  cameraId: string,
  timeMs: number,
  type: string,
  severity = 1,
  plate: string | null = null,
  snapshot: string | null = null,
): CameraEventRow => ({ eventId, cameraId, timeMs, type, severity, plate, vehicleCount: null, snapshot, extra: null });

// cam-a on Lạch Tray (ward W1), cam-b on Lạch Tray (W2), cam-c on Tô Hiệu (W2), cam-d: no road, no ward.
const EVENTS: CameraEventRow[] = [
  ev('e01', 'cam-a', at(7, 5), 'red_light', 1, '15A-123.45'),
  ev('e02', 'cam-a', at(7, 40), 'red_light', 1, '15A-678.90'),
  ev('e03', 'cam-b', at(7, 50), 'no_helmet', 1, '16B1-234.56'),
  ev('e04', 'cam-c', at(8, 10), 'speeding', 2, '29H-123.40'),
  ev('e05', 'cam-a', at(8, 15), 'congestion', 2),
  ev('e06', 'cam-a', at(8, 45), 'congestion', 2),
  ev('e07', 'cam-b', at(9, 5), 'congestion', 2),
  ev('e08', 'cam-c', at(17, 30), 'congestion', 2),
  ev('e09', 'cam-b', at(17, 35), 'accident', 3, null, 'data:image/png;base64,iVBORw0KGgo='),
  ev('e10', 'cam-d', at(18, 0), 'wrong_lane', 1, '15a 999 99'),
  ev('e11', 'cam-a', at(18, 0), 'flooding', 2, null, 'https://cams.example/e11.jpg'),
  // The day before: the previous period of a one-day query.
  ev('e00', 'cam-a', at(-24 + 7, 30), 'red_light', 1, '15A-111.11'),
  ev('e99', 'cam-c', at(-24 + 20), 'speeding', 1, '15A-222.22'),
];

const query = (q: Record<string, string>) => feedQuerySchema.parse(q);
const ids = (p: FeedPage) => p.items.map((i) => i.eventId);

describe(`camera-event feed, acknowledgements and statistics (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await t.db.query(
      `INSERT INTO wards (code, name, full_name, name_en, type) VALUES ('W1', 'Lê Chân', 'Phường Lê Chân', 'Le Chan', 'Phường'), ('W2', 'An Biên', 'Phường An Biên', 'An Bien', 'Phường')`,
    );
    await t.db.query(`INSERT INTO devices (device_type, device_id, name, road, ward_code, placed) VALUES
      ('camera', 'cam-a', 'Ngã tư Lạch Tray', 'Lạch Tray', 'W1', true), ('camera', 'cam-b', 'Lạch Tray – Văn Cao', 'Lạch Tray', 'W2', true),
      ('camera', 'cam-c', 'Tô Hiệu', 'Tô Hiệu', 'W2', true), ('camera', 'cam-d', NULL, NULL, NULL, false)`);
    await insertCameraEvents(t.db, EVENTS);
  });
  after(() => t.drop());

  test('the feed is newest first; each filter narrows it', async () => {
    const day = { from: String(at(0)), to: String(at(24)) };
    assert.deepEqual(
      ids(await cameraEventFeed(t.db, query(day))),
      ['e11', 'e10', 'e09', 'e08', 'e07', 'e06', 'e05', 'e04', 'e03', 'e02', 'e01'],
      'same instant (e10, e11): the larger id first, a stable order for pages',
    );
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ ...day, type: 'red_light,speeding' }))), [
      'e04',
      'e02',
      'e01',
    ]);
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ ...day, severity: '3' }))), ['e09']);
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ ...day, ward: 'W2' }))), [
      'e09',
      'e08',
      'e07',
      'e04',
      'e03',
    ]);
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ ...day, road: 'Lạch Tray', type: 'congestion' }))), [
      'e07',
      'e06',
      'e05',
    ]);
    assert.deepEqual(
      ids(await cameraEventFeed(t.db, query({ from: String(at(8)), to: String(at(9)) }))),
      ['e06', 'e05', 'e04'],
      'from included, to excluded',
    );
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({}))).length, 13, 'no time range: everything');
    const [e09] = (await cameraEventFeed(t.db, query({ ...day, type: 'accident' }))).items;
    assert.deepEqual(
      [e09?.cameraName, e09?.road, e09?.wardName, e09?.snapshotUrl],
      ['Lạch Tray – Văn Cao', 'Lạch Tray', 'An Biên', '/api/camera-events/e09/snapshot'],
    );
    const [e10] = (await cameraEventFeed(t.db, query({ ...day, type: 'wrong_lane' }))).items;
    assert.deepEqual(
      [e10?.cameraName, e10?.wardName, e10?.snapshotUrl],
      [null, null, null],
      'an unplaced camera and no snapshot',
    );
  });

  test('plate search ignores case and punctuation and matches anywhere in the plate', async () => {
    const search = async (q: string) => ids(await cameraEventFeed(t.db, query({ q }))).sort();
    assert.deepEqual(await search('15A-123.45'), ['e01']);
    assert.deepEqual(await search('15a12345'), ['e01']);
    assert.deepEqual(
      await search('123.4'),
      ['e01', 'e03', 'e04'],
      'the middle of the plate: 15A-123.45, 29H-123.40 and 16B1-234.56 (punctuation ignored)',
    );
    assert.deepEqual(await search('678.90'), ['e02']);
    assert.deepEqual(await search('99999'), ['e10'], 'stored with spaces and lower case');
    assert.deepEqual(await search('15A'), ['e00', 'e01', 'e02', 'e10', 'e99']);
    assert.deepEqual(await search('ZZZ'), []);
    // A search runs its own query (matches first): the other filters and the pages still apply.
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ q: '15A', road: 'Lạch Tray' }))), ['e02', 'e01', 'e00']);
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ q: '15A', type: 'red_light', from: String(at(0)) }))), [
      'e02',
      'e01',
    ]);
    const first = await cameraEventFeed(t.db, query({ q: '15A', limit: '3' }));
    assert.deepEqual(ids(first), ['e10', 'e02', 'e01']);
    assert.deepEqual(ids(await cameraEventFeed(t.db, query({ q: '15A', limit: '3', cursor: first.nextCursor! }))), [
      'e99',
      'e00',
    ]);
    assert.equal(feedQuerySchema.safeParse({ q: '1-5' }).success, false, 'two characters are too short to search');
  });

  test('keyset pages neither skip nor repeat, even across events at the same instant', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: FeedPage = await cameraEventFeed(t.db, query({ limit: '2', ...(cursor ? { cursor } : {}) }));
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 7);
    assert.deepEqual(seen, ['e11', 'e10', 'e09', 'e08', 'e07', 'e06', 'e05', 'e04', 'e03', 'e02', 'e01', 'e99', 'e00']);
  });

  test('acknowledge once: the event leaves "to handle", a second acknowledgement is refused naming the first', async () => {
    const first = await acknowledgeCameraEvent(
      t.db,
      'e09',
      'Trung úy Hà',
      'Đã cử tổ CSGT 3 đến hiện trường',
      at(17, 40),
    );
    assert.deepEqual(first, {
      ok: true,
      ack: { eventId: 'e09', by: 'Trung úy Hà', atMs: at(17, 40), note: 'Đã cử tổ CSGT 3 đến hiện trường' },
    });
    const again = await acknowledgeCameraEvent(t.db, 'e09', 'Thượng úy Nam', 'cũng đến', at(17, 41));
    assert.deepEqual(again, {
      ok: false,
      reason: 'already_acknowledged',
      ack: { eventId: 'e09', by: 'Trung úy Hà', atMs: at(17, 40), note: 'Đã cử tổ CSGT 3 đến hiện trường' },
    });
    assert.deepEqual(await acknowledgeCameraEvent(t.db, 'no-such-event', 'Hà', 'x'), {
      ok: false,
      reason: 'unknown_event',
    });

    const day = { from: String(at(0)), to: String(at(24)) };
    assert.ok(!ids(await cameraEventFeed(t.db, query(day))).includes('e09'), 'not in the default "to handle" view');
    const acked = await cameraEventFeed(t.db, query({ ...day, view: 'acked' }));
    assert.deepEqual(ids(acked), ['e09']);
    assert.equal(acked.items[0]?.ack?.by, 'Trung úy Hà');
    assert.equal((await cameraEventFeed(t.db, query({ ...day, view: 'all' }))).items.length, 11);
    assert.deepEqual((await recentCameraEventAcks(t.db)).recent, [
      { eventId: 'e09', by: 'Trung úy Hà', atMs: at(17, 40) },
    ]);
  });

  test('acknowledgements cannot be rewritten or removed', async () => {
    await assert.rejects(t.db.query(`UPDATE camera_event_acks SET note = 'x'`), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM camera_event_acks'), /append-only/);
  });

  test('snapshots: the stored URL or data URI', async () => {
    assert.equal(await cameraEventSnapshot(t.db, 'e11'), 'https://cams.example/e11.jpg');
    assert.equal(await cameraEventSnapshot(t.db, 'e09'), 'data:image/png;base64,iVBORw0KGgo=');
    assert.equal(await cameraEventSnapshot(t.db, 'e01'), null);
  });

  test('statistics of a day, worked out by hand', async () => {
    const s = await cameraEventStats(t.db, statsQuerySchema.parse({ from: String(at(0)), to: String(at(24)) }), TZ);
    const hoursOf = (entries: Record<number, number>) => Array.from({ length: 24 }, (_, h) => entries[h] ?? 0);
    // Violations: e01, e02 red_light at 07h; e03 no_helmet 07h; e04 speeding 08h; e10 wrong_lane 18h.
    assert.deepEqual(s.violationsByTypeHour, {
      red_light: hoursOf({ 7: 2 }),
      no_helmet: hoursOf({ 7: 1 }),
      speeding: hoursOf({ 8: 1 }),
      wrong_lane: hoursOf({ 18: 1 }),
    });
    // The day before: e00 red_light 07h, e99 speeding 20h.
    assert.deepEqual(s.previousViolationsByTypeHour, { red_light: hoursOf({ 7: 1 }), speeding: hoursOf({ 20: 1 }) });
    // Congestion: Lạch Tray in 08h (e05, e06 → one hour) and 09h (e07) = 2 hours, 3 events; Tô Hiệu 17h = 1 hour.
    assert.deepEqual(s.congestionByRoad, [
      { road: 'Lạch Tray', hours: 2, events: 3 },
      { road: 'Tô Hiệu', hours: 1, events: 1 },
    ]);
    // cam-a: e01 e02 e05 e06 e11 (flooding: serious); cam-b: e03 e07 e09 (accident, severity 3); cam-c: e04 e08; cam-d: e10.
    assert.deepEqual(
      s.topCameras.map((c) => [c.cameraId, c.events, c.serious, c.road]),
      [
        ['cam-a', 5, 1, 'Lạch Tray'],
        ['cam-b', 3, 1, 'Lạch Tray'],
        ['cam-c', 2, 0, 'Tô Hiệu'],
        ['cam-d', 1, 0, null],
      ],
    );
  });

  test('filter choices: the wards and roads that have cameras', async () => {
    assert.deepEqual(await cameraEventOptions(t.db), {
      wards: [
        { code: 'W2', name: 'An Biên' },
        { code: 'W1', name: 'Lê Chân' },
      ],
      roads: ['Lạch Tray', 'Tô Hiệu'],
    });
  });

  test('the plate search has its trigram index on this backend', async () => {
    const { rows } = await t.db.query(`SELECT 1 FROM pg_indexes WHERE indexname LIKE 'camera_events_plate_trgm_idx%'`);
    assert.ok(rows.length > 0);
  });
});
