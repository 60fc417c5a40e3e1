// The audit routes: chain verification, published daily roots, and the supervisor review queue
// from real searches through the API to a supervisor's disposition (itself audited).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import { DAY_MS } from '../../governance/audit-hash.ts';
import { publishDueRoots } from '../../governance/audit-roots.job.ts';
import { JUSTIFICATION, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

/** Working hours that exclude the present minute, so every search now is off-hours. */
function hoursExcludingNow() {
  const now = new Date();
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  return { start: (minute + 60) % 1440, end: (minute + 180) % 1440, days: new Set([0, 1, 2, 3, 4, 5, 6]), text: 'test hours' };
}

describe('audit routes', () => {
  let t: TestApp;
  let supervisor: string;
  let analyst: string;
  let auditor: string;

  before(async () => {
    const base = loadConfig({ RTCC_ADMIN_TOKEN: 'x'.repeat(24), RTCC_CASE_NUMBER_PATTERN: '\\d{4}-\\d{6}' }).auditReview;
    t = await startTestApp({ auditReview: { ...base, workingHours: hoursExcludingNow() } });
    supervisor = await signInAs(t, await enrolUser(t, 'sup.review', 'supervisor'));
    analyst = await signInAs(t, await enrolUser(t, 'ana.review', 'analyst'));
    auditor = await signInAs(t, await enrolUser(t, 'aud.review', 'auditor'));
  });
  after(() => t.close());

  const search = async (plate: string, justification: Record<string, unknown> = JUSTIFICATION, token?: string) => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: { plate, justification } });
    assert.equal(res.statusCode, 200, res.body);
  };
  const queue = async (query = '', token = supervisor) => {
    const res = await t.call({ method: 'GET', url: `/api/v1/audit/review${query}`, token });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: { id: string; kind: string; actor: string; subject: string; count: number; status: string; records: { seq: number; action: string }[]; review?: { by: string; disposition: string; note: string } }[]; total: number };
  };

  it('flags one plate searched again and again by one user, with the records behind it', async () => {
    for (let i = 0; i < 4; i++) await search('RPT 1234');
    assert.equal((await queue('?kind=repeat_plate')).total, 0, 'four searches stay under the threshold of five');
    await search('RPT1234');
    const { items } = await queue('?kind=repeat_plate');
    assert.equal(items.length, 1);
    assert.equal(items[0].subject, 'RPT1234');
    assert.equal(items[0].actor, 'admin (bootstrap token)');
    assert.equal(items[0].count, 5);
    assert.deepEqual(new Set(items[0].records.map((r) => r.action)), new Set(['reads.search']));
    await search('RPT1234');
    const again = await queue('?kind=repeat_plate');
    assert.equal(again.items[0].id, items[0].id, 'the id is stable as the flag grows');
    assert.equal(again.items[0].count, 6);
  });

  it('flags a case number that matches neither the agency format nor a CAD incident', async () => {
    await search('CSE1001', { offenseType: 'robbery', caseNumber: 'MY-OWN-77' }, analyst);
    const { items } = await queue('?kind=outside_case');
    assert.equal(items.length, 1);
    assert.equal(items[0].subject, 'MY-OWN-77');
    assert.equal(items[0].actor, 'ana.review');
  });

  it('flags searches outside working hours, per user and day', async () => {
    const { items } = await queue('?kind=off_hours');
    assert.deepEqual(items.map((f) => f.actor).sort(), ['admin (bootstrap token)', 'ana.review']);
  });

  it('records a supervisor disposition, audits it, and takes the flag off the open queue', async () => {
    const [flag] = (await queue('?kind=outside_case')).items;
    const res = await t.call({ method: 'POST', url: `/api/v1/audit/review/${flag.id}`, token: supervisor, payload: { disposition: 'follow_up', note: 'Asked the analyst for the RMS case number.' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'reviewed');
    assert.equal(res.json().review.by, 'sup.review');
    assert.equal((await queue('?kind=outside_case')).total, 0);
    const reviewed = await queue('?kind=outside_case&status=reviewed');
    assert.equal(reviewed.items[0].review?.disposition, 'follow_up');
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?action=audit.review' })).json();
    assert.equal(audit.items[0].actor, 'sup.review');
    assert.equal(audit.items[0].details.flagId, flag.id);
    assert.equal(audit.items[0].details.note, 'Asked the analyst for the RMS case number.');
  });

  it('refuses a review of your own searches, a bad disposition, an empty note and an unknown flag', async () => {
    const [own] = (await queue('?kind=repeat_plate')).items;
    const self = await t.call({ method: 'POST', url: `/api/v1/audit/review/${own.id}`, payload: { disposition: 'justified', note: 'It was me, all fine.' } });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'forbidden');
    const bad = await t.call({ method: 'POST', url: `/api/v1/audit/review/${own.id}`, token: supervisor, payload: { disposition: 'fine', note: 'x' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
    const short = await t.call({ method: 'POST', url: `/api/v1/audit/review/${own.id}`, token: supervisor, payload: { disposition: 'justified', note: '  ok ' } });
    assert.equal(short.statusCode, 400);
    const unknown = await t.call({ method: 'POST', url: '/api/v1/audit/review/flag_nope', token: supervisor, payload: { disposition: 'justified', note: 'Checked the case file.' } });
    assert.equal(unknown.statusCode, 404);
  });

  it('keeps the queue to supervisors and admins; auditors verify and read roots', async () => {
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit/review', token: analyst })).statusCode, 403);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit/review', token: auditor })).statusCode, 403);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit/verify', token: auditor })).statusCode, 200);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit/roots', token: auditor })).statusCode, 200);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit/roots', token: analyst })).statusCode, 403);
  });

  it('publishes daily roots of finished days and verifies the chain against them', async () => {
    const yesterday = Date.now() - DAY_MS;
    await t.ctx.audit.record({ actor: 'analyst-9', action: 'reads.get', outcome: 'success', at: yesterday });
    // the record above sits after today's records: publishing takes the days as stamped
    // as at noon today: just after midnight, yesterday is still inside the publishing grace period
    await publishDueRoots(t.ctx.store.audit, Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS / 2);
    const roots = (await t.call({ method: 'GET', url: '/api/v1/audit/roots?days=7', token: auditor })).json().items;
    assert.equal(roots.length, 1);
    assert.equal(roots[0].day, new Date(yesterday).toISOString().slice(0, 10));
    assert.equal(roots[0].records, 1);
    assert.match(roots[0].root, /^[0-9a-f]{64}$/);
    const direct = await t.ctx.audit.dailyRoots({ days: 7 });
    assert.deepEqual(Object.keys(direct[0]).sort(), ['day', 'firstSeq', 'lastSeq', 'publishedAt', 'records', 'root']);
    assert.equal(typeof direct[0].publishedAt, 'number');
    const verify = (await t.call({ method: 'GET', url: '/api/v1/audit/verify', token: auditor })).json();
    assert.equal(verify.ok, true, JSON.stringify(verify));
    assert.equal(verify.rootsChecked, 1);
    assert.ok(verify.records > 10);
  });

  it('answers a bad query with a JSON error', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/audit/review?kind=nonsense', token: supervisor });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit/roots?days=0' })).statusCode, 400);
  });
});
