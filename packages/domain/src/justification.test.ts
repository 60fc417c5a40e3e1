import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OFFENSE_TYPES, validateJustification } from './justification.ts';

function problemsOf(j: unknown): Record<string, string> {
  const r = validateJustification(j);
  assert.equal(r.ok, false, 'expected the justification to be refused');
  return r.ok ? {} : Object.fromEntries(r.problems.map((p) => [p.field, p.message]));
}

const good = { offenseType: 'robbery', caseNumber: '2025-004817' };

describe('OFFENSE_TYPES', () => {
  it('lists about twenty distinct offense codes, each with a label, including other_felony', () => {
    const codes = OFFENSE_TYPES.map((o) => o.code);
    assert.ok(codes.length >= 18 && codes.length <= 25);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of ['homicide', 'motor_vehicle_theft', 'stolen_plate', 'amber_alert', 'missing_person', 'other_felony']) {
      assert.ok(codes.includes(c as never), c);
    }
    assert.ok(OFFENSE_TYPES.every((o) => o.label.length > 0));
  });
});

describe('validateJustification', () => {
  it('accepts a real offense and case number and returns a trimmed copy', () => {
    assert.deepEqual(validateJustification({ offenseType: ' Robbery ', caseNumber: ' 2025-004817 ', note: '  ' }), {
      ok: true,
      value: { offenseType: 'robbery', caseNumber: '2025-004817' },
    });
    assert.deepEqual(validateJustification({ ...good, note: 'Silver sedan seen leaving the bank' }), {
      ok: true,
      value: { ...good, note: 'Silver sedan seen leaving the bank' },
    });
  });

  it('accepts common case number formats', () => {
    for (const caseNumber of ['24-113207', 'CR#2025-0412', 'PD 25/7781', 'INC.2025.00093', 'TX-1234', '6789']) {
      assert.equal(validateJustification({ ...good, caseNumber }).ok, true, caseNumber);
    }
  });

  it('asks for a justification when none is given', () => {
    assert.match(problemsOf(undefined).justification, /offense type and a case or incident number/);
    assert.match(problemsOf('robbery').justification, /justification/);
  });

  it('requires an offense type from the list', () => {
    assert.match(problemsOf({ caseNumber: '2025-004817' }).offenseType, /Choose the offense type/);
    assert.match(problemsOf({ ...good, offenseType: 'jaywalking' }).offenseType, /"jaywalking" is not one of them/);
  });

  it('requires a case number of 4–40 characters with at least 2 digits', () => {
    assert.match(problemsOf({ offenseType: 'robbery' }).caseNumber, /Enter the case or incident number/);
    assert.match(problemsOf({ ...good, caseNumber: '   ' }).caseNumber, /Enter the case/);
    assert.match(problemsOf({ ...good, caseNumber: 'A17' }).caseNumber, /4–40 characters/);
    assert.match(problemsOf({ ...good, caseNumber: `2025-${'7'.repeat(36)}` }).caseNumber, /4–40 characters; .* has 41/);
    assert.match(problemsOf({ ...good, caseNumber: 'BURGLARY-7' }).caseNumber, /at least 2 digits/);
    assert.match(problemsOf({ ...good, caseNumber: 2025004817 }).caseNumber, /must be text/);
  });

  it('rejects placeholder case numbers and says so', () => {
    for (const caseNumber of ['n/a', 'none', 'test', 'TEST-01', '0000', '12345', '1234', '54321', '7777777', 'XX-0000', 'xxxx-19', 'AB-000', 'unknown 12']) {
      assert.match(problemsOf({ ...good, caseNumber }).caseNumber ?? '', /placeholder/, caseNumber);
    }
  });

  it('rejects characters that do not belong in a case number', () => {
    assert.match(problemsOf({ ...good, caseNumber: '2025-0048;DROP' }).caseNumber, /remove ";"/);
  });

  it('limits the note to 500 characters', () => {
    assert.match(problemsOf({ ...good, note: 'x'.repeat(501) }).note, /500 characters; it has 501/);
    assert.equal(validateJustification({ ...good, note: 'y'.repeat(500) }).ok, true);
  });

  it('requires a note of at least 15 characters for other felonies', () => {
    const felony = { offenseType: 'other_felony', caseNumber: '2025-004817' };
    assert.match(problemsOf(felony).note, /describe the offense/);
    assert.match(problemsOf({ ...felony, note: 'Extortion' }).note, /at least 15 characters; the note has 9/);
    assert.equal(validateJustification({ ...felony, note: 'Extortion of a shop owner' }).ok, true);
  });

  it('rejects generic notes that say nothing about why', () => {
    for (const note of ['Investigation', 'test', 'Just checking.', 'ongoing investigation!', 'N/A']) {
      assert.match(problemsOf({ ...good, note }).note ?? '', /does not say why/, note);
    }
    assert.equal(validateJustification({ ...good, note: 'Investigation of the 5th St robbery getaway car' }).ok, true);
  });

  it('reports every problem at once', () => {
    assert.deepEqual(Object.keys(problemsOf({ offenseType: 'other_felony', caseNumber: 'none' })).sort(), ['caseNumber', 'note']);
    assert.deepEqual(Object.keys(problemsOf({ offenseType: 'nope', caseNumber: '1', note: 'test' })).sort(), ['caseNumber', 'note', 'offenseType']);
  });
});
