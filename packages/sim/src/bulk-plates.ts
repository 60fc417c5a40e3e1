/**
 * Millions of distinct plates for the bulk data sets: each drawn as the fleet draws its plates (a
 * state, mostly the city's home state, then `generatePlate` in that state's format), kept only
 * when no plate of the set is already spelled the same way. Distinctness is checked on a numeric
 * key in a flat hash table, because a `Set` of millions of strings costs microseconds an insert.
 */
import { generatePlate, PLATE_STATES } from './plates.ts';
import type { Rng } from './random.ts';

/** The plate as a number: base 37, one digit a character (0–9 → 1–10, A–Z → 11–36). Up to 10 characters. */
export function plateKey(plate: string): number {
  if (plate.length > 10) throw new RangeError(`plate ${plate} is longer than 10 characters`);
  let key = 0;
  for (let k = plate.length - 1; k >= 0; k--) {
    const c = plate.charCodeAt(k);
    key = key * 37 + (c <= 57 ? c - 47 : c - 54);
  }
  return key;
}

/** A set of plate keys: open addressing over a Float64Array, 0 marking an empty slot. */
export class PlateKeySet {
  private table: Float64Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.table = new Float64Array(cap);
    this.mask = cap - 1;
  }

  private slot(key: number): number {
    let h = Math.imul((key >>> 0) ^ Math.imul(Math.floor(key / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.table[i] !== 0 && this.table[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  has(key: number): boolean {
    return this.table[this.slot(key)] === key;
  }

  /** Adds `key`; false when it was there already. */
  add(key: number): boolean {
    const i = this.slot(key);
    if (this.table[i] === key) return false;
    this.table[i] = key;
    if (++this.size * 2 > this.table.length) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (const key of old) if (key !== 0) this.table[this.slot(key)] = key;
  }
}

/** Where plates come from: `homeShare` of them from `homeState`, the rest spread over the other states. */
export interface StateMix {
  homeState: string;
  homeShare: number;
}

/** An index into PLATE_STATES drawn by the mix. */
export function drawState(rng: Rng, mix: StateMix): number {
  const home = PLATE_STATES.indexOf(mix.homeState);
  if (home < 0) throw new RangeError(`no plate format for home state ${mix.homeState}`);
  if (rng.chance(mix.homeShare) || PLATE_STATES.length === 1) return home;
  const k = rng.int(0, PLATE_STATES.length - 2);
  return k >= home ? k + 1 : k;
}

/**
 * `count` new plates, none spelled like a plate already in `taken` (which gains them), with the
 * index into PLATE_STATES of each plate's state.
 * @example
 * const { plates, states } = drawPlates(createRng(1, 'plates'), 3, { homeState: 'TX', homeShare: 0.86 }, new PlateKeySet());
 * // plates ['BSD1208', …], PLATE_STATES[states[0]] === 'TX'
 */
export function drawPlates(rng: Rng, count: number, mix: StateMix, taken: PlateKeySet): { plates: string[]; states: Uint8Array } {
  const plates: string[] = [];
  const states = new Uint8Array(count);
  // Bounded: the formats hold billions of plates, so a repeat is rare.
  for (let guard = 0; plates.length < count && guard < 20 * count + 1000; guard++) {
    const s = drawState(rng, mix);
    const plate = generatePlate(rng, PLATE_STATES[s]);
    if (!taken.add(plateKey(plate))) continue;
    states[plates.length] = s;
    plates.push(plate);
  }
  if (plates.length < count) throw new Error(`could only draw ${plates.length} of ${count} distinct plates`);
  return { plates, states };
}
