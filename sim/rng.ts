/**
 * Seeded randomness. Every random choice of the simulator is *keyed* (seed + entity +
 * time slot) instead of drawn from one long sequence, so what happens at 08:00 does not
 * depend on how the timeline was cut into ticks: a live run with 1 s ticks, a backfill
 * with 1 h chunks and a unit test all see the same city.
 */

/** A 32-bit mix of numbers and strings (FNV-1a over the parts, then a murmur3 finaliser). */
export function hash32(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Numbers go in as two 32-bit halves so slot indexes beyond 2^32 still differ.
      h = Math.imul(h ^ (part >>> 0), 0x01000193);
      h = Math.imul(h ^ Math.floor(part / 0x1_0000_0000), 0x01000193);
    } else {
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
    h = Math.imul(h ^ 0xff, 0x01000193); // separator: ("ab","c") ≠ ("a","bc")
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) from the parts: one keyed draw, no generator needed. */
export function unitHash(...parts: readonly (number | string)[]): number {
  return hash32(...parts) / 0x1_0000_0000;
}

/** mulberry32: tiny, fast, good enough for a simulator (not for cryptography). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((s, it) => s + Math.max(0, weight(it)), 0);
    let r = this.next() * total;
    for (const it of items) {
      r -= Math.max(0, weight(it));
      if (r < 0) return it;
    }
    return items[items.length - 1]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) is -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Poisson count; Knuth's method for small means, a rounded normal above 30 (fine here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/** A generator for one keyed situation, e.g. `rngFor(seed, 'cam-007', minute)`. */
export function rngFor(...parts: readonly (number | string)[]): Rng {
  return new Rng(hash32(...parts));
}
