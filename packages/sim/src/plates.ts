/**
 * US passenger plate formats by state. `@` is a serial letter, `#` a digit. Most states leave
 * I, O and Q out of serials because they read as 1 and 0; that is also why the OCR noise model's
 * letter/digit confusions matter to matching.
 */
import type { Rng } from './random.ts';

/** A state's current passenger formats and the letters its serials use. */
export interface PlateFormat {
  state: string;
  patterns: readonly string[];
  letters: string;
}

const NO_IOQ = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const NO_IOQU = 'ABCDEFGHJKLMNPRSTVWXYZ';

/** The formats the simulator issues. Synthetic serials only; no real registration is implied. */
export const PLATE_FORMATS: readonly PlateFormat[] = [
  { state: 'TX', patterns: ['@@@####'], letters: NO_IOQU },
  { state: 'CA', patterns: ['#@@@###'], letters: NO_IOQ },
  { state: 'NY', patterns: ['@@@####'], letters: NO_IOQ },
  { state: 'FL', patterns: ['@@@@##', '###@@@'], letters: NO_IOQ },
  { state: 'IL', patterns: ['@@#####'], letters: NO_IOQ },
  { state: 'NJ', patterns: ['@##@@@'], letters: NO_IOQ },
  { state: 'MA', patterns: ['#@@@##'], letters: NO_IOQ },
  { state: 'MD', patterns: ['#@@####'], letters: NO_IOQ },
  { state: 'OK', patterns: ['@@@###'], letters: NO_IOQ },
  { state: 'LA', patterns: ['###@@@'], letters: NO_IOQ },
];

const DIGITS = '0123456789';
const BY_STATE = new Map(PLATE_FORMATS.map((f) => [f.state, f]));

/** The states with a known format. */
export const PLATE_STATES: readonly string[] = PLATE_FORMATS.map((f) => f.state);

/**
 * A new plate in one of `state`'s formats; an unknown state gets the Texas format.
 * @example
 * generatePlate(createRng(1), 'CA'); // e.g. '7KDP305'
 */
export function generatePlate(rng: Rng, state: string): string {
  const f = BY_STATE.get(state) ?? BY_STATE.get('TX')!;
  const pattern = rng.pick(f.patterns);
  // An index loop and a digit table: the bulk generator issues millions of plates.
  let out = '';
  for (let k = 0; k < pattern.length; k++) out += pattern[k] === '#' ? DIGITS[rng.int(0, 9)] : f.letters[rng.int(0, f.letters.length - 1)];
  return out;
}

/** True when `plate` fits one of `state`'s formats (letters from its serial alphabet). */
export function isValidPlate(plate: string, state: string): boolean {
  const f = BY_STATE.get(state);
  if (!f || typeof plate !== 'string') return false;
  return f.patterns.some(
    (p) => p.length === plate.length && [...p].every((ch, i) => (ch === '#' ? /[0-9]/.test(plate[i]) : f.letters.includes(plate[i]))),
  );
}

/** States a camera plausibly reads instead of the true one: neighbours and look-alike designs. */
export const STATE_LOOKALIKES: Readonly<Record<string, readonly string[]>> = {
  TX: ['OK', 'LA', 'NM', 'AR'],
  CA: ['NV', 'AZ', 'OR'],
  NY: ['NJ', 'PA', 'CT'],
  FL: ['GA', 'AL'],
  IL: ['IN', 'WI', 'MO'],
  NJ: ['NY', 'PA', 'DE'],
  MA: ['RI', 'NH', 'CT'],
  MD: ['VA', 'DE', 'PA'],
  OK: ['TX', 'KS', 'AR'],
  LA: ['TX', 'MS', 'AR'],
};
