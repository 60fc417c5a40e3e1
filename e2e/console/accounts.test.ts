// People and access in the console: the log-on banner before sign-in; a person enrols with the
// code an admin created, signs in with password + TOTP code, sees an analyst's screens and not
// the admin's; sign-out; a session ended by an admin returns to sign-in with the reason; a
// lockout is explained; a disabled account's open console leaves at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UserCreated } from '@openrtcc/domain';
import { totpCode } from '../../packages/server/src/auth/totp.ts';
import { awayFromTotpStepEnd, chromiumSkip, launchBrowser, openPage, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const BANNER = 'AUTHORIZED USE ONLY. This system holds criminal justice information; every use is monitored and audited.';
const PASSWORD = 'violet harbor lantern 42';

async function signInWithAccount(page: Page, username: string, code: string): Promise<void> {
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.fill('#code', code);
  await page.click('#account-submit');
}

describe('accounts in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [s, browser] = await Promise.all([startServer({ RTCC_LOGON_BANNER: BANNER }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('enrols, signs in with password + TOTP, shows the analyst screens only, and handles sign-out, revocation and lockout', async () => {
    const created = await s.api<UserCreated>('POST', '/api/v1/users', { username: 'jrivera', displayName: 'Analyst J. Rivera', role: 'analyst' });
    const secret = created.enrolment.totpSecret;
    const { context, page, errors } = await openPage(browser, s.base);
    await page.goto('/');
    await page.waitForSelector(`[data-testid="logon-banner"]:has-text("AUTHORIZED USE ONLY")`);

    // enrolment, as the person does it: code, new password twice, a code from the app
    await page.click('text=First time here?');
    await page.fill('#enrol-code', created.enrolment.code);
    await page.fill('#enrol-password', PASSWORD);
    await page.fill('#enrol-password2', PASSWORD);
    await awayFromTotpStepEnd();
    await page.fill('#enrol-totp', await totpCode(secret, Date.now() - 30_000));
    await page.click('#enrol-submit');
    await page.waitForSelector('.signin-notice:has-text("Enrolment complete for jrivera")');

    await signInWithAccount(page, 'jrivera', await totpCode(secret, Date.now()));
    await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
    await page.waitForSelector('[data-testid="signed-in-as"]:has-text("Analyst J. Rivera · analyst")');
    const nav = (await page.locator('#main-nav a').allTextContents()).map((t) => t.replace(/\s+\d+$/, '').trim());
    assert.deepEqual(nav, ['Live map', 'Hits', 'Search', 'Hotlists', 'Cameras']);
    await page.click('#main-nav a:has-text("Search")');
    await page.waitForSelector('#plate');
    await page.goto('/users');
    await page.waitForSelector('text=Your role does not include managing accounts.');
    assert.equal(await page.locator('[data-testid="users-table"]').count(), 0);
    await page.screenshot({ path: '/tmp/rtcc-e2e-analyst.png' }).catch(() => undefined);

    // sign-out ends the session on the server
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#username');
    const signouts = await s.api<{ items: { actor: string }[] }>('GET', '/api/v1/audit?action=auth.signout');
    assert.ok(signouts.items.some((r) => r.actor === 'jrivera'));

    // an admin disables the account: the server closes the console's live stream at once, and the
    // console returns to sign-in by itself and says why (no click needed)
    await signInWithAccount(page, 'jrivera', await totpCode(secret, Date.now() + 30_000));
    await page.waitForSelector('[data-testid="signed-in-as"]');
    await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
    await s.api('POST', `/api/v1/users/${created.user.id}/disable`);
    await page.waitForSelector('[data-testid="signin-notice"]:has-text("Your session has ended")', { timeout: 15_000 });

    // five failures lock the account; the screen says so
    await s.api('POST', `/api/v1/users/${created.user.id}/enable`);
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${s.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jrivera', password: `wrong ${i} password`, code: '000000' }) });
      assert.equal(r.status, 401);
    }
    await signInWithAccount(page, 'jrivera', '000000');
    await page.waitForSelector('[data-testid="signin-problem"]:has-text("locked")');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows an admin account the Users screen and the enrolment once, with a QR code', async () => {
    const created = await s.api<UserCreated>('POST', '/api/v1/users', { username: 'kadmin', displayName: 'Admin K. Osei', role: 'admin' });
    const { context, page, errors } = await openPage(browser, s.base);
    await page.goto('/');
    await page.click('text=First time here?');
    await page.fill('#enrol-code', created.enrolment.code);
    await page.fill('#enrol-password', PASSWORD);
    await page.fill('#enrol-password2', PASSWORD);
    await awayFromTotpStepEnd();
    await page.fill('#enrol-totp', await totpCode(created.enrolment.totpSecret, Date.now() - 30_000));
    await page.click('#enrol-submit');
    await page.waitForSelector('.signin-notice:has-text("Enrolment complete")');
    await signInWithAccount(page, 'kadmin', await totpCode(created.enrolment.totpSecret, Date.now()));
    await page.click('#main-nav a:has-text("Users")');
    await page.waitForSelector('[data-testid="users-table"] tr[data-username="kadmin"]');
    await page.fill('#new-username', 'officer7');
    await page.fill('#new-display', 'Officer P. Lang');
    await page.selectOption('#new-role', 'officer');
    await page.click('button:has-text("Create account")');
    const card = page.locator('[data-testid="enrolment-card"]');
    await card.waitFor();
    assert.match((await page.locator('[data-testid="enrolment-uri"]').textContent()) ?? '', /^otpauth:\/\/totp\/OpenRTCC:officer7\?secret=/);
    assert.equal(await page.locator('svg.otp-qr path').count(), 1);
    await page.screenshot({ path: '/tmp/rtcc-e2e-enrolment.png' }).catch(() => undefined);
    await page.click('button:has-text("Done: I have handed it over")');
    assert.equal(await card.count(), 0);
    await page.waitForSelector('[data-testid="users-table"] tr[data-username="officer7"]:has-text("awaiting enrolment")');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
