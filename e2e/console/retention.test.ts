// Retention in the console: an admin picks a state preset and overrides a type, sees the days in
// force; places a legal hold for a case and releases it; runs the job and sees the run with what
// it deleted (an expired read, gone from search afterwards). A supervisor may place holds but
// cannot change the policy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UserCreated } from '@openrtcc/domain';
import { totpCode } from '../../packages/server/src/auth/totp.ts';
import { awayFromTotpStepEnd, chromiumSkip, launchBrowser, openPage, read, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const DAY = 86_400_000;

describe('retention in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [s, browser] = await Promise.all([startServer({ RTCC_RETENTION_HOUR: 'off' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('changes the policy from a preset, places and releases a hold, and runs the job', async () => {
    const old = new Date(Date.now() - 45 * DAY).toISOString();
    await s.api('POST', '/api/v1/reads', [read('OLD4501', { observedAt: old, location: [-97.74, 30.27] }), read('NEW4502', { location: [-97.74, 30.27] })]);

    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page);
    await page.click('#main-nav a:has-text("Retention")');
    await page.waitForSelector('[data-testid="retention-policy"] tr[data-type="reads"] [data-testid="days-in-force"]:has-text("30 days")');

    // a state preset, and a longer period for closed CAD incidents
    await page.selectOption('#retention-preset', 'maine-21');
    await page.waitForSelector('text=29-A M.R.S. §2117-A');
    await page.fill('tr[data-type="incidents"] input', '730');
    await page.click('button:has-text("Save policy")');
    await page.waitForSelector('tr[data-type="reads"] [data-testid="days-in-force"]:has-text("21 days")');
    await page.waitForSelector('tr[data-type="incidents"] [data-testid="days-in-force"]:has-text("730 days")');
    const changed = await s.api<{ items: { details: { before: { preset: string }; after: { preset: string } } }[] }>('GET', '/api/v1/audit?action=retention.policy.changed');
    assert.deepEqual([changed.items[0].details.before.preset, changed.items[0].details.after.preset], ['standard', 'maine-21']);

    // a statute's limit cannot be exceeded: the error says why
    await page.fill('tr[data-type="reads"] input', '60');
    await page.click('button:has-text("Save policy")');
    await page.waitForSelector('text=allows at most 21 days');
    // read, the refusal is dismissed as a person would, so it covers no button below
    const dismiss = page.locator('.error-surface button[aria-label="Dismiss"]');
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await page.fill('tr[data-type="reads"] input', '');

    // a hold for a case, then released by the admin with a reason
    await page.fill('#hold-case', '2026-004817');
    await page.fill('#hold-reason', 'armed robbery, suspect vehicle');
    await page.fill('#hold-plates', 'abc 123');
    await page.click('button:has-text("Place hold")');
    await page.waitForSelector('[data-testid="holds-table"] tr[data-case="2026-004817"]:has-text("plates ABC123")');
    page.once('dialog', (d) => void d.accept('case closed'));
    await page.click('tr[data-case="2026-004817"] button:has-text("Release")');
    await page.waitForSelector('text=No active holds.');
    const released = await s.api<{ items: { details: { releaseReason: string } }[] }>('GET', '/api/v1/audit?action=retention.hold.released');
    assert.equal(released.items[0].details.releaseReason, 'case closed');

    // run now: the 45-day-old read goes, the run is listed with its count
    page.once('dialog', (d) => void d.accept());
    await page.click('button:has-text("Run now")');
    await page.waitForSelector('[data-testid="runs-table"] [data-testid="run-deleted"]:has-text("1 LPR reads not tied to a hit or a legal hold")');
    const justification = { offenseType: 'motor_vehicle_theft', caseNumber: '2026-004817' };
    const found = await s.api<{ total: number }>('POST', '/api/v1/reads/search', { plate: 'OLD4501', justification, limit: 5 });
    assert.equal(found.total, 0);
    const kept = await s.api<{ total: number }>('POST', '/api/v1/reads/search', { plate: 'NEW4502', justification, limit: 5 });
    assert.equal(kept.total, 1);
    await page.screenshot({ path: '/tmp/rtcc-e2e-retention.png' }).catch(() => undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lets a supervisor place a hold and see the policy, but not change it, release or run', async () => {
    const password = 'amber ferry signal 58';
    const created = await s.api<UserCreated>('POST', '/api/v1/users', { username: 'sgt.hold', displayName: 'Sgt. M. Okafor', role: 'supervisor' });
    const secret = created.enrolment.totpSecret;
    await awayFromTotpStepEnd();
    await s.api('POST', '/api/v1/enrolment', { code: created.enrolment.code, password, totpCode: await totpCode(secret, Date.now() - 30_000) });
    const { context, page, errors } = await openPage(browser, s.base);
    await page.goto('/retention');
    await page.fill('#username', 'sgt.hold');
    await page.fill('#password', password);
    await page.fill('#code', await totpCode(secret, Date.now()));
    await page.click('#account-submit');
    await page.waitForSelector('[data-testid="retention-policy"] tr[data-type="reads"] [data-testid="days-in-force"]');
    assert.equal(await page.locator('button:has-text("Save policy")').count(), 0);
    assert.equal(await page.locator('#retention-preset').isDisabled(), true);
    assert.equal(await page.locator('button:has-text("Run now")').count(), 0);

    await page.fill('#hold-case', '2026-005001');
    await page.fill('#hold-reason', 'hit-and-run, witness saw the plate');
    await page.fill('#hold-plates', 'HR 5001');
    await page.click('button:has-text("Place hold")');
    await page.waitForSelector('[data-testid="holds-table"] tr[data-case="2026-005001"]:has-text("by sgt.hold")');
    assert.equal(await page.locator('tr[data-case="2026-005001"] button:has-text("Release")').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
