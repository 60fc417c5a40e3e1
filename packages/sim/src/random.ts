/**
 * A small seeded pseudo-random generator (mulberry32), so one seed gives one city and one event
 * stream on every machine. `Math.random` is never used in the simulator: a replay must be exact.
 */

/** A seeded random source with the few draws the simulator needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** Normally distributed (Box–Muller), mean `mean`, standard deviation `sd`. */
  normal(mean: number, sd: number): number;
}

/** FNV-1a of a string: turns labels such as `vehicle:42:day:3` into independent sub-seeds. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A generator for `seed` and an optional label. A label gives a stream of its own, so the draws of
 * one vehicle on one day do not depend on how many draws other vehicles made before it; that is
 * what keeps the event stream identical however the clock slices time into ticks.
 * @example
 * const rng = createRng(42, 'city');
 * rng.int(1, 6); // the same on every run
 */
export function createRng(seed: number, label = ''): Rng {
  let a = (hashSeed(`${seed >>> 0}/${label}`) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    normal(mean, sd) {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * Shuffles `list` in place (Fisher–Yates) and returns it; typed arrays too, for millions of rows.
 * @example
 * shuffle(createRng(1, 'order'), [1, 2, 3]); // the same order on every run
 */
export function shuffle<T extends { length: number; [i: number]: unknown }>(rng: Rng, list: T): T {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = list[i];
    list[i] = list[j];
    list[j] = t;
  }
  return list;
}

/** 0 … n−1 in a seeded order. */
export function permutation(rng: Rng, n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return shuffle(rng, a);
}
