/**
 * Seeded, reproducible LPR data set for the benchmarks: distinct plates with Zipf-like
 * recurrence, cameras in a real city's bounding box, reads over 30 days on a diurnal curve.
 * Reads are held column-wise in typed arrays (≈ 15 B per read) so 10 M fit comfortably, and
 * are handed to subjects in chunks. The same seed gives the same rows on every machine.
 */
import { cumulative, createRng, pickCumulative, type Rng } from './data/rng.ts';
import { distinctPlates, randomStateIndex } from './data/plates.ts';

export { STATES, PLATE_FORMATS } from './data/plates.ts';
export { generateHotlist, hotlistTruth, type Hotlist } from './data/hotlist.ts';
export { buildQueries, type Query, type QueryClass, type QuerySet } from './data/queries.ts';

export interface GenParams {
  seed: number;
  /** Reads loaded before measuring (time-ordered, the "stored" data). */
  reads: number;
  /** Distinct plates among those reads. */
  plates: number;
  /** Further reads, newer than the stored ones, for the ingest-into-indexed-table workload. */
  extraReads: number;
  /** Share of the further reads that carry a plate never seen before. */
  extraNewPlateShare: number;
  cameras: number;
  days: number;
  /** Epoch ms of the first read (a Monday, 00:00 local = 05:00 UTC). */
  start: number;
}

/** Reads column-wise; row i is (plates[plate[i]], camera[i], ts[i], conf[i]). Sorted by ts. */
export interface ReadColumns {
  length: number;
  /** Index into Dataset.plates. */
  plate: Uint32Array;
  /** Camera id, 1-based. */
  camera: Uint16Array;
  /** Observation time, epoch ms (integers). */
  ts: Float64Array;
  /** OCR confidence in percent (60–99). */
  conf: Uint8Array;
}

export interface BenchCamera {
  id: number;
  lon: number;
  lat: number;
}

export interface Dataset {
  params: GenParams;
  /** Distinct plates: [0, params.plates) occur in `base`; later ones only in `extra`. */
  plates: string[];
  /** Index into STATES for each plate. */
  plateState: Uint8Array;
  /** Reads per plate in `base`. */
  plateReads: Uint32Array;
  cameras: BenchCamera[];
  base: ReadColumns;
  extra: ReadColumns;
}

/** Columbus, Ohio: the city whose bounding box the cameras sit in (WGS84). */
export const CITY_BBOX = { minLon: -83.2, minLat: 39.87, maxLon: -82.77, maxLat: 40.15 } as const;

/** Relative traffic by local hour of day (0–23): a night trough and two rush-hour peaks. */
const HOURLY = [
  0.25, 0.18, 0.14, 0.12, 0.15, 0.3, 0.6, 1.0, 1.2, 1.0, 0.95, 1.0, 1.1, 1.05, 1.05, 1.15, 1.3, 1.35,
  1.15, 0.9, 0.75, 0.6, 0.45, 0.35,
];
const WEEKEND_FACTOR = 0.8;
const UTC_OFFSET_HOURS = -5;

/** Parameters of the full benchmark, and the small ones of `--quick`. */
export function defaultParams(size: 'full' | 'quick', seed = 20260105): GenParams {
  const full = size === 'full';
  return {
    seed,
    reads: full ? 10_000_000 : 200_000,
    plates: full ? 2_000_000 : 40_000,
    extraReads: full ? 1_000_000 : 50_000,
    extraNewPlateShare: 0.1,
    cameras: 500,
    days: 30,
    start: Date.UTC(2026, 0, 5, -UTC_OFFSET_HOURS),
  };
}

/**
 * Reads per plate: 1 + a share of the remaining reads proportional to 1/(rank + k),
 * rounded at random, then nudged so the total is exact. With k = plates/20,000 the
 * heaviest plate gets ≈ 8,000 reads at any size, most plates 1–3.
 */
function recurrence(rng: Rng, reads: number, plates: number): Uint32Array {
  const k = Math.max(1, Math.round(plates / 20_000));
  let sumW = 0;
  for (let i = 0; i < plates; i++) sumW += 1 / (i + k);
  const extra = reads - plates;
  const counts = new Uint32Array(plates);
  let total = 0;
  for (let i = 0; i < plates; i++) {
    counts[i] = 1 + Math.floor((extra / sumW) / (i + k) + rng.next());
    total += counts[i];
  }
  // Bounded: each step moves the total by one towards `reads`.
  for (let guard = 0; total !== reads && guard < 10 * plates; guard++) {
    const i = rng.int(plates);
    if (total < reads) (counts[i]++, total++);
    else if (counts[i] > 1) (counts[i]--, total--);
  }
  return counts;
}

