/**
 * The rule index answers what a scan of every rule answers: for any reading, the same threshold
 * rules (ids, kinds, both, neither; disabled ones never); for any event type, the rules listing it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alarmRulesSchema, type ThresholdRule } from '../contracts/alarm-rules';
import { RuleIndex } from './rule-index';

const name = { vi: 'Quy tắc', en: 'Rule' };
const sensors = Array.from({ length: 40 }, (_, i) => `s-${i}`);
const kinds = ['air', 'water', 'noise', null];
const metrics = ['pm25', 'pm10', 'water_level_cm'];

/** A deterministic spread of every filter shape. */
function rules(): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 120; i++) {
    const scope =
      i % 4 === 0
        ? {}
        : i % 4 === 1
          ? { sensorKinds: [kinds[i % 3]!] }
          : i % 4 === 2
            ? { sensorIds: sensors.filter((_, j) => (i + j) % 7 === 0) }
            : { sensorIds: sensors.filter((_, j) => (i * j) % 5 === 1), sensorKinds: [kinds[i % 2]!, 'noise'] };
    out.push({
      id: `t-${i}`,
      name,
      severity: 1,
      kind: 'threshold',
      metric: metrics[i % 3],
      op: 'above',
      value: 10,
      enabled: i % 11 !== 0,
      ...scope,
    });
  }
  out.push({ id: 'c-1', name, severity: 3, kind: 'camera_event', types: ['accident', 'fire'] });
  out.push({ id: 'c-2', name, severity: 3, kind: 'camera_event', types: ['fire'], minSeverity: 2 });
  out.push({ id: 'c-3', name, severity: 3, kind: 'camera_event', types: ['crowd'], enabled: false });
  out.push({ id: 'o-1', name, severity: 1, kind: 'offline', deviceType: 'camera', minutes: 5 });
  return out;
}

function scan(all: readonly ThresholdRule[], metric: string, sensor: string, kind: string | null): string[] {
  return all
    .filter(
      (r) =>
        r.enabled &&
        r.metric === metric &&
        (!r.sensorIds || r.sensorIds.includes(sensor)) &&
        (!r.sensorKinds || (kind !== null && r.sensorKinds.includes(kind))),
    )
    .map((r) => r.id)
    .sort();
}

test('every reading gets the threshold rules a scan of all rules would give it', () => {
  const parsed = alarmRulesSchema.parse(rules());
  const index = new RuleIndex(parsed);
  const thresholds = parsed.filter((r): r is ThresholdRule => r.kind === 'threshold');
  let matched = 0;
  for (const metric of [...metrics, 'noise_db'])
    for (const sensor of [...sensors, 'unknown'])
      for (const kind of kinds) {
        const got = index
          .thresholdsFor(metric, sensor, kind)
          .map((r) => r.id)
          .sort();
        assert.deepEqual(got, scan(thresholds, metric, sensor, kind), `${metric} ${sensor} ${kind}`);
        matched += got.length;
      }
  assert.ok(matched > 1000, 'the spread exercises the index');
  assert.deepEqual([...index.metrics].sort(), [...metrics].sort());
});

test('camera events go to the enabled rules listing their type; lookups by id see enabled rules only', () => {
  const index = new RuleIndex(alarmRulesSchema.parse(rules()));
  assert.deepEqual(
    index.cameraRulesFor('fire').map((r) => r.id),
    ['c-1', 'c-2'],
  );
  assert.deepEqual(index.cameraRulesFor('crowd'), []);
  assert.deepEqual([...index.eventTypes].sort(), ['accident', 'fire']);
  assert.equal(index.rule('o-1')?.kind, 'offline');
  assert.equal(index.rule('c-3'), undefined);
  assert.equal(index.offline.length, 1);
});
