/**
 * Tolerant readers for the loosely typed values dispatch, AVL and sensor senders put on the wire:
 * numbers as strings, times as ISO text or epoch seconds or milliseconds, text of any length.
 * Each returns undefined for a value it cannot use, so a decoder decides what is required.
 */
import { parseIsoWithZone } from './rtcc/iso-time.ts';

/** A finite number from a number or a numeric string ("12.5", " 3 "). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && v.length <= 40) {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Trimmed, non-empty text of at most `max` characters (longer text is cut, marked with "…"). */
export function text(v: unknown, max = 500): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '') return undefined;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** true/false from a boolean, "true"/"false", "1"/"0", 1/0, "yes"/"no". */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1' || t === 'yes') return true;
    if (t === 'false' || t === '0' || t === 'no') return false;
  }
  return undefined;
}

// Times before 2000 or more than a day ahead are a device's clock or unit error, not a real fix.
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_AHEAD_MS = 86_400_000;

/**
 * Epoch ms from ISO 8601 with a zone, epoch seconds (below 10^11, with fraction) or epoch ms, or
 * a numeric string of either; undefined when absent, unparsable or outside 2000 … now + 1 day.
 * @example time('2021-04-30T14:43:49.439-04:00', Date.now()) // 1619808229439
 */
export function time(v: unknown, now: number): number | undefined {
  let ms: number | undefined;
  const n = typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : typeof v === 'number' ? v : undefined;
  if (n !== undefined) {
    if (!Number.isFinite(n)) return undefined;
    ms = Math.round(n < 1e11 ? n * 1000 : n);
  } else if (typeof v === 'string' && v.length <= 64) {
    const parsed = parseIsoWithZone(v.trim());
    if ('ms' in parsed) ms = parsed.ms;
  }
  if (ms === undefined || ms < MIN_TIME || ms > now + MAX_AHEAD_MS) return undefined;
  return ms;
}

/** A WGS84 [lon, lat] from latitude and longitude, or undefined when either is missing or out of range. */
export function lonLat(lat: unknown, lon: unknown): [number, number] | undefined {
  const la = num(lat);
  const lo = num(lon);
  if (la === undefined || lo === undefined || la < -90 || la > 90 || lo < -180 || lo > 180) return undefined;
  return [lo, la];
}

/** A plain JSON object (not null, not an array), or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** What a JSON value is, for error messages. */
export function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
