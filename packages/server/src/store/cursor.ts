/**
 * Opaque keyset cursors for newest-first pages: the (time, id) of the last item returned.
 */
import { AppError } from '../errors.ts';

export function encodeCursor(ts: number, id: string): string {
  return Buffer.from(`${ts}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { ts: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const ts = Number(text.slice(0, colon));
  const id = text.slice(colon + 1);
  if (colon < 1 || !Number.isFinite(ts) || id.length === 0) {
    throw new AppError('validation_failed', 'cursor is not one this server issued');
  }
  return { ts, id };
}
