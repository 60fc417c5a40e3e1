// The review-queue rules as pure functions: thresholds, windows, working hours across midnight
// and weekdays, stable ids, and following pages that are not new searches.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditFlagHit, AuditRecord } from '../store/store.types.ts';
import { SearchFlagger, flagId, localTime, offHours, searchEventOf, type SearchEvent } from './audit-review.rules.ts';
import { parseWorkingHours, type AuditReviewSettings } from './audit-review.settings.ts';

const T0 = Date.UTC(2026, 10, 18, 14, 0); // a Wednesday, 14:00 UTC
const MIN = 60_000;
const settings: AuditReviewSettings = { timeZone: 'UTC', repeatSearches: 3, repeatWindowMs: 60 * MIN, bulkSearches: 4, bulkResults: 1000, bulkWindowMs: 10 * MIN };

let seq = 0;
const ev = (over: Partial<SearchEvent> = {}): SearchEvent => ({ seq: ++seq, at: T0, actor: 'ana', plate: 'ABC123', caseNumber: '2026-000001', resultCount: 1, nextPage: false, ...over });
const kinds = (hits: AuditFlagHit[]) => hits.map((h) => h.kind).sort();

describe('review rules', () => {
  it('reads a successful search record and ignores the rest', () => {
    const base = { seq: 1, id: 'a', at: T0, actor: 'ana', prevHash: '', hash: '' };
    const rec: AuditRecord = { ...base, action: 'reads.search', outcome: 'success', query: { plate: 'abc-123', cursor: 'x' }, justification: { offenseType: 'robbery', caseNumber: '2026-1' }, resultCount: 7 };
    assert.deepEqual(searchEventOf(rec), { seq: 1, at: T0, actor: 'ana', plate: 'ABC123', caseNumber: '2026-1', resultCount: 7, nextPage: true });
    assert.equal(searchEventOf({ ...rec, outcome: 'denied' }), undefined);
    assert.equal(searchEventOf({ ...rec, action: 'reads.get' }), undefined);
  });

  it('flags the search that reaches the repeat threshold within the window, not before or after it', () => {
    const f = new SearchFlagger(settings);
    assert.deepEqual(f.observe(ev({ at: T0 }), undefined, true), []);
    assert.deepEqual(f.observe(ev({ at: T0 + 20 * MIN }), undefined, true), []);
    const [hit] = f.observe(ev({ at: T0 + 40 * MIN }), undefined, true);
    assert.equal(hit.kind, 'repeat_plate');
    assert.equal(hit.seqs.length, 3);
    assert.equal(hit.firstAt, T0);
    // 70 minutes after the first: only two of the window remain with it
    const f2 = new SearchFlagger(settings);
    f2.observe(ev({ at: T0 }), undefined, true);
    f2.observe(ev({ at: T0 + 30 * MIN }), undefined, true);
    assert.equal(f2.observe(ev({ at: T0 + 70 * MIN }), undefined, true).filter((h) => h.kind === 'repeat_plate').length, 0);
    assert.equal(f2.observe(ev({ at: T0 + 80 * MIN }), undefined, true).filter((h) => h.kind === 'repeat_plate').length, 1);
    const f3 = new SearchFlagger(settings);
    f3.observe(ev({ at: T0 }), undefined, true);
    f3.observe(ev({ at: T0 + 61 * MIN }), undefined, true);
    assert.deepEqual(f3.observe(ev({ at: T0 + 130 * MIN }), undefined, true), []);
  });

  it('counts neither another user, another plate nor a following page as a repeat', () => {
    const f = new SearchFlagger(settings);
    f.observe(ev(), undefined, true);
    f.observe(ev({ actor: 'bob' }), undefined, true);
    f.observe(ev({ plate: 'XYZ999' }), undefined, true);
    assert.deepEqual(f.observe(ev({ nextPage: true }), undefined, true), []);
  });

  it('flags bulk querying by count or by the reads matched, and keeps windows of replayed records without flagging them', () => {
    const f = new SearchFlagger(settings);
    for (let i = 0; i < 3; i++) assert.deepEqual(f.observe(ev({ plate: `P${i}`, at: T0 + i * MIN }), undefined, false), []);
    assert.deepEqual(kinds(f.observe(ev({ plate: 'P9', at: T0 + 4 * MIN }), undefined, true)), ['bulk']);
    const big = new SearchFlagger(settings);
    const [hit] = big.observe(ev({ resultCount: 1500 }), undefined, true);
    assert.equal(hit.kind, 'bulk');
    assert.match(hit.reason, /1500 reads/);
  });

  it('flags an unknown case number once per user and number; an unchecked one never', () => {
    const f = new SearchFlagger(settings);
    const [a] = f.observe(ev({ caseNumber: 'MINE-12' }), false, true);
    const [b] = f.observe(ev({ caseNumber: 'MINE-12', plate: 'OTHER1' }), false, true);
    assert.equal(a.kind, 'outside_case');
    assert.equal(a.id, b.id);
    assert.equal(a.id, flagId('outside_case', 'ana', 'MINE-12'));
    const outside = (hits: AuditFlagHit[]) => hits.filter((h) => h.kind === 'outside_case');
    assert.deepEqual(outside(f.observe(ev({ caseNumber: 'MINE-12', plate: 'OTHER2' }), undefined, true)), []);
    assert.deepEqual(outside(f.observe(ev({ caseNumber: 'MINE-12', plate: 'OTHER3' }), true, true)), []);
  });

  it('reads working hours in the agency time zone, across midnight and by weekday', () => {
    const day = parseWorkingHours('Mon-Fri 07:00-19:00')!;
    assert.equal(offHours(localTime(T0, 'UTC'), day), false);
    assert.equal(offHours(localTime(T0, 'Asia/Tokyo'), day), true, '23:00 in Tokyo');
    assert.equal(offHours(localTime(Date.UTC(2026, 10, 21, 14), 'UTC'), day), true, 'a Saturday');
    const night = parseWorkingHours('Sun-Thu 22:00-06:00')!;
    assert.equal(offHours(localTime(Date.UTC(2026, 10, 19, 3), 'UTC'), night), false, 'Thursday 03:00 belongs to Wednesday night');
    assert.equal(offHours(localTime(Date.UTC(2026, 10, 21, 3), 'UTC'), night), true, 'Saturday 03:00 belongs to Friday night');
    assert.equal(parseWorkingHours('7-19'), undefined);
    assert.equal(parseWorkingHours('Someday 07:00-19:00'), undefined);
    const f = new SearchFlagger({ ...settings, workingHours: day });
    const [hit] = f.observe(ev({ at: Date.UTC(2026, 10, 18, 2) }), undefined, true);
    assert.equal(hit.kind, 'off_hours');
    assert.equal(hit.subject, '2026-11-18');
  });
});
