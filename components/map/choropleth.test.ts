import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLUES, classColor, equalBreaks, fixedScale } from './choropleth';

test('equal breaks land on round numbers up to the largest value; counts step by whole numbers', () => {
  assert.deepEqual(equalBreaks([0, 3, 47]).breaks, [10, 20, 30, 40]);
  assert.deepEqual(equalBreaks([0.4, 1.1]).breaks, [0.25, 0.5, 0.75, 1]);
  assert.deepEqual(equalBreaks([1, 0], BLUES, true).breaks, [1, 2, 3, 4], 'no "0 – 0.2 dossiers"');
  assert.deepEqual(equalBreaks([]).breaks, [1, 2, 3, 4], 'an empty map still has a legend');
});

test('a value takes the colour of the first class whose break it does not exceed', () => {
  const scale = fixedScale(
    [25, 50],
    [
      [0, 255, 0],
      [255, 255, 0],
      [255, 0, 0],
    ],
  );
  assert.deepEqual(
    [0, 25, 25.1, 50, 999].map((v) => classColor(scale, v)),
    [
      [0, 255, 0],
      [0, 255, 0],
      [255, 255, 0],
      [255, 255, 0],
      [255, 0, 0],
    ],
  );
  assert.throws(() => fixedScale([1, 2, 3], [[0, 0, 0]]), /one break fewer/);
});
