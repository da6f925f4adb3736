import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelChoice, combinedStatus } from './map-channels';

test('a map subscribes only to the channels of what it draws', () => {
  assert.deepEqual(channelChoice(['sensors', 'cameras', 'events'], null, false), {
    sensors: true,
    cameras: true,
    events: true,
    cases: false,
  });
  assert.deepEqual(
    channelChoice([], 'pm25', false),
    { sensors: true, cameras: false, events: false, cases: false },
    'the PM2.5 choropleth reads the sensors',
  );
  assert.deepEqual(
    channelChoice(['events'], null, false),
    { sensors: false, cameras: true, events: true, cases: false },
    'event halos sit on the cameras',
  );
  assert.deepEqual(channelChoice([], 'cases', false), { sensors: false, cameras: false, events: false, cases: true });
  assert.deepEqual(
    channelChoice([], 'cases', true),
    { sensors: false, cameras: false, events: false, cases: false },
    'given values need no live figures',
  );
});

test('the badge shows the worst status of the feeds drawn and the latest update among them', () => {
  assert.deepEqual(combinedStatus([]), { status: 'live', lastUpdate: null });
  assert.deepEqual(
    combinedStatus([
      { status: 'live', lastUpdate: 5 },
      { status: 'stale', lastUpdate: 9 },
    ]),
    { status: 'stale', lastUpdate: 9 },
  );
  assert.equal(
    combinedStatus([
      { status: 'connecting', lastUpdate: null },
      { status: 'offline', lastUpdate: 1 },
      { status: 'stale', lastUpdate: 2 },
    ]).status,
    'offline',
  );
  assert.equal(
    combinedStatus([
      { status: 'live', lastUpdate: 1 },
      { status: 'connecting', lastUpdate: null },
    ]).status,
    'connecting',
  );
});
