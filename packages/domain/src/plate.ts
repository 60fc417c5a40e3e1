/**
 * Plate text rules shared by ingest, matching and search.
 */

/**
 * Normalizes plate text for matching and search: upper-case, A–Z and 0–9 only.
 * The raw text is kept separately by callers.
 * @example normalizePlate(' abc-123 ') // 'ABC123'
 */
export function normalizePlate(raw: string): string {
  let out = '';
  for (const ch of raw.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) out += ch;
  }
  return out;
}

/**
 * Characters that LPR OCR confuses, folded to one representative each.
 * A plate's OCR key is the same for every reading that differs only by these confusions.
 */
export const OCR_CLASSES: readonly string[] = ['0ODQ', '1IL', '2Z', '5S', '6G', '8B'];

const FOLD: Record<string, string> = {};
for (const cls of OCR_CLASSES) for (const ch of cls) FOLD[ch] = cls[0];

const FOLD_CODES = new Uint8Array(128);
for (let c = 0; c < 128; c++) FOLD_CODES[c] = (FOLD[String.fromCharCode(c)] ?? String.fromCharCode(c)).charCodeAt(0);

/**
 * Folds one character code the way `ocrKey` folds a character; the allocation-free form for hot loops.
 * @example ocrFoldCode('O'.charCodeAt(0)) === '0'.charCodeAt(0) // true
 */
export function ocrFoldCode(code: number): number {
  return code < 128 ? FOLD_CODES[code] : code;
}

/**
 * Folds OCR-confusable characters to one representative.
 * @example ocrKey('O8S') === ocrKey('0B5') // true
 */
export function ocrKey(plate: string): string {
  let out = '';
  for (const ch of plate) out += FOLD[ch] ?? ch;
  return out;
}

const STATES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
    'AS GU MP PR VI ' +
    'AB BC MB NB NL NS NT NU ON PE QC SK YT ' +
    'US MX').split(' '),
);

/**
 * Normalizes a jurisdiction to a two-letter upper-case code, or undefined when unknown.
 * Accepts OpenALPR regions (`us-mo`, `mo`), and NCIC files' zero-for-O typos (`0H` → `OH`).
 * @example normalizeState('us-mo') // 'MO'
 */
export function normalizeState(raw: string | undefined | null): string | undefined {
  if (raw == null) return undefined;
  let s = String(raw).trim().toUpperCase();
  const dash = s.lastIndexOf('-');
  if (dash >= 0) s = s.slice(dash + 1);
  s = s.replace(/0/g, 'O');
  return STATES.has(s) ? s : undefined;
}
