/**
 * Ground truth for the hotlist workload. The hotlist itself is the simulator's
 * (`generateBulkHotlist`: `size` entries, most never seen in the data, a few of its plates);
 * `hotlistTruth` counts, by brute force, the hits a correct matcher raises on a set of reads.
 */
import type { BulkHotlist } from '@openrtcc/sim';
import type { Dataset, ReadColumns } from '../generate.ts';
import { ocrKey } from '../fuzzy.ts';

export type Hotlist = BulkHotlist;

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
