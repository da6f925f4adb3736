import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cameraOnline, StablePlaced } from './layers';

const s = (id: string, lon: number | null, lat: number | null) => ({ id, lon, lat });

test('the placed points stay one array while nothing moves, comes or goes', () => {
  const placed = new StablePlaced();
  const a = placed.update([s('a', 106.6, 20.8), s('b', 106.7, 20.9), s('unplaced', null, null)]);
  assert.deepEqual(
    a.map((p) => p.id),
    ['a', 'b'],
    'unplaced devices are not drawn',
  );
  // New readings (new state objects, same places): the very same array, so deck.gl keeps positions.
  assert.equal(placed.update([s('a', 106.6, 20.8), s('b', 106.7, 20.9), s('unplaced', null, null)]), a);
  const moved = placed.update([s('a', 106.6, 20.8), s('b', 106.71, 20.9)]);
  assert.notEqual(moved, a);
  assert.equal(moved[0], a[0], 'unmoved points keep their objects');
  assert.deepEqual(moved[1], { id: 'b', lon: 106.71, lat: 20.9 });
  const grown = placed.update([s('a', 106.6, 20.8), s('b', 106.71, 20.9), s('c', 106.8, 20.7)]);
  assert.equal(grown.length, 3);
  const shrunk = placed.update([s('a', 106.6, 20.8), s('b', 106.71, 20.9)]);
  assert.notEqual(shrunk, grown);
  assert.equal(shrunk.length, 2);
});

test('a camera silent past the limit is drawn offline, like everywhere else', () => {
  const c = {
    id: 'c',
    name: null,
    road: null,
    lon: 1,
    lat: 1,
    wardCode: null,
    streamUrl: null,
    online: true,
    statusMs: 0,
    lastEventMs: null,
  };
  assert.equal(cameraOnline({ now: 60_000, cameraOfflineAfterMs: 300_000 }, c), true);
  assert.equal(cameraOnline({ now: 301_000, cameraOfflineAfterMs: 300_000 }, c), false);
  assert.equal(cameraOnline({ now: 301_000 }, c), true, 'without a limit, the last status decides');
  assert.equal(cameraOnline({ now: 0, cameraOfflineAfterMs: 300_000 }, { ...c, online: null }), null);
});
