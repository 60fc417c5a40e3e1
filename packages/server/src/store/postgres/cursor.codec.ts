/**
 * Keyset cursors: the sort key of the last item on a page, as opaque base64url JSON.
 * Opaque so clients cannot build one; validated so a tampered cursor is a 400, not a 500.
 */
import { AppError } from '../../errors.ts';

/** Encodes the last item's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor`, checking each part against `shape`
 * ('n' a safe integer, 's' a string).
 * @example decodeCursor(encodeCursor([5, 'a']), 'ns') // [5, 'a']
 */
export function decodeCursor(cursor: string, shape: string): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (e) {
    throw new AppError('validation_failed', 'invalid cursor', { cause: e });
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length === shape.length &&
    parsed.every((v, i) => (shape[i] === 'n' ? Number.isSafeInteger(v) : typeof v === 'string'));
  if (!ok) throw new AppError('validation_failed', 'invalid cursor');
  return parsed as (string | number)[];
}
