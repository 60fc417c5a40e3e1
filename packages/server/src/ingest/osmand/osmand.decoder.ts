/**
 * Decoder for the OsmAnd protocol, what the Traccar Client app (and OsmAnd, and many trackers)
 * sends: `id`, `lat`, `lon` (or `location=lat,lon`), `timestamp` (epoch seconds or ms, ISO 8601,
 * or "yyyy-MM-dd HH:mm:ss" in UTC), `speed` (knots), `bearing`/`heading`, `altitude`, `accuracy`,
 * `batt` …, in the query string (GET) or a form body (POST). Traccar Client 9 posts JSON instead
 * (`{ device_id, location: { timestamp, coords: { latitude, longitude, speed (m/s), heading … },
 * battery: { level 0–1 } } }`, `location` possibly an array); that is read too.
 *
 * Field meanings follow Traccar's own OsmAndProtocolDecoder, so a phone set up for Traccar works
 * unchanged. Pure: no I/O.
 */
import type { UnitPositionInput } from '../../store/store.types.ts';
import { DecodeError, type RawPayload } from '../decoder.types.ts';
import { parseJsonText } from '../json-body.ts';
import { kindOf, lonLat, num, obj, text, time } from '../wire-values.ts';

export const OSMAND_SOURCE = 'osmand';

/** One request's positions, and the reasons positions were left out. */
export interface PositionsDecoded {
  positions: UnitPositionInput[];
  dropped: { index: number; reason: string }[];
}

export interface OsmandPayload extends RawPayload {
  /** The request's query string, without the leading `?`. */
  query: string;
}

const KNOT_MPS = 1852 / 3600;
/** Positions accepted in one JSON batch. */
export const MAX_BATCH = 1000;
const MAX_ID = 100;

/**
 * Decodes an OsmAnd request.
 * @throws DecodeError when no parameters came, or the JSON body cannot be read.
 * @example osmandDecoder.decode({ query: 'id=2B31&lat=38.9&lon=-77.0&timestamp=1767261600', body: Buffer.alloc(0), receivedAt: Date.now() })
 */
