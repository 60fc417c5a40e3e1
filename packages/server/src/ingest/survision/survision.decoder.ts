/**
 * Decoder for Survision cameras' HTTP push: the camera's XML event converted to JSON, so
 * attributes are `@`-prefixed keys and every value is a string:
 * `{"anpr": {"@date": "<epoch ms UTC>", "@session", "@id", "decision": {"@plate",
 * "@reliability" (0–100), "@context_isoAlpha2", "@context_isoAlpha3", "@direction", "@x", "@y",
 * "@width", "@height", "@plateOccurences", "jpeg": "<base64>"}}}`.
 *
 * Identity: `@session` + `@id` (the id restarts with each camera session). A decision with an
 * empty plate (a vehicle the camera could not read) is acknowledged as ignored. Countries come as
 * ISO alpha-2/3, which are not states; a North American context (`US-TX`, `USA_TX`) gives one.
 */
import { normalizePlate, type PlateReadInput } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { confidence, plausibleTime, stateOf } from '../lpr-fields.ts';
import { imageFromBase64 } from '../read-image.ts';
import { kindOf, num, obj, text } from '../wire-values.ts';

export const SOURCE_SYSTEM = 'survision';
/** Events in one push. */
export const MAX_EVENTS = 100;
const MAX_PLATE_TEXT = 32;

type Json = Record<string, unknown>;

/**
 * Decodes a Survision push (`{anpr}`, `{anpr: [...]}`, or the bare anpr object).
 * @throws DecodeError for a body that is not JSON or not a Survision event, or an event whose
 *   `@date` is not a usable epoch.
 * @example survisionDecoder.decode({ body, receivedAt: Date.now() })
 */
export const survisionDecoder = {
  family: SOURCE_SYSTEM,
  decode(payload: RawPayload): DecodeResult {
    const events = eventsOf(parseJsonBody(payload));
    const out: DecodeResult = { reads: [], heartbeats: [], alerts: [] };
    events.forEach((anpr, i) => {
      const where = events.length > 1 ? `anpr[${i}]: ` : '';
      try {
        const read = toRead(anpr, payload);
        if (read !== undefined) out.reads.push(read);
      } catch (e) {
        if (e instanceof DecodeError && where !== '') throw new DecodeError(`${where}${e.message}`, { cause: e });
        throw e;
      }
    });
    if (out.reads.length === 0) out.ignored = 'decision without plate text';
    return out;
  },
} satisfies Decoder;

function eventsOf(value: unknown): Json[] {
  const root = obj(value);
  if (root === undefined) throw new DecodeError(`expected a JSON object, got ${kindOf(value)}`);
  const anpr = root.anpr ?? (('@date' in root || 'decision' in root) ? root : undefined);
  if (anpr === undefined) throw new DecodeError(`not a Survision push (no "anpr"; keys: ${Object.keys(root).slice(0, 8).join(', ') || 'none'})`);
  const list = Array.isArray(anpr) ? anpr : [anpr];
  if (list.length === 0) throw new DecodeError('"anpr" is an empty array');
  if (list.length > MAX_EVENTS) throw new DecodeError(`${list.length} events in one push (at most ${MAX_EVENTS})`);
  return list.map((e, i) => {
    const o = obj(e);
    if (o === undefined) throw new DecodeError(`anpr${Array.isArray(anpr) ? `[${i}]` : ''} is ${kindOf(e)}, expected an object`);
    return o;
  });
}

/** XML converted to JSON makes a repeated element an array: the first one is the decision. */
function first(v: unknown): Json | undefined {
  return Array.isArray(v) ? obj(v[0]) : obj(v);
}

function toRead(anpr: Json, payload: RawPayload): PlateReadInput | undefined {
  const decision = first(anpr.decision);
  if (decision === undefined) throw new DecodeError(`"decision" is ${kindOf(anpr.decision)}, expected an object`);
  const raw = decision['@plate'];
  const plateRaw = typeof raw === 'string' && raw.length <= MAX_PLATE_TEXT ? text(raw) : undefined;
  const plate = plateRaw === undefined ? '' : normalizePlate(plateRaw);
  if (plateRaw === undefined || plate === '') return undefined;
  const observedAt = num(anpr['@date']);
  if (!plausibleTime(observedAt, payload.receivedAt)) {
    throw new DecodeError(`@date ${typeof anpr['@date'] === 'string' ? JSON.stringify((anpr['@date'] as string).slice(0, 40)) : kindOf(anpr['@date'])} is not an epoch in milliseconds between 2000 and now`);
  }
  const session = text(anpr['@session'], 100);
  const id = text(anpr['@id'], 100);
  const read: PlateReadInput = {
    sourceSystem: SOURCE_SYSTEM,
    sourceEventId: session !== undefined && id !== undefined ? `${session}:${id}` : `${text(anpr['@serial'], 100) ?? 'none'}:${observedAt}:${plate}`,
    plate,
    plateRaw,
    confidence: confidence(decision['@reliability'], 100) ?? 0,
    observedAt,
  };
  const state = stateOf(decision['@context_subdivision']) ?? stateOf(decision['@context']) ?? stateOf(decision['@state']);
  if (state !== undefined) read.state = state;
  const camera = text(anpr['@serial'], 100) ?? text(anpr['@sensor'], 100) ?? text(anpr['@camera'], 100);
  if (camera !== undefined) read.sourceCameraKey = camera;
  const image = imageFromBase64('vehicle', decision.jpeg ?? decision['@jpeg'] ?? anpr.jpeg);
  if (image !== undefined) read.images = [image];
  return read;
}
