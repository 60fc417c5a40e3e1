/**
 * The vehicle filter of a read search, the same way in every store: the other filters (plate,
 * time, cameras, area) select the candidates through their indexes, newest first, and each
 * candidate's vehicle description is then checked with the domain's `matchesVehicle`. A plate
 * search without a vehicle filter never comes here. The cost grows with the candidates, so
 * there is a cap (VEHICLE_CANDIDATES_MAX) above which the search asks to be narrowed.
 */
import { AppError } from '../errors.ts';
import { VEHICLE_CANDIDATES_MAX } from './store.types.ts';

export function tooManyVehicleCandidates(count: number): AppError {
  return new AppError(
    'validation_failed',
    `a vehicle description is checked read by read, and ${count > VEHICLE_CANDIDATES_MAX ? `more than ${VEHICLE_CANDIDATES_MAX.toLocaleString('en-US')}` : count} reads match the plate, time, cameras and area; narrow them (a shorter time window, fewer cameras, a smaller area or a plate pattern)`,
    { details: { field: 'vehicle', candidates: count, max: VEHICLE_CANDIDATES_MAX } },
  );
}

/** A matching read's sort key: observation time, then id (both newest first). */
export interface VehicleMatch<Id> {
  ts: number;
  id: Id;
}

/**
 * The page of `matches` (newest first) after the cursor position `before`, and whether more
 * follow it.
 */
export function pageAfterCursor<Id extends number | bigint>(matches: VehicleMatch<Id>[], before: { ts: number; id: Id } | undefined, limit: number): { page: VehicleMatch<Id>[]; more: boolean } {
  let start = 0;
  if (before) {
    while (start < matches.length && (matches[start].ts > before.ts || (matches[start].ts === before.ts && matches[start].id >= before.id))) start++;
  }
  return { page: matches.slice(start, start + limit), more: matches.length - start > limit };
}
