/**
 * OpenALPR agent `heartbeat` (every minute): the agent and its video streams are alive.
 */
import { DecodeError, type SourceHeartbeat } from '../decoder.types.ts';
import { SOURCE_SYSTEM, arr, bool, epochMs, gpsOf, idStr, obj, str, type DecodeContext, type Json } from './openalpr.fields.ts';

/**
 * Fields never copied into `details`: the license key is a credential, and the streams are
 * listed as cameras (their RTSP URLs can embed passwords, so they are not kept at all).
 */
const NOT_DETAILS = new Set(['data_type', 'video_streams', 'license_key', 'agent_uid']);

/**
 * Maps a heartbeat. Cameras are keyed like reads (`${agent_uid || site_id}:${camera_id}`) so the
 * registry links both. `details` keeps the agent's counters as sent; integers above 2^53
 * (`disk_drive_free_bytes`) arrive as exact decimal strings from the body parser.
 * @throws DecodeError when the heartbeat names no agent.
 */
export function mapHeartbeat(h: Json, ctx: DecodeContext): SourceHeartbeat {
  const agentId = str(h.agent_uid) ?? str(h.site_id) ?? ctx.agent ?? str(h.agent_hostname);
  if (agentId === undefined) throw new DecodeError('heartbeat without agent_uid');

  const cameras: SourceHeartbeat['cameras'] = [];
  for (const item of arr(h.video_streams)) {
    const s = obj(item);
    const cameraId = idStr(s?.camera_id);
    if (s === undefined || cameraId === undefined) continue;
    const camera: SourceHeartbeat['cameras'][number] = { sourceCameraKey: `${agentId}:${cameraId}` };
    const name = str(s.camera_name);
    if (name !== undefined) camera.name = name;
    if (s.is_streaming !== undefined) camera.isStreaming = bool(s.is_streaming);
    const location = gpsOf(s);
    if (location !== undefined) camera.location = location;
    cameras.push(camera);
  }

  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(h)) if (!NOT_DETAILS.has(key)) details[key] = value;

  return {
    sourceSystem: SOURCE_SYSTEM,
    agentId,
    // A heartbeat is a liveness signal: when the agent omits its clock, arrival time is the truth.
    at: epochMs(h.timestamp) ?? ctx.receivedAt,
    cameras,
    details,
  };
}
