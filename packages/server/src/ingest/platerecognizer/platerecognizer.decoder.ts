/**
 * Decoder for Plate Recognizer (ParkPow): Stream webhooks (`{hook, data: {camera_id, timestamp,
 * timestamp_local, results[]}}`, as JSON, as a url-encoded `json` field or as multipart with the
 * JSON in the `json` field and the image in a file part) and Snapshot API responses
 * (`{camera_id, timestamp, filename, results[]}`) that an integration posts on. The multipart
 * webhook's JPEG/PNG file part goes on each of its reads as an image.
 *
 * Per result: the plate (sent lower-case) normalized, `region.code` `us-xx` / `ca-xx` to a state
 * or province (other countries: no state), `score` (OCR, 0–1; `dscore` when absent) as the
 * confidence, `candidates` as alternatives, vehicle type, make/model, colour and direction.
 * Both result shapes are read: the classic one (`plate` a string) and Stream's "type 2"
 * (`plate: {score, props: {plate: [{value, score}], region: [{value, score}]}}`).
 */
import { normalizePlate, normalizeState, type PlateCandidate, type PlateReadInput, type ReadImage, type VehicleDescription } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from '../decoder.types.ts';
import { parseJsonText, parseJsonBody } from '../json-body.ts';
import { parseIsoWithZone } from '../rtcc/iso-time.ts';
import { kindOf, num, obj, text } from '../wire-values.ts';
import { splitDevicePost, type MultipartPart } from '../multipart.ts';
import { imageFromBytes, MAX_IMAGES_PER_READ } from '../read-image.ts';

export const SOURCE_SYSTEM = 'platerecognizer';
/** Results read from one message; a sender with more is refused rather than half stored. */
export const MAX_RESULTS = 1_000;
/** Candidates kept per result. */
const MAX_CANDIDATES = 20;
/** Plate text longer than this is not a plate (the pipeline drops > 10 normalized characters). */
const MAX_PLATE_TEXT = 64;
/** Messages in one JSON array. */
const MAX_MESSAGES = 100;

type Json = Record<string, unknown>;

/**
 * Decodes a Plate Recognizer payload.
 * @throws DecodeError for bodies that are not JSON (or a multipart body without its `json`
 *   field), messages that are neither a Stream webhook nor a Snapshot response, and messages
 *   with plates but no usable timestamp.
 * @example platerecognizerDecoder.decode({ body, contentType: 'application/json', receivedAt: Date.now() })
 */
export const platerecognizerDecoder = {
  family: SOURCE_SYSTEM,
  async decode(payload: RawPayload): Promise<DecodeResult> {
    const { value, images } = await parseBody(payload);
    const result = decodeValue(value);
    // the picture of a multipart webhook is the frame all of its results were read in
    if (images.length > 0) for (const read of result.reads) read.images = images.map((i) => ({ ...i }));
    return result;
  },
} satisfies Decoder;