/** Time-ordered observation times following the diurnal curve, `count` reads over `days` from `start`. */
function diurnalTimes(rng: Rng, count: number, start: number, days: number): Float64Array {
  const minutes = Math.max(1, Math.ceil(days * 1440));
  const cum = new Float64Array(minutes);
  let s = 0;
  for (let m = 0; m < minutes; m++) {
    const localHour = Math.floor(m / 60) % 24;
    const weekday = Math.floor(m / 1440) % 7; // start is a Monday
    s += HOURLY[localHour] * (weekday >= 5 ? WEEKEND_FACTOR : 1);
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

function makeCameras(rng: Rng, count: number): { cameras: BenchCamera[]; cum: Float64Array } {
  const cameras: BenchCamera[] = [];
  const b = CITY_BBOX;
  for (let i = 0; i < count; i++) {
    // The mean of two uniforms leans cameras towards the middle of town, as deployments do.
    const u = (rng.next() + rng.next()) / 2;
    const v = (rng.next() + rng.next()) / 2;
    cameras.push({ id: i + 1, lon: round6(b.minLon + u * (b.maxLon - b.minLon)), lat: round6(b.minLat + v * (b.maxLat - b.minLat)) });
  }
  // Busy arterial cameras see far more traffic than side streets.
  const weights = cameras.map(() => 0);
  const order = shuffled(rng, count);
  for (let r = 0; r < count; r++) weights[order[r]] = 1 / Math.pow(r + 20, 0.7);
  return { cameras, cum: cumulative(weights) };
}

function shuffled(rng: Rng, n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function fillReadColumns(rng: Rng, plate: Uint32Array, ts: Float64Array, cameraCum: Float64Array): ReadColumns {
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
 * Generates the whole data set in memory. 10 M reads take a few seconds and ≈ 250 MB.
 * @example const data = generate(defaultParams('quick'));
 */
export function generate(params: GenParams): Dataset {
  const root = createRng(params.seed);
  const taken = new Set<string>();
  const plates = distinctPlates(root.fork(1), params.plates, taken);
  const counts = recurrence(root.fork(2), params.reads, params.plates);

  const basePlate = new Uint32Array(params.reads);
  for (let i = 0, at = 0; i < counts.length; i++) basePlate.fill(i, at, (at += counts[i]));
  const shuffleRng = root.fork(3);
  for (let i = basePlate.length - 1; i > 0; i--) {
    const j = shuffleRng.int(i + 1);
    const t = basePlate[i];
    basePlate[i] = basePlate[j];
    basePlate[j] = t;
  }
  const { cameras, cum: cameraCum } = makeCameras(root.fork(4), params.cameras);
  const base = fillReadColumns(root.fork(5), basePlate, diurnalTimes(root.fork(6), params.reads, params.start, params.days), cameraCum);

  // The ingest set continues the same traffic after the stored period: mostly known vehicles
  // (drawn read-weighted from the stored reads), some never seen before.
  const extraRng = root.fork(7);
  const newCount = Math.round(params.extraReads * params.extraNewPlateShare * 0.8);
  const newPlates = distinctPlates(root.fork(8), newCount, taken);
  plates.push(...newPlates);
  const extraPlate = new Uint32Array(params.extraReads);
  for (let i = 0; i < extraPlate.length; i++) {
    extraPlate[i] =
      newCount > 0 && extraRng.next() < params.extraNewPlateShare
        ? params.plates + extraRng.int(newCount)
        : basePlate[extraRng.int(basePlate.length)];
  }
  const extraDays = (params.days * params.extraReads) / Math.max(1, params.reads);
  const extraStart = params.start + params.days * 86_400_000;
  const extra = fillReadColumns(root.fork(9), extraPlate, diurnalTimes(root.fork(10), params.extraReads, extraStart, extraDays), cameraCum);

  const stateRng = root.fork(11);
  const plateState = new Uint8Array(plates.length);
  for (let i = 0; i < plates.length; i++) plateState[i] = randomStateIndex(stateRng);
  const plateReads = new Uint32Array(plates.length);
  plateReads.set(counts);
  return { params, plates, plateState, plateReads, cameras, base, extra };
}

/** One slice of reads, as views over the columns (no copy). */
export interface ReadChunk {
  start: number;
  plate: Uint32Array;
  camera: Uint16Array;
  ts: Float64Array;
  conf: Uint8Array;
}

/** Streams `cols` in chunks of `size` rows. */
export function* chunks(cols: ReadColumns, size: number): Generator<ReadChunk> {
  for (let start = 0; start < cols.length; start += size) {
    const end = Math.min(cols.length, start + size);
    yield {
      start,
      plate: cols.plate.subarray(start, end),
      camera: cols.camera.subarray(start, end),
      ts: cols.ts.subarray(start, end),
      conf: cols.conf.subarray(start, end),
    };
  }
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
