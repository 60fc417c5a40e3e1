/**
 * Route-test helpers for people: an account created by the admin token and enrolled through the
 * API, and sign-ins as it. The enrolment confirms the code of the step before now, so two
 * sign-ins (now, then the next step) fit inside the server's one-step tolerance without waiting.
 */
import assert from 'node:assert/strict';
import { totpCode } from '../../auth/totp.ts';
import type { TestApp } from '../test-app.ts';

export const USER_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  username: string;
  secret: string;
}

export async function enrolUser(t: TestApp, username: string, role: string): Promise<TestUser> {
  const res = await t.call({ method: 'POST', url: '/api/v1/users', payload: { username, displayName: `Test ${role}`, role } });
  assert.equal(res.statusCode, 201, res.body);
  const { user, enrolment } = res.json();
  const done = await t.call({ method: 'POST', url: '/api/v1/enrolment', token: null, payload: { code: enrolment.code, password: USER_PASSWORD, totpCode: await totpCode(enrolment.totpSecret, Date.now() - 30_000) } });
  assert.equal(done.statusCode, 200, done.body);
  return { id: user.id, username, secret: enrolment.totpSecret };
}

/** Signs in with the code of `now + offsetSteps` steps; returns the session token. */
export async function signInAs(t: TestApp, u: TestUser, offsetSteps = 0): Promise<string> {
  const res = await t.call({ method: 'POST', url: '/api/v1/session', token: null, payload: { username: u.username, password: USER_PASSWORD, code: await totpCode(u.secret, Date.now() + offsetSteps * 30_000) } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().token;
}
