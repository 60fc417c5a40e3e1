/**
 * US-style plate numbers: a weighted mix of states, each with its common passenger format(s),
 * written with `L` = letter, `D` = digit. Plates are normalized (A–Z, 0–9, no spaces), as the
 * platform stores them. Letters I, O and Q are left out of the letter positions, as most states do.
 */
import { cumulative, pickCumulative, type Rng } from './rng.ts';

/** States in the data set, with their share of the traffic (Ohio first: the cameras are in Columbus). */
export const STATES: readonly string[] = ['OH', 'IN', 'MI', 'PA', 'KY', 'WV', 'IL', 'NY', 'CA', 'TX', 'FL'];
const STATE_WEIGHTS = [70, 5, 5, 4, 3, 2, 3, 2, 2, 2, 2];

/** Plate formats: `L` a letter, `D` a digit. Nine formats; each state uses one or two. */
export const PLATE_FORMATS: readonly string[] = [
  'LLLDDDD', // OH, PA, NY, TX, MI
  'DDDLLL', // IN, KY
  'LLLDDD', // KY, WV
  'DLLLDDD', // CA
  'LLLLDD', // FL
  'DLDDDD', // IL-like
  'LDDDDDD', // IL-like
  'LLDDDDD', // MI, WV
  'DDDLLLL', // MI specialty
];

/** Format indices by state, index-aligned with STATES. */
const STATE_FORMATS: readonly (readonly number[])[] = [
  [0, 0, 0, 8], // OH: mostly ABC1234
  [1], // IN
  [0, 7, 8], // MI
  [0], // PA
  [1, 2], // KY
  [2, 7], // WV
  [5, 6], // IL
  [0], // NY
  [3], // CA
  [0], // TX
  [4], // FL
];

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const DIGITS = '0123456789';
const STATE_CUM = cumulative(STATE_WEIGHTS);

/** A state index drawn by traffic share. */
export function randomStateIndex(rng: Rng): number {
  return pickCumulative(STATE_CUM, rng.next());
}

/** One plate of `format`. */
export function randomPlate(rng: Rng, format: string): string {
  let s = '';
  for (let i = 0; i < format.length; i++) s += format[i] === 'L' ? LETTERS[rng.int(LETTERS.length)] : DIGITS[rng.int(10)];
  return s;
}

/** A plate in one of a random state's formats. */
export function randomStatePlate(rng: Rng): string {
  const f = STATE_FORMATS[randomStateIndex(rng)];
  return randomPlate(rng, PLATE_FORMATS[f[rng.int(f.length)]]);
}

/**
 * `count` distinct plates, none of them already in `taken` (which is updated), in random order.
 * @example distinctPlates(createRng(1), 3, new Set()) // ['GKT4821', '218BXR', 'HMR3309']
 */
export function distinctPlates(rng: Rng, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  // Bounded: the formats hold billions of plates, so duplicates are rare.
  for (let guard = 0; out.length < count && guard < 20 * count + 1000; guard++) {
    const p = randomStatePlate(rng);
    if (taken.has(p)) continue;
    taken.add(p);
    out.push(p);
  }
  if (out.length < count) throw new Error(`could only draw ${out.length} of ${count} distinct plates`);
  return out;
}
