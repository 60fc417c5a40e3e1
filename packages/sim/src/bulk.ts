/**
 * Bulk load for benchmarks: millions of plate reads at the speed of the machine, with no vehicle
 * driven and no request sent. Plates are the fleet's (state formats, a mix weighted towards the
 * home state), cameras are the city's own (`bulkCity`), and the traffic follows three shapes:
 * Zipf-like recurrence (most plates read 1–3 times, a few thousands of times), a diurnal curve
 * in the city's local time, and busy cameras seeing far more than quiet ones. Reads are typed-array
 * columns (≈ 15 B a read), so 10 M fit comfortably; the same seed gives the same columns anywhere.
 */
import { bulkCity, type BulkCamera } from './bulk-city.ts';
import { drawPlates, PlateKeySet } from './bulk-plates.ts';
import type { City } from './city.ts';
import { createRng, permutation, shuffle, type Rng } from './random.ts';
import { zoneOffsetMs } from './time.ts';

/** What to generate. */
export interface BulkParams {
  seed: number;
  /** Reads of the stored period (time-ordered). */
  reads: number;
  /** Distinct plates among those reads. */
  plates: number;
  /** Further reads, newer than the stored ones (an ingest workload). */
  extraReads: number;
  /** Share of the further reads that carry a plate never seen before. */
  extraNewPlateShare: number;
  cameras: number;
  days: number;
  /** Epoch ms of the stored period's start; the diurnal curve follows the city's local time from there. */
  start: number;
}

/** Reads column-wise; row i is (plates[plate[i]], camera[i], ts[i], conf[i]), sorted by ts. */
export interface BulkReads {
  length: number;
  /** Index into BulkData.plates. */
  plate: Uint32Array;
  /** BulkCamera.id, 1-based. */
  camera: Uint16Array;
  /** Observation time, epoch ms (integers). */
  ts: Float64Array;
  /** OCR confidence in percent (60–99). */
  conf: Uint8Array;
}

/** A generated data set. */
export interface BulkData {
  params: BulkParams;
  city: City;
  /** Distinct plates: [0, params.plates) occur in `base`; later ones only in `extra`. */
  plates: string[];
  /** Index into PLATE_STATES of each plate's state. */
  plateState: Uint8Array;
  /** Reads per plate in `base`. */
  plateReads: Uint32Array;
  cameras: BulkCamera[];
  base: BulkReads;
  extra: BulkReads;
}

/** Relative traffic by local hour of day (0–23): a night trough and two rush-hour peaks. */
const HOURLY = [
  0.25, 0.18, 0.14, 0.12, 0.15, 0.3, 0.6, 1.0, 1.2, 1.0, 0.95, 1.0, 1.1, 1.05, 1.05, 1.15, 1.3, 1.35,
  1.15, 0.9, 0.75, 0.6, 0.45, 0.35,
];
const WEEKEND_FACTOR = 0.8;
const DAY_MS = 86_400_000;

/**
 * Reads per plate: 1 + a share of the remaining reads proportional to 1/(rank + k), rounded at
 * random, then nudged so the total is exact. With k = plates/20,000 the heaviest plate gets
 * ≈ 8,000 reads at any size, most plates 1–3.
 */
function recurrence(rng: Rng, reads: number, plates: number): Uint32Array {
  const k = Math.max(1, Math.round(plates / 20_000));
  let sumW = 0;
  for (let i = 0; i < plates; i++) sumW += 1 / (i + k);
  const extra = reads - plates;
  const counts = new Uint32Array(plates);
  let total = 0;
  for (let i = 0; i < plates; i++) {
    counts[i] = 1 + Math.floor(extra / sumW / (i + k) + rng.next());
    total += counts[i];
  }
  // Bounded: each step moves the total by one towards `reads`.
  for (let guard = 0; total !== reads && guard < 10 * plates; guard++) {
    const i = rng.int(0, plates - 1);
    if (total < reads) (counts[i]++, total++);
    else if (counts[i] > 1) (counts[i]--, total--);
  }
  return counts;
}

