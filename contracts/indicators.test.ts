import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indicatorTone } from './indicators';

test('indicator tone: target and warning level in the better direction', () => {
  const lower = { direction: 'lower_is_better' as const, target: 15, warn: 25 };
  assert.deepEqual(
    [10, 15, 20, 25, 26].map((v) => indicatorTone(lower, v)),
    ['good', 'good', 'warn', 'warn', 'bad'],
  );
  const higher = { direction: 'higher_is_better' as const, target: 90, warn: 80 };
  assert.deepEqual(
    [95, 90, 85, 79].map((v) => indicatorTone(higher, v)),
    ['good', 'good', 'warn', 'bad'],
  );
  assert.equal(indicatorTone({ ...higher, warn: null }, 85), 'bad', 'only a target: good or red');
  assert.deepEqual(
    [10, 60].map((v) => indicatorTone({ ...lower, target: null, warn: 50 }, v)),
    ['neutral', 'bad'],
    'only a warning level',
  );
  assert.equal(indicatorTone({ direction: null, target: 1, warn: 2 }, 5), 'neutral', 'no meta yet');
  assert.equal(indicatorTone(lower, null), 'neutral');
});
