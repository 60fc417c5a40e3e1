/**
 * Times in calls-for-service files: CAD exports and open-data portals write the local wall clock
 * without an offset (`2018-01-09T09:26:00.000`, `2020-07-28 08:56:00`, `7/28/2020 8:56:00 AM`).
 * The mapping names the source's IANA zone; this turns a wall-clock time into UTC through it.
 *
 * Daylight saving follows the `compatible` rule of ECMAScript Temporal: a wall time that occurs
 * twice (the hour repeated in autumn) is the first occurrence; one that does not exist (the hour
 * skipped in spring) is read with the offset before the change, so 02:30 becomes 03:30 daylight.
 * A value that carries its own offset or `Z` keeps it; the zone is then not used.
 */
import type { CfsTimeFormat } from '@openrtcc/domain';

export { CFS_TIME_FORMATS } from '@openrtcc/domain';
export type { CfsTimeFormat } from '@openrtcc/domain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for a time zone name this runtime knows (IANA, or `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `t`, in ms (Chicago in January: -6 h). */
export function zoneOffsetAt(t: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in `zone` (the wall clock given as if it were UTC ms).
 * @example localToUtc(Date.UTC(2018, 0, 9, 9, 26), 'America/Chicago') // Date.UTC(2018, 0, 9, 15, 26)
 */
export function localToUtc(wall: number, zone: string): number {
  const before = zoneOffsetAt(wall - DAY, zone);
  const after = zoneOffsetAt(wall + DAY, zone);
  const fits = (offset: number) => zoneOffsetAt(wall - offset, zone) === offset;
  const candidates = [before, after].filter(fits).map((o) => wall - o);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before; // skipped wall time: read with the offset before the change
}

export type TimeResult = { ms: number } | { problem: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?)?$/i;

/**
 * Parses one time cell as the mapping says it is written.
 * @example parseCfsTime('2018-01-09T09:26:00.000', 'iso', 'America/Chicago') // { ms: 1515511560000 }
 */
export function parseCfsTime(raw: string, format: CfsTimeFormat, zone: string): TimeResult {
  const s = raw.trim();
  if (s === '') return { problem: 'the received time is empty' };
  switch (format) {
    case 'epoch-seconds':
    case 'epoch-millis': {
      if (!/^\d{9,16}(\.\d+)?$/.test(s)) return { problem: `"${clip(s)}" is not an epoch ${format === 'epoch-seconds' ? 'seconds' : 'milliseconds'} value` };
      return { ms: Math.round(Number(s) * (format === 'epoch-seconds' ? 1000 : 1)) };
    }
    case 'mdy':
      return parseMdy(s, zone);
    default:
      return parseIso(s, zone);
  }
}

function parseIso(s: string, zone: string): TimeResult {
  const m = ISO.exec(s);
  if (!m) return { problem: `"${clip(s)}" is not a date and time like 2018-01-09T09:26:00` };
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', offset] = m;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  const wall = checkedWall(+y, +mo, +d, +h, +mi, +sec, ms);
  if (wall === undefined) return { problem: `"${clip(s)}" is not a real date and time` };
  if (offset === undefined) return { ms: localToUtc(wall, zone) };
  if (offset.toUpperCase() === 'Z') return { ms: wall };
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return { ms: wall - sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2)) * 60_000) };
}

function parseMdy(s: string, zone: string): TimeResult {
  const m = MDY.exec(s);
  if (!m) return { problem: `"${clip(s)}" is not a date and time like 7/28/2020 8:56:00 AM` };
  const [, mo, d, y, h = '0', mi = '0', sec = '0', ampm] = m;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return { problem: `"${clip(s)}" has hour ${hour} with ${ampm}` };
    hour = (hour % 12) + (/^p/i.test(ampm) ? 12 : 0);
  }
  const wall = checkedWall(+y, +mo, +d, hour, +mi, +sec, 0);
  if (wall === undefined) return { problem: `"${clip(s)}" is not a real date and time` };
  return { ms: localToUtc(wall, zone) };
}

/** The wall clock as UTC ms, or undefined for 2018-02-30 or 25:00. */
function checkedWall(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : undefined;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
