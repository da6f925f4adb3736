import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayPublish, publisherOf, topicOwner, PUBLISHER_PROPERTY } from './identity';
import { parseTopic } from './topics';

test('mayPublish is the rule of deploy/mosquitto.acl: own id, the four leaves, or the own indicator source', () => {
  const allowed = [
    'city/haiphong/camera/cam-001/meta',
    'city/haiphong/camera/cam-001/status',
    'city/haiphong/camera/cam-001/event',
    'city/haiphong/sensor/cam-001/telemetry',
    'city/haiphong/case/cam-001/event',
    'city/haiphong/task/cam-001/event',
    'city/haiphong/indicator/cam-001/pm25_avg',
    'city/haiphong/indicator/cam-001/pm25_avg/meta',
  ];
  for (const t of allowed) assert.equal(mayPublish('cam-001', t, 'haiphong'), true, t);
  const refused = [
    'city/haiphong/camera/cam-002/status',
    'city/haiphong/camera/cam-0011/status',
    'city/haiphong/camera/cam-00/status',
    'city/other/camera/cam-001/status',
    'city/haiphong/camera/cam-001/status/x',
    'city/haiphong/camera/cam-001/config',
    'city/haiphong/camera/cam-001',
    'city/haiphong/indicator/cam-001',
    'city/haiphong/indicator/cam-001//meta',
    '$SYS/broker/x',
    'x/haiphong/camera/cam-001/status',
    'city/haiphong/camera/+/status',
  ];
  for (const t of refused) assert.equal(mayPublish('cam-001', t, 'haiphong'), false, t);
});

test('topicOwner names the id in the topic that must be the publisher', () => {
  const owner = (t: string) => {
    const p = parseTopic(t, 'haiphong');
    assert.ok(p.ok, t);
    return topicOwner(p.topic);
  };
  assert.equal(owner('city/haiphong/camera/cam-1/event'), 'cam-1');
  assert.equal(owner('city/haiphong/sensor/s-1/telemetry'), 's-1');
  assert.equal(owner('city/haiphong/document/so-tp/event'), 'so-tp');
  assert.equal(owner('city/haiphong/indicator/src-1/key-1/meta'), 'src-1');
});

test('publisherOf reads the user property; several different values name nobody', () => {
  assert.equal(publisherOf(undefined), undefined);
  assert.equal(publisherOf({ other: 'x' }), undefined);
  assert.equal(publisherOf({ [PUBLISHER_PROPERTY]: 'cam-1' }), 'cam-1');
  assert.equal(publisherOf({ [PUBLISHER_PROPERTY]: ['cam-1', 'cam-1'] }), 'cam-1');
  assert.equal(publisherOf({ [PUBLISHER_PROPERTY]: ['cam-1', 'cam-2'] }), 'cam-1,cam-2');
});
