/**
 * The benchmark's data set, made by the simulator's bulk generator (`generateBulk` in
 * packages/sim): plates in the simulated states' formats, the simulated city's cameras, reads
 * column-wise in typed arrays. This file only names the bench's sizes and summarizes the set;
 * the same seed gives the same rows on every machine.
 */
import { generateBulk, generateBulkHotlist, PLATE_STATES, type BulkCamera, type BulkData, type BulkParams, type BulkReads } from '@openrtcc/sim';

export { hotlistTruth, type Hotlist } from './data/hotlist.ts';
export { buildQueries, type Query, type QueryClass, type QuerySet } from './data/queries.ts';

/** State codes, indexed by `Dataset.plateState` and `Hotlist.states`. */
export const STATES: readonly string[] = PLATE_STATES;

export type GenParams = BulkParams;
/** Reads column-wise; row i is (plates[plate[i]], camera[i], ts[i], conf[i]). Sorted by ts. */
export type ReadColumns = BulkReads;
export type BenchCamera = BulkCamera;
export type Dataset = BulkData;

/** Generates the whole data set in memory (10 M reads: a few seconds, ≈ 250 MB of columns). */
export const generate: (params: GenParams) => Dataset = generateBulk;
/** The hotlist: `size` plates, a share of the data set's own among fresh ones, with states. */
export const generateHotlist = generateBulkHotlist;

/** Parameters of the full benchmark, and the small ones of `--quick`. */
export function defaultParams(size: 'full' | 'quick', seed = 20260105): GenParams {
  const full = size === 'full';
  return {
    seed,
    reads: full ? 10_000_000 : 200_000,
    plates: full ? 2_000_000 : 40_000,
    extraReads: full ? 1_500_000 : 60_000,
    extraNewPlateShare: 0.1,
    cameras: 500,
    days: 30,
    // Monday 5 January 2026, 00:00 in the simulated city (America/Chicago, UTC−6 in winter).
    start: Date.UTC(2026, 0, 5, 6),
  };
}

/** Summary statistics of a generated set, printed with the results. */
export function describeDataset(data: Dataset): Record<string, number> {
  let max = 0;
  let single = 0;
  let upTo5 = 0;
  let over1000 = 0;
  for (let i = 0; i < data.params.plates; i++) {
    const c = data.plateReads[i];
    if (c > max) max = c;
    if (c === 1) single++;
    if (c <= 5) upTo5++;
    if (c > 1000) over1000++;
  }
  return {
    reads: data.base.length,
    distinctPlates: data.params.plates,
    maxReadsPerPlate: max,
    platesWithOneRead: single,
    platesWithAtMost5Reads: upTo5,
    platesWithOver1000Reads: over1000,
    extraReads: data.extra.length,
    extraNewPlates: data.plates.length - data.params.plates,
    cameras: data.cameras.length,
  };
}
