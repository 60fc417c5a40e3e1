/**
 * Validation of one read in the platform's own JSON ingest format. Strict on purpose: it is our
 * format, so a typo in a field name or a 0–100 confidence is the sender's bug to hear about, not
 * something to guess around. Every problem is reported with its path, not just the first.
 */
import {
  normalizePlate,
  normalizeState,
  type LonLat,
  type PlateCandidate,
  type ReadImage,
  type VehicleDescription,
} from '@openrtcc/domain';
import { parseIsoWithZone } from './iso-time.ts';

/** A read as validated, before `sourceEventId` defaulting. */
export interface ValidRead {
  sourceSystem: string;
  sourceEventId?: string;
  plate: string;
  plateRaw: string;
  state?: string;
  confidence: number;
  observedAt: number;
  cameraId?: string;
  location?: LonLat;
  candidates?: PlateCandidate[];
  vehicle?: VehicleDescription;
  images?: ReadImage[];
}

type Obj = Record<string, unknown>;

const READ_FIELDS = new Set([
  'plate', 'state', 'confidence', 'observedAt', 'cameraId', 'location',
  'sourceEventId', 'sourceSystem', 'candidates', 'vehicle', 'images',
]);
const VEHICLE_TEXT = ['color', 'make', 'model', 'bodyType'] as const;
const VEHICLE_FIELDS = new Set([...VEHICLE_TEXT, 'year', 'heading']);
const IMAGE_KINDS = new Set(['plate', 'vehicle', 'overview']);
const SOURCE_SYSTEM = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Epoch ms below this (3 March 1973) are almost certainly epoch seconds sent by mistake. */
const MIN_EPOCH_MS = 100_000_000_000;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isProb = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
/** null counts as absent for optional fields: many serializers write null for unset members. */
const given = (v: unknown) => v !== undefined && v !== null;

/**
 * Validates one read at `path` (`[3]`, or '' for a lone object), appending `path.field: problem`
 * lines to `problems`. Returns the read only when it has no problem.
 */
export function validateRead(item: unknown, path: string, problems: string[]): ValidRead | undefined {
  const before = problems.length;
  const say = (field: string, problem: string) => problems.push(`${join(path, field)}: ${problem}`);
  if (!isObj(item)) {
    problems.push(path === '' ? 'the read must be a JSON object' : `${path}: must be a JSON object`);
    return undefined;
  }
  for (const key of Object.keys(item)) if (!READ_FIELDS.has(key)) say(key, 'unknown field');

  let plate = '';
  const plateRaw = item.plate;
  if (!given(plateRaw)) say('plate', 'required');
  else if (typeof plateRaw !== 'string') say('plate', 'must be a string');
  else if (plateRaw.length > 32) say('plate', 'longer than 32 characters');
  else if ((plate = normalizePlate(plateRaw)) === '') say('plate', 'must contain a letter or digit');

  let state: string | undefined;
  if (given(item.state)) {
    if (typeof item.state !== 'string') say('state', 'must be a string');
    else if ((state = normalizeState(item.state)) === undefined) say('state', `unknown jurisdiction "${item.state}"`);
  }

  if (!isProb(item.confidence)) say('confidence', 'must be a number between 0 and 1');

  const observedAt = readTime(item.observedAt, (p) => say('observedAt', p));

  let cameraId: string | undefined;
  if (given(item.cameraId)) {
    if (typeof item.cameraId !== 'string' || item.cameraId.trim() === '') say('cameraId', 'must be a non-empty string');
    else if (item.cameraId.length > 200) say('cameraId', 'longer than 200 characters');
    else cameraId = item.cameraId;
  }
  const location = given(item.location) ? readLocation(item.location, (p) => say('location', p)) : undefined;
  if (!given(item.cameraId) && !given(item.location)) {
    problems.push(path === '' ? 'needs cameraId or location' : `${path}: needs cameraId or location`);
  }

  const sourceEventId = item.sourceEventId;
  if (given(sourceEventId) && (typeof sourceEventId !== 'string' || sourceEventId.trim() === '' || sourceEventId.length > 200)) {
    say('sourceEventId', 'must be a non-empty string of at most 200 characters');
  }
  const sourceSystem = item.sourceSystem ?? 'rtcc';
  if (typeof sourceSystem !== 'string' || !SOURCE_SYSTEM.test(sourceSystem)) {
    say('sourceSystem', "must be 1–64 characters of a–z, 0–9, '.', '_', '-' starting with a letter or digit");
  }

  const candidates = given(item.candidates) ? readCandidates(item.candidates, join(path, 'candidates'), problems, plate) : undefined;
  const vehicle = given(item.vehicle) ? readVehicle(item.vehicle, join(path, 'vehicle'), problems) : undefined;
  const images = given(item.images) ? readImages(item.images, join(path, 'images'), problems) : undefined;

  if (problems.length > before) return undefined;
  const read: ValidRead = {
    sourceSystem: sourceSystem as string,
    plate,
    plateRaw: plateRaw as string,
    confidence: item.confidence as number,
    observedAt: observedAt!,
  };
  if (typeof sourceEventId === 'string') read.sourceEventId = sourceEventId;
  if (state !== undefined) read.state = state;
  if (cameraId !== undefined) read.cameraId = cameraId;
  if (location !== undefined) read.location = location;
  if (candidates !== undefined && candidates.length > 0) read.candidates = candidates;
  if (vehicle !== undefined && Object.keys(vehicle).length > 0) read.vehicle = vehicle;
  if (images !== undefined && images.length > 0) read.images = images;
  return read;
}

