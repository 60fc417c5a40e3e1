/**
 * Wall-clock time in an IANA zone to UTC (Genetec split times, Axis `datetime`, Hikvision
 * times without an offset), with daylight-saving gaps and overlaps decided on
 * purpose rather than by whatever a Date constructor does:
 *
 * - an overlap (01:30 on the night clocks go back happens twice) takes the instant a hint names
 *   (Genetec's UTC fields, when they are one of the two), otherwise the earlier one;
 * - a gap (02:30 on the night clocks go forward never happens) is read with the offset in force
 *   before the change, i.e. 03:30 after it: a camera whose clock had not changed yet.
 *
 * This is the "compatible" disambiguation of Temporal and RFC 5545.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export interface ZonedInstant {
  ms: number;
  /** How the wall time fell: 'gap' and 'overlap' are the daylight-saving edges. */
  fold: 'unique' | 'gap' | 'overlap';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    if (formatters.size > 500) formatters.clear();
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (America/Chicago in winter: −6 h). */
export function offsetAt(zone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const whole = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return wall - whole;
}

/** The wall time as if it were UTC: the number the offsets are taken from. */
export function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/**
 * The UTC instant of a wall time in a zone.
 * @param hint an instant the sender also gave (its UTC fields): picks the side of an overlap.
 * @example zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, ms: 0 }, 'America/Chicago').fold // 'overlap'
 */
export function zonedToUtc(w: WallTime, zone: string, hint?: number): ZonedInstant {
  const wall = wallAsUtc(w);
  const day = 86_400_000;
  const before = offsetAt(zone, wall - day);
  const after = offsetAt(zone, wall + day);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((utc) => wall - offsetAt(zone, utc) === utc)
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { ms: wall - before, fold: 'gap' };
  if (candidates.length === 1) return { ms: candidates[0], fold: 'unique' };
  const hinted = hint === undefined ? undefined : candidates.find((c) => c === hint);
  return { ms: hinted ?? candidates[0], fold: 'overlap' };
}
