import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeedEvent } from '../../contracts/camera-events';
import {
  capList,
  DEFAULT_FILTERS,
  feedSearch,
  insertRows,
  liveFeedRows,
  mergeHead,
  periodInstants,
  withoutAcked,
  zonedMidnight,
  zonedToMs,
} from './event-feed-query';

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = Date.UTC(2026, 10, 25, 3, 30); // 10:30 in Hải Phòng

test('city wall-clock times become instants whatever the browser’s zone', () => {
  assert.equal(zonedToMs('2026-11-25T07:00', TZ), Date.UTC(2026, 10, 25, 0, 0));
  assert.equal(zonedToMs('2026-11-25T00:00', TZ), Date.UTC(2026, 10, 24, 17, 0));
  assert.equal(
    zonedToMs('2026-03-29T03:30', 'Europe/Paris'),
    Date.UTC(2026, 2, 29, 1, 30),
    'after the spring DST change',
  );
  assert.equal(zonedToMs('25/11/2026 07:00', TZ), null);
  assert.equal(zonedMidnight(NOW, TZ), Date.UTC(2026, 10, 24, 17, 0));
});

test('periods: relative to now, today from the city’s midnight, custom either end open', () => {
  assert.deepEqual(periodInstants({ ...DEFAULT_FILTERS }, NOW, TZ), {});
  assert.deepEqual(periodInstants({ ...DEFAULT_FILTERS, period: '1h' }, NOW, TZ), { from: NOW - 3_600_000 });
  assert.deepEqual(periodInstants({ ...DEFAULT_FILTERS, period: 'today' }, NOW, TZ), {
    from: Date.UTC(2026, 10, 24, 17),
  });
  assert.deepEqual(
    periodInstants({ ...DEFAULT_FILTERS, period: 'custom', from: '2026-11-20T08:00', to: '' }, NOW, TZ),
    { from: Date.UTC(2026, 10, 20, 1) },
  );
});

test('the query string carries only the filters set', () => {
  assert.equal(feedSearch(DEFAULT_FILTERS, NOW, TZ), 'view=open');
  const f = {
    ...DEFAULT_FILTERS,
    view: 'acked' as const,
    type: 'accident',
    severity: '3',
    ward: '31190',
    road: 'Lạch Tray',
    period: '1h' as const,
    plate: ' 15A-123 ',
  };
  assert.equal(
    new URLSearchParams(feedSearch(f, NOW, TZ, { cursor: '1.e1', limit: 30 })).toString(),
    new URLSearchParams({
      view: 'acked',
      type: 'accident',
      severity: '3',
      ward: '31190',
      road: 'Lạch Tray',
      from: String(NOW - 3_600_000),
      q: '15A-123',
      cursor: '1.e1',
      limit: '30',
    }).toString(),
  );
});

const e = (eventId: string, timeMs: number): FeedEvent => ({
  eventId,
  timeMs,
  cameraId: 'c',
  cameraName: null,
  road: null,
  wardCode: null,
  wardName: null,
  type: 'accident',
  severity: 3,
  plate: null,
  vehicleCount: null,
  snapshotUrl: null,
  ack: null,
});

test('a fresh first page replaces its range and keeps older pages', () => {
  const held = [e('d', 40), e('c', 30), e('b', 20), e('a', 10)];
  const ids = (list: FeedEvent[]) => list.map((x) => x.eventId);
  assert.deepEqual(
    ids(mergeHead([e('new', 50), e('d', 40)], false, held)),
    ['new', 'd', 'c', 'b', 'a'],
    'a new event on top',
  );
  assert.deepEqual(
    ids(mergeHead([e('d', 40), e('b', 20)], false, held)),
    ['d', 'b', 'a'],
    'c was acknowledged: gone from its range',
  );
  assert.deepEqual(ids(mergeHead([e('d', 40)], true, held)), ['d'], 'the last page: nothing older remains');
  assert.deepEqual(
    ids(mergeHead([e('y', 30), e('x', 30)], false, [e('z', 30), e('y', 30), e('x', 30), e('w', 30)])),
    ['y', 'x', 'w'],
    'same instant: ordered by id',
  );
  assert.deepEqual(ids(withoutAcked(held, new Set(['c', 'zz']))), ['d', 'b', 'a']);
});

test('a list left open all day stays as long as the pages asked for', () => {
  const list = Array.from({ length: 45 }, (_, i) => e(`e${100 - i}`, 1000 - i));
  const capped = capList(list, 30, null);
  assert.equal(capped.items.length, 30);
  assert.equal(capped.cursor, `${1000 - 29}.e71`, 'the next page starts after the last one kept');
  assert.deepEqual(capList(list.slice(0, 10), 30, 'x'), { items: list.slice(0, 10), cursor: 'x' });
});

test('live events are shown at once where no filter needs the server, and only once', () => {
  const live = [{ eventId: 'n1', cameraId: 'cam-1', type: 'accident', severity: 3, plate: '15A-123.45', timeMs: 60 }];
  const cameras = {
    'cam-1': {
      id: 'cam-1',
      name: 'Camera Lạch Tray',
      road: 'Lạch Tray',
      lon: null,
      lat: null,
      wardCode: 'w1',
      streamUrl: null,
      online: true,
      statusMs: null,
      lastEventMs: null,
    },
  };
  const rows = liveFeedRows(live, DEFAULT_FILTERS, cameras);
  assert.deepEqual(
    rows?.map((r) => [r.eventId, r.cameraName, r.road, r.snapshotUrl, r.ack]),
    [['n1', 'Camera Lạch Tray', 'Lạch Tray', null, null]],
  );
  for (const f of [
    { type: 'fire' },
    { severity: '3' },
    { ward: 'w1' },
    { road: 'x' },
    { plate: '15A' },
    { period: 'custom' as const },
    { view: 'acked' as const },
  ])
    assert.equal(liveFeedRows(live, { ...DEFAULT_FILTERS, ...f }, cameras), null, JSON.stringify(f));
  assert.equal(
    liveFeedRows(live, DEFAULT_FILTERS, {})?.[0]?.cameraName,
    null,
    'a camera not known yet: its id is shown',
  );
  const held = [e('b', 50), e('a', 10)];
  const ids = (list: FeedEvent[]) => list.map((x) => x.eventId);
  assert.deepEqual(
    ids(insertRows(held, [e('n', 60), e('m', 30)])),
    ['n', 'b', 'm', 'a'],
    'each in its place, newest first',
  );
  assert.deepEqual(ids(insertRows(held, [e('b', 50)])), ['b', 'a'], 'an event the list holds is not added again');
});