async function parseBody(payload: RawPayload): Promise<{ value: unknown; images: ReadImage[] }> {
  const { document, files } = await splitDevicePost(payload, { isDocument: (p) => p.name.toLowerCase() === 'json', looksLike: /^\s*[[{]/, missing: 'a "json" field' });
  return document === undefined ? { value: parseJsonBody(payload), images: [] } : { value: parseJsonText(document), images: imagesOf(files) };
}

/**
 * Stream's `upload` part is the frame (or, as configured, the vehicle or plate crop, which its
 * file name says); only JPEG/PNG bytes become images.
 */
function imagesOf(files: MultipartPart[]): ReadImage[] {
  const images: ReadImage[] = [];
  for (const f of files) {
    const name = `${f.name} ${f.filename ?? ''}`.toLowerCase();
    const kind = name.includes('plate') ? 'plate' : name.includes('vehicle') ? 'vehicle' : 'overview';
    const image = imageFromBytes(kind, f.data);
    if (image !== undefined && images.length < MAX_IMAGES_PER_READ) images.push(image);
  }
  return images;
}

function decodeValue(value: unknown): DecodeResult {
  if (!Array.isArray(value)) return decodeMessage(expectObject(value, 'body'));
  if (value.length === 0) return empty('empty array');
  if (value.length > MAX_MESSAGES) throw new DecodeError(`array of ${value.length} messages (at most ${MAX_MESSAGES})`);
  const out: DecodeResult = { reads: [], heartbeats: [], alerts: [] };
  const ignored: string[] = [];
  value.forEach((item, i) => {
    let part: DecodeResult;
    try {
      part = decodeMessage(expectObject(item, `[${i}]`));
    } catch (e) {
      if (e instanceof DecodeError) throw new DecodeError(`[${i}]: ${e.message}`, { cause: e });
      throw e;
    }
    out.reads.push(...part.reads);
    if (part.ignored !== undefined) ignored.push(`[${i}]: ${part.ignored}`);
  });
  if (out.reads.length === 0) out.ignored = ignored.join('; ');
  return out;
}

/** A Stream webhook (`hook` + `data`, or `data` alone) or a Snapshot response (`results` at the top). */
function decodeMessage(msg: Json): DecodeResult {
  const hook = obj(msg.hook);
  if (msg.data !== undefined && (hook !== undefined || !('results' in msg))) {
    const data = obj(msg.data);
    if (data === undefined) throw new DecodeError(`data is ${kindOf(msg.data)}, expected an object`);
    const event = text(hook?.event, 100);
    if (event !== undefined && event !== 'recognition' && !('results' in data)) return empty(`webhook event "${event}" carries no plates`);
    // Stream's hook.id is the camera; a Snapshot webhook's (`image.done`) is the webhook's number
    const camera = text(data.camera_id, 200) ?? (event === 'recognition' ? text(hook?.id, 200) : undefined);
    return fromResults(data, camera, 'stream');
  }
  if ('results' in msg) return fromResults(msg, text(msg.camera_id, 200), 'snapshot');
  if (hook !== undefined) return empty('webhook without data');
  throw new DecodeError('neither a Stream webhook (hook, data) nor a Snapshot API response (results)');
}

function fromResults(frame: Json, camera: string | undefined, kind: 'stream' | 'snapshot'): DecodeResult {
  const results = frame.results;
  if (!Array.isArray(results)) throw new DecodeError(`${kind === 'stream' ? 'data.' : ''}results is ${kindOf(results)}, expected an array`);
  if (results.length === 0) return empty('no plate in results');
  if (results.length > MAX_RESULTS) throw new DecodeError(`${results.length} results in one message (at most ${MAX_RESULTS})`);
  const observedAt = observedAtOf(frame);
  // without a camera, the upload's file name tells frames of the same instant apart
  const frameKey = camera ?? `file:${text(frame.filename, 200) ?? 'none'}`;
  const reads: PlateReadInput[] = [];
  results.forEach((item, index) => {
    const r = obj(item);
    if (r === undefined) return;
    const read = mapResult(r);
    if (read === undefined) return;
    if (observedAt === undefined) throw new DecodeError(`no usable timestamp: ${describeTime(frame)}`);
    const full: PlateReadInput = {
      sourceSystem: SOURCE_SYSTEM,
      sourceEventId: `${frameKey}:${observedAt}:${index}`,
      ...read,
      observedAt,
    };
    if (camera !== undefined) full.sourceCameraKey = camera;
    reads.push(full);
  });
  return reads.length > 0 ? { reads, heartbeats: [], alerts: [] } : empty('no result with plate text');
}

/**
 * `timestamp` is UTC (Plate Recognizer writes `Z` or `+00:00`; a zone-less value is read as the
 * UTC the vendor documents); `timestamp_local` is the camera's local time with its offset and is
 * used only when `timestamp` is missing, and only when it carries the offset.
 */
function observedAtOf(frame: Json): number | undefined {
  const utc = typeof frame.timestamp === 'string' && frame.timestamp.length <= 64 ? frame.timestamp.trim() : undefined;
  if (utc !== undefined) {
    const withZone = parseIsoWithZone(utc);
    if ('ms' in withZone) return withZone.ms;
    const asUtc = parseIsoWithZone(`${utc}Z`);
    if ('ms' in asUtc) return asUtc.ms;
  }
  const local = typeof frame.timestamp_local === 'string' && frame.timestamp_local.length <= 64 ? parseIsoWithZone(frame.timestamp_local.trim()) : undefined;
  return local !== undefined && 'ms' in local ? local.ms : undefined;
}

function describeTime(frame: Json): string {
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 64)) : kindOf(v));
  return `timestamp ${frame.timestamp === undefined ? 'missing' : show(frame.timestamp)}, timestamp_local ${frame.timestamp_local === undefined ? 'missing' : show(frame.timestamp_local)}`;
}

type ResultRead = Omit<PlateReadInput, 'sourceSystem' | 'sourceEventId' | 'observedAt'>;

/** One result to a read (without identity and time), or undefined when it has no plate text. */
function mapResult(r: Json): ResultRead | undefined {
  const plateObj = obj(r.plate);
  // "type 2": plate is an object whose props list the readings best first
  const readings = plateObj ? valueList(obj(plateObj.props)?.plate) : [];
  const plateRaw = plateObj ? readings[0]?.value : plateText(r.plate);
  if (plateRaw === undefined) return undefined;
  const plate = normalizePlate(plateRaw);
  if (plate === '') return undefined;
  const confidence = unit(plateObj ? (readings[0]?.score ?? plateObj.score) : (r.score ?? r.dscore)) ?? unit(r.dscore) ?? 0;
  const read: ResultRead = { plate, plateRaw, confidence };
  const regionCode = plateObj ? valueList(obj(plateObj.props)?.region)[0]?.value : regionOf(r.region);
  const state = stateOf(regionCode);
  if (state !== undefined) read.state = state;
  const alternatives = plateObj ? readings.slice(1).map((c) => ({ plate: c.value, score: c.score })) : candidateList(r.candidates);
  const candidates = candidatesOf(alternatives, plate);
  if (candidates !== undefined) read.candidates = candidates;
  const vehicle = vehicleOf(r);
  if (vehicle !== undefined) read.vehicle = vehicle;
  return read;
}

