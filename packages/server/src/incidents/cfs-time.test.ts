// Local wall-clock times of CAD exports into UTC through the mapping's zone, across DST.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimeZone, localToUtc, parseCfsTime } from './cfs-time.ts';

const CHI = 'America/Chicago';
const ms = (r: ReturnType<typeof parseCfsTime>): number => {
  assert.ok('ms' in r, JSON.stringify(r));
  return r.ms;
};

describe('parseCfsTime', () => {
  it('reads Dallas and St. Louis local times as Central time (CST in winter, CDT in summer)', () => {
    assert.equal(ms(parseCfsTime('2018-01-09T09:26:00.000', 'iso', CHI)), Date.UTC(2018, 0, 9, 15, 26));
    assert.equal(ms(parseCfsTime('2020-07-28 08:56:00', 'iso', CHI)), Date.UTC(2020, 6, 28, 13, 56));
  });

  it('keeps an offset or Z the value carries, whatever the zone', () => {
    assert.equal(ms(parseCfsTime('2024-05-03T18:56:56+00:00', 'iso', CHI)), Date.UTC(2024, 4, 3, 18, 56, 56));
    assert.equal(ms(parseCfsTime('2024-05-03T18:56:56Z', 'iso', CHI)), Date.UTC(2024, 4, 3, 18, 56, 56));
    assert.equal(ms(parseCfsTime('2024-05-03T13:56:56-0500', 'iso', CHI)), Date.UTC(2024, 4, 3, 18, 56, 56));
  });

  it('reads the hour skipped in spring with the offset before the change (02:30 is 03:30 CDT)', () => {
    assert.equal(ms(parseCfsTime('2020-03-08 02:30:00', 'iso', CHI)), Date.UTC(2020, 2, 8, 8, 30));
    assert.equal(ms(parseCfsTime('2020-03-08 03:30:00', 'iso', CHI)), Date.UTC(2020, 2, 8, 8, 30));
  });

  it('reads the hour repeated in autumn as its first occurrence (CDT)', () => {
    assert.equal(ms(parseCfsTime('2020-11-01 01:30:00', 'iso', CHI)), Date.UTC(2020, 10, 1, 6, 30));
    assert.equal(ms(parseCfsTime('2020-11-01 02:30:00', 'iso', CHI)), Date.UTC(2020, 10, 1, 8, 30));
  });

  it('reads US month/day/year with AM/PM, and epoch values', () => {
    assert.equal(ms(parseCfsTime('7/28/2020 8:56:00 AM', 'mdy', CHI)), Date.UTC(2020, 6, 28, 13, 56));
    assert.equal(ms(parseCfsTime('7/28/2020 12:05 PM', 'mdy', CHI)), Date.UTC(2020, 6, 28, 17, 5));
    assert.equal(ms(parseCfsTime('7/28/2020 12:05 AM', 'mdy', CHI)), Date.UTC(2020, 6, 28, 5, 5));
    assert.equal(ms(parseCfsTime('1595944560', 'epoch-seconds', CHI)), 1595944560_000);
    assert.equal(ms(parseCfsTime('1595944560123', 'epoch-millis', CHI)), 1595944560123);
  });

  it('says why a value is refused', () => {
    for (const [raw, format] of [
      ['28/07/2020 10:15', 'iso'],
      ['2018-02-30 10:00', 'iso'],
      ['2018-01-09 25:00', 'iso'],
      ['13/28/2020 10:15', 'mdy'],
      ['7/28/2020 13:05 PM', 'mdy'],
      ['yesterday', 'epoch-seconds'],
      ['  ', 'iso'],
    ] as const) {
      const r = parseCfsTime(raw, format, CHI);
      assert.ok('problem' in r && r.problem.length > 0, `${raw} (${format}) should be refused`);
    }
  });
});

describe('zones', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    assert.equal(isTimeZone('America/Chicago'), true);
    assert.equal(isTimeZone('UTC'), true);
    assert.equal(isTimeZone('America/Springfield'), false);
    assert.equal(isTimeZone(''), false);
  });

  it('converts in a zone east of UTC and one with a half-hour offset', () => {
    assert.equal(localToUtc(Date.UTC(2026, 6, 1, 12, 0), 'Europe/Berlin'), Date.UTC(2026, 6, 1, 10, 0));
    assert.equal(localToUtc(Date.UTC(2026, 0, 1, 12, 0), 'Asia/Kolkata'), Date.UTC(2026, 0, 1, 6, 30));
  });
});
