import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertWireValid, testModel } from '../test-fixture';
import { metaMessages } from './sensor-meta';

test('one retained meta per sensor and camera, all valid on the wire', () => {
  const model = testModel();
  const metas = metaMessages(model);
  assert.equal(metas.length, model.sensors.length + model.cameras.length);
  assert.ok(metas.every((m) => m.retain === true));
  const kinds = assertWireValid(metas).map((c) => c.kind);
  assert.equal(kinds.filter((k) => k === 'sensor_meta').length, model.sensors.length);
  assert.equal(kinds.filter((k) => k === 'camera_meta').length, model.cameras.length);
  assert.equal(new Set(metas.map((m) => m.topic)).size, metas.length);
});

test('camera metas carry road and ward, and stream_url only where a stream exists', () => {
  const model = testModel();
  for (const m of metaMessages(model).filter((x) => x.topic.includes('/camera/'))) {
    const p = m.payload as { road?: string; ward?: string; stream_url?: string };
    const cam = model.cameras.find((c) => m.topic.endsWith(`/${c.id}/meta`))!;
    assert.equal(p.road, cam.road);
    assert.equal(p.ward, cam.ward.fullName);
    assert.equal(p.stream_url, cam.streamUrl);
  }
});