function readTime(v: unknown, say: (problem: string) => void): number | undefined {
  if (typeof v === 'string') {
    const r = parseIsoWithZone(v);
    if ('ms' in r) return r.ms;
    say(r.problem);
    return undefined;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) {
    if (v >= MIN_EPOCH_MS && v <= 8.64e15) return v;
    say(v > 0 && v < MIN_EPOCH_MS ? 'looks like epoch seconds; send epoch milliseconds' : 'is out of range');
    return undefined;
  }
  say(given(v) ? 'must be an ISO 8601 string with a time zone or epoch milliseconds' : 'required');
  return undefined;
}

function readLocation(v: unknown, say: (problem: string) => void): LonLat | undefined {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    say('must be [lon, lat], two numbers');
    return undefined;
  }
  const [lon, lat] = v as [number, number];
  const lonOk = lon >= -180 && lon <= 180;
  const latOk = lat >= -90 && lat <= 90;
  if (!lonOk) say(`longitude ${lon} is outside -180..180`);
  // A latitude out of range is usually the classic [lat, lon] mix-up: say which order we expect.
  if (!latOk) say(`latitude ${lat} is outside -90..90 (order is [lon, lat])`);
  return lonOk && latOk ? [lon, lat] : undefined;
}

function readCandidates(v: unknown, path: string, problems: string[], best: string): PlateCandidate[] {
  if (!Array.isArray(v)) {
    problems.push(`${path}: must be an array`);
    return [];
  }
  const seen = new Set([best]);
  const out: PlateCandidate[] = [];
  v.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(c)) return void problems.push(`${at}: must be an object`);
    for (const key of Object.keys(c)) if (key !== 'plate' && key !== 'confidence') problems.push(`${at}.${key}: unknown field`);
    const plate = typeof c.plate === 'string' ? normalizePlate(c.plate) : '';
    if (plate === '') problems.push(`${at}.plate: must be a string with a letter or digit`);
    if (!isProb(c.confidence)) problems.push(`${at}.confidence: must be a number between 0 and 1`);
    else if (plate !== '' && !seen.has(plate)) {
      seen.add(plate);
      out.push({ plate, confidence: c.confidence });
    }
  });
  return out;
}

function readVehicle(v: unknown, path: string, problems: string[]): VehicleDescription {
  const out: VehicleDescription = {};
  if (!isObj(v)) {
    problems.push(`${path}: must be an object`);
    return out;
  }
  for (const key of Object.keys(v)) if (!VEHICLE_FIELDS.has(key)) problems.push(`${path}.${key}: unknown field`);
  for (const key of VEHICLE_TEXT) {
    const s = v[key];
    if (!given(s)) continue;
    if (typeof s === 'string' && s.trim() !== '' && s.length <= 100) out[key] = s.trim();
    else problems.push(`${path}.${key}: must be a non-empty string of at most 100 characters`);
  }
  if (given(v.year)) {
    if (typeof v.year === 'string' && v.year.trim() !== '') out.year = v.year.trim();
    else if (typeof v.year === 'number' && Number.isInteger(v.year)) out.year = String(v.year);
    else problems.push(`${path}.year: must be a string or an integer`);
  }
  if (given(v.heading)) {
    const h = v.heading;
    if (typeof h === 'number' && Number.isFinite(h) && h >= 0 && h <= 360) out.heading = h % 360;
    else problems.push(`${path}.heading: must be a number of degrees from 0 to 360`);
  }
  return out;
}

function readImages(v: unknown, path: string, problems: string[]): ReadImage[] {
  if (!Array.isArray(v) || v.length > 10) {
    problems.push(`${path}: must be an array of at most 10 images`);
    return [];
  }
  const out: ReadImage[] = [];
  v.forEach((img, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(img)) return void problems.push(`${at}: must be an object`);
    for (const key of Object.keys(img)) if (!['kind', 'url', 'jpegBase64'].includes(key)) problems.push(`${at}.${key}: unknown field`);
    const kind = img.kind;
    if (typeof kind !== 'string' || !IMAGE_KINDS.has(kind)) problems.push(`${at}.kind: must be "plate", "vehicle" or "overview"`);
    const hasUrl = given(img.url);
    const hasData = given(img.jpegBase64);
    if (hasUrl === hasData) return void problems.push(`${at}: needs exactly one of url or jpegBase64`);
    if (hasUrl && !isHttpUrl(img.url)) problems.push(`${at}.url: must be an http or https URL`);
    if (hasData && !isBase64(img.jpegBase64)) problems.push(`${at}.jpegBase64: must be base64`);
    const image = { kind } as ReadImage;
    if (hasUrl) image.url = img.url as string;
    else image.jpegBase64 = (img.jpegBase64 as string).replace(/\s+/g, '');
    out.push(image);
  });
  return out;
}

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function isBase64(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const s = v.replace(/\s+/g, '');
  return s.length > 0 && s.length % 4 === 0 && BASE64.test(s);
}
