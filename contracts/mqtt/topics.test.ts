import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTopic, topics } from './topics';

test('every builder round-trips through the parser', () => {
  const c = 'haiphong';
  const cases = [
    [topics.sensorMeta(c, 'air-001'), { kind: 'sensor_meta', sensorId: 'air-001' }],
    [topics.sensorTelemetry(c, 'air-001'), { kind: 'sensor_telemetry', sensorId: 'air-001' }],
    [topics.cameraMeta(c, 'cam-1'), { kind: 'camera_meta', cameraId: 'cam-1' }],
    [topics.cameraStatus(c, 'cam-1'), { kind: 'camera_status', cameraId: 'cam-1' }],
    [topics.cameraEvent(c, 'cam-1'), { kind: 'camera_event', cameraId: 'cam-1' }],
    [topics.caseEvent(c, 'so-tu-phap'), { kind: 'case_event', agencyId: 'so-tu-phap' }],
    [topics.documentEvent(c, 'so-tu-phap'), { kind: 'document_event', agencyId: 'so-tu-phap' }],
    [topics.indicatorMeta(c, 'soc', 'blocked'), { kind: 'indicator_meta', source: 'soc', key: 'blocked' }],
    [topics.indicatorValue(c, 'soc', 'blocked'), { kind: 'indicator_value', source: 'soc', key: 'blocked' }],
  ] as const;
  for (const [topic, expected] of cases) assert.deepEqual(parseTopic(topic, c), { ok: true, topic: expected }, topic);
});

test('other cities, unknown families, extra levels and bad ids are unknown topics', () => {
  for (const t of [
    'city/hanoi/sensor/a/telemetry',
    'city/haiphong/sensor/a/status',
    'city/haiphong/sensor/a/telemetry/extra',
    'city/haiphong/weather/a/telemetry',
    'city/haiphong/sensor/a b/telemetry',
    'city/haiphong/sensor//telemetry',
    'city/haiphong/indicator/soc/k/other',
    'haiphong/sensor/a/telemetry',
    '',
  ])
    assert.equal(parseTopic(t, 'haiphong').ok, false, t);
});
