/**
 * Decoded reads in a form that crosses threads cheaply. A structured clone of a thousand read
 * objects costs about as much as parsing their JSON again; as columns (numbers in one typed
 * array, every string in one text with a length per field) it is a few copies and one slice
 * per string on the receiving side.
 */
import type { LocationSource, PlateReadInput } from '@openrtcc/domain';
import type { DecodeResult } from './decoder.types.ts';

/** Strings per read kept in the text, in this order. */
const TEXT_FIELDS = 3; // sourceEventId, plate, plateRaw
/**
 * Strings per read that repeat across a batch, kept once each in a table: the receiver gets one
 * string per distinct value, whose hash V8 then computes once for all the map look-ups after.
 */
const SHARED_FIELDS = 4; // sourceSystem, state, cameraId, sourceCameraKey
const NUM_FIELDS = 4; // confidence, observedAt, lon, lat
/** Length of a field the read does not have. */
const ABSENT = 0xffffffff;
/** Length of a `plateRaw` equal to `plate` (nearly always): the plate's text is reused. */
const SAME_AS_PLATE = 0xfffffffe;
const LOC_SOURCES: (LocationSource | undefined)[] = [undefined, 'device', 'registry', 'geocoded'];

type Extras = Pick<PlateReadInput, 'candidates' | 'vehicle' | 'images'>;

export interface PackedDecodeResult {
  count: number;
  text: string;
  lengths: Uint32Array;
  shared: string[];
  refs: Uint32Array;
  nums: Float64Array;
  locationSources: Uint8Array;
  /** The rare nested fields, by read index. */
  extras: [number, Extras][];
  heartbeats: DecodeResult['heartbeats'];
  alerts: DecodeResult['alerts'];
  ignored?: string;
}

/** The typed arrays of a packed result, to transfer rather than copy. */
export function transferables(p: PackedDecodeResult): ArrayBuffer[] {
  return [p.lengths.buffer as ArrayBuffer, p.refs.buffer as ArrayBuffer, p.nums.buffer as ArrayBuffer, p.locationSources.buffer as ArrayBuffer];
}

export function packDecodeResult(r: DecodeResult): PackedDecodeResult {
  const n = r.reads.length;
  const parts: string[] = [];
  const lengths = new Uint32Array(n * TEXT_FIELDS);
  const nums = new Float64Array(n * NUM_FIELDS);
  const locationSources = new Uint8Array(n);
  const extras: [number, Extras][] = [];
  const shared: string[] = [];
  const sharedAt = new Map<string, number>();
  const refs = new Uint32Array(n * SHARED_FIELDS);
  const put = (at: number, s: string): void => {
    lengths[at] = s.length;
    parts.push(s);
  };
  const ref = (at: number, s: string | undefined): void => {
    if (s === undefined) refs[at] = ABSENT;
    else {
      let k = sharedAt.get(s);
      if (k === undefined) {
        k = shared.push(s) - 1;
        sharedAt.set(s, k);
      }
      refs[at] = k;
    }
  };
  for (let i = 0; i < n; i++) {
    const read = r.reads[i];
    const t = i * TEXT_FIELDS;
    put(t, read.sourceEventId);
    put(t + 1, read.plate);
    if (read.plateRaw === read.plate) lengths[t + 2] = SAME_AS_PLATE;
    else put(t + 2, read.plateRaw);
    const f = i * SHARED_FIELDS;
    ref(f, read.sourceSystem);
    ref(f + 1, read.state);
    ref(f + 2, read.cameraId);
    ref(f + 3, read.sourceCameraKey);
    const k = i * NUM_FIELDS;
    nums[k] = read.confidence;
    nums[k + 1] = read.observedAt;
    nums[k + 2] = read.location ? read.location[0] : NaN;
    nums[k + 3] = read.location ? read.location[1] : NaN;
    locationSources[i] = read.locationSource ? LOC_SOURCES.indexOf(read.locationSource) : 0;
    if (read.candidates !== undefined || read.vehicle !== undefined || read.images !== undefined) {
      const e: Extras = {};
      if (read.candidates !== undefined) e.candidates = read.candidates;
      if (read.vehicle !== undefined) e.vehicle = read.vehicle;
      if (read.images !== undefined) e.images = read.images;
      extras.push([i, e]);
    }
  }
  const packed: PackedDecodeResult = { count: n, text: parts.join(''), lengths, shared, refs, nums, locationSources, extras, heartbeats: r.heartbeats, alerts: r.alerts };
  if (r.ignored !== undefined) packed.ignored = r.ignored;
  return packed;
}

/** The DecodeResult `packDecodeResult` was given, field for field (absent fields stay absent). */
export function unpackDecodeResult(p: PackedDecodeResult): DecodeResult {
  const { text, lengths, shared, refs, nums, locationSources } = p;
  const reads: PlateReadInput[] = new Array(p.count);
  let pos = 0;
  const take = (at: number): string => {
    const len = lengths[at];
    const s = text.slice(pos, pos + len);
    pos += len;
    return s;
  };
  const get = (at: number): string | undefined => (refs[at] === ABSENT ? undefined : shared[refs[at]]);
  for (let i = 0; i < p.count; i++) {
    const t = i * TEXT_FIELDS;
    const sourceEventId = take(t);
    const plate = take(t + 1);
    const plateRaw = lengths[t + 2] === SAME_AS_PLATE ? plate : take(t + 2);
    const f = i * SHARED_FIELDS;
    const k = i * NUM_FIELDS;
    const read: PlateReadInput = { sourceSystem: get(f)!, sourceEventId, plate, plateRaw, confidence: nums[k], observedAt: nums[k + 1] };
    const state = get(f + 1);
    if (state !== undefined) read.state = state;
    const cameraId = get(f + 2);
    if (cameraId !== undefined) read.cameraId = cameraId;
    const sourceCameraKey = get(f + 3);
    if (sourceCameraKey !== undefined) read.sourceCameraKey = sourceCameraKey;
    if (!Number.isNaN(nums[k + 2])) read.location = [nums[k + 2], nums[k + 3]];
    const locationSource = LOC_SOURCES[locationSources[i]];
    if (locationSource !== undefined) read.locationSource = locationSource;
    reads[i] = read;
  }
  for (const [i, e] of p.extras) Object.assign(reads[i], e);
  const out: DecodeResult = { reads, heartbeats: p.heartbeats, alerts: p.alerts };
  if (p.ignored !== undefined) out.ignored = p.ignored;
  return out;
}
