/**
 * Retention routes in process: the policy (read, change, validation, audit with before/after),
 * legal holds (supervisors place, admins release), the on-demand run, and who may do what.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

describe('retention routes', () => {
  let t: TestApp;
  let supervisor: string;
  let analyst: string;
  let auditor: string;
  before(async () => {
    t = await startTestApp();
    supervisor = await signInAs(t, await enrolUser(t, 'sup.retention', 'supervisor'));
    analyst = await signInAs(t, await enrolUser(t, 'ana.retention', 'analyst'));
    auditor = await signInAs(t, await enrolUser(t, 'aud.retention', 'auditor'));
  });
  after(() => t.close());

  it('shows the standard policy with the 30-day default for reads, the presets, and audit as never deleted', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/retention/policy', token: auditor });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.preset, 'standard');
    assert.equal(body.dataTypes.find((d: { dataType: string }) => d.dataType === 'reads').days, 30);
    assert.deepEqual(body.audit.minimumDays, 365);
    assert.ok(body.presets.some((p: { id: string; maxLprDays: number }) => p.id === 'maine-21' && p.maxLprDays === 21));
  });

  it('an admin changes the policy; the change is audited with the policy before and after', async () => {
    const res = await t.call({ method: 'PUT', url: '/api/v1/retention/policy', payload: { preset: 'tennessee-90', overrides: { incidents: 730, gunshots: null } } });
    assert.equal(res.statusCode, 200, res.body);
    const days = Object.fromEntries(res.json().dataTypes.map((d: { dataType: string; days: number | null }) => [d.dataType, d.days]));
    assert.equal(days.reads, 90);
    assert.equal(days.hits, 90);
    assert.equal(days.incidents, 730);
    assert.equal(days.gunshots, null);
    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?action=retention.policy.changed' });
    const rec = audit.json().items[0];
    assert.equal(rec.details.before.preset, 'standard');
    assert.equal(rec.details.after.preset, 'tennessee-90');
    assert.equal(rec.details.after.days.incidents, 730);
    assert.deepEqual(await t.ctx.retention.policyView().then((v) => v.find((x) => x.dataType === 'reads')), { dataType: 'reads', label: 'LPR reads not tied to a hit or a legal hold', days: 90 });
  });

  it('refuses a bad policy with a clear JSON error and keeps the old one', async () => {
    const cases: [unknown, RegExp][] = [
      [{ preset: 'atlantis-5' }, /preset must be one of/],
      [{ preset: 'standard', overrides: { reads: 0 } }, /overrides.reads must be a whole number/],
      [{ preset: 'standard', overrides: { selfies: 3 } }, /overrides.selfies is not a data type/],
      [{ preset: 'standard', overrides: { reads: 400 } }, /reads tied to a hit must be kept at least as long/],
      [{ preset: 'maine-21', overrides: { reads: 30 } }, /29-A M.R.S. §2117-A allows at most 21 days/],
      [{ preset: 'standard', overrides: { reads: '30' } }, /overrides.reads must be a whole number/],
    ];
    for (const [payload, message] of cases) {
      const res = await t.call({ method: 'PUT', url: '/api/v1/retention/policy', payload: payload as object });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
      assert.match(res.json().error.message, message);
    }
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/retention/policy' })).json().preset, 'tennessee-90');
  });

  it('a supervisor places a hold, but only an admin releases it; releasing twice is 404', async () => {
    const placed = await t.call({
      method: 'POST',
      url: '/api/v1/retention/holds',
      token: supervisor,
      payload: { caseNumber: '2026-004817', reason: 'armed robbery, vehicle of interest', plates: ['abc-123'], window: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const hold = placed.json();
    assert.deepEqual(hold.plates, ['ABC123']);
    assert.equal(hold.window.from, '2026-01-01T00:00:00.000Z');
    assert.equal(hold.placedBy, 'sup.retention');

    const listed = await t.call({ method: 'GET', url: '/api/v1/retention/holds', token: auditor });
    assert.ok(listed.json().items.some((h: { id: string }) => h.id === hold.id));
    assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/retention/holds/${hold.id}`, token: supervisor })).statusCode, 403);
    const released = await t.call({ method: 'DELETE', url: `/api/v1/retention/holds/${hold.id}`, payload: { reason: 'case adjudicated' } });
    assert.equal(released.statusCode, 200, released.body);
    assert.equal(released.json().releaseReason, 'case adjudicated');
    assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/retention/holds/${hold.id}` })).statusCode, 404);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/retention/holds' })).json().items.some((h: { id: string }) => h.id === hold.id), false);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/retention/holds?status=all' })).json().items.some((h: { id: string }) => h.id === hold.id), true);
    const audited = await t.call({ method: 'GET', url: '/api/v1/audit?action=retention.hold.placed' });
    assert.equal(audited.json().items[0].details.hold.caseNumber, '2026-004817');
  });

  it('refuses a hold without a case, a reason or anything to hold', async () => {
    const cases: [object, RegExp][] = [
      [{ reason: 'a long enough reason', plates: ['ABC123'] }, /caseNumber is required/],
      [{ caseNumber: '1', reason: 'short', plates: ['ABC123'] }, /reason must say why/],
      [{ caseNumber: '1', reason: 'a long enough reason' }, /must name plates, read ids, hit ids or a time window/],
      [{ caseNumber: '1', reason: 'a long enough reason', window: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, /window from must be before to/],
      [{ caseNumber: '1', reason: 'a long enough reason', readIds: ['abc'] }, /readIds must be a list/],
      [{ caseNumber: '1', reason: 'a long enough reason', window: { from: 'yesterday', to: '2026-01-01T00:00:00Z' } }, /window must be/],
    ];
    for (const [payload, message] of cases) {
      const res = await t.call({ method: 'POST', url: '/api/v1/retention/holds', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.match(res.json().error.message, message);
    }
  });

  it('an admin runs the job on demand; the run is listed with its counts', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/retention/run' });
    assert.equal(res.statusCode, 200, res.body);
    const run = res.json();
    assert.equal(run.status, 'succeeded');
    assert.equal(run.trigger, 'manual');
    assert.equal(typeof run.deleted.reads, 'number');
    assert.match(run.cutoffs.reads, /^\d{4}-\d\d-\d\dT/);
    const runs = await t.call({ method: 'GET', url: '/api/v1/retention/runs', token: supervisor });
    assert.equal(runs.json().items[0].id, run.id);
  });

  it('denies what a role does not hold', async () => {
    const denied: [string, string, string][] = [
      ['GET', '/api/v1/retention/policy', analyst],
      ['PUT', '/api/v1/retention/policy', supervisor],
      ['POST', '/api/v1/retention/holds', auditor],
      ['POST', '/api/v1/retention/run', supervisor],
      ['GET', '/api/v1/retention/runs', analyst],
    ];
    for (const [method, url, token] of denied) {
      const res = await t.call({ method: method as 'GET', url, token, payload: method === 'GET' ? undefined : { preset: 'standard' } });
      assert.equal(res.statusCode, 403, `${method} ${url}`);
    }
  });
});
