/**
 * Tolerant readers for OpenALPR JSON. Agents, the web server and third-party relays send numbers
 * as strings, `[]` where an object belongs (PHP-style empty maps) and leave fields out, so every
 * reader returns undefined rather than throwing.
 */
import { normalizePlate, type LonLat, type PlateCandidate } from '@openrtcc/domain';

export type Json = Record<string, unknown>;

export const SOURCE_SYSTEM = 'openalpr';

/** Context handed down from a wrapper (alert, relay) to the group it carries. */
export interface DecodeContext {
  receivedAt: number;
  /** The wrapper's agent_uid / site_id, used when the group lacks its own. */
  agent?: string;
  /** The wrapper's camera id, used when the group lacks its own. */
  cameraId?: string;
}

export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? undefined : s;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function bool(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && /^(true|1|yes)$/i.test(v.trim()));
}

/** An id that may arrive as a number or, above 2^53, as the exact string from the JSON parser. */
export function idStr(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : undefined;
  return str(v);
}

/** OpenALPR confidences are percentages; the platform uses 0–1. */
export function pct01(v: unknown): number | undefined {
  const n = num(v);
  return n === undefined ? undefined : Math.min(1, Math.max(0, n / 100));
}

/** Epoch milliseconds from a number, a numeric string or (web-server API) an ISO string with zone. */
export function epochMs(v: unknown): number | undefined {
  const n = num(v);
  if (n !== undefined) return n > 0 ? Math.round(n) : undefined;
  if (typeof v === 'string' && /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(v.trim())) {
    const t = Date.parse(v.trim());
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** Agent image ids end in `-<epoch ms>`: a fallback when the payload's time field is missing. */
export function epochFromUuid(uuid: string | undefined): number | undefined {
  const m = uuid === undefined ? null : /-(\d{12,14})$/.exec(uuid);
  return m ? Number(m[1]) : undefined;
}

/** `${agent_uid || site_id}:${camera_id}`, or the bare camera id when the sender names no agent. */
export function cameraKeyOf(msg: Json, ctx: DecodeContext): string | undefined {
  const agent = str(msg.agent_uid) ?? str(msg.site_id) ?? ctx.agent;
  const camera = idStr(msg.camera_id) ?? ctx.cameraId;
  if (camera === undefined) return undefined;
  return agent === undefined ? camera : `${agent}:${camera}`;
}

/** Camera GPS as [lon, lat]; (0, 0) and half-filled pairs mean "not configured" on agents. */
export function gpsOf(msg: Json): LonLat | undefined {
  const lat = num(msg.gps_latitude);
  const lon = num(msg.gps_longitude);
  if (lat === undefined || lon === undefined || lat === 0 || lon === 0) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return [lon, lat];
}

/** Normalized candidates without the best plate itself and without repeats, in the sender's order. */
export function candidatesOf(list: unknown, bestPlate: string): PlateCandidate[] | undefined {
  const seen = new Set([bestPlate]);
  const out: PlateCandidate[] = [];
  for (const item of arr(list)) {
    const c = obj(item);
    const raw = str(c?.plate);
    if (c === undefined || raw === undefined) continue;
    const plate = normalizePlate(raw);
    if (plate === '' || seen.has(plate)) continue;
    seen.add(plate);
    out.push({ plate, confidence: pct01(c.confidence) ?? 0 });
  }
  return out.length > 0 ? out : undefined;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The base64 of a JPEG, or undefined. The agent docs put placeholder text such as
 * "...base64 jpeg data..." in these fields; storing that as an image would break viewers, so only
 * well-formed base64 whose bytes start with the JPEG marker (`/9j/`) passes.
 */
export function jpegBase64(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  let s = v.trim();
  const prefix = /^data:image\/jpe?g;base64,/i.exec(s);
  if (prefix) s = s.slice(prefix[0].length);
  s = s.replace(/\s+/g, '');
  if (s.length < 8 || s.length % 4 !== 0 || !s.startsWith('/9j/') || !BASE64.test(s)) return undefined;
  return s;
}
