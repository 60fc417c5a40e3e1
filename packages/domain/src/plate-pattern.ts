/**
 * Plate search patterns and fuzzy plate comparison over normalized plates (A–Z, 0–9).
 */
import type { MatchKind } from './types.ts';
import { ocrFoldCode } from './plate.ts';

/** A search box entry that cannot be turned into a plate query; the message says what to change. */
export class PlatePatternError extends Error {
  override readonly name = 'PlatePatternError';
}

export type PlateQuery = { kind: 'exact'; plate: string } | { kind: 'pattern'; pattern: string };

/** Longer queries cannot match a real plate; the cap also bounds pattern matching cost. */
const MAX_QUERY_LENGTH = 32;
const MIN_PATTERN_LITERALS = 2;

function isPlateCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/**
 * Parses what a user typed in the plate search box.
 * `?` stands for exactly one character and `*` for any run (also empty). Letters are upper-cased,
 * spaces and hyphens dropped. Wildcard runs are written canonically (`*?*` → `?*`), so equal
 * queries compare equal. A pattern needs at least 2 known characters.
 * @throws PlatePatternError on an unsupported character, an empty or too long query, or a too broad pattern.
 * @example parsePlateQuery('abc-12?') // { kind: 'pattern', pattern: 'ABC12?' }
 * @example parsePlateQuery('abc 123') // { kind: 'exact', plate: 'ABC123' }
 */
export function parsePlateQuery(input: string): PlateQuery {
  let out = '';
  let literals = 0;
  let wildcard = false;
  let pendingOne = 0;
  let pendingRun = false;
  const flush = (): void => {
    out += '?'.repeat(pendingOne) + (pendingRun ? '*' : '');
    pendingOne = 0;
    pendingRun = false;
  };
  for (const ch of input) {
    if (ch === '-' || /^\s$/u.test(ch)) continue;
    let c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) c -= 32;
    if (isPlateCode(c)) {
      flush();
      out += String.fromCharCode(c);
      literals++;
    } else if (ch === '?') {
      pendingOne++;
      wildcard = true;
    } else if (ch === '*') {
      pendingRun = true;
      wildcard = true;
    } else {
      throw new PlatePatternError(
        `The character "${ch}" cannot be searched: use letters, digits, ? for one unknown character and * for any run.`,
      );
    }
  }
  flush();
  if (out.length === 0) throw new PlatePatternError('Enter a plate or a pattern such as ABC12?.');
  if (out.length > MAX_QUERY_LENGTH) {
    throw new PlatePatternError(`A plate query is at most ${MAX_QUERY_LENGTH} characters; this one has ${out.length}.`);
  }
  if (!wildcard) return { kind: 'exact', plate: out };
  if (literals < MIN_PATTERN_LITERALS) {
    throw new PlatePatternError(
      `The pattern "${out}" is too broad: give at least ${MIN_PATTERN_LITERALS} known letters or digits.`,
    );
  }
  return { kind: 'pattern', pattern: out };
}

/**
 * Compiles a pattern from `parsePlateQuery` into a matcher of normalized plates.
 * The matcher allocates nothing per call: a length pre-check, then a regex compiled once.
 * @throws PlatePatternError when the pattern holds a character other than A–Z, 0–9, `?` and `*`.
 * @example compilePlatePattern('AB?1*')('ABC123') // true
 */
export function compilePlatePattern(pattern: string): (plate: string) => boolean {
  let source = '^';
  let fixed = 0;
  let run = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (isPlateCode(c)) {
      source += pattern[i];
      fixed++;
    } else if (c === 63 /* ? */) {
      source += '[A-Z0-9]';
      fixed++;
    } else if (c === 42 /* * */) {
      if (pattern.charCodeAt(i - 1) !== 42) source += '[A-Z0-9]*';
      run = true;
    } else {
      throw new PlatePatternError(`The pattern "${pattern}" holds "${pattern[i]}"; only A–Z, 0–9, ? and * are allowed.`);
    }
  }
  const re = new RegExp(source + '$');
  if (!run) return (plate) => plate.length === fixed && re.test(plate);
  return (plate) => plate.length >= fixed && re.test(plate);
}

/**
 * Kernel of fuzzy matching: 0 = OCR-equal, 1 = one insertion, deletion or substitution apart
 * (after OCR folding), 2 = further. Allocation-free, linear, exits early on length.
 */
function foldedEditDistanceUpToOne(a: string, b: string): 0 | 1 | 2 {
  if (a.length < b.length) [a, b] = [b, a];
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1) return 2;
  let i = 0;
  while (i < lb && ocrFoldCode(a.charCodeAt(i)) === ocrFoldCode(b.charCodeAt(i))) i++;
  if (i === lb) return la === lb ? 0 : 1;
  // Same length: only a substitution at i keeps the distance at one; else a's extra character is at i.
  const shift = la === lb ? 1 : 0;
  for (let k = i + shift; k < lb; k++) {
    if (ocrFoldCode(a.charCodeAt(k + 1 - shift)) !== ocrFoldCode(b.charCodeAt(k))) return 2;
  }
  return 1;
}

/**
 * True when the two normalized plates are at most one edit apart after OCR folding
 * (Levenshtein distance of their `ocrKey`s ≤ 1): exact, OCR-equivalent and one-edit readings.
 * @example isFuzzyMatch('ABC123', 'A8C12') // true: B/8 fold, one deletion
 */
export function isFuzzyMatch(query: string, plate: string): boolean {
  return foldedEditDistanceUpToOne(query, plate) < 2;
}

/**
 * How a read's plate matches a listed plate, or null when it does not:
 * 'exact' (same text), 'ocr-equivalent' (same `ocrKey`), 'one-edit' (`ocrKey`s one edit apart).
 * @example classifyMatch('8OB123', 'BOB123') // 'ocr-equivalent'
 */
export function classifyMatch(readPlate: string, listPlate: string): MatchKind | null {
  if (readPlate === listPlate) return 'exact';
  const d = foldedEditDistanceUpToOne(readPlate, listPlate);
  return d === 0 ? 'ocr-equivalent' : d === 1 ? 'one-edit' : null;
}
