/**
 * The checks both stores apply to an append before it reaches a transaction. A malformed read
 * is refused with its own append (`validation_failed`), never stored half-way: in the SQLite
 * store appends share a group commit, so a read failing inside the transaction would fail every
 * append committed with it.
 */
import { AppError } from '../errors.ts';
import type { NewRead } from './store.types.ts';

const PLATE = /^[A-Z0-9]{1,10}$/;

function refuse(index: number, field: string, message: string, value: unknown): never {
  throw new AppError('validation_failed', `read ${index}: ${field} ${message}`, { details: { index, field, value } });
}

/**
 * Throws `validation_failed` for the first read a store cannot keep as given: times that are not
 * integer epoch ms, a plate that is not normalized (A–Z, 0–9, 1–10 characters), a confidence
 * outside 0–1, an empty idempotency key, or a position that is not finite.
 * @example checkNewReads([{ ...read, plate: 'abc-123' }]) // throws: plate must be normalized
 */
export function checkNewReads(reads: NewRead[]): void {
  reads.forEach((r, i) => {
    if (!Number.isSafeInteger(r.observedAt)) refuse(i, 'observedAt', 'must be an integer number of milliseconds', r.observedAt);
    if (!Number.isSafeInteger(r.receivedAt)) refuse(i, 'receivedAt', 'must be an integer number of milliseconds', r.receivedAt);
    if (typeof r.plate !== 'string' || !PLATE.test(r.plate)) refuse(i, 'plate', 'must be normalized: 1 to 10 of A-Z and 0-9', r.plate);
    if (typeof r.confidence !== 'number' || !(r.confidence >= 0 && r.confidence <= 1)) refuse(i, 'confidence', 'must be between 0 and 1', r.confidence);
    if (typeof r.sourceSystem !== 'string' || r.sourceSystem === '') refuse(i, 'sourceSystem', 'must not be empty', r.sourceSystem);
    if (typeof r.sourceEventId !== 'string' || r.sourceEventId === '') refuse(i, 'sourceEventId', 'must not be empty', r.sourceEventId);
    const loc = r.location;
    if (loc !== undefined && !(Array.isArray(loc) && Number.isFinite(loc[0]) && Number.isFinite(loc[1]))) {
      refuse(i, 'location', 'must be [lon, lat] in finite degrees', loc);
    }
  });
}
