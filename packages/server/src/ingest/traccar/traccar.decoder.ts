/**
 * Decoder for Traccar's forwarding, for agencies that already run Traccar for their fleet:
 * event forwarding (`event.forward.url`: `{ event, device, position? }`; older builds forwarded
 * the bare event) and JSON position forwarding (`forward.json`: `{ position, device }`).
 *
 * The unit is the device's `uniqueId` (the identifier set in the phone or tracker, which is what
 * OsmAnd senders report as `id`), else its name, else `traccar-<deviceId>`. Speed arrives in
 * knots and leaves in m/s. Events without a position (deviceOnline, deviceOffline …) carry
 * nothing to store. Pure: no I/O.
 */
import type { UnitPositionInput } from '../../store/store.types.ts';
import { DecodeError, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { build, type PositionsDecoded } from '../osmand/osmand.decoder.ts';
import { bool, kindOf, lonLat, num, obj, text, time } from '../wire-values.ts';

export const TRACCAR_SOURCE = 'traccar';

const KNOT_MPS = 1852 / 3600;

export interface TraccarDecoded extends PositionsDecoded {
  /** Set when the message was understood but carries no position. */
  ignored?: string;
}

/**
 * Decodes a Traccar forward.
 * @throws DecodeError for bodies that are not JSON objects, or that are neither an event nor a position.
 * @example traccarDecoder.decode({ body: Buffer.from(JSON.stringify({ event, device, position })), receivedAt: Date.now() })
 */
export const traccarDecoder = {
  family: TRACCAR_SOURCE,
  decode(payload: RawPayload): TraccarDecoded {
    const value = parseJsonBody(payload);
    const msg = obj(value);
    if (!msg) throw new DecodeError(`expected a JSON object from Traccar, got ${kindOf(value)}`);
    const event = obj(msg.event);
    const device = obj(msg.device);
    const position = obj(msg.position);
    if (position) return fromPosition(position, device, payload.receivedAt);
    if (event) return ignored(`event ${text(event.type, 60) ?? '(no type)'} without a position`);
    // an older build forwards the bare event; a bare position is read too
    if (typeof msg.type === 'string' && 'eventTime' in msg) return ignored(`event ${text(msg.type, 60)} without a position`);
    if ('latitude' in msg && 'longitude' in msg) return fromPosition(msg, device, payload.receivedAt);
    throw new DecodeError('neither a Traccar event ({ event, device, position }) nor a position ({ position, device })');
  },
};

function ignored(reason: string): TraccarDecoded {
  return { positions: [], dropped: [], ignored: reason };
}

function unitOf(device: Record<string, unknown> | undefined, deviceId: unknown): string | undefined {
  const id = text(device?.uniqueId, 100) ?? text(device?.name, 100);
  if (id) return id;
  const n = num(deviceId ?? device?.id);
  return n === undefined ? undefined : `traccar-${n}`;
}

function fromPosition(p: Record<string, unknown>, device: Record<string, unknown> | undefined, receivedAt: number): TraccarDecoded {
  const unitId = unitOf(device, p.deviceId);
  const drop = (reason: string): TraccarDecoded => ({ positions: [], dropped: [{ index: 0, reason }] });
  if (!unitId) return drop('no device (uniqueId, name or deviceId)');
  if (bool(p.valid) === false) return drop('Traccar marked the position invalid');
  if (bool(p.outdated) === true) return drop('Traccar marked the position outdated (a repeat of the last known one)');
  const location = lonLat(p.latitude, p.longitude);
  if (!location) return drop('no usable latitude and longitude');
  if (location[0] === 0 && location[1] === 0) return drop('latitude 0, longitude 0: the device has no fix');
  const at = time(p.fixTime, receivedAt) ?? time(p.deviceTime, receivedAt) ?? time(p.serverTime, receivedAt);
  if (at === undefined) return drop('no usable fixTime, deviceTime or serverTime');
  const knots = num(p.speed);
  const attributes = obj(p.attributes);
  const position: UnitPositionInput = build(
    unitId,
    location,
    at,
    receivedAt,
    {
      speedMps: knots === undefined ? undefined : knots * KNOT_MPS,
      heading: num(p.course),
      altitude: num(p.altitude),
      accuracy: num(p.accuracy),
      battery: num(attributes?.batteryLevel),
    },
    TRACCAR_SOURCE,
  );
  return { positions: [position], dropped: [] };
}
