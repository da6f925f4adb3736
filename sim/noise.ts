/**
 * Smooth 1-D value noise over time. Real sensors drift and wander; white noise on every
 * reading would make every chart look like static and every alarm threshold flap.
 * Lattice values come from keyed hashes, so noise at a time is a pure function of it.
 */
import { unitHash } from './rng';

/** Noise in [-1, 1] at position `x` (one lattice cell per unit), smooth everywhere. */
export function valueNoise(key: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const a = unitHash(key, i) * 2 - 1;
  const b = unitHash(key, i + 1) * 2 - 1;
  const s = f * f * (3 - 2 * f); // smoothstep: no kinks at lattice points
  return a + (b - a) * s;
}

/** Fractal noise: slow wander plus finer detail, roughly in [-1, 1]. */
export function fbm(key: number, x: number, octaves = 3): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let freq = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(key + o * 7919, x * freq);
    norm += amp;
    amp *= 0.5;
    freq *= 2.03; // not exactly 2, so octaves do not line up on the same lattice points
  }
  return sum / norm;
}

/** A bump centred on `centre` with width `sigma` (same unit), peak 1. */
export function bump(x: number, centre: number, sigma: number): number {
  const d = (x - centre) / sigma;
  return Math.exp(-0.5 * d * d);
}

/** A bump on the 24-hour clock (wraps at midnight): a rush hour centred on `centre` o'clock. */
export function hourBump(hour: number, centre: number, sigma: number): number {
  const d = ((hour - centre + 36) % 24) - 12;
  return Math.exp(-0.5 * (d / sigma) ** 2);
}