export const osmandDecoder = {
  family: OSMAND_SOURCE,
  decode(payload: OsmandPayload): PositionsDecoded {
    const params = new URLSearchParams(payload.query);
    params.delete('key');
    const bodyText = bodyOf(payload.body);
    if (bodyText !== '' && /^[[{]/.test(bodyText)) return fromJson(parseJsonText(bodyText), params, payload.receivedAt);
    // like Traccar: parameters in the URL win; the body is read when the URL has none
    if ([...params.keys()].length === 0 && bodyText !== '') for (const [k, v] of new URLSearchParams(bodyText)) params.append(k, v);
    if ([...params.keys()].length === 0) throw new DecodeError('no OsmAnd parameters: send id, lat, lon and timestamp in the query string or a form body');
    return one(fromParams(params, payload.receivedAt));
  },
};

function bodyOf(body: Buffer): string {
  const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return body.toString('utf8', bom ? 3 : 0).trim();
}

function one(r: UnitPositionInput | string): PositionsDecoded {
  return typeof r === 'string' ? { positions: [], dropped: [{ index: 0, reason: r }] } : { positions: [r], dropped: [] };
}

function fromParams(p: URLSearchParams, receivedAt: number): UnitPositionInput | string {
  const unitId = text(p.get('id') ?? p.get('deviceid') ?? p.get('device_id'), MAX_ID);
  if (!unitId) return 'no device id (`id`)';
  let location = lonLat(p.get('lat'), p.get('lon'));
  const pair = p.get('location');
  if (!location && pair) {
    const [lat, lon] = pair.split(',');
    location = lonLat(lat, lon);
  }
  if (!location) return 'no usable lat and lon (missing, not numbers, or out of range)';
  if (location[0] === 0 && location[1] === 0) return 'lat 0, lon 0: the device has no fix';
  if (p.get('valid') === 'false' || p.get('valid') === '0') return 'the device marked the fix invalid';
  const stamp = p.get('timestamp');
  const at = stamp === null ? receivedAt : (time(stamp, receivedAt) ?? localUtc(stamp, receivedAt));
  if (at === undefined) return `timestamp ${JSON.stringify(String(stamp).slice(0, 40))} is not a time (epoch seconds or ms, or ISO 8601 with a zone)`;
  const speedKn = num(p.get('speed'));
  return build(unitId, location, at, receivedAt, {
    speedMps: speedKn === undefined ? undefined : speedKn * KNOT_MPS,
    heading: num(p.get('bearing') ?? p.get('heading')),
    altitude: num(p.get('altitude')),
    accuracy: num(p.get('accuracy')),
    battery: num(p.get('batt')),
  });
}

/** Traccar reads "yyyy-MM-dd HH:mm:ss" without a zone; OpenRTCC reads it as UTC, as phones send it. */
function localUtc(s: string, receivedAt: number): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(s.trim());
  return m ? time(`${m[1]}T${m[2]}Z`, receivedAt) : undefined;
}

function fromJson(value: unknown, params: URLSearchParams, receivedAt: number): PositionsDecoded {
  const o = obj(value);
  if (!o) throw new DecodeError(`expected a JSON object with device_id and location, got ${kindOf(value)}`);
  const unitId = text(o.device_id ?? o.deviceId ?? o.id ?? params.get('id'), MAX_ID);
  const list = Array.isArray(o.location) ? o.location : [o.location];
  if (list.length > MAX_BATCH) throw new DecodeError(`${list.length} locations in one request; at most ${MAX_BATCH}`);
  const out: PositionsDecoded = { positions: [], dropped: [] };
  list.forEach((item, index) => {
    const r = jsonLocation(unitId, obj(item), receivedAt);
    if (typeof r === 'string') out.dropped.push({ index, reason: r });
    else out.positions.push(r);
  });
  return out;
}

function jsonLocation(unitId: string | undefined, l: Record<string, unknown> | undefined, receivedAt: number): UnitPositionInput | string {
  if (!unitId) return 'no device id (`device_id`)';
  if (!l) return 'no location object';
  const c = obj(l.coords) ?? {};
  const location = lonLat(c.latitude, c.longitude);
  if (!location) return 'no usable coords.latitude and coords.longitude';
  if (location[0] === 0 && location[1] === 0) return 'lat 0, lon 0: the device has no fix';
  const at = l.timestamp === undefined ? receivedAt : time(l.timestamp, receivedAt);
  if (at === undefined) return 'location.timestamp is not a time';
  const speed = num(c.speed);
  const level = num(obj(l.battery)?.level);
  return build(unitId, location, at, receivedAt, {
    // the JSON format reports -1 for "unknown"
    speedMps: speed !== undefined && speed >= 0 ? speed : undefined,
    heading: num(c.heading) !== undefined && num(c.heading)! >= 0 ? num(c.heading) : undefined,
    altitude: num(c.altitude),
    accuracy: num(c.accuracy),
    battery: level !== undefined && level >= 0 ? (level <= 1 ? level * 100 : level) : undefined,
  });
}

/** A position with only the optional fields that are physically possible. */
export function build(
  unitId: string,
  location: [number, number],
  at: number,
  receivedAt: number,
  f: { speedMps?: number; heading?: number; altitude?: number; accuracy?: number; battery?: number },
  sourceSystem = OSMAND_SOURCE,
): UnitPositionInput {
  const p: UnitPositionInput = { unitId, location, at, sourceSystem, receivedAt };
  if (f.heading !== undefined && f.heading >= 0 && f.heading <= 360) p.heading = f.heading % 360;
  if (f.speedMps !== undefined && f.speedMps >= 0 && f.speedMps < 350) p.speedMps = Math.round(f.speedMps * 100) / 100;
  if (f.altitude !== undefined && Math.abs(f.altitude) < 20_000) p.altitude = f.altitude;
  if (f.accuracy !== undefined && f.accuracy >= 0 && f.accuracy < 1e6) p.accuracy = f.accuracy;
  if (f.battery !== undefined && f.battery >= 0 && f.battery <= 100) p.battery = Math.round(f.battery * 10) / 10;
  return p;
}
