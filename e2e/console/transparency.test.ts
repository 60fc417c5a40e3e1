// The public transparency page in a browser: reached from the sign-in screen without signing in,
// readable without script, with every section computed from the server's data and nothing that
// identifies a vehicle or a person. And the search form showing a refusal for a prohibited purpose.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { camera, chromiumSkip, launchBrowser, openPage, read, signIn, startServer, writeTempFile, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

describe('the transparency page', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    const policy = writeTempFile('alpr-policy.md', '# ALPR use policy\n\nPlate data is searched only for a listed offense with a case number.');
    [s, browser] = await Promise.all([
      startServer({ RTCC_TRANSPARENCY_CAMERA_MAP: 'approximate', RTCC_TRANSPARENCY_POLICY_FILE: policy, RTCC_AGENCY_NAME: 'Riverbend Police Department' }),
      launchBrowser(),
    ]);
    const harbor = await camera(s, 'Harbor Rd at Pier 9', [-97.7413, 30.2672]);
    await camera(s, 'Mill St bridge east', [-97.7012, 30.2405]);
    const list = await s.api<{ id: string }>('POST', '/api/v1/hotlists', { name: 'Stolen', kind: 'custom', priority: 1 });
    await s.api('POST', `/api/v1/hotlists/${list.id}/entries`, [{ plate: 'TRP4410', reason: 'stolen vehicle' }]);
    await s.api('POST', '/api/v1/reads', read('TRP4410', { cameraId: harbor }));
    await s.api('POST', '/api/v1/reads', read('TRP4410', { cameraId: harbor }));
    const hits = await s.api<{ items: { id: string }[] }>('GET', '/api/v1/hits');
    await s.api('POST', `/api/v1/hits/${hits.items[0].id}/verification`, { disposition: 'misread', verifiedBy: 'Officer Dana Whitlock' });
    await s.api('POST', '/api/v1/reads/search', { plate: 'TRP4410', justification: { offenseType: 'motor_vehicle_theft', caseNumber: 'RB-2026-5521' } });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('opens from the sign-in screen, without signing in or script, and shows every section', async () => {
    const { context, page, errors } = await openPage(browser, s.base, undefined, { javaScriptEnabled: true });
    await page.goto('/');
    await page.click('[data-testid="transparency-link"]');
    await page.waitForURL('**/transparency');
    await page.waitForSelector('h1:has-text("Riverbend Police Department: plate reader transparency")');
    const headings = await page.locator('h2').allTextContents();
    assert.deepEqual(headings, ['What is collected', 'Cameras', 'How long data is kept', 'Searches', 'Hits and what they turned out to be', 'Agencies with access', 'Deletions', 'Audit trail', 'Policy']);
    assert.equal(await page.locator('script').count(), 0);
    const text = (await page.textContent('main')) ?? '';
    assert.match(text, /2\s*cameras in all/);
    assert.match(text, /Vehicle crime\s*1/);
    assert.match(text, /100\.0%\s*misread rate/);
    assert.match(text, /Searches are refused|Immigration enforcement/);
    assert.match(text, /Plate data is searched only for a listed offense/);
    assert.equal(await page.locator('svg[role="img"] circle').count(), 2);
    for (const secret of ['TRP4410', 'RB-2026-5521', 'Dana Whitlock', 'Harbor Rd', 'Mill St']) assert.equal(text.includes(secret), false, secret);
    await page.screenshot({ path: '/tmp/rtcc-e2e-transparency.png', fullPage: true }).catch(() => undefined);
    assert.deepEqual(errors, []);
    await context.close();

    // the page needs no script at all
    const { context: plain, page: noJs } = await openPage(browser, s.base, undefined, { javaScriptEnabled: false });
    await noJs.goto('/transparency');
    assert.equal(await noJs.locator('h2').count(), 9);
    await plain.close();
  });

  it('shows the refusal of a search for a prohibited purpose in the search form', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/search');
    await page.fill('#plate', 'TRP4410');
    await page.selectOption('#offense', 'wanted_person');
    await page.fill('#case', 'RB-2026-5530');
    await page.fill('#note', 'Locate for ICE detainer');
    await page.click('[data-testid="search-button"]');
    const refusal = page.locator('[data-testid="search-refusal"]');
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /Search refused: prohibited purpose.*Immigration enforcement \("ice detainer" in note\)/);
    assert.equal(await page.locator('[data-testid="results-total"]').count(), 0);
    await page.waitForSelector('[data-testid="prohibited-purposes"]:has-text("First Amendment-protected activity")');
    const audit = await s.api<{ items: { outcome: string; details?: { refusal?: string } }[] }>('GET', '/api/v1/audit?action=reads.search&limit=1');
    assert.equal(audit.items[0].outcome, 'denied');
    assert.equal(audit.items[0].details?.refusal, 'prohibited_purpose');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
