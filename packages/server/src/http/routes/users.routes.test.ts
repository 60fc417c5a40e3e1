// Admin management of accounts over HTTP: create (enrolment shown once), list, role change,
// disable (sessions end), MFA reset; and the errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

describe('user routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('creates an account with a one-time enrolment and never shows secrets again', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'K.Nguyen', displayName: 'Sgt. K. Nguyen', role: 'supervisor' } });
    assert.equal(res.statusCode, 201, res.body);
    const { user, enrolment } = res.json();
    assert.equal(user.username, 'k.nguyen');
    assert.equal(user.status, 'pending_enrolment');
    assert.match(enrolment.code, /^rtcc_enr_/);
    assert.match(enrolment.otpauthUri, /^otpauth:\/\/totp\/OpenRTCC:k\.nguyen\?secret=[A-Z2-7]+/);
    const list = await t.call({ method: 'GET', url: '/api/v1/users' });
    const body = list.body;
    assert.ok(list.json().items.some((u: { id: string }) => u.id === user.id));
    for (const secret of [enrolment.code, enrolment.totpSecret, 'passwordHash', 'totpSecret', 'failedAttempts']) assert.ok(!body.includes(secret), `list leaks ${secret}`);
    const one = await t.call({ method: 'GET', url: `/api/v1/users/${user.id}` });
    assert.ok(!one.body.includes(enrolment.totpSecret));
  });

  it('refuses a taken username (409), a bad role and a bad username (400)', async () => {
    await t.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'dup', displayName: 'D', role: 'officer' } });
    const dup = await t.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'DUP', displayName: 'D2', role: 'officer' } });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'conflict');
    const role = await t.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'r1', displayName: 'R', role: 'chief' } });
    assert.equal(role.statusCode, 400);
    assert.equal(role.json().error.code, 'validation_failed');
    const name = await t.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'has space', displayName: 'R', role: 'officer' } });
    assert.equal(name.statusCode, 400);
    assert.equal(name.json().error.details[0].field, 'username');
    const missing = await t.call({ method: 'POST', url: '/api/v1/users/00000000-0000-4000-8000-000000000000/disable' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found_or_forbidden');
  });

  it('disabling ends the sessions; a role change applies to the next request', async () => {
    const u = await enrolUser(t, 'dispatch1', 'dispatcher');
    const token = await signInAs(t, u);
    const denied = await t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: {} });
    assert.equal(denied.statusCode, 403);
    const patched = await t.call({ method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { role: 'analyst' } });
    assert.equal(patched.json().role, 'analyst');
    const now = await t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: {} });
    assert.equal(now.statusCode, 400, 'an analyst reaches the search (and gets the missing justification)');
    const dis = await t.call({ method: 'POST', url: `/api/v1/users/${u.id}/disable` });
    assert.equal(dis.json().status, 'disabled');
    const gone = await t.call({ method: 'GET', url: '/api/v1/session', token });
    assert.equal(gone.statusCode, 401);
  });

  it('an admin account manages users, but cannot disable itself', async () => {
    const a = await enrolUser(t, 'admin2', 'admin');
    const token = await signInAs(t, a);
    const self = await t.call({ method: 'POST', url: `/api/v1/users/${a.id}/disable`, token });
    assert.equal(self.statusCode, 409);
    const list = await t.call({ method: 'GET', url: '/api/v1/users', token });
    assert.equal(list.statusCode, 200);
    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?action=users.create' });
    assert.ok(audit.json().items.some((r: { details: { username: string } }) => r.details.username === 'admin2'));
  });

  it('an MFA reset gives a new enrolment and ends the old sign-in', async () => {
    const u = await enrolUser(t, 'lostphone', 'officer');
    const token = await signInAs(t, u);
    const reset = await t.call({ method: 'POST', url: `/api/v1/users/${u.id}/mfa-reset` });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.notEqual(reset.json().enrolment.totpSecret, u.secret);
    assert.equal(reset.json().user.status, 'pending_enrolment');
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/session', token })).statusCode, 401);
  });
});
