import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CameraState, ChannelName, SensorState } from '../contracts/channels';
import { deviceState, type DeviceSources } from './device-state';

const sensor = (id: string, over: Partial<SensorState> = {}): SensorState => ({
  id,
  name: 'Trạm',
  kind: 'air',
  lon: 106.6,
  lat: 20.8,
  wardCode: null,
  values: {},
  timeMs: null,
  ...over,
});
const camera = (id: string): CameraState => ({
  id,
  name: 'Cam',
  road: null,
  lon: null,
  lat: null,
  wardCode: null,
  streamUrl: null,
  online: true,
  statusMs: 1,
  lastEventMs: null,
});

function sources(
  snapshots: Partial<Record<ChannelName, unknown>>,
  pending: Partial<Record<ChannelName, unknown>> = {},
): DeviceSources {
  return {
    snapshot: (c) => snapshots[c],
    pending: (c) => pending[c],
    metricTimes: new Map([['s-1', { pm25: 10 }]]),
    registeredAt: new Map([['sensor/s-1', 5]]),
    wants: (c) => c === 'sensor:s-1',
  };
}

test('a device is its cached value with the delta still waiting in the coalescer on top', () => {
  const cur = deviceState(
    sources(
      { 'map:sensors': { 's-1': sensor('s-1', { values: { pm25: 30 }, timeMs: 10 }) } },
      { 'map:sensors': { patch: { 's-1': { values: { no2: 12 }, timeMs: 20 } } } },
    ),
  );
  assert.deepEqual(cur.sensor('s-1')?.values, { pm25: 30, no2: 12 });
  assert.equal(cur.sensor('s-1')?.timeMs, 20);
  assert.equal(cur.sensor('s-2'), undefined);
});

test('a device set or deleted by the waiting delta is what the delta says', () => {
  const cur = deviceState(
    sources(
      { 'map:cameras': { 'c-1': camera('c-1') } },
      { 'map:cameras': { del: ['c-1'], set: { 'c-2': camera('c-2') } } },
    ),
  );
  assert.equal(cur.camera('c-1'), undefined);
  assert.equal(cur.camera('c-2')?.id, 'c-2');
});

test('nothing cached: every device is unknown', () => {
  const cur = deviceState(sources({}));
  assert.equal(cur.sensor('s-1'), undefined);
  assert.equal(cur.camera('c-1'), undefined);
  assert.equal(cur.hasEvent('e-1'), false);
});

test("an event is known from the feed or from the delta waiting for it; times and registrations are the node's", () => {
  const ev = { eventId: 'e-1', cameraId: 'c-1', type: 'fire', severity: 3, plate: null, timeMs: 1 };
  assert.equal(deviceState(sources({ 'events:cameras': [ev] })).hasEvent('e-1'), true);
  const cur = deviceState(
    sources({ 'events:cameras': [] }, { 'events:cameras': { add: [{ ...ev, eventId: 'e-2' }] } }),
  );
  assert.equal(cur.hasEvent('e-2'), true);
  assert.equal(cur.hasEvent('e-1'), false);
  assert.equal(cur.metricTime('s-1', 'pm25'), 10);
  assert.equal(cur.metricTime('s-1', 'no2'), undefined);
  assert.equal(cur.registeredAt('sensor/s-1'), 5);
  assert.equal(cur.wants('sensor:s-1'), true);
  assert.equal(cur.wants('sensor:s-9'), false);
});
