/**
 * The hotlist a bulk data set is matched against: `size` entries, most of them plates never seen
 * in the data (as in a state-wide stolen or suspended file), a few of the data set's own plates so
 * that reads do raise hits. Every entry carries its state, and a fresh plate is in its state's format.
 */
import type { BulkData } from './bulk.ts';
import { drawPlates, plateKey, PlateKeySet } from './bulk-plates.ts';
import { createRng, permutation } from './random.ts';

/** Share of the data set's distinct plates that are listed (≈ 0.3 % of reads then hit, as in the field). */
export const LISTED_PLATE_SHARE = 0.0055;

/** A bulk hotlist. */
export interface BulkHotlist {
  /** Listed plates, distinct, normalized; the data set's own plates are spread through the list. */
  plates: string[];
  /** Index into PLATE_STATES of each listed plate's state. */
  states: Uint8Array;
  /** Indices into BulkData.plates of the listed plates that occur in the data (stored or ingest set), ascending. */
  listedPlateIds: number[];
  size: number;
}

/**
 * A seeded hotlist of `size` distinct plates, `LISTED_PLATE_SHARE` of the data set's plates
 * among fresh ones; `listedPlateIds` names the data set's.
 * @example
 * const h = generateBulkHotlist(data, 100_000, 7); // h.plates.length === 100000
 */
export function generateBulkHotlist(data: BulkData, size: number, seed: number): BulkHotlist {
  const rng = createRng(seed, 'bulk:hotlist');
  const all = data.plates.length;
  const realCount = Math.min(size, all, Math.max(1, Math.round(all * LISTED_PLATE_SHARE)));
  const chosen = new Set<number>();
  for (let guard = 0; chosen.size < realCount && guard < 100 * realCount; guard++) chosen.add(rng.int(0, all - 1));
  const listedPlateIds = [...chosen].sort((a, b) => a - b);

  const taken = new PlateKeySet(all + size);
  for (const p of data.plates) taken.add(plateKey(p));
  const { fleet } = data.city.settings;
  const fresh = drawPlates(createRng(seed, 'bulk:hotlist-plates'), size - listedPlateIds.length, { homeState: fleet.homeState, homeShare: fleet.homeStateShare }, taken);

  const n = listedPlateIds.length + fresh.plates.length;
  const plates: string[] = new Array(n);
  const states = new Uint8Array(n);
  const real = listedPlateIds.length;
  const order = permutation(rng, n);
  for (let k = 0; k < n; k++) {
    const from = order[k];
    if (from < real) {
      plates[k] = data.plates[listedPlateIds[from]];
      states[k] = data.plateState[listedPlateIds[from]];
    } else {
      plates[k] = fresh.plates[from - real];
      states[k] = fresh.states[from - real];
    }
  }
  return { plates, states, listedPlateIds, size: n };
}
