// Supervisor review in the console: an analyst's searches through the API raise flags (one plate
// again and again, a case number the agency never issued); the supervisor (admin here) opens
// Review, sees the audit chain intact, the flags and the searches behind one, records a
// disposition that lands in the audit trail; a record forged into the store turns the chain
// status to broken, naming it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UserCreated } from '@openrtcc/domain';
import { totpCode } from '../../packages/server/src/auth/totp.ts';
import { awayFromTotpStepEnd, chromiumSkip, launchBrowser, openPage, PHONE, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const PASSWORD = 'amber quarry willow 71';
const CASE = { offenseType: 'motor_vehicle_theft', caseNumber: '2026-004817' };

/** An analyst account, enrolled and signed in through the API; returns its session token. */
async function analystToken(s: ConsoleServer): Promise<string> {
  const created = await s.api<UserCreated>('POST', '/api/v1/users', { username: 'mkeller', displayName: 'Analyst M. Keller', role: 'analyst' });
  const post = (path: string, body: unknown) => fetch(`${s.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const secret = created.enrolment.totpSecret;
  await awayFromTotpStepEnd();
  const enrolled = await post('/api/v1/enrolment', { code: created.enrolment.code, password: PASSWORD, totpCode: await totpCode(secret, Date.now() - 30_000) });
  assert.equal(enrolled.status, 200, await enrolled.text());
  const session = await post('/api/v1/session', { username: 'mkeller', password: PASSWORD, code: await totpCode(secret, Date.now()) });
  assert.equal(session.status, 201);
  return ((await session.json()) as { token: string }).token;
}

describe('supervisor review in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [s, browser] = await Promise.all([startServer({ RTCC_AUDIT_REPEAT_SEARCHES: '3', RTCC_CASE_NUMBER_PATTERN: '\\d{4}-\\d{6}' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('lists flags with their records, records a disposition, and shows the chain status', async () => {
    const token = await analystToken(s);
    const search = async (plate: string, justification: unknown) => {
      const res = await fetch(`${s.base}/api/v1/reads/search`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ plate, justification }) });
      assert.equal(res.status, 200, await res.text());
    };
    for (let i = 0; i < 3; i++) await search('RVW1234', CASE);
    await search('OTH5678', { offenseType: 'robbery', caseNumber: 'PERSONAL-42' });

    const { page, errors } = await openPage(browser, s.base);
    await signIn(page);
    await page.click('#main-nav a:has-text("Review")');
    await page.waitForSelector('[data-testid="chain-status"]:has-text("Intact")');
    await page.waitForSelector('[data-testid="review-flags"] tbody tr >> nth=1');
    const rows = await page.locator('[data-testid="review-flags"] tbody tr').allTextContents();
    assert.equal(rows.length, 2, rows.join(' | '));
    assert.ok(rows.some((r) => r.includes('Same plate again and again') && r.includes('mkeller') && r.includes('RVW1234')));
    assert.ok(rows.some((r) => r.includes('Outside any case') && r.includes('PERSONAL-42')));

    await page.click('[data-flag-kind="repeat_plate"] button');
    await page.waitForSelector('[data-testid="flag-detail"]:has-text("3 searches of RVW1234")');
    assert.equal(await page.locator('[data-testid="flag-records"] tbody tr').count(), 3);
    await page.screenshot({ path: '/tmp/rtcc-e2e-review.png' }).catch(() => undefined);
    const submit = page.locator('.review-form button[type="submit"]');
    assert.equal(await submit.isDisabled(), true, 'no disposition chosen yet');
    await page.check('input[name="disposition"][value="justified"]');
    await page.fill('#review-note', 'Confirmed with the case detective: RVW1234 is the suspect vehicle in 2026-004817.');
    await submit.click();
    await page.waitForSelector('[data-testid="flag-review"]:has-text("Reviewed by admin (bootstrap token)")');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-flags"] tbody tr').length === 1);

    const reviews = await s.api<{ items: { actor: string; details: { disposition: string; flaggedUser: string } }[] }>('GET', '/api/v1/audit?action=audit.review');
    assert.equal(reviews.items[0].details.disposition, 'justified');
    assert.equal(reviews.items[0].details.flaggedUser, 'mkeller');

    // someone with database access slips a record in: the status says where the chain breaks
    const last = (await s.ctx.store.audit.last())!;
    await s.ctx.store.audit.append({ ...last, seq: last.seq + 1, id: 'forged', actor: 'nobody', prevHash: last.hash });
    await page.click('[data-testid="chain-status"] button');
    await page.waitForSelector(`[data-testid="chain-status"]:has-text("Broken at record ${last.seq + 1}")`);

    // the screen works on a phone too
    const phone = await openPage(browser, s.base, PHONE);
    await signIn(phone.page, '/review');
    await phone.page.waitForSelector('[data-testid="review-flags"] tbody tr');
    await phone.page.screenshot({ path: '/tmp/rtcc-e2e-review-phone.png' }).catch(() => undefined);
    await phone.context.close();
    assert.deepEqual(errors, []);
  });
});
