/**
 * Decoder for everything an OpenALPR / Rekor Scout agent or web server posts to a webhook:
 * `alpr_results`, `alpr_group` (v2, v3), `alpr_alert`, `vehicle`, `heartbeat`, the web server's
 * relay wrapper (top-level `data_type: null` with the group under `group`), its test ping, and a
 * JSON array of any of these.
 */
import { normalizePlate } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload, type SourceAlert } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { mapAlprResults } from './alpr-results.mapper.ts';
import { groupPlateRaw, mapAlprGroup } from './alpr-group.mapper.ts';
import { mapHeartbeat } from './heartbeat.mapper.ts';
import { SOURCE_SYSTEM, idStr, obj, str, type DecodeContext, type Json } from './openalpr.fields.ts';

/**
 * Decodes an OpenALPR payload.
 * @throws DecodeError for bodies that are not JSON, unknown `data_type`s and messages without the
 *   fields needed to place a read in time or identify it.
 * @example openalprDecoder.decode({ body, contentType: 'application/x-www-form-urlencoded', receivedAt: Date.now() })
 */
export const openalprDecoder = {
  family: 'openalpr',
  decode(payload: RawPayload): DecodeResult {
    return decodeValue(parseJsonBody(payload), { receivedAt: payload.receivedAt });
  },
} satisfies Decoder;

function decodeValue(value: unknown, ctx: DecodeContext): DecodeResult {
  if (!Array.isArray(value)) return decodeMessage(expectObject(value), ctx);
  if (value.length === 0) return empty('empty array');
  const out: DecodeResult = { reads: [], heartbeats: [], alerts: [] };
  const ignored: string[] = [];
  value.forEach((item, index) => {
    let part: DecodeResult;
    try {
      part = decodeMessage(expectObject(item), ctx);
    } catch (err) {
      if (err instanceof DecodeError) throw new DecodeError(`[${index}]: ${err.message}`, { cause: err });
      throw err;
    }
    out.reads.push(...part.reads);
    out.heartbeats.push(...part.heartbeats);
    out.alerts.push(...part.alerts);
    if (part.ignored !== undefined) ignored.push(`[${index}]: ${part.ignored}`);
  });
  // `ignored` means "nothing to store", so it is only set when no element carried anything.
  if (out.reads.length + out.heartbeats.length + out.alerts.length === 0) out.ignored = ignored.join('; ');
  return out;
}

function decodeMessage(msg: Json, ctx: DecodeContext): DecodeResult {
  const type = msg.data_type;
  switch (type) {
    case 'alpr_results': {
      const reads = mapAlprResults(msg, ctx);
      return reads.length > 0 ? { reads, heartbeats: [], alerts: [] } : empty('alpr_results without plates');
    }
    case 'alpr_group':
      return fromGroup(msg, ctx);
    case 'vehicle':
      // A vehicle seen without a readable plate; a plate, if one is present, makes it a group.
      return groupPlateRaw(msg) === undefined ? empty('vehicle without plate') : fromGroup(msg, ctx);
    case 'alpr_alert':
      return decodeAlert(msg, ctx);
    case 'heartbeat':
      return { reads: [], heartbeats: [mapHeartbeat(msg, ctx)], alerts: [] };
    case null:
    case undefined:
      return decodeRelay(msg, ctx);
    default:
      throw new DecodeError(`unknown data_type ${JSON.stringify(type)}`);
  }
}

function fromGroup(g: Json, ctx: DecodeContext): DecodeResult {
  const outcome = mapAlprGroup(g, ctx);
  return 'read' in outcome ? { reads: [outcome.read], heartbeats: [], alerts: [] } : empty(outcome.ignored);
}

/** The wrapper's identity fills in for a nested group that lacks its own. */
function innerContext(wrapper: Json, ctx: DecodeContext): DecodeContext {
  const agent = str(wrapper.agent_uid) ?? str(wrapper.site_id) ?? ctx.agent;
  const cameraId = idStr(wrapper.camera_id) ?? idStr(wrapper.camera_number) ?? ctx.cameraId;
  return { receivedAt: ctx.receivedAt, agent, cameraId };
}

/** A nested group may carry its own `data_type` (`alpr_group`, `vehicle`) or none. */
function decodeNestedGroup(group: Json, ctx: DecodeContext): DecodeResult {
  const type = group.data_type;
  if (type === 'vehicle') return decodeMessage(group, ctx);
  if (type === undefined || type === null || type === 'alpr_group') return fromGroup(group, ctx);
  throw new DecodeError(`unexpected data_type ${JSON.stringify(type)} inside a wrapper's group`);
}

/**
 * `alpr_alert`: a vendor-side hotlist hit. The group becomes a read like any other (same id as
 * the plain group the web server also sends, so it is stored once); the alert keeps the list name
 * and the list entry's description.
 */
function decodeAlert(msg: Json, ctx: DecodeContext): DecodeResult {
  const group = obj(msg.group);
  const inner = group === undefined ? empty('alert without group') : decodeNestedGroup(group, innerContext(msg, ctx));
  const plateRaw = str(msg.plate_number) ?? (group && groupPlateRaw(group));
  const plate = plateRaw === undefined ? '' : normalizePlate(plateRaw);
  if (plate === '') throw new DecodeError('alpr_alert without plate_number');
  const alert: SourceAlert = { sourceSystem: SOURCE_SYSTEM, plate };
  const listName = str(msg.alert_list);
  if (listName !== undefined) alert.listName = listName;
  const description = str(msg.description);
  if (description !== undefined) alert.description = description;
  return { reads: inner.reads, heartbeats: [], alerts: [alert] };
}

/**
 * The web server's relay: `data_type` null (or absent) with the group under `group`, or a group
 * relayed flat with its `data_type` blanked. The receiver's test ping is acknowledged as ignored.
 */
function decodeRelay(msg: Json, ctx: DecodeContext): DecodeResult {
  if (str(msg.openalpr_webhook) === 'test') return empty('webhook test ping');
  const group = obj(msg.group);
  if (group !== undefined) return decodeNestedGroup(group, innerContext(msg, ctx));
  if (groupPlateRaw(msg) !== undefined || Array.isArray(msg.uuids)) return fromGroup(msg, ctx);
  throw new DecodeError(msg.data_type === null ? 'data_type is null and there is no group' : 'missing data_type');
}

function expectObject(value: unknown): Json {
  const o = obj(value);
  if (o === undefined) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new DecodeError(`expected a JSON object, got ${kind}`);
  }
  return o;
}

function empty(ignored: string): DecodeResult {
  return { reads: [], heartbeats: [], alerts: [], ignored };
}
