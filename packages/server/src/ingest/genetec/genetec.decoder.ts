/**
 * Decoder for Genetec Security Center / AutoVu plate reads sent as webhooks: PascalCase JSON in
 * which every value is a string (`"ConfidenceScore": "99"`, `"Latitude": "38.62"`), the time
 * split into date and time strings without a zone (see genetec.time.ts), the position as decimal
 * strings and as degrees/minutes/seconds, `IsHit` "Yes"/"No", and images as base64 (or "").
 *
 * Identity: `VehicleID` (a GUID per read) when present, else camera + time + plate, so a retry of
 * the same read is a duplicate. A read without plate text (a vehicle AutoVu saw but could not
 * read) is acknowledged as ignored.
 */
import { normalizePlate, type PlateReadInput, type ReadImage, type VehicleDescription } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload, type SourceAlert } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { confidence, dms, ignored, plausibleTime, position, stateOf } from '../lpr-fields.ts';
import { imageFromBase64 } from '../read-image.ts';
import { bool, kindOf, num, obj, text } from '../wire-values.ts';
import { genetecTime } from './genetec.time.ts';

export const SOURCE_SYSTEM = 'genetec';
/** Reads in one posted array. */
export const MAX_READS = 100;
/** Plate text longer than this is not a plate. */
const MAX_PLATE_TEXT = 32;

type Json = Record<string, unknown>;

/**
 * Decodes a Genetec read (one object or an array of them).
 * @throws DecodeError for a body that is not JSON, not a Genetec read, or a read without a
 *   usable time (local time only and no source time zone configured).
 * @example genetecDecoder.decode({ body, receivedAt: Date.now(), timeZone: 'America/Chicago' })
 */
export const genetecDecoder = {
  family: SOURCE_SYSTEM,
  decode(payload: RawPayload): DecodeResult {
    const value = parseJsonBody(payload);
    const items = Array.isArray(value) ? value : [value];
    if (items.length === 0) return ignored('empty array');
    if (items.length > MAX_READS) throw new DecodeError(`array of ${items.length} reads (at most ${MAX_READS})`);
    const out: DecodeResult = { reads: [], heartbeats: [], alerts: [] };
    items.forEach((item, i) => {
      const where = Array.isArray(value) ? `[${i}]: ` : '';
      const r = obj(item);
      if (r === undefined) throw new DecodeError(`${where}expected a JSON object, got ${kindOf(item)}`);
      if (!('Plate' in r) && !('VehicleID' in r) && !('DateUtc' in r) && !('DateLocal' in r)) {
        throw new DecodeError(`${where}not a Genetec read (no Plate, VehicleID, DateUtc or DateLocal)`);
      }
      try {
        const read = toRead(r, payload);
        if (read === undefined) return;
        out.reads.push(read);
        if (bool(r.IsHit) === true) out.alerts.push(alertOf(r, read));
      } catch (e) {
        if (e instanceof DecodeError && where !== '') throw new DecodeError(`${where}${e.message}`, { cause: e });
        throw e;
      }
    });
    if (out.reads.length === 0) out.ignored = 'no read with plate text';
    return out;
  },
} satisfies Decoder;

function toRead(r: Json, payload: RawPayload): PlateReadInput | undefined {
  const plateRaw = typeof r.Plate === 'string' && r.Plate.length <= MAX_PLATE_TEXT ? text(r.Plate) : undefined;
  const plate = plateRaw === undefined ? '' : normalizePlate(plateRaw);
  if (plateRaw === undefined || plate === '') return undefined;
  const time = genetecTime(r, payload.timeZone);
  if (!plausibleTime(time.ms, payload.receivedAt)) throw new DecodeError(`read time ${new Date(time.ms).toISOString()} is before 2000 or in the future`);
  const camera = cameraKey(r);
  const read: PlateReadInput = {
    sourceSystem: SOURCE_SYSTEM,
    sourceEventId: text(r.VehicleID, 100) ?? `${camera ?? 'none'}:${time.ms}:${plate}`,
    plate,
    plateRaw,
    confidence: confidence(r.ConfidenceScore, 100) ?? 0,
    observedAt: time.ms,
  };
  const attributes = obj(r.Attributes) ?? {};
  const state = stateOf(r.State) ?? stateOf(attributes['State Name']);
  if (state !== undefined) read.state = state;
  if (camera !== undefined) read.sourceCameraKey = camera;
  const location = locationOf(r);
  if (location !== undefined) read.location = location;
  const vehicle = vehicleOf(attributes);
  if (vehicle !== undefined) read.vehicle = vehicle;
  const images = imagesOf(r);
  if (images.length > 0) read.images = images;
  return read;
}

