/**
 * Strict ISO 8601 date-time parsing for the platform's own ingest format. `Date.parse` accepts
 * too much: it reads a zone-less time as local time and rolls 30 February over into March.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch ms, or the problem with the text (phrased to follow the field's path). */
export type IsoResult = { ms: number } | { problem: string };

/**
 * Parses `YYYY-MM-DDThh:mm[:ss[.fff]]` followed by `Z` or an offset (`+02:00`, `+0200`, `+02`).
 * A time without zone is refused: the sender knows its zone, the platform would have to guess.
 * @example parseIsoWithZone('2026-01-01T10:00:00+01:00') // { ms: 1767258000000 }
 */
export function parseIsoWithZone(text: string): IsoResult {
  const fast = canonicalUtc(text);
  if (fast !== undefined) return { ms: fast };
  const m = ISO.exec(text.trim());
  if (!m) return { problem: 'must be an ISO 8601 date-time such as "2026-01-01T10:00:00Z"' };
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  if (zone === undefined) return { problem: 'has no time zone; add "Z" or an offset such as "+02:00"' };
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { problem: `is not a valid date-time: "${text}"` };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return { problem: `has an invalid offset "${zone}"` };
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  return { ms: utc - offsetMinutes * 60_000 };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common case, `YYYY-MM-DDThh:mm:ss.sssZ` exactly as `toISOString` writes it, without a
 * regular expression: ingest parses one per read. Anything else (or an invalid date) is left to
 * the full parser, which also words the problem.
 */
function canonicalUtc(t: string): number | undefined {
  if (t.length !== 24 || t.charCodeAt(23) !== 90 /* Z */ || t.charCodeAt(10) !== 84 /* T */) return undefined;
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 46) return undefined;
  const d = (i: number, n: number): number => {
    let v = 0;
    for (let k = i; k < i + n; k++) {
      const c = t.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  };
  const year = d(0, 4);
  const month = d(5, 2);
  const day = d(8, 2);
  const h = d(11, 2);
  const mi = d(14, 2);
  const sec = d(17, 2);
  const ms = d(20, 3);
  if (year < 0 || month < 1 || month > 12 || day < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return undefined;
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  if (day > DAYS[month - 1] + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, h, mi, sec, ms);
}
