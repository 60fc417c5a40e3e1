/**
 * Single sign-on against a real OpenID Connect provider on loopback (oidc-provider): the browser's
 * side of the code flow is played with fetch and a cookie jar, the server's side is the real one
 * (discovery, PKCE, code exchange, ID token validation).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config/config.ts';
import { startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestProvider } from '../../auth/oidc-provider.fixture.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser } from './users.fixture.ts';

const REDIRECT = 'http://127.0.0.1:8080/api/v1/auth/oidc/callback';

/** The browser: follows the provider's redirects with its cookies until it is sent back to OpenRTCC. */
async function browseProvider(startUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = startUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(REDIRECT)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    assert.ok(location, `the provider answered ${res.status} without a redirect: ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('the provider never sent the browser back');
}

/** Starts sign-on at OpenRTCC, goes through the provider, and lands on the callback. */
async function signOn(t: TestApp): Promise<{ location: string; cookie: string }> {
  const login = await t.call({ method: 'GET', url: '/api/v1/auth/oidc/login', token: null });
  assert.equal(login.statusCode, 302, login.body);
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  assert.match(cookie, /^rtcc_oidc=/);
  assert.match(String(login.headers['set-cookie']), /HttpOnly/i);
  const back = new URL(await browseProvider(String(login.headers.location)));
  const callback = await t.call({ method: 'GET', url: `${back.pathname}${back.search}`, token: null, headers: { cookie } });
  assert.equal(callback.statusCode, 302, callback.body);
  return { location: String(callback.headers.location), cookie };
}

const tokenOf = (location: string): string => {
  const m = /^\/#sso=(.+)$/.exec(location);
  assert.ok(m, `expected a signed-in redirect, got ${location}`);
  return decodeURIComponent(m[1]);
};
const errorOf = (location: string): string => {
  const m = /^\/#sso_error=(.+)$/.exec(location);
  assert.ok(m, `expected a refusal redirect, got ${location}`);
  return decodeURIComponent(m[1]);
};

describe('single sign-on with OpenID Connect', () => {
  let idp: TestProvider;
  let t: TestApp;

  before(async () => {
    idp = await startTestProvider(REDIRECT, { sub: 'idp-subject-dana', preferred_username: 'dana.ortiz', amr: ['pwd', 'mfa'] });
    const config = loadConfig({
      RTCC_ADMIN_TOKEN: ADMIN_TOKEN,
      RTCC_LOG_LEVEL: 'silent',
      RTCC_OIDC_ISSUER: idp.issuer,
      RTCC_OIDC_CLIENT_ID: TEST_CLIENT_ID,
      RTCC_OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      RTCC_OIDC_REDIRECT_URL: REDIRECT,
      RTCC_OIDC_LABEL: 'Sign in with County ID',
    });
    t = await startTestApp({ oidc: config.oidc! });
    for (const [username, role] of [['dana.ortiz', 'analyst'], ['lee.park', 'dispatcher']]) {
      const res = await t.call({ method: 'POST', url: '/api/v1/users', payload: { username, displayName: username, role } });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(async () => {
    await t?.close();
    await idp?.close();
  });

  test('the sign-in screen learns that single sign-on is offered and its label', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/auth/oidc', token: null });
    assert.deepEqual(res.json(), { enabled: true, label: 'Sign in with County ID', loginUrl: '/api/v1/auth/oidc/login' });
  });

  test('a person with a second factor at the provider signs in to the account an admin created, with its role', async () => {
    idp.next = { sub: 'idp-subject-dana', preferred_username: 'dana.ortiz', amr: ['pwd', 'mfa'] };
    const { location } = await signOn(t);
    const token = tokenOf(location);
    const who = await t.call({ method: 'GET', url: '/api/v1/session', token });
    assert.equal(who.statusCode, 200, who.body);
    assert.equal(who.json().user.username, 'dana.ortiz');
    assert.equal(who.json().user.role, 'analyst');
    assert.ok(who.json().user.ssoLinkedAt, 'the account is linked to the provider subject');
    assert.ok(who.json().permissions.includes('reads:search'));
    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?action=auth.signin&limit=5' });
    const rec = audit.json().items.find((r: { outcome: string; actor: string }) => r.outcome === 'success' && r.actor === 'dana.ortiz');
    assert.equal(rec.details.method, 'oidc');
    assert.deepEqual(rec.details.amr, ['pwd', 'mfa']);
  });

  test('a password alone at the provider is refused: every account needs a second factor', async () => {
    idp.next = { sub: 'idp-subject-lee', preferred_username: 'lee.park', amr: ['pwd'] };
    const { location } = await signOn(t);
    assert.match(errorOf(location), /second factor/);
  });

  test('another provider subject claiming a linked username is refused and audited', async () => {
    idp.next = { sub: 'idp-subject-impostor', preferred_username: 'dana.ortiz', amr: ['pwd', 'otp'] };
    const { location } = await signOn(t);
    assert.match(errorOf(location), /linked to another identity/);
    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?action=auth.signin&limit=10' });
    assert.ok(audit.json().items.some((r: { outcome: string; details?: { reason?: string } }) => r.outcome === 'denied' && r.details?.reason === 'subject_mismatch'));
  });

  test('no account, a disabled account: refused with the reason', async () => {
    idp.next = { sub: 'idp-subject-nobody', preferred_username: 'nobody.here', amr: ['hwk'] };
    assert.match(errorOf((await signOn(t)).location), /no OpenRTCC account/);
    const users = await t.call({ method: 'GET', url: '/api/v1/users' });
    const lee = users.json().items.find((u: { username: string }) => u.username === 'lee.park');
    assert.equal((await t.call({ method: 'POST', url: `/api/v1/users/${lee.id}/disable` })).statusCode, 200);
    idp.next = { sub: 'idp-subject-lee', preferred_username: 'lee.park', amr: ['pwd', 'otp'] };
    assert.match(errorOf((await signOn(t)).location), /disabled/);
  });

  test('a callback without the flow cookie, or with a forged one, is refused', async () => {
    idp.next = { sub: 'idp-subject-dana', preferred_username: 'dana.ortiz', amr: ['pwd', 'mfa'] };
    const login = await t.call({ method: 'GET', url: '/api/v1/auth/oidc/login', token: null });
    const back = new URL(await browseProvider(String(login.headers.location)));
    const none = await t.call({ method: 'GET', url: `${back.pathname}${back.search}`, token: null });
    assert.match(errorOf(String(none.headers.location)), /did not start here/);
    const forged = String(login.headers['set-cookie']).split(';')[0].replace(/\.[^.]+$/, '.AAAA');
    const bad = await t.call({ method: 'GET', url: `${back.pathname}${back.search}`, token: null, headers: { cookie: forged } });
    assert.match(errorOf(String(bad.headers.location)), /not valid/);
  });

  test('the provider refusing (the person cancelled) comes back as a readable refusal', async () => {
    const login = await t.call({ method: 'GET', url: '/api/v1/auth/oidc/login', token: null });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const state = new URL(String(login.headers.location)).searchParams.get('state');
    const res = await t.call({ method: 'GET', url: `/api/v1/auth/oidc/callback?error=access_denied&error_description=User%20cancelled&state=${state}`, token: null, headers: { cookie } });
    assert.match(errorOf(String(res.headers.location)), /User cancelled/);
  });

  test('a password-and-code account still signs in as before beside single sign-on', async () => {
    const u = await enrolUser(t, 'sam.local', 'supervisor');
    assert.ok(u.id);
  });
});

test('without RTCC_OIDC_ISSUER single sign-on is not offered and its routes do not exist', async () => {
  const t = await startTestApp();
  try {
    assert.deepEqual((await t.call({ method: 'GET', url: '/api/v1/auth/oidc', token: null })).json(), { enabled: false });
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/oidc/login', token: null })).statusCode, 404);
  } finally {
    await t.close();
  }
});

test('single sign-on settings are validated', () => {
  assert.throws(() => loadConfig({ RTCC_OIDC_ISSUER: 'http://idp.example.com', RTCC_OIDC_CLIENT_ID: 'x', RTCC_OIDC_CLIENT_SECRET: 'y', RTCC_OIDC_REDIRECT_URL: REDIRECT }), /RTCC_OIDC_ISSUER must be an https/);
  assert.throws(() => loadConfig({ RTCC_OIDC_ISSUER: 'https://idp.example.com' }), /RTCC_OIDC_CLIENT_ID is required[\s\S]*RTCC_OIDC_CLIENT_SECRET is required[\s\S]*RTCC_OIDC_REDIRECT_URL/);
  assert.throws(() => loadConfig({ RTCC_OIDC_CLIENT_ID: 'x' }), /RTCC_OIDC_CLIENT_ID is set but RTCC_OIDC_ISSUER is not/);
  assert.throws(() => loadConfig({ RTCC_OIDC_ISSUER: 'https://idp.example.com', RTCC_OIDC_CLIENT_ID: 'x', RTCC_OIDC_CLIENT_SECRET: 'y', RTCC_PUBLIC_URL: 'https://rtcc.example.gov', RTCC_OIDC_MFA: 'maybe' }), /RTCC_OIDC_MFA/);
  const ok = loadConfig({ RTCC_OIDC_ISSUER: 'https://idp.example.com', RTCC_OIDC_CLIENT_ID: 'x', RTCC_OIDC_CLIENT_SECRET: 'y', RTCC_PUBLIC_URL: 'https://rtcc.example.gov' });
  assert.equal(ok.oidc?.redirectUrl.href, 'https://rtcc.example.gov/api/v1/auth/oidc/callback');
  assert.equal(ok.oidc?.mfa, 'amr');
});
