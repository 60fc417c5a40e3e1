/**
 * The fuzzy-match rule every subject is checked against: two plates match when they are within
 * one edit (substitution, insertion or deletion) after folding OCR-confusable characters.
 */
import { OCR_CLASSES, ocrKey } from '@openrtcc/domain';

export { ocrKey };

/**
 * True when `a` and `b` differ by at most one substitution, insertion or deletion.
 * @example withinOneEdit('ABC123', 'ABC12') // true
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let diff = 0;
    for (let i = 0; i < la; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) return false;
    return true;
  }
  if (la - lb === 1) return oneDeletion(a, b);
  if (lb - la === 1) return oneDeletion(b, a);
  return false;
}

/** `long` minus one character equals `short`. */
function oneDeletion(long: string, short: string): boolean {
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/** The folding as SQL `translate(x, from, to)` arguments, derived from the domain's classes. */
export function ocrTranslateArgs(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const cls of OCR_CLASSES) for (const ch of cls.slice(1)) (from += ch), (to += cls[0]);
  return { from, to };
}
