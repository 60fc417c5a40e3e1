// Single sign-on in the console: the sign-in screen offers the agency's identity provider; the
// person goes there (a real OpenID Connect provider on loopback), comes back signed in with the
// role an admin gave the account, and the token is gone from the address bar. A provider sign-in
// without a second factor comes back to the sign-in screen with the reason.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestProvider } from '../../packages/server/src/auth/oidc-provider.fixture.ts';
import { chromiumSkip, launchBrowser, openPage, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('single sign-on in the console', { skip }, () => {
  let s: ConsoleServer;
  let idp: TestProvider;
  let browser: Browser;
  before(async () => {
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
    idp = await startTestProvider(redirect, { sub: 'county-id-4411', preferred_username: 'mchen', amr: ['pwd', 'mfa'] });
    [s, browser] = await Promise.all([
      startServer({ RTCC_OIDC_ISSUER: idp.issuer, RTCC_OIDC_CLIENT_ID: TEST_CLIENT_ID, RTCC_OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET, RTCC_OIDC_REDIRECT_URL: redirect, RTCC_OIDC_LABEL: 'Sign in with County ID' }, { port }),
      launchBrowser(),
    ]);
    await s.api('POST', '/api/v1/users', { username: 'mchen', displayName: 'Analyst M. Chen', role: 'analyst' });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await idp?.close();
  });

  it('signs in through the identity provider with the account and role made here', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await page.goto('/');
    await page.click('[data-testid="sso-signin"]:has-text("Sign in with County ID")');
    await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
    assert.equal(new URL(page.url()).hash, '', 'the session token is taken off the address');
    const who = await page.evaluate(async () => {
      const token = sessionStorage.getItem('rtcc.token');
      const res = await fetch('/api/v1/session', { headers: { authorization: `Bearer ${token}` } });
      return (await res.json()) as { user: { username: string; role: string } };
    });
    assert.equal(who.user.username, 'mchen');
    assert.equal(who.user.role, 'analyst');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a provider sign-in without a second factor returns to the sign-in screen saying why', async () => {
    idp.next = { sub: 'county-id-4411', preferred_username: 'mchen', amr: ['pwd'] };
    const { context, page, errors } = await openPage(browser, s.base);
    await page.goto('/');
    await page.click('[data-testid="sso-signin"]');
    await page.waitForSelector('[data-testid="signin-notice"]:has-text("second factor")');
    assert.equal(new URL(page.url()).hash, '');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
