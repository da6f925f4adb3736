import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import { kpiTargetsSchema, targetTone, trendTone } from './targets';

test('a value is green at or beyond its target, amber at or beyond the warning, red otherwise', () => {
  const onTime = { direction: 'higher' as const, good: 0.95, warn: 0.85 };
  assert.deepEqual(
    [0.97, 0.95, 0.9, 0.85, 0.5].map((v) => targetTone(onTime, v)),
    ['good', 'good', 'warn', 'warn', 'bad'],
  );
  const overdue = { direction: 'lower' as const, good: 0, warn: 10 };
  assert.deepEqual(
    [0, 3, 10, 11].map((v) => targetTone(overdue, v)),
    ['good', 'warn', 'warn', 'bad'],
  );
  assert.equal(targetTone(undefined, 1), 'neutral');
  assert.equal(targetTone(onTime, null), 'neutral');
});

test('a trend is good when it moves the better way', () => {
  assert.equal(trendTone('higher', 2), 'good');
  assert.equal(trendTone('lower', 2), 'bad');
  assert.equal(trendTone('lower', -1), 'good');
  assert.equal(trendTone(undefined, 5), 'neutral');
  assert.equal(trendTone('higher', 0), 'neutral');
});

test("targets whose warning is beyond the goal are refused; the city profile's targets are valid", () => {
  assert.equal(
    kpiTargetsSchema.safeParse({ 'cases.onTimeRate': { direction: 'higher', good: 0.8, warn: 0.9 } }).success,
    false,
  );
  assert.equal(
    kpiTargetsSchema.safeParse({ 'cases.nonsense': { direction: 'higher', good: 1, warn: 0 } }).success,
    false,
  );
  assert.equal(kpiTargetsSchema.safeParse(haiphong.targets).success, true);
});