/**
 * The camera as the registry knows it: a fixed camera by its name (else its SharpName); a
 * patrol car's camera by patroller and camera, since every car has a "Left" and a "Right".
 */
function cameraKey(r: Json): string | undefined {
  const camera = text(r.CameraName, 100) ?? text(r.SharpName, 100);
  const patroller = text(r.PatrollerName, 100) ?? text(r.PatrollerId, 100);
  if (patroller === undefined) return camera;
  return `${patroller}/${camera ?? 'camera'}`;
}

/** Decimal `Latitude`/`Longitude` strings, else the degree/minute/second fields. */
function locationOf(r: Json): [number, number] | undefined {
  const decimal = position(num(r.Latitude), num(r.Longitude));
  if (decimal !== undefined) return decimal;
  const lat = dms(r.LatitudeDegree, r.LatitudeMinute, r.LatitudeSecond, r.LatitudeDirection ?? r.LatitudeHemisphere);
  const lon = dms(r.LongitudeDegree, r.LongitudeMinute, r.LongitudeSecond, r.LongitudeDirection ?? r.LongitudeHemisphere);
  return position(lat, lon);
}

/** Placeholders AutoVu's analytics use when they do not know. */
const UNKNOWN = /^(unknown|n\/a|none|-|)$/i;

function attribute(a: Json, name: string, max = 60): string | undefined {
  const v = text(a[name], max);
  return v === undefined || UNKNOWN.test(v) ? undefined : v;
}

/** `Vehicle Make/Model` is "Make/Model" (or "Make Model" when AutoVu has no separator). */
function vehicleOf(a: Json): VehicleDescription | undefined {
  const v: VehicleDescription = {};
  const bodyType = attribute(a, 'Vehicle Type');
  if (bodyType !== undefined) v.bodyType = bodyType;
  const color = attribute(a, 'Vehicle Color');
  if (color !== undefined) v.color = color;
  const makeModel = attribute(a, 'Vehicle Make/Model', 120) ?? attribute(a, 'Vehicle Make', 120);
  if (makeModel !== undefined) {
    const [make, ...model] = makeModel.split('/');
    if (make.trim() !== '') v.make = make.trim();
    const m = model.join('/').trim() || attribute(a, 'Vehicle Model');
    if (m !== undefined && m !== '' && !UNKNOWN.test(m)) v.model = m;
  }
  return Object.keys(v).length > 0 ? v : undefined;
}

/** `PlateImage` (the infrared crop), `ContextImage` (the colour vehicle shot), `OverviewImage`. */
function imagesOf(r: Json): ReadImage[] {
  const images: ReadImage[] = [];
  const add = (image: ReadImage | undefined) => image !== undefined && images.push(image);
  add(imageFromBase64('plate', r.PlateImage));
  add(imageFromBase64('vehicle', r.ContextImage));
  add(imageFromBase64('overview', r.OverviewImage));
  return images;
}

/** AutoVu's own hotlist hit (`IsHit: "Yes"`); the platform matches the read against its hotlists too. */
function alertOf(r: Json, read: PlateReadInput): SourceAlert {
  const alert: SourceAlert = { sourceSystem: SOURCE_SYSTEM, plate: read.plate };
  const list = text(r.HotlistName, 200) ?? text(r.Hotlist, 200);
  if (list !== undefined) alert.listName = list;
  const description = text(r.HitDescription, 500);
  if (description !== undefined) alert.description = description;
  return alert;
}
