// The review settings as an admin writes them: defaults, working hours with days, a bad zone,
// pattern or hours refused at start with a message naming the setting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config/config.ts';

describe('review settings', () => {
  it('has defaults a 24/7 center can run with', () => {
    const s = loadConfig({}).auditReview;
    assert.equal(s.workingHours, undefined);
    assert.equal(s.caseNumberPattern, undefined);
    assert.equal(s.timeZone, 'UTC');
    assert.equal(s.repeatSearches, 5);
    assert.equal(s.repeatWindowMs, 24 * 3_600_000);
  });

  it('reads working hours with days, a zone and a whole-number case pattern', () => {
    const s = loadConfig({ RTCC_AUDIT_WORKING_HOURS: 'Mon-Fri 07:30-19:00', RTCC_AUDIT_TIMEZONE: 'America/Chicago', RTCC_CASE_NUMBER_PATTERN: '\\d{4}-\\d{6}' }).auditReview;
    assert.deepEqual([...s.workingHours!.days].sort(), [1, 2, 3, 4, 5]);
    assert.equal(s.workingHours!.start, 450);
    assert.equal(s.caseNumberPattern!.test('2026-004817'), true);
    assert.equal(s.caseNumberPattern!.test('x2026-004817'), false, 'the whole number must match');
  });

  it('refuses bad values, naming each setting', () => {
    assert.throws(
      () => loadConfig({ RTCC_AUDIT_WORKING_HOURS: '7 to 7', RTCC_AUDIT_TIMEZONE: 'Mars/Olympus', RTCC_CASE_NUMBER_PATTERN: '(', RTCC_AUDIT_REPEAT_SEARCHES: '1' }),
      (e: unknown) => e instanceof ConfigError && ['RTCC_AUDIT_WORKING_HOURS', 'RTCC_AUDIT_TIMEZONE', 'RTCC_CASE_NUMBER_PATTERN', 'RTCC_AUDIT_REPEAT_SEARCHES'].every((k) => e.problems.some((p) => p.includes(k))),
    );
  });
});
