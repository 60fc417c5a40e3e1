/**
 * The hotlist the ingest workload is matched against: `size` entries, most of them plates that
 * never occur in the data (as in a state-wide stolen/suspended list), a few real plates of the
 * data set so that reads do raise hits. `hotlistTruth` counts, by brute force, the hits a
 * correct exact matcher raises on a set of reads.
 */
import type { Dataset, ReadColumns } from '../generate.ts';
import { ocrKey } from '../fuzzy.ts';
import { createRng } from './rng.ts';
import { distinctPlates, randomStateIndex } from './plates.ts';

/** Share of the data set's distinct plates that are listed (≈ 0.3 % of reads then hit, as in the field). */
export const LISTED_PLATE_SHARE = 0.0055;

export interface Hotlist {
  /** Listed plates, distinct, normalized. */
  plates: string[];
  /** Index into STATES of each listed plate. */
  states: Uint8Array;
  /** Indices into Dataset.plates of the listed plates that occur in the data (stored or ingest set). */
  listedPlateIds: number[];
  size: number;
}

/**
 * Builds a seeded hotlist of `size` distinct plates; `listedPlateIds` names the real ones.
 * @example const h = generateHotlist(data, 100_000, 1); h.plates.length // 100000
 */
export function generateHotlist(data: Dataset, size: number, seed: number): Hotlist {
  const rng = createRng(seed).fork(101);
  const all = data.plates.length;
  const realCount = Math.min(size, all, Math.max(1, Math.round(all * LISTED_PLATE_SHARE)));
  const chosen = new Set<number>();
  for (let guard = 0; chosen.size < realCount && guard < 100 * realCount; guard++) chosen.add(rng.int(all));
  const listedPlateIds = [...chosen].sort((a, b) => a - b);
  const taken = new Set(data.plates);
  const fresh = distinctPlates(rng.fork(1), size - listedPlateIds.length, taken);
  const plates = [...listedPlateIds.map((i) => data.plates[i]), ...fresh];
  // Listed plates are spread through the list, as in a real file (order does not matter to a matcher).
  for (let i = plates.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = plates[i];
    plates[i] = plates[j];
    plates[j] = t;
  }
  const stateRng = rng.fork(2);
  const states = new Uint8Array(plates.length);
  const idOf = new Map(listedPlateIds.map((i) => [data.plates[i], i]));
  for (let i = 0; i < plates.length; i++) {
    const id = idOf.get(plates[i]);
    states[i] = id === undefined ? randomStateIndex(stateRng) : data.plateState[id];
  }
  return { plates, states, listedPlateIds, size: plates.length };
}

/**
 * Hits a correct matcher raises on `cols`: `hits` by exact plate, `ocrHits` by exact or
 * OCR-equivalent plate (the platform's default match kinds), and the distinct plates hit.
 */
export function hotlistTruth(data: Dataset, hotlist: Hotlist, cols: ReadColumns): { hits: number; ocrHits: number; platesHit: number } {
  const listed = new Uint8Array(data.plates.length);
  for (const id of hotlist.listedPlateIds) listed[id] = 1;
  // OCR-equivalent: a data plate whose folded form equals a listed plate's folded form.
  const keys = new Set(hotlist.plates.map(ocrKey));
  const ocr = new Uint8Array(data.plates.length);
  for (let i = 0; i < data.plates.length; i++) if (keys.has(ocrKey(data.plates[i]))) ocr[i] = 1;
  let hits = 0;
  let ocrHits = 0;
  const hit = new Set<number>();
  for (let i = 0; i < cols.length; i++) {
    const p = cols.plate[i];
    if (listed[p]) (hits++, hit.add(p));
    if (ocr[p]) ocrHits++;
  }
  return { hits, ocrHits, platesHit: hit.size };
}
