// Sharing in the console, between two real servers on loopback: Alpha's admin makes an agreement
// on the Sharing screen and copies the partner key shown once; Bravo's admin enters it in a
// "they share with us" agreement; a search on Bravo with "Include partner agencies" shows
// Alpha's read tagged with Alpha; Alpha's outside-query list shows who asked and why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, read, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const SHARING = { RTCC_MODULES: 'lpr,hotlists,sharing' };

describe('sharing in the console', { skip }, () => {
  let alpha: ConsoleServer;
  let bravo: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [alpha, bravo, browser] = await Promise.all([
      startServer({ ...SHARING, RTCC_AGENCY_NAME: 'Alpha City Police Department' }),
      // generous: CI shares two cores between Chromium, both servers and other tests
      startServer({ ...SHARING, RTCC_AGENCY_NAME: 'Bravo County Sheriff', RTCC_SHARING_TIMEOUT_MS: '30000' }),
      launchBrowser(),
    ]);
    const { key } = await alpha.api<{ key: string }>('POST', '/api/v1/sources', { name: 'alpha gate', kind: 'rtcc' });
    const res = await fetch(`${alpha.base}/api/v1/reads`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(read('SHR2002', { location: [-97.74, 30.27] })) });
    assert.equal(res.status, 200, await res.text());
  });
  after(async () => {
    await browser?.close();
    await bravo?.close();
    await alpha?.close();
  });

  it('makes agreements on both sides, searches with partners and shows the owner who asked', async () => {
    // Alpha: we share with Bravo; the key is shown once
    const a = await openPage(browser, alpha.base);
    await signIn(a.page, '/sharing');
    await a.page.waitForSelector('text=No agreements');
    await a.page.fill('#agr-agency', 'Bravo County Sheriff');
    await a.page.fill('#agr-states', 'TX');
    await a.page.fill('#agr-basis', 'MOU 2026-14');
    await a.page.click('button:has-text("Make agreement")');
    const key = ((await a.page.locator('[data-testid="partner-key"]').textContent()) ?? '').trim();
    assert.match(key, /^rtcc_fed_/);
    await a.page.waitForSelector('[data-testid="agreements-table"] tr[data-agency="Bravo County Sheriff"]:has-text("we share with them")');
    await a.page.screenshot({ path: '/tmp/rtcc-e2e-sharing-key.png', fullPage: true }).catch(() => undefined);
    await a.page.click('button:has-text("Done: I have handed it over")');
    assert.equal(await a.page.locator('[data-testid="partner-key"]').count(), 0, 'the key is gone once handed over');

    // Bravo: they share with us
    const b = await openPage(browser, bravo.base);
    await signIn(b.page, '/sharing');
    await b.page.check('text=They share with us');
    await b.page.fill('#agr-agency', 'Alpha City Police Department');
    await b.page.fill('#agr-url', alpha.base);
    await b.page.fill('#agr-key', key);
    await b.page.click('button:has-text("Make agreement")');
    await b.page.waitForSelector('[data-testid="agreements-table"] tr[data-agency="Alpha City Police Department"]:has-text("active")');

    // Bravo searches with partners
    await b.page.click('#main-nav a:has-text("Search")');
    await b.page.fill('#plate', 'SHR2002');
    await b.page.selectOption('#offense', 'robbery');
    await b.page.fill('#case', '2026-004512');
    await b.page.check('[data-testid="include-partners"]');
    await b.page.click('[data-testid="search-button"]');
    await b.page.waitForSelector('[data-testid="partner-outcomes"]:has-text("Alpha City Police Department: 1 read")');
    assert.match((await b.page.textContent('[data-testid="partner-total"]')) ?? '', /\+ 1 from partner agencies/);
    const row = b.page.locator('[data-testid="results-table"] tbody tr');
    assert.equal(await row.count(), 1);
    assert.match((await row.first().textContent()) ?? '', /Alpha City Police Department.*SHR2002.*TX/);
    await b.page.screenshot({ path: '/tmp/rtcc-e2e-sharing-search.png' }).catch(() => undefined);

    // Alpha sees the outside query
    await a.page.click('button:has-text("Refresh") >> nth=1');
    await a.page.waitForSelector('[data-testid="outside-queries"] tr:has-text("Bravo County Sheriff")');
    const q = (await a.page.locator('[data-testid="outside-queries"] tbody tr').first().textContent()) ?? '';
    assert.match(q, /admin \(bootstrap token\)/);
    assert.match(q, /robbery, case 2026-004512/);
    assert.match(q, /1 read shared/);
    await a.page.screenshot({ path: '/tmp/rtcc-e2e-sharing-outside.png', fullPage: true }).catch(() => undefined);
    assert.deepEqual([...a.errors, ...b.errors], []);
    await a.context.close();
    await b.context.close();
  });
});
