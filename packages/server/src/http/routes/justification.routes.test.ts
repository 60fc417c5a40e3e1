// The justification policy over HTTP: the agency's offense list served to the console, searches
// refused for a prohibited purpose or a generic reason, and each refusal in the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';

const search = (t: TestApp, justification: unknown) => t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { plate: 'JPL1001', justification } });
const lastSearchAudit = async (t: TestApp) => (await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.search&limit=1' })).json().items[0];

describe('justification policy (defaults)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'JPL1001' }) });
  });
  after(() => t.close());

  it('serves the offense list with categories and the prohibited purposes, without their phrases', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/justification-policy' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.offenseTypes.find((o: { code: string }) => o.code === 'other_felony'), { code: 'other_felony', label: 'Other felony (explain in the note)', category: 'Other felony', noteRequired: true });
    assert.deepEqual(body.prohibitedPurposes.map((p: { code: string }) => p.code), ['immigration_enforcement', 'reproductive_health_care', 'first_amendment_activity']);
    assert.doesNotMatch(res.body, /deportation|abortion|protesters/);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/justification-policy', token: null })).statusCode, 401);
  });

  it('refuses a search whose note reveals a prohibited purpose, naming the rule, and audits the refusal', async () => {
    const res = await search(t, { offenseType: 'wanted_person', caseNumber: '2026-001177', note: 'Locate for deportation hearing' });
    assert.equal(res.statusCode, 403, res.body);
    const { error } = res.json();
    assert.equal(error.code, 'prohibited_purpose');
    assert.match(error.message, /prohibited purpose, Immigration enforcement \("deportation" in note\)/);
    assert.deepEqual(error.details, { rule: 'immigration_enforcement', label: 'Immigration enforcement', field: 'note', phrase: 'deportation' });
    const rec = await lastSearchAudit(t);
    assert.equal(rec.outcome, 'denied');
    assert.deepEqual(rec.details, { refusal: 'prohibited_purpose', rule: 'immigration_enforcement', field: 'note', phrase: 'deportation' });
    assert.deepEqual(rec.justification, { offenseType: 'wanted_person', caseNumber: '2026-001177', note: 'Locate for deportation hearing' });
    assert.equal(rec.resultCount, undefined);
  });

  it('looks at any purpose field, and refuses the purpose before the form', async () => {
    const res = await search(t, { offenseType: 'robbery', caseNumber: 'n/a', purpose: 'Identify protesters at the rally' });
    assert.equal(res.json().error.code, 'prohibited_purpose');
    assert.equal(res.json().error.details.rule, 'first_amendment_activity');
    assert.equal((await lastSearchAudit(t)).details.field, 'purpose');
  });

  it('audits a generic reason as a refusal, with what was wrong', async () => {
    const res = await search(t, { offenseType: 'robbery', caseNumber: '2026-001178', note: 'investigation' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'justification_required');
    const rec = await lastSearchAudit(t);
    assert.equal(rec.outcome, 'denied');
    assert.equal(rec.details.refusal, 'justification_required');
    assert.equal(rec.details.problems[0].field, 'note');
  });

  it('lets an ordinary justification through', async () => {
    const res = await search(t, { offenseType: 'burglary', caseNumber: '2026-001179', note: 'Burglary at St Mary church, rear door forced' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await lastSearchAudit(t)).outcome, 'success');
  });
});

describe('justification policy (the agency\'s own)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      justification: {
        offenseTypes: [
          { code: 'catalytic_theft', label: 'Catalytic converter theft', category: 'Property crime' },
          { code: 'felony_other', label: 'Other felony', category: 'Other', noteRequired: true },
        ],
        prohibitedPurposes: [{ code: 'lawful_gun_show', label: 'Attendance at a lawful gun show', phrases: ['gun show'] }],
      },
    });
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'JPL1001' }) });
  });
  after(() => t.close());

  it('offers and enforces the agency\'s list instead of the default one', async () => {
    const body = (await t.call({ method: 'GET', url: '/api/v1/justification-policy' })).json();
    assert.deepEqual(body.offenseTypes.map((o: { code: string }) => o.code), ['catalytic_theft', 'felony_other']);
    assert.equal((await search(t, { offenseType: 'catalytic_theft', caseNumber: '2026-002001' })).statusCode, 200);
    const robbery = await search(t, { offenseType: 'robbery', caseNumber: '2026-002002' });
    assert.equal(robbery.statusCode, 400);
    assert.match(robbery.json().error.message, /"robbery" is not one of them/);
    const noNote = await search(t, { offenseType: 'felony_other', caseNumber: '2026-002003' });
    assert.match(noNote.json().error.message, /For "other felony", describe the offense/);
  });

  it('enforces the agency\'s own purposes and only those', async () => {
    assert.equal((await search(t, { offenseType: 'catalytic_theft', caseNumber: '2026-002004', note: 'Plates seen at the Gun-Show lot' })).json().error.code, 'prohibited_purpose');
    assert.equal((await search(t, { offenseType: 'catalytic_theft', caseNumber: '2026-002005', note: 'Van seen near the protest' })).statusCode, 200);
  });
});