/** Time-ordered observation times on the diurnal curve: `count` reads over `days` from `start`, in `timeZone`'s hours. */
function diurnalTimes(rng: Rng, count: number, start: number, days: number, timeZone: string): Float64Array {
  const minutes = Math.max(1, Math.ceil(days * 1440));
  // Local minutes since the epoch at `start` (the offset of the first day holds for the period).
  const local0 = Math.floor((start + zoneOffsetMs(timeZone, start)) / 60_000);
  const cum = new Float64Array(minutes);
  let s = 0;
  for (let m = 0; m < minutes; m++) {
    const lm = local0 + m;
    const weekday = (Math.floor(lm / 1440) + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    s += HOURLY[Math.floor(lm / 60) % 24] * (weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1);
    cum[m] = s;
  }
  const ts = new Float64Array(count);
  let m = 0;
  for (let j = 0; j < count; j++) {
    const q = ((j + rng.next()) / count) * s;
    while (m < minutes - 1 && cum[m] <= q) m++;
    const before = m === 0 ? 0 : cum[m - 1];
    const frac = (q - before) / (cum[m] - before);
    ts[j] = start + Math.floor((m + Math.min(frac, 0.999999)) * 60_000);
  }
  return ts;
}

/** Busy arterial cameras see far more traffic than quiet ones: weights 1/(rank + 20)^0.7 in a seeded order, as running sums. */
function cameraWeights(rng: Rng, count: number): Float64Array {
  const order = permutation(rng, count);
  const weights = new Float64Array(count);
  for (let r = 0; r < count; r++) weights[order[r]] = 1 / Math.pow(r + 20, 0.7);
  for (let i = 1; i < count; i++) weights[i] += weights[i - 1];
  return weights;
}

/** Index drawn with probability proportional to its weight, from running sums. */
function pickCumulative(cum: Float64Array, u: number): number {
  const x = u * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function readColumns(rng: Rng, plate: Uint32Array, ts: Float64Array, cameraCum: Float64Array): BulkReads {
  const n = plate.length;
  const camera = new Uint16Array(n);
  const conf = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    camera[i] = 1 + pickCumulative(cameraCum, rng.next());
    const u = rng.next();
    conf[i] = 99 - Math.floor(39 * u * u * u);
  }
  return { length: n, plate, camera, ts, conf };
}

/**
 * Generates the whole data set in memory: 10 M reads of 2 M plates take a few seconds and ≈ 250 MB.
 * @example
 * const data = generateBulk({ seed: 7, reads: 100_000, plates: 20_000, extraReads: 10_000, extraNewPlateShare: 0.1, cameras: 50, days: 30, start: Date.UTC(2026, 0, 5, 6) });
 * data.plates[data.base.plate[0]]; // e.g. 'BSD1208', read by camera data.base.camera[0]
 */
export function generateBulk(params: BulkParams): BulkData {
  const { seed } = params;
  if (params.reads < params.plates) throw new RangeError(`${params.reads} reads cannot carry ${params.plates} distinct plates`);
  const { city, cameras } = bulkCity(seed, params.cameras);
  const { timeZone } = city.settings;
  const mix = { homeState: city.settings.fleet.homeState, homeShare: city.settings.fleet.homeStateShare };
  const newCount = Math.round(params.extraReads * params.extraNewPlateShare * 0.8);
  const taken = new PlateKeySet(params.plates + newCount);
  const stored = drawPlates(createRng(seed, 'bulk:plates'), params.plates, mix, taken);
  const counts = recurrence(createRng(seed, 'bulk:recurrence'), params.reads, params.plates);

  const basePlate = new Uint32Array(params.reads);
  for (let i = 0, at = 0; i < counts.length; i++) basePlate.fill(i, at, (at += counts[i]));
  shuffle(createRng(seed, 'bulk:order'), basePlate);
  const cameraCum = cameraWeights(createRng(seed, 'bulk:camera-weights'), cameras.length);
  const baseTimes = diurnalTimes(createRng(seed, 'bulk:times'), params.reads, params.start, params.days, timeZone);
  const base = readColumns(createRng(seed, 'bulk:reads'), basePlate, baseTimes, cameraCum);

  // The ingest set continues the same traffic after the stored period: mostly known vehicles
  // (drawn read-weighted from the stored reads), some never seen before.
  const fresh = drawPlates(createRng(seed, 'bulk:new-plates'), newCount, mix, taken);
  const plates = stored.plates.concat(fresh.plates);
  const plateState = new Uint8Array(plates.length);
  plateState.set(stored.states);
  plateState.set(fresh.states, params.plates);
  const extraRng = createRng(seed, 'bulk:extra');
  const extraPlate = new Uint32Array(params.extraReads);
  for (let i = 0; i < extraPlate.length; i++) {
    extraPlate[i] =
      newCount > 0 && extraRng.next() < params.extraNewPlateShare
        ? params.plates + extraRng.int(0, newCount - 1)
        : basePlate[extraRng.int(0, basePlate.length - 1)];
  }
  const extraDays = (params.days * params.extraReads) / Math.max(1, params.reads);
  const extraStart = params.start + params.days * DAY_MS;
  const extraTimes = diurnalTimes(createRng(seed, 'bulk:extra-times'), params.extraReads, extraStart, extraDays, timeZone);
  const extra = readColumns(createRng(seed, 'bulk:extra-reads'), extraPlate, extraTimes, cameraCum);

  const plateReads = new Uint32Array(plates.length);
  plateReads.set(counts);
  return { params, city, plates, plateState, plateReads, cameras, base, extra };
}
