// Sign-in, enrolment, sign-out and the banner over HTTP: every refusal is JSON with a code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { totpCode } from '../../auth/totp.ts';
import { startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs, USER_PASSWORD } from './users.fixture.ts';

function errorCode(body: string): string | undefined {
  const parsed = JSON.parse(body);
  assert.equal(typeof parsed.error?.message, 'string');
  assert.match(parsed.error.requestId, /^[0-9a-f-]{36}$/);
  assert.doesNotMatch(body, /\bat .+:\d+:\d+/);
  return parsed.error.code;
}

describe('session routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ logonBanner: 'Authorized use only.\nActivity is monitored and audited.' });
  });
  after(() => t.close());

  it('serves the log-on banner without a token', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/logon-banner', token: null });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { text: 'Authorized use only.\nActivity is monitored and audited.' });
  });

  it('signs in, names the user on GET /session and in the audit of a search, and signs out', async () => {
    const u = await enrolUser(t, 'jrivera', 'analyst');
    const token = await signInAs(t, u);
    const me = await t.call({ method: 'GET', url: '/api/v1/session', token });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.username, 'jrivera');
    assert.equal(me.json().user.role, 'analyst');
    assert.ok(me.json().permissions.includes('reads:search'));
    assert.equal(me.json().session.idleTimeoutMs, 30 * 60_000);
    const search = await t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: { plate: 'TST0001', justification: { offenseType: 'robbery', caseNumber: '2026-004512' } } });
    assert.equal(search.statusCode, 200, search.body);
    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.search' });
    assert.equal(audit.json().items[0].actor, 'jrivera');
    const out = await t.call({ method: 'DELETE', url: '/api/v1/session', token });
    assert.equal(out.statusCode, 204);
    const after = await t.call({ method: 'GET', url: '/api/v1/session', token });
    assert.equal(after.statusCode, 401);
    assert.equal(errorCode(after.body), 'unauthenticated');
    const actions = (await t.call({ method: 'GET', url: '/api/v1/audit?limit=50' })).json().items.map((r: { action: string; actor: string }) => `${r.action}:${r.actor}`);
    for (const a of ['users.create:admin (bootstrap token)', 'users.enrol:jrivera', 'auth.signin:jrivera', 'auth.signout:jrivera']) assert.ok(actions.includes(a), a);
  });

  it('answers the admin token on GET /session and refuses to sign it out', async () => {
    const me = await t.call({ method: 'GET', url: '/api/v1/session' });
    assert.equal(me.json().kind, 'admin');
    const out = await t.call({ method: 'DELETE', url: '/api/v1/session' });
    assert.equal(out.statusCode, 400);
    assert.equal(errorCode(out.body), 'validation_failed');
  });

  it('answers wrong credentials with invalid_credentials, and the fifth failure with account_locked (423)', async () => {
    const u = await enrolUser(t, 'lockme', 'officer');
    for (let i = 0; i < 4; i++) {
      const res = await t.call({ method: 'POST', url: '/api/v1/session', token: null, payload: { username: 'lockme', password: `wrong ${i} password`, code: '123456' } });
      assert.equal(res.statusCode, 401);
      assert.equal(errorCode(res.body), 'invalid_credentials');
    }
    const fifth = await t.call({ method: 'POST', url: '/api/v1/session', token: null, payload: { username: 'lockme', password: USER_PASSWORD, code: '000000' } });
    assert.equal(fifth.statusCode, 423);
    assert.equal(errorCode(fifth.body), 'account_locked');
    assert.ok(fifth.json().error.details.lockedUntil);
    const right = await t.call({ method: 'POST', url: '/api/v1/session', token: null, payload: { username: 'lockme', password: USER_PASSWORD, code: await totpCode(u.secret, Date.now()) } });
    assert.equal(right.statusCode, 423, 'the right credentials are refused while locked');
    const unlock = await t.call({ method: 'POST', url: `/api/v1/users/${u.id}/unlock` });
    assert.equal(unlock.statusCode, 200, unlock.body);
    assert.ok(await signInAs(t, u, 1));
  });

  it('refuses bad bodies and bad enrolments with machine-readable errors', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/v1/session', {}, 400, 'validation_failed'],
      ['/api/v1/session', { username: 'x', password: 'y', code: '1', extra: true }, 400, 'validation_failed'],
      ['/api/v1/session', { username: 'nobody', password: 'whatever it is', code: '123456' }, 401, 'invalid_credentials'],
      ['/api/v1/enrolment', { code: 'rtcc_enr_nope', password: USER_PASSWORD, totpCode: '123456' }, 401, 'invalid_credentials'],
      ['/api/v1/enrolment', { code: 'x' }, 400, 'validation_failed'],
    ];
    for (const [url, payload, status, code] of cases) {
      const res = await t.call({ method: 'POST', url, token: null, payload: payload as object });
      assert.equal(res.statusCode, status, `${url} ${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(errorCode(res.body), code);
    }
    const notJson = await t.call({ method: 'POST', url: '/api/v1/session', token: null, headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    assert.equal(notJson.statusCode, 400);
    assert.equal(errorCode(notJson.body), 'validation_failed');
    const created = (await t.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'weakling', displayName: 'W', role: 'auditor' } })).json();
    const weak = await t.call({ method: 'POST', url: '/api/v1/enrolment', token: null, payload: { code: created.enrolment.code, password: 'short', totpCode: '123456' } });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.details[0].field, 'password');
    const wrongCode = await t.call({ method: 'POST', url: '/api/v1/enrolment', token: null, payload: { code: created.enrolment.code, password: USER_PASSWORD, totpCode: '000000' } });
    assert.equal(wrongCode.statusCode, 400);
    assert.equal(wrongCode.json().error.details[0].field, 'totpCode');
    const ok = await t.call({ method: 'POST', url: '/api/v1/enrolment', token: null, payload: { code: created.enrolment.code, password: USER_PASSWORD, totpCode: await totpCode(created.enrolment.totpSecret, Date.now()) } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().user.status, 'active');
    const again = await t.call({ method: 'POST', url: '/api/v1/enrolment', token: null, payload: { code: created.enrolment.code, password: USER_PASSWORD, totpCode: await totpCode(created.enrolment.totpSecret, Date.now()) } });
    assert.equal(again.statusCode, 401, 'an enrolment code works once');
    assert.equal(errorCode(again.body), 'invalid_credentials');
  });
});
