/**
 * Decoder for the gunshot webhook: one alert (or an array) from an acoustic detection system or
 * the bridge in front of it. The platform's field names are first; the names vendors' exports
 * commonly use are read too (`incidentId`, `latitude`/`longitude`, `numberOfRounds`,
 * `reviewed` …), confidence 0–100 becomes 0–1, times are ISO 8601 with a zone or epoch s / ms.
 *
 * An alert needs the vendor's id, a time and a position; a body with one that lacks them is
 * refused whole (and quarantined by the route), since a gunshot is never silently dropped.
 * Pure: no I/O.
 */
import type { GunshotAlert, LonLat } from '@openrtcc/domain';
import { DecodeError, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { bool, kindOf, lonLat, num, obj, text, time } from '../wire-values.ts';

export const GUNSHOT_SOURCE = 'gunshot';

/** An alert as the sender describes it: what the platform adds (id, source, receipt, outcome) left out. */
export type GunshotInput = Omit<GunshotAlert, 'id' | 'sourceId' | 'receivedAt' | 'outcome'>;

export interface GunshotDecoded {
  alerts: GunshotInput[];
}

export const MAX_ALERTS = 500;

type Json = Record<string, unknown>;

const first = (o: Json, names: string[]): unknown => {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
};

/**
 * Decodes a gunshot webhook body.
 * @throws DecodeError for bodies that are not JSON objects (or arrays of them) and alerts without id, time or position.
 * @example gunshotDecoder.decode({ body: Buffer.from('{"vendor":"acme","id":"A1","detectedAt":"2026-03-14T02:11:09Z","location":[-87.6,41.8]}'), receivedAt: Date.now() })
 */
export const gunshotDecoder = {
  family: GUNSHOT_SOURCE,
  decode(payload: RawPayload): GunshotDecoded {
    const value = parseJsonBody(payload);
    const wrapped = obj(value);
    // `{ "alerts": [...] }` as well as a bare array or object
    const list = Array.isArray(value) ? value : Array.isArray(wrapped?.alerts) ? (wrapped!.alerts as unknown[]) : [value];
    if (list.length === 0) throw new DecodeError('no alerts in the body');
    if (list.length > MAX_ALERTS) throw new DecodeError(`${list.length} alerts in one request; at most ${MAX_ALERTS}`);
    const many = list.length > 1 || Array.isArray(value);
    return {
      alerts: list.map((item, i) => {
        const r = decodeAlert(item, payload.receivedAt);
        if (typeof r === 'string') throw new DecodeError(many ? `[${i}]: ${r}` : r);
        return r;
      }),
    };
  },
};

function decodeAlert(item: unknown, receivedAt: number): GunshotInput | string {
  const a = obj(item);
  if (!a) return `expected a gunshot alert object, got ${kindOf(item)}`;
  const sourceEventId = text(first(a, ['id', 'alertId', 'incidentId', 'eventId', 'flexId', 'sourceEventId']), 200);
  if (!sourceEventId) return 'no alert id (id): the vendor\'s id makes a resend recognisable';
  const rawTime = first(a, ['detectedAt', 'time', 'datetime', 'timestamp', 'detectionTime', 'dateTime']);
  const detectedAt = time(rawTime, receivedAt);
  if (detectedAt === undefined) return rawTime === undefined ? 'no detection time (detectedAt)' : 'detectedAt is not a time: ISO 8601 with a zone, or epoch seconds or milliseconds';
  const location = positionOf(a);
  if (!location) return 'no usable position: location [lon, lat], or latitude and longitude';
  const out: GunshotInput = {
    vendor: text(first(a, ['vendor', 'system', 'sourceSystem']), 100)?.toLowerCase() ?? 'unspecified',
    sourceEventId,
    detectedAt,
    location,
    humanReviewed: bool(first(a, ['humanReviewed', 'reviewed', 'isReviewed', 'verified'])) ?? false,
    updatedAt: time(first(a, ['updatedAt', 'lastUpdated', 'updated', 'lastUpdateTimeStamp']), receivedAt) ?? detectedAt,
  };
  const rounds = num(first(a, ['rounds', 'numberOfRounds', 'roundsFired', 'numRounds', 'shots']));
  if (rounds !== undefined && Number.isInteger(rounds) && rounds >= 0 && rounds <= 10_000) out.rounds = rounds;
  const confidence = num(first(a, ['confidence', 'probability', 'score']));
  if (confidence !== undefined && confidence >= 0 && confidence <= 100) out.confidence = confidence > 1 ? Math.round(confidence * 100) / 10_000 : confidence;
  const address = text(first(a, ['address', 'location_text', 'addressText']), 300);
  if (address) out.address = address;
  const classification = text(first(a, ['classification', 'type', 'alertType', 'incidentType']), 100);
  if (classification) out.classification = classification;
  const sensors = num(first(a, ['sensorCount', 'sensors', 'numberOfSensors']));
  if (sensors !== undefined && Number.isInteger(sensors) && sensors >= 0 && sensors <= 10_000) out.sensorCount = sensors;
  return out;
}

function positionOf(a: Json): LonLat | undefined {
  const loc = a.location;
  if (Array.isArray(loc) && loc.length >= 2) return lonLat(loc[1], loc[0]);
  const o = obj(loc) ?? obj(a.position) ?? obj(a.geometry);
  if (o) {
    if (Array.isArray(o.coordinates)) return lonLat(o.coordinates[1], o.coordinates[0]);
    return lonLat(first(o, ['lat', 'latitude']), first(o, ['lon', 'lng', 'longitude']));
  }
  return lonLat(first(a, ['latitude', 'lat']), first(a, ['longitude', 'lon', 'lng']));
}
