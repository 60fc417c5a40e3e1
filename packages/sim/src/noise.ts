/**
 * The OCR noise model: what a camera's recognizer does to a true plate. Each kind of error is an
 * independent draw with its own configurable rate, so a test can check the observed rates
 * against the settings, and the confidence it reports is lower when it got the plate wrong, as
 * real engines' are (which is why a hit still needs a person to verify it).
 */
import type { Rng } from './random.ts';
import { STATE_LOOKALIKES } from './plates.ts';

/** Rates, each a probability per vehicle pass (0–1). */
export interface NoiseSettings {
  /** The vehicle passes and no read is emitted (occluded, glare, too fast). */
  missRate: number;
  /** One character becomes its look-alike from `CONFUSIONS` (when the plate has one). */
  confusionRate: number;
  /** One character is lost. */
  dropRate: number;
  /** A stray character is added (a bolt, a frame's lettering, a sticker). */
  extraRate: number;
  /** The state is read as a neighbour or a look-alike design. */
  wrongStateRate: number;
  /** The state is not recognized at all. */
  noStateRate: number;
  /** When the text is wrong, how often the true plate is still among the alternative candidates. */
  truthInCandidatesRate: number;
}

/** Rates in the range field reports give for fixed cameras in fair conditions. */
export const DEFAULT_NOISE: Readonly<NoiseSettings> = {
  missRate: 0.04,
  confusionRate: 0.05,
  dropRate: 0.015,
  extraRate: 0.005,
  wrongStateRate: 0.02,
  noStateRate: 0.04,
  truthInCandidatesRate: 0.6,
};

/** Characters recognizers confuse, each with what it is misread as. Nothing outside this table is ever substituted. */
export const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  O: ['0'],
  '0': ['O', 'D'],
  D: ['0'],
  I: ['1'],
  '1': ['I'],
  B: ['8'],
  '8': ['B'],
  S: ['5'],
  '5': ['S'],
  Z: ['2'],
  '2': ['Z'],
  G: ['6'],
  '6': ['G'],
};

/** One kind of error applied to a read. */
export type NoiseError = 'confusion' | 'drop' | 'extra' | 'wrong_state' | 'no_state';

/** A candidate reading, best first after the main one. */
export interface ObservedCandidate {
  plate: string;
  confidence: number;
}

/** What the camera reports for one pass, with the truth it came from. */
export interface Observation {
  missed: boolean;
  /** The text read; '' when missed. */
  plate: string;
  state?: string;
  /** 0–1. */
  confidence: number;
  candidates: ObservedCandidate[];
  /** The text differs from the true plate. */
  corrupted: boolean;
  errors: NoiseError[];
}

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Swaps one confusable character of `text` for its look-alike; undefined when none is confusable. */
export function confuseOne(rng: Rng, text: string): string | undefined {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (CONFUSIONS[text[i]]) positions.push(i);
  if (positions.length === 0) return undefined;
  const i = rng.pick(positions);
  return text.slice(0, i) + rng.pick(CONFUSIONS[text[i]]) + text.slice(i + 1);
}

/**
 * One camera's reading of a true plate and state. Pure given `rng`: the same draws give the same
 * observation.
 * @example
 * const o = observePlate(createRng(7, 'read:1'), { plate: 'BSD1208', state: 'TX' }, DEFAULT_NOISE);
 * if (!o.missed) post(o.plate, o.confidence);
 */
export function observePlate(rng: Rng, truth: { plate: string; state: string }, s: NoiseSettings = DEFAULT_NOISE): Observation {
  if (rng.chance(s.missRate)) return { missed: true, plate: '', confidence: 0, candidates: [], corrupted: false, errors: [] };
  const errors: NoiseError[] = [];
  let text = truth.plate;
  if (rng.chance(s.confusionRate)) {
    const confused = confuseOne(rng, text);
    if (confused !== undefined) {
      text = confused;
      errors.push('confusion');
    }
  }
  if (rng.chance(s.dropRate) && text.length > 2) {
    const i = rng.int(0, text.length - 1);
    text = text.slice(0, i) + text.slice(i + 1);
    errors.push('drop');
  }
  if (rng.chance(s.extraRate)) {
    const i = rng.int(0, text.length);
    text = text.slice(0, i) + rng.pick([...ALNUM]) + text.slice(i);
    errors.push('extra');
  }
  let state: string | undefined = truth.state;
  const r = rng.next();
  if (r < s.wrongStateRate) {
    state = rng.pick(STATE_LOOKALIKES[truth.state] ?? ['OK']);
    errors.push('wrong_state');
  } else if (r < s.wrongStateRate + s.noStateRate) {
    state = undefined;
    errors.push('no_state');
  }
  const corrupted = text !== truth.plate;
  const textErrors = errors.filter((e) => e === 'confusion' || e === 'drop' || e === 'extra').length;
  // confidence tracks how hard the plate was to read: each text error lowers it, so a low score
  // is the verifier's cue, but the ranges overlap, as on real engines
  const confidence = round3(
    corrupted ? clamp(rng.normal(0.78 - 0.07 * (textErrors - 1), 0.08), 0.3, 0.97) : clamp(rng.normal(0.91, 0.04), 0.6, 0.995),
  );
  const candidates: ObservedCandidate[] = [];
  if (corrupted && rng.chance(s.truthInCandidatesRate)) candidates.push({ plate: truth.plate, confidence: round3(clamp(confidence * rng.normal(0.9, 0.03), 0, 1)) });
  const alt = confuseOne(rng, text);
  if (alt !== undefined && alt !== truth.plate) candidates.push({ plate: alt, confidence: round3(clamp(confidence * rng.normal(0.75, 0.05), 0, 1)) });
  return { missed: false, plate: text, state, confidence, candidates, corrupted, errors };
}
