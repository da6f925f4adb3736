import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hash32, mulberry32, Rng, rngFor, unitHash } from './rng';
import { fbm, valueNoise } from './noise';

test('the same seed gives the same sequence; another seed another one', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const c = mulberry32(8);
  const seqA = Array.from({ length: 20 }, () => a());
  assert.deepEqual(
    seqA,
    Array.from({ length: 20 }, () => b()),
  );
  assert.notDeepEqual(
    seqA,
    Array.from({ length: 20 }, () => c()),
  );
  for (const x of seqA) assert.ok(x >= 0 && x < 1);
});

test('keyed draws depend on every part and on their boundaries', () => {
  assert.equal(hash32(1, 'cam-001', 5), hash32(1, 'cam-001', 5));
  assert.notEqual(hash32(1, 'cam-001', 5), hash32(1, 'cam-001', 6));
  assert.notEqual(hash32('ab', 'c'), hash32('a', 'bc'));
  // Slot numbers beyond 2^32 (epoch ms) must still differ.
  assert.notEqual(hash32(2 ** 40), hash32(2 ** 40 + 2 ** 32));
  assert.deepEqual(rngFor(3, 'x').float(), rngFor(3, 'x').float());
});

test('unitHash is roughly uniform', () => {
  const bins = new Array<number>(10).fill(0);
  for (let i = 0; i < 20_000; i++) bins[Math.floor(unitHash(42, i) * 10)]!++;
  for (const b of bins) assert.ok(b > 1700 && b < 2300, `bin ${b}`);
});

test('poisson draws have the requested mean, small and large', () => {
  const rng = new Rng(1);
  for (const mean of [0.3, 4, 80]) {
    let sum = 0;
    for (let i = 0; i < 5000; i++) sum += rng.poisson(mean);
    assert.ok(Math.abs(sum / 5000 - mean) < Math.max(0.05, mean * 0.05), `mean ${mean}: got ${sum / 5000}`);
  }
  assert.equal(rng.poisson(0), 0);
});

test('int and weighted stay in range and respect weights', () => {
  const rng = new Rng(2);
  const counts = { a: 0, b: 0 };
  for (let i = 0; i < 4000; i++) {
    const n = rng.int(3, 5);
    assert.ok(n >= 3 && n <= 5 && Number.isInteger(n));
    counts[rng.weighted(['a', 'b'] as const, (k) => (k === 'a' ? 3 : 1))]++;
  }
  assert.ok(counts.a > 2 * counts.b);
});

test('value noise is smooth: nearby positions give nearby values', () => {
  let maxStep = 0;
  for (let x = 0; x < 50; x += 0.01) {
    const v = valueNoise(9, x);
    assert.ok(v >= -1 && v <= 1);
    maxStep = Math.max(maxStep, Math.abs(valueNoise(9, x + 0.01) - v));
  }
  assert.ok(maxStep < 0.05, `largest step ${maxStep}`);
  assert.equal(fbm(5, 3.3), fbm(5, 3.3));
});