function plateText(v: unknown): string | undefined {
  return typeof v === 'string' && v.length <= MAX_PLATE_TEXT ? text(v) : undefined;
}

/** 0–1 score; anything outside is clamped, anything else undefined. */
function unit(v: unknown): number | undefined {
  const n = num(v);
  return n === undefined ? undefined : Math.min(1, Math.max(0, n));
}

/** `region: {code: "us-ca", score}`, or a bare string in older or hand-made payloads. */
function regionOf(v: unknown): string | undefined {
  return text(obj(v)?.code, 20) ?? text(v, 20);
}

/** Only North American subdivisions become a state: `fr`, `de`, `in` are countries, not Delaware or Indiana. */
function stateOf(code: string | undefined): string | undefined {
  const m = code === undefined ? null : /^(us|ca)[-_ ]([a-z]{2})$/i.exec(code.trim());
  return m ? normalizeState(m[2]) : undefined;
}

/** `[{value, score}]` lists of type-2 props. */
function valueList(v: unknown): { value: string; score: unknown }[] {
  if (!Array.isArray(v)) return [];
  const out: { value: string; score: unknown }[] = [];
  for (const item of v.slice(0, MAX_CANDIDATES + 1)) {
    const o = obj(item);
    const value = typeof o?.value === 'string' && o.value.length <= MAX_PLATE_TEXT ? text(o.value) : undefined;
    if (o !== undefined && value !== undefined) out.push({ value, score: o.score });
  }
  return out;
}

function candidateList(v: unknown): { plate: string; score: unknown }[] {
  if (!Array.isArray(v)) return [];
  const out: { plate: string; score: unknown }[] = [];
  for (const item of v.slice(0, MAX_CANDIDATES * 2)) {
    const o = obj(item);
    const plate = plateText(o?.plate);
    if (o !== undefined && plate !== undefined) out.push({ plate, score: o.score });
  }
  return out;
}

/** Normalized alternatives without the best plate and without repeats, in the sender's order. */
function candidatesOf(list: { plate: string; score: unknown }[], best: string): PlateCandidate[] | undefined {
  const seen = new Set([best]);
  const out: PlateCandidate[] = [];
  for (const c of list) {
    const plate = normalizePlate(c.plate);
    if (plate === '' || seen.has(plate)) continue;
    seen.add(plate);
    out.push({ plate, confidence: unit(c.score) ?? 0 });
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out.length > 0 ? out : undefined;
}

/** Placeholders the MMC model answers when it does not know. */
const UNKNOWN = /^(unknown|invalid|generic|none|null|)$/i;

function known(v: unknown, max = 60): string | undefined {
  const t = text(v, max);
  return t === undefined || UNKNOWN.test(t) ? undefined : t;
}

/** The first (best) entry of a scored list, from either shape. */
function best(v: unknown): Json | undefined {
  return Array.isArray(v) ? obj(v[0]) : obj(v);
}

function vehicleOf(r: Json): VehicleDescription | undefined {
  const v = obj(r.vehicle);
  const props = obj(v?.props);
  const out: VehicleDescription = {};
  const bodyType = known(v?.type);
  if (bodyType !== undefined) out.bodyType = bodyType;
  const mm = best(props?.make_model ?? r.model_make);
  const make = known(mm?.make);
  if (make !== undefined) {
    out.make = make;
    const model = known(mm?.model);
    if (model !== undefined) out.model = model;
  }
  const colour = best(props?.color ?? r.color);
  const color = known(colour?.color ?? colour?.value);
  if (color !== undefined) out.color = color;
  // "" when Stream has no direction; degrees otherwise
  const heading = typeof r.direction === 'number' || (typeof r.direction === 'string' && r.direction.trim() !== '') ? num(r.direction) : undefined;
  if (heading !== undefined && heading >= 0 && heading <= 360) out.heading = heading;
  return Object.keys(out).length > 0 ? out : undefined;
}

function expectObject(value: unknown, where: string): Json {
  const o = obj(value);
  if (o === undefined) throw new DecodeError(`${where}: expected a JSON object, got ${kindOf(value)}`);
  return o;
}

function empty(ignored: string): DecodeResult {
  return { reads: [], heartbeats: [], alerts: [], ignored };
}
