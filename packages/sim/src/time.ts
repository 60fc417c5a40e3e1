/**
 * Local days in the city's time zone. Daily rhythms (rush hours, night) are local, while every
 * timestamp the simulator sends is UTC epoch milliseconds.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(timeZone: string, ms: number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(ms)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute, s: p.second };
}

/** The zone's offset from UTC at `ms`, in milliseconds (negative west of Greenwich). */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  const p = parts(timeZone, ms);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(ms / 1000) * 1000;
}

/** The local calendar day of `ms`: its key (`2026-03-14`), its start (local midnight, as UTC ms) and weekday (0 Sunday). */
export function localDay(timeZone: string, ms: number): { key: string; start: number; weekday: number } {
  const p = parts(timeZone, ms);
  const guess = Date.UTC(p.y, p.m - 1, p.d) - zoneOffsetMs(timeZone, ms);
  // the offset at midnight can differ from the offset now on a daylight-saving day
  const start = Date.UTC(p.y, p.m - 1, p.d) - zoneOffsetMs(timeZone, guess);
  const key = `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  return { key, start, weekday: new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() };
}

/** Local time of day of `ms` as `HH:MM`. */
export function localClock(timeZone: string, ms: number): string {
  const p = parts(timeZone, ms);
  return `${String(p.h).padStart(2, '0')}:${String(p.min).padStart(2, '0')}`;
}

/** The most recent local `hour`:00 at or before `ms`: the demo starts in the morning rush by default. */
export function lastLocalHour(timeZone: string, ms: number, hour: number): number {
  const today = localDay(timeZone, ms).start + hour * 3_600_000;
  return today <= ms ? today : localDay(timeZone, ms - 86_400_000).start + hour * 3_600_000;
}
