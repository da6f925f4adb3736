import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CameraState, SensorState } from '../contracts/channels';
import {
  acknowledgementsChanged,
  alarmsChanged,
  devicesChanged,
  indicatorsEdited,
  type IngestBatch,
} from '../contracts/live';
import { commitDeltas, type CurrentState } from './commit-deltas';

const batch = (over: Partial<IngestBatch> = {}): IngestBatch => ({
  kind: 'batch',
  committedAt: 0,
  counts: {},
  readings: [],
  cameraStatus: [],
  cameraEvents: [],
  devicesChanged: [],
  rejects: 0,
  ...over,
});
const known: SensorState = {
  id: 's-1',
  name: 'Trạm 1',
  kind: 'air',
  lon: 106.6,
  lat: 20.8,
  wardCode: '11311',
  values: { pm25: 30 },
  timeMs: 100,
};
const knownCam: CameraState = {
  id: 'c-1',
  name: 'Cầu Rào',
  road: null,
  lon: null,
  lat: null,
  wardCode: null,
  streamUrl: null,
  online: true,
  statusMs: 100,
  lastEventMs: null,
};

function state(over: Partial<CurrentState> = {}): CurrentState {
  return {
    sensor: (id) => (id === 's-1' ? known : undefined),
    metricTime: (id, metric) => (id === 's-1' && metric === 'pm25' ? 100 : undefined),
    camera: (id) => (id === 'c-1' ? knownCam : undefined),
    wants: () => false,
    ...over,
  };
}
const deltaOf = (r: ReturnType<typeof commitDeltas>, channel: string) =>
  r.deltas.find((d) => d.channel === channel)?.delta;

test('a known sensor gets a patch of its new values; a new one travels whole', () => {
  const r = commitDeltas(
    batch({
      readings: [
        { deviceId: 's-1', metric: 'pm25', value: 41, timeMs: 200 },
        { deviceId: 's-2', metric: 'noise_db', value: 64, timeMs: 150 },
      ],
    }),
    state(),
  );
  assert.deepEqual(deltaOf(r, 'map:sensors'), {
    patch: { 's-1': { values: { pm25: 41 }, timeMs: 200 } },
    set: {
      's-2': {
        id: 's-2',
        name: null,
        kind: null,
        lon: null,
        lat: null,
        wardCode: null,
        values: { noise_db: 64 },
        timeMs: 150,
      },
    },
  });
  assert.deepEqual(r.times.get('s-1'), { pm25: 200 });
});

test('a reading older than the newest known value of its metric is history, not the latest', () => {
  const r = commitDeltas(batch({ readings: [{ deviceId: 's-1', metric: 'pm25', value: 5, timeMs: 50 }] }), state());
  assert.equal(deltaOf(r, 'map:sensors'), undefined);
  assert.equal(r.times.size, 0);
});

test('within one batch the newest reading wins whatever the order', () => {
  const r = commitDeltas(
    batch({
      readings: [
        { deviceId: 's-1', metric: 'pm25', value: 50, timeMs: 300 },
        { deviceId: 's-1', metric: 'pm25', value: 40, timeMs: 250 },
      ],
    }),
    state(),
  );
  assert.deepEqual(deltaOf(r, 'map:sensors'), { patch: { 's-1': { values: { pm25: 50 }, timeMs: 300 } } });
});

test('per-device channels get deltas only where this node produces them, oldest first', () => {
  const readings = [
    { deviceId: 's-1', metric: 'pm25', value: 50, timeMs: 300 },
    { deviceId: 's-1', metric: 'no2', value: 9, timeMs: 200 },
  ];
  assert.equal(deltaOf(commitDeltas(batch({ readings }), state()), 'sensor:s-1'), undefined);
  const r = commitDeltas(batch({ readings }), state({ wants: (c) => c === 'sensor:s-1' }));
  assert.deepEqual(deltaOf(r, 'sensor:s-1'), {
    add: [
      { metric: 'no2', value: 9, timeMs: 200 },
      { metric: 'pm25', value: 50, timeMs: 300 },
    ],
  });
});

test('camera status: newest wins; events go to the feed, the camera and its activity', () => {
  const ev = { eventId: 'e-1', cameraId: 'c-1', type: 'fire', severity: 3, plate: null, timeMs: 180 };
  const r = commitDeltas(
    batch({
      cameraStatus: [
        { cameraId: 'c-1', online: false, timeMs: 90 },
        { cameraId: 'c-2', online: true, timeMs: 120 },
      ],
      cameraEvents: [ev],
    }),
    state({ wants: (c) => c === 'camera:c-1' }),
  );
  assert.deepEqual(deltaOf(r, 'map:cameras'), {
    patch: { 'c-1': { lastEventMs: 180 } },
    set: {
      'c-2': {
        id: 'c-2',
        name: null,
        road: null,
        lon: null,
        lat: null,
        wardCode: null,
        streamUrl: null,
        online: true,
        statusMs: 120,
        lastEventMs: null,
      },
    },
  });
  assert.deepEqual(deltaOf(r, 'events:cameras'), { add: [ev] });
  assert.deepEqual(deltaOf(r, 'camera:c-1'), {
    add: [
      { kind: 'status', online: false, timeMs: 90 },
      { kind: 'event', ...ev },
    ],
  });
});

test('which derived channels a message marks dirty: each kind by its own fields', () => {
  const dirty = (m: Parameters<typeof commitDeltas>[0]) => [...commitDeltas(m, state()).dirty].sort();
  assert.deepEqual(dirty(batch({ counts: { telemetry: 3 } })), ['overview']);
  assert.deepEqual(dirty(batch({ counts: { case_event: 1, document_event: 2 } })), [
    'kpi:cases',
    'kpi:documents',
    'overview',
  ]);
  assert.deepEqual(dirty(batch({ counts: { indicator_value: 1 } })), ['indicators', 'overview']);
  assert.deepEqual(dirty(alarmsChanged(2, 0)), ['alarms', 'overview']);
  assert.deepEqual(dirty(acknowledgementsChanged({ alarms: 1, events: 1 }, 0)), ['alarms', 'events:acks', 'overview']);
  assert.deepEqual(dirty(acknowledgementsChanged({ alarms: 0, events: 1 }, 0)), ['events:acks', 'overview']);
  assert.deepEqual(dirty(acknowledgementsChanged({ alarms: 1, events: 0 }, 0)), ['alarms', 'overview']);
  assert.deepEqual(dirty(indicatorsEdited(0)), ['indicators', 'overview']);
  assert.deepEqual(dirty(devicesChanged(['camera/c-1'], 0)), ['overview']);
});

test('news carries no device data: no deltas', () => {
  for (const m of [
    alarmsChanged(1, 0),
    acknowledgementsChanged({ alarms: 1, events: 1 }, 0),
    indicatorsEdited(0),
    devicesChanged(['sensor/s-1'], 0),
  ])
    assert.deepEqual(commitDeltas(m, state()).deltas, []);
});
