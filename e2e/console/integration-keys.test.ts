// Integration keys in the console: an admin creates a key with one permission, sees it once,
// the key works for that permission only, and revoking it from the table stops it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

describe('integration keys in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [s, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('creates a scoped key shown once, and revokes it', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/users');
    await page.fill('#key-name', 'County RMS verified hits');
    await page.check('label.check:has(code:text-is("hits:read")) input');
    await page.click('button:has-text("Create key")');
    const key = (await page.textContent('[data-testid="integration-key-shown"] code'))!.trim();
    assert.match(key, /^rtcc_int_/);
    assert.equal((await fetch(`${s.base}/api/v1/hits`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
    assert.equal((await fetch(`${s.base}/api/v1/users`, { headers: { authorization: `Bearer ${key}` } })).status, 403);
    await page.click('[data-testid="integration-key-shown"] button:has-text("Done")');
    page.once('dialog', (d) => void d.accept());
    await page.click('tr[data-key-name="County RMS verified hits"] button:has-text("Revoke")');
    await page.waitForSelector('tr[data-key-name="County RMS verified hits"] td:has-text("revoked")');
    assert.equal((await fetch(`${s.base}/api/v1/hits`, { headers: { authorization: `Bearer ${key}` } })).status, 401);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
