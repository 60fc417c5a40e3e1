import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetAt, zonedToUtc } from './zoned-time.ts';

const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({ year, month, day, hour, minute, second: 0, ms: 0 });
const iso = (ms: number) => new Date(ms).toISOString();

const cases: { name: string; w: ReturnType<typeof wall>; zone: string; hint?: number; at: string; fold: string }[] = [
  { name: 'an ordinary summer afternoon in Chicago (UTC−5)', w: wall(2026, 7, 1, 12), zone: 'America/Chicago', at: '2026-07-01T17:00:00.000Z', fold: 'unique' },
  { name: 'Chicago spring-forward gap: 02:30 is read as 03:30 CDT', w: wall(2026, 3, 8, 2, 30), zone: 'America/Chicago', at: '2026-03-08T08:30:00.000Z', fold: 'gap' },
  { name: 'Chicago fall-back overlap without a hint: the earlier 01:30 (CDT)', w: wall(2026, 11, 1, 1, 30), zone: 'America/Chicago', at: '2026-11-01T06:30:00.000Z', fold: 'overlap' },
  { name: 'Chicago fall-back overlap with a hint naming the later 01:30 (CST)', w: wall(2026, 11, 1, 1, 30), zone: 'America/Chicago', hint: Date.parse('2026-11-01T07:30:00Z'), at: '2026-11-01T07:30:00.000Z', fold: 'overlap' },
  { name: 'a hint that is neither side of the overlap is ignored', w: wall(2026, 11, 1, 1, 30), zone: 'America/Chicago', hint: Date.parse('2026-11-01T01:30:00Z'), at: '2026-11-01T06:30:00.000Z', fold: 'overlap' },
  { name: 'Paris spring-forward gap (02:00 → 03:00 at 01:00Z)', w: wall(2026, 3, 29, 2, 30), zone: 'Europe/Paris', at: '2026-03-29T01:30:00.000Z', fold: 'gap' },
  { name: 'Paris fall-back overlap', w: wall(2026, 10, 25, 2, 30), zone: 'Europe/Paris', at: '2026-10-25T00:30:00.000Z', fold: 'overlap' },
  { name: 'Lord Howe: a 30-minute daylight-saving change', w: wall(2026, 10, 4, 2, 15), zone: 'Australia/Lord_Howe', at: '2026-10-03T15:45:00.000Z', fold: 'gap' },
  { name: 'Phoenix keeps no daylight saving', w: wall(2026, 3, 8, 2, 30), zone: 'America/Phoenix', at: '2026-03-08T09:30:00.000Z', fold: 'unique' },
  { name: 'UTC', w: wall(2026, 1, 1, 0), zone: 'UTC', at: '2026-01-01T00:00:00.000Z', fold: 'unique' },
];

for (const c of cases) {
  test(`zonedToUtc: ${c.name}`, () => {
    const r = zonedToUtc(c.w, c.zone, c.hint);
    assert.equal(iso(r.ms), c.at);
    assert.equal(r.fold, c.fold);
  });
}

test('offsetAt: Chicago in winter and summer', () => {
  assert.equal(offsetAt('America/Chicago', Date.parse('2026-01-15T12:00:00Z')), -6 * 3_600_000);
  assert.equal(offsetAt('America/Chicago', Date.parse('2026-07-15T12:00:00Z')), -5 * 3_600_000);
});
