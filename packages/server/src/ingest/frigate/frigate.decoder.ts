/**
 * Decoder for Frigate NVR messages taken from its MQTT broker (family `frigate`):
 *
 * - `<prefix>/tracked_object_update` with `type: "lpr"`: `{id, camera, plate, score, timestamp}`,
 *   one read;
 * - `<prefix>/events` (`{type, before, after}`) whose `after` carries `recognized_license_plate`,
 *   either a string with `recognized_license_plate_score` (docs, HTTP API) or a `[plate, score]`
 *   pair (what Frigate's code puts on the wire); one read.
 *
 * The shape, not the topic, decides, so a message is decoded the same whichever topic carried it.
 * Events without a plate (a person, a car not yet read, an older Frigate without LPR), reviews and
 * other tracked-object updates (`face`, `description`, …) are understood but are not reads: they
 * come back as `ignored`. Times are Unix epoch seconds (float, UTC). The read's `sourceEventId` is
 * `<Frigate event id>:<normalized plate>`, the same for both message kinds and every `update` of an
 * event, so a repeated update never stores a second read. Frigate sends no position: the camera
 * registry places the read through the source key `frigate:<camera>`.
 */
import { normalizePlate, type PlateReadInput } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { kindOf, num, obj, text, time } from '../wire-values.ts';

export const FRIGATE_SOURCE = 'frigate';

/** The `ignored` text of an event message that carries no plate: a camera event, not a read. */
export const NO_PLATE = 'event without a recognized plate';

/**
 * Decodes one Frigate MQTT message.
 * @throws DecodeError for bodies that are not a JSON object, messages without a `type`, and plate
 *   messages without the event id, camera, plate or a usable time.
 * @example frigateDecoder.decode({ body: Buffer.from(JSON.stringify({ type: 'lpr', id, camera, plate, score, timestamp })), receivedAt: Date.now() })
 */
export const frigateDecoder = {
  family: FRIGATE_SOURCE,
  decode(payload: RawPayload): DecodeResult {
    const value = parseJsonBody(payload, { exactBigIntegers: false });
    const msg = obj(value);
    if (msg === undefined) throw new DecodeError(`expected a JSON object, got ${kindOf(value)}`);
    const type = msg.type;
    if (typeof type !== 'string' || type.trim() === '') throw new DecodeError('missing message type');
    if (type === 'lpr') return { reads: [lprRead(msg, payload.receivedAt)], heartbeats: [], alerts: [] };
    if ('after' in msg || 'before' in msg) return decodeEvent(msg, payload.receivedAt);
    // face, description, classification … updates: Frigate's, but not plate reads
    return empty(`tracked_object_update of type ${JSON.stringify(type.slice(0, 40))}`);
  },
} satisfies Decoder;

/** `tracked_object_update` `type: "lpr"`. */
function lprRead(m: Record<string, unknown>, now: number): PlateReadInput {
  const plateRaw = text(m.plate, 100);
  if (plateRaw === undefined) throw new DecodeError(`lpr update without plate (got ${kindOf(m.plate)})`);
  return read(m, plateRaw, m.score, time(m.timestamp, now) ?? time(m.frame_time, now), 'lpr update');
}

/** `events` `{type, before, after}`: the `after` state (or `before` when `after` is missing). */
function decodeEvent(m: Record<string, unknown>, now: number): DecodeResult {
  const o = obj(m.after) ?? obj(m.before);
  if (o === undefined) throw new DecodeError(`event without an object state (after is ${kindOf(m.after)})`);
  if ('severity' in o && 'data' in o) return empty('review message');
  if (o.false_positive === true) return empty('false positive');
  const plate = plateOf(o.recognized_license_plate, o.recognized_license_plate_score);
  if (plate === undefined) return empty(NO_PLATE);
  return { reads: [read(o, plate.raw, plate.score, time(o.frame_time, now) ?? time(o.start_time, now), 'event')], heartbeats: [], alerts: [] };
}

/** A string plate with its separate score, or the `[plate, score]` pair; undefined for none. */
function plateOf(v: unknown, score: unknown): { raw: string; score: unknown } | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string') {
    const raw = text(v, 100);
    return raw === undefined ? undefined : { raw, score };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    const raw = typeof v[0] === 'string' ? text(v[0], 100) : undefined;
    if (raw === undefined) throw new DecodeError(`recognized_license_plate pair without a plate string (got ${kindOf(v[0])})`);
    return { raw, score: v[1] ?? score };
  }
  throw new DecodeError(`recognized_license_plate must be a string or a [plate, score] pair, got ${kindOf(v)}`);
}

function read(o: Record<string, unknown>, plateRaw: string, score: unknown, observedAt: number | undefined, what: string): PlateReadInput {
  const id = typeof o.id === 'string' ? text(o.id, 200) : undefined;
  if (id === undefined) throw new DecodeError(`${what} without an event id`);
  const camera = typeof o.camera === 'string' ? text(o.camera, 200) : undefined;
  if (camera === undefined) throw new DecodeError(`${what} without a camera`);
  if (observedAt === undefined) throw new DecodeError(`${what} without a usable time (epoch seconds)`);
  const plate = normalizePlate(plateRaw);
  const s = num(score);
  return {
    sourceSystem: FRIGATE_SOURCE,
    sourceEventId: `${id}:${plate}`,
    plate,
    plateRaw,
    confidence: s === undefined ? 0 : Math.min(1, Math.max(0, s)),
    observedAt,
    sourceCameraKey: camera,
  };
}

function empty(ignored: string): DecodeResult {
  return { reads: [], heartbeats: [], alerts: [], ignored };
}
