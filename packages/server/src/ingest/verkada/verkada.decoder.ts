/**
 * Decoder for Verkada Command webhooks. An LPR webhook (`webhook_type: "lpr"`) is
 * `{webhook_type, org_id, webhook_id, data: {camera_id, created (epoch seconds), confidence,
 * license_plate_number, …}}`; every other webhook type an organization may route to the same URL
 * (notifications, access control, camera status…) is understood and acknowledged as ignored.
 *
 * Verkada sends no picture with the webhook (it is fetched from Verkada's API with an API key),
 * so these reads carry none. Verkada retries once when the answer takes more than 2 s; the
 * identity (camera, `created`, plate) makes the retry a duplicate.
 */
import { normalizePlate, type PlateReadInput } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { confidenceEitherScale, ignored, stateOf } from '../lpr-fields.ts';
import { kindOf, obj, text, time } from '../wire-values.ts';

export const SOURCE_SYSTEM = 'verkada';
const MAX_PLATE_TEXT = 32;

/**
 * Decodes a Verkada webhook.
 * @throws DecodeError for a body that is not JSON or not a Verkada webhook, and an LPR webhook
 *   without `data`, camera or a usable `created` time.
 * @example verkadaDecoder.decode({ body, receivedAt: Date.now() })
 */
export const verkadaDecoder = {
  family: SOURCE_SYSTEM,
  decode(payload: RawPayload): DecodeResult {
    const value = parseJsonBody(payload);
    const hook = obj(value);
    if (hook === undefined) throw new DecodeError(`expected a JSON object, got ${kindOf(value)}`);
    const type = text(hook.webhook_type, 60);
    if (type === undefined) throw new DecodeError(`not a Verkada webhook (no webhook_type; keys: ${Object.keys(hook).slice(0, 8).join(', ') || 'none'})`);
    if (type.toLowerCase() !== 'lpr') return ignored(`webhook_type "${type}" is not a plate read`);
    const data = obj(hook.data);
    if (data === undefined) throw new DecodeError(`lpr webhook: data is ${kindOf(hook.data)}, expected an object`);
    const plateRaw = typeof data.license_plate_number === 'string' && data.license_plate_number.length <= MAX_PLATE_TEXT ? text(data.license_plate_number) : undefined;
    const plate = plateRaw === undefined ? '' : normalizePlate(plateRaw);
    if (plateRaw === undefined || plate === '') return ignored('lpr webhook without license_plate_number');
    const camera = text(data.camera_id, 100);
    if (camera === undefined) throw new DecodeError('lpr webhook without data.camera_id');
    // `created` is epoch seconds; time() also takes milliseconds and ISO text from relays
    const observedAt = time(data.created ?? hook.created_at, payload.receivedAt);
    if (observedAt === undefined) throw new DecodeError(`lpr webhook: created ${show(data.created)} is not an epoch time between 2000 and now`);
    const read: PlateReadInput = {
      sourceSystem: SOURCE_SYSTEM,
      sourceEventId: `${camera}:${observedAt}:${plate}`,
      plate,
      plateRaw,
      confidence: confidenceEitherScale(data.confidence) ?? 0,
      observedAt,
      sourceCameraKey: camera,
    };
    const state = stateOf(data.license_plate_state) ?? stateOf(data.state) ?? stateOf(data.region);
    if (state !== undefined) read.state = state;
    return { reads: [read], heartbeats: [], alerts: [] };
  },
} satisfies Decoder;

function show(v: unknown): string {
  return v === undefined ? 'missing' : typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v === 'number' ? String(v) : kindOf(v);
}
