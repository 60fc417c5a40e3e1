/**
 * Decoder for the Axis LPR app (FF Group fflprapp / AXIS License Plate Verifier) event push:
 * multipart/form-data with the event JSON in the `event` part and the picture in the `image`
 * part, or the event JSON alone.
 *
 * Quirks: numbers are strings (`"plateConfidence": "0.876"` on 0–1, read as a percentage when
 * above 1; `"capture_timestamp": "1623405938252"` in epoch ms UTC); `capture_ts` is
 * nanoseconds, beyond 2^53; `datetime`
 * ("20210611 130538252") is the camera's local time without a zone, used only when the epoch
 * fields are missing and the source's time zone is set; `plateCountry` is ISO alpha-3 with the
 * state in `plateRegion`; one car sends `carState` new → update… → lost, each a capture of its
 * own (`carID` + `capture_timestamp` identify it, so a lost event repeating the last capture is a
 * duplicate, not a second read).
 */
import { normalizePlate, type PlateReadInput, type ReadImage } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody, parseJsonText } from '../json-body.ts';
import { confidenceEitherScale, ignored, plausibleTime, position, stateOf } from '../lpr-fields.ts';
import { splitDevicePost, type MultipartPart } from '../multipart.ts';
import { imageFromBase64, imageFromBytes, MAX_IMAGES_PER_READ } from '../read-image.ts';
import { kindOf, num, obj, text } from '../wire-values.ts';
import { zonedToUtc } from '../zoned-time.ts';

export const SOURCE_SYSTEM = 'axis';
const MAX_PLATE_TEXT = 32;

type Json = Record<string, unknown>;

/**
 * Decodes an Axis LPR event (multipart or JSON).
 * @throws DecodeError for a body with no event JSON, an event that is not the LPR app's, or a
 *   read without a usable time.
 * @example await axisDecoder.decode({ body, contentType: 'multipart/form-data; boundary=…', receivedAt: Date.now() })
 */
export const axisDecoder = {
  family: SOURCE_SYSTEM,
  async decode(payload: RawPayload): Promise<DecodeResult> {
    const { event, files } = await parseBody(payload);
    if (!('plateText' in event || 'plateUTF8' in event || 'plateASCII' in event || 'plateUnicode' in event || 'carID' in event)) {
      throw new DecodeError('not an Axis LPR event (no plateText, plateUTF8, plateASCII or carID)');
    }
    const plateRaw = plateOf(event);
    const plate = plateRaw === undefined ? '' : normalizePlate(plateRaw);
    if (plateRaw === undefined || plate === '') return ignored(`carState "${text(event.carState, 20) ?? 'none'}" event without plate text`);
    const observedAt = timeOf(event, payload);
    const camera = cameraKey(event);
    const carId = text(event.carID, 100);
    const read: PlateReadInput = {
      sourceSystem: SOURCE_SYSTEM,
      sourceEventId: `${camera ?? 'none'}:${carId ?? plate}:${observedAt}`,
      plate,
      plateRaw,
      confidence: confidenceEitherScale(event.plateConfidence) ?? 0,
      observedAt,
    };
    const state = stateOf(event.plateRegion) ?? stateOf(event.plateState) ?? stateOf(event.plateCountry);
    if (state !== undefined) read.state = state;
    if (camera !== undefined) read.sourceCameraKey = camera;
    const geotag = obj(event.geotag);
    const location = position(num(geotag?.lat), num(geotag?.lon));
    if (location !== undefined) read.location = location;
    const images = imagesOf(event, files);
    if (images.length > 0) read.images = images;
    return { reads: [read], heartbeats: [], alerts: [] };
  },
} satisfies Decoder;

