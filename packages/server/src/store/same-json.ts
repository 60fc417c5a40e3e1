/**
 * Equality of two JSON documents as stored (key order and absent-vs-undefined members do not
 * matter), so an update that changes nothing is reported as unchanged by every store.
 */
import { isDeepStrictEqual } from 'node:util';

export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));
}

/** The value as it comes back from a JSON column: no undefined members. */
export function asStored<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
