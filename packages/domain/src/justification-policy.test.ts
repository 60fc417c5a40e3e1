import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OFFENSE_TYPES, validateJustification } from './justification.ts';
import {
  BUILT_IN_PROHIBITED_PURPOSES,
  conflictingOffenses,
  findProhibitedPurpose,
  parseOffenseTypes,
  parseProhibitedPurposes,
  selectBuiltInPurposes,
} from './justification-policy.ts';

const all = BUILT_IN_PROHIBITED_PURPOSES;
const rule = (j: unknown) => findProhibitedPurpose(j, all)?.rule ?? null;

describe('findProhibitedPurpose', () => {
  it('finds each built-in purpose in the note, whatever the case and punctuation', () => {
    assert.equal(rule({ offenseType: 'wanted_person', caseNumber: '2026-0042', note: 'Subject has an I.C.E. detainer' }), null, 'I.C.E. is not the phrase "ice detainer"');
    assert.equal(rule({ offenseType: 'wanted_person', caseNumber: '2026-0042', note: 'ICE-detainer, locate for deportation' }), 'immigration_enforcement');
    assert.equal(rule({ offenseType: 'other_felony', caseNumber: '2026-0042', note: 'Vehicle seen at the ABORTION clinic on 5th' }), 'reproductive_health_care');
    assert.equal(rule({ offenseType: 'other_felony', caseNumber: '2026-0042', note: 'Identify cars of protesters at city hall' }), 'first_amendment_activity');
  });

  it('names the rule, the field and the phrase that revealed it', () => {
    assert.deepEqual(findProhibitedPurpose({ offenseType: 'robbery', caseNumber: '2026-0042', purpose: 'Immigration status check' }, all), {
      rule: 'immigration_enforcement',
      label: 'Immigration enforcement',
      field: 'purpose',
      phrase: 'immigration',
    });
  });

  it('matches whole words only, so ordinary investigations pass', () => {
    for (const note of ['Police chased a silver sedan', 'Burglary at St Mary church, rear door forced', 'Service station robbery', 'Suspect fled toward Protestant cemetery', 'Nice weather, icy roads']) {
      assert.equal(rule({ offenseType: 'burglary', caseNumber: '2026-0042', note }), null, note);
    }
  });

  it('never reads the case number, and checks the offense label of the agency list', () => {
    assert.equal(rule({ offenseType: 'robbery', caseNumber: 'ICE-DETAINER-2026-1' }), null);
    const agency = [{ code: 'civil_status', label: 'Immigration status violation', category: 'Civil' }];
    assert.equal(findProhibitedPurpose({ offenseType: 'civil_status', caseNumber: '2026-0042' }, all, agency)?.rule, 'immigration_enforcement');
  });

  it('finds nothing when the agency keeps no rule, or the input is not an object', () => {
    assert.equal(findProhibitedPurpose({ offenseType: 'robbery', note: 'deportation' }, []), null);
    assert.equal(rule('deportation'), null);
    assert.equal(rule(null), null);
  });

  it('the default offense list contradicts none of the built-in purposes', () => {
    assert.deepEqual(conflictingOffenses(OFFENSE_TYPES, all), []);
    assert.match(conflictingOffenses([{ code: 'protest_watch', label: 'Protest watch', category: 'Other' }], all)[0], /first_amendment_activity/);
  });
});

describe('selectBuiltInPurposes', () => {
  it('keeps all by default, none on request, or the listed ones', () => {
    assert.equal(selectBuiltInPurposes(undefined).items.length, all.length);
    assert.deepEqual(selectBuiltInPurposes('none').items, []);
    assert.deepEqual(selectBuiltInPurposes(' Immigration_Enforcement ').items.map((p) => p.code), ['immigration_enforcement']);
    assert.match(selectBuiltInPurposes('immigration,abortion').problems.join(), /"immigration" is not a built-in purpose/);
  });
});

describe('parseOffenseTypes', () => {
  it('reads a CSV list with quoted labels and the optional note_required column', () => {
    const r = parseOffenseTypes('code,label,category,note_required\n# comment\nrobbery,Robbery,Violent crime,\n"catalytic_theft","Theft, catalytic converter",Property crime,no\nother,Other felony,Other,yes\n', 'csv');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.items, [
      { code: 'robbery', label: 'Robbery', category: 'Violent crime' },
      { code: 'catalytic_theft', label: 'Theft, catalytic converter', category: 'Property crime' },
      { code: 'other', label: 'Other felony', category: 'Other', noteRequired: true },
    ]);
  });

  it('reads JSON and reports each bad entry by its place', () => {
    const r = parseOffenseTypes(JSON.stringify([{ code: 'Robbery', label: 'Robbery', category: 'Violent' }, { code: 'x', label: '', category: '' }, { code: 'robbery', label: 'Again', category: 'V' }]), 'json');
    assert.deepEqual(r.items.map((o) => o.code), ['robbery', 'robbery']);
    assert.equal(r.problems.length, 4, r.problems.join('\n'));
    assert.match(r.problems.join('\n'), /entry 2: code "x"/);
    assert.match(r.problems.join('\n'), /entry 3: code robbery appears twice/);
  });

  it('refuses a file that is not a list, has no header, or lists nothing', () => {
    assert.match(parseOffenseTypes('{"a":1}', 'json').problems[0], /JSON array/);
    assert.match(parseOffenseTypes('not json', 'json').problems[0], /not valid JSON/);
    assert.match(parseOffenseTypes('robbery,Robbery,Violent\n', 'csv').problems[0], /header code,label,category/);
    assert.match(parseOffenseTypes('code,label,category\n', 'csv').problems[0], /lists no offense/);
  });

  it('an agency list replaces the default one in validateJustification, with its own note rule', () => {
    const list = parseOffenseTypes('code,label,category,note_required\ncatalytic_theft,Catalytic converter theft,Property crime,\nother,Other (explain),Other,true', 'csv').items;
    assert.equal(validateJustification({ offenseType: 'catalytic_theft', caseNumber: '2026-0042' }, list).ok, true);
    const r = validateJustification({ offenseType: 'robbery', caseNumber: '2026-0042' }, list);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.problems[0].message, /for example catalytic_theft, other\)\. "robbery" is not one of them/);
    const note = validateJustification({ offenseType: 'other', caseNumber: '2026-0042' }, list);
    assert.match(note.ok ? '' : note.problems[0].message, /For "other", describe the offense/);
  });
});

describe('parseProhibitedPurposes', () => {
  it('reads agency rules and refuses incomplete ones', () => {
    const ok = parseProhibitedPurposes('[{"code":"Gun_Show","label":"Lawful gun show attendance","phrases":["gun show"]}]');
    assert.deepEqual(ok, { items: [{ code: 'gun_show', label: 'Lawful gun show attendance', phrases: ['gun show'] }], problems: [] });
    const bad = parseProhibitedPurposes('[{"code":"a_b","label":"X","phrases":[]},{"code":"c_d","label":"Y","phrases":["!!!"]}]');
    assert.deepEqual(bad.items, []);
    assert.equal(bad.problems.length, 2);
    assert.match(parseProhibitedPurposes('{}').problems[0], /JSON array/);
  });
});