async function parseBody(payload: RawPayload): Promise<{ event: Json; files: MultipartPart[] }> {
  const { document, files } = await splitDevicePost(payload, { isDocument: (p) => p.name.toLowerCase() === 'event', looksLike: /^\s*\{/, missing: 'an "event" part' });
  return { event: expectObject(document === undefined ? parseJsonBody(payload) : parseJsonText(document)), files };
}

function expectObject(v: unknown): Json {
  const o = obj(v);
  if (o === undefined) throw new DecodeError(`event: expected a JSON object, got ${kindOf(v)}`);
  return o;
}

/** The app writes the plate in several encodings; UTF-8 first, the ASCII folding last. */
function plateOf(e: Json): string | undefined {
  for (const key of ['plateUTF8', 'plateUnicode', 'plateText', 'plateASCII']) {
    const v = e[key];
    if (typeof v === 'string' && v.length <= MAX_PLATE_TEXT && text(v) !== undefined) return text(v);
  }
  return undefined;
}

/**
 * `capture_timestamp` (epoch ms UTC, a string), else `capture_ts` (epoch ns, beyond 2^53), else
 * the zone-less camera-local `datetime` in the source's time zone.
 */
function timeOf(e: Json, payload: RawPayload): number {
  const ms = num(e.capture_timestamp);
  if (plausibleTime(ms, payload.receivedAt)) return ms;
  const ns = typeof e.capture_ts === 'string' || typeof e.capture_ts === 'number' ? String(e.capture_ts).trim() : '';
  if (/^\d{16,22}$/.test(ns)) {
    const fromNs = Number(BigInt(ns) / 1_000_000n);
    if (plausibleTime(fromNs, payload.receivedAt)) return fromNs;
  }
  const local = localTime(e.datetime);
  if (local !== undefined && payload.timeZone !== undefined) {
    const t = zonedToUtc(local, payload.timeZone).ms;
    if (plausibleTime(t, payload.receivedAt)) return t;
  }
  const why = local !== undefined && payload.timeZone === undefined ? '; datetime is camera-local: set the source\'s timeZone to use it' : '';
  throw new DecodeError(`no usable time: capture_timestamp ${show(e.capture_timestamp)}, capture_ts ${show(e.capture_ts)}, datetime ${show(e.datetime)}${why}`);
}

function show(v: unknown): string {
  return v === undefined ? 'missing' : typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : kindOf(v);
}

/** "20210611 130538252" → its wall-clock parts. */
function localTime(v: unknown) {
  const m = typeof v === 'string' ? /^(\d{4})(\d{2})(\d{2})[ T]?(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(v.trim()) : null;
  if (m === null) return undefined;
  const w = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6], ms: m[7] === undefined ? 0 : +m[7] };
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (check.getUTCMonth() !== w.month - 1 || check.getUTCDate() !== w.day || w.hour > 23 || w.minute > 59 || w.second > 59) return undefined;
  return w;
}

/** The camera by its serial number (else MAC address): what Axis prints on the device. */
function cameraKey(e: Json): string | undefined {
  const info = obj(e.camera_info);
  return text(info?.SerialNumber, 100) ?? text(info?.MACAddress, 100) ?? text(e.cameraSerial, 100);
}

/**
 * The `image` part (or any picture part), its kind from the event's `imageType` ("plate",
 * "vehicle", anything else the full frame), and a base64 `image` field when the app embeds it.
 */
function imagesOf(e: Json, files: MultipartPart[]): ReadImage[] {
  const declared = text(e.imageType, 30)?.toLowerCase();
  const kindFor = (name: string): ReadImage['kind'] => {
    const hint = `${declared ?? ''} ${name}`.toLowerCase();
    return hint.includes('plate') ? 'plate' : hint.includes('vehicle') ? 'vehicle' : 'overview';
  };
  const images: ReadImage[] = [];
  for (const f of files) {
    const image = imageFromBytes(kindFor(`${f.name} ${f.filename ?? ''}`), f.data);
    if (image !== undefined && images.length < MAX_IMAGES_PER_READ) images.push(image);
  }
  const embedded = imageFromBase64(kindFor('image'), e.image);
  if (embedded !== undefined && images.length < MAX_IMAGES_PER_READ) images.push(embedded);
  return images;
}
