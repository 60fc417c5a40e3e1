/**
 * The time of a Genetec AutoVu read. AutoVu splits it into date and time strings, twice:
 * `DateUtc` + `TimeUtc` and `DateLocal` + `TimeLocal`, neither with a zone, and real senders
 * put the same local wall time in both. So:
 *
 * - with the source's IANA zone configured, the local fields in that zone are the truth (the
 *   UTC fields then only pick the side of a daylight-saving overlap);
 * - without a zone, the UTC fields are read as UTC, as their name says;
 * - local fields alone, without a zone, cannot be placed in time: refused with the fix.
 */
import { DecodeError } from '../decoder.types.ts';
import { text } from '../wire-values.ts';
import { wallAsUtc, zonedToUtc, type WallTime } from '../zoned-time.ts';

export interface GenetecTime {
  ms: number;
  /** 'gap' / 'overlap' when the local time fell on a daylight-saving change. */
  fold?: 'gap' | 'overlap';
}

/**
 * Epoch ms of a read from its split fields and the source's zone.
 * @throws DecodeError naming the fields when no usable time can be made of them.
 * @example genetecTime({ DateLocal: '03/05/2026', TimeLocal: '08:15:30' }, 'America/Chicago').ms
 */
export function genetecTime(r: Record<string, unknown>, zone: string | undefined): GenetecTime {
  const utc = wallTime(r.DateUtc, r.TimeUtc, 'DateUtc/TimeUtc');
  const local = wallTime(r.DateLocal, r.TimeLocal, 'DateLocal/TimeLocal');
  if (zone !== undefined && local !== undefined) {
    const z = zonedToUtc(local, zone, utc === undefined ? undefined : wallAsUtc(utc));
    return z.fold === 'unique' ? { ms: z.ms } : { ms: z.ms, fold: z.fold };
  }
  if (utc !== undefined) return { ms: wallAsUtc(utc) };
  if (local !== undefined) {
    throw new DecodeError('DateLocal/TimeLocal carry no time zone and DateUtc/TimeUtc are missing: set the source\'s timeZone (POST /api/v1/sources)');
  }
  throw new DecodeError(`no usable date and time: ${describe(r)}`);
}

function describe(r: Record<string, unknown>): string {
  const show = (k: string) => `${k} ${typeof r[k] === 'string' ? JSON.stringify((r[k] as string).slice(0, 40)) : r[k] === undefined ? 'missing' : typeof r[k]}`;
  return ['DateUtc', 'TimeUtc', 'DateLocal', 'TimeLocal'].map(show).join(', ');
}

/**
 * A wall time from AutoVu's date ("MM/DD/YYYY", or ISO "YYYY-MM-DD") and time ("HH:MM:SS",
 * with optional fraction or AM/PM), or undefined when either is absent; a present but
 * impossible value (13/45/2026, 25:00) is refused rather than rolled over.
 */
function wallTime(dateV: unknown, timeV: unknown, fields: string): WallTime | undefined {
  const date = text(dateV, 40);
  const time = text(timeV, 40);
  if (date === undefined || time === undefined) return undefined;
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*([AaPp][Mm])?$/.exec(time);
  if (d === null || t === null) throw new DecodeError(`${fields} "${date} ${time}" is not MM/DD/YYYY HH:MM:SS`);
  const iso = date.includes('-');
  const [year, month, day] = iso ? [+d[1], +d[2], +d[3]] : [+d[3], +d[1], +d[2]];
  let hour = +t[1];
  const meridiem = t[5]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) throw new DecodeError(`${fields} "${date} ${time}" has an impossible hour`);
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  const w: WallTime = { year, month, day, hour, minute: +t[2], second: t[3] === undefined ? 0 : +t[3], ms: t[4] === undefined ? 0 : Math.floor(Number(`0.${t[4]}`) * 1000) };
  const check = new Date(wallAsUtc(w));
  const valid = check.getUTCFullYear() === w.year && check.getUTCMonth() === w.month - 1 && check.getUTCDate() === w.day && w.hour < 24 && w.minute < 60 && w.second < 60;
  if (!valid) throw new DecodeError(`${fields} "${date} ${time}" is not a real date and time`);
  return w;
}
