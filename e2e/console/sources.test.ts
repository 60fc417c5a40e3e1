// Sources in the console: an admin creates a Genetec source with its time zone, gets the key once,
// the camera's read arrives with that key and the table shows it and its rate; the camera it
// registered as a placeholder gets its name and place; revoking the key refuses the next post.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const GENETEC_READ = readFileSync(new URL('../../packages/server/src/ingest/genetec/fixtures/read.local-only.json', import.meta.url));

describe('sources in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [s, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('creates a Genetec source with its zone, shows the key once, sees its read, and revokes it', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/cameras');
    await page.fill('#source-name', 'Market St gantry');
    await page.selectOption('#source-kind', 'genetec');
    await page.fill('#source-zone', 'America/Chicago');
    await page.click('button:has-text("Create source and key")');
    const key = (await page.textContent('[data-testid="source-key-shown"] code'))!.trim();
    const post = await fetch(`${s.base}/api/v1/ingest/genetec`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: GENETEC_READ });
    assert.equal(post.status, 200, await post.text());
    await page.click('section.sources button:has-text("Refresh")');
    await page.waitForSelector('[data-testid="sources-table"] tr:has-text("Market St gantry"):has-text("America/Chicago")');
    await page.waitForSelector('[data-testid="sources-table"] tr:has-text("Market St gantry") td:text-is("1")');
    // one read in the last quarter hour: its rate per minute
    assert.equal((await page.textContent('[data-testid="sources-table"] tr:has-text("Market St gantry") [data-testid="source-rate"]'))?.trim(), '0.1/min');
    // the camera it reported registered itself as a placeholder: give it its name and place
    await page.click('section.cameras-top button:has-text("Refresh")');
    const placeholder = page.locator('[data-testid="cameras-table"] tr:has-text("genetec:")');
    await placeholder.locator('button:has-text("Edit")').click();
    await page.fill('#cam-name', 'Market St at 14th, eastbound');
    await page.fill('#cam-lat', '38.627003');
    await page.fill('#cam-lon', '-90.199402');
    await page.fill('#cam-heading', '90');
    await page.click('[data-testid="camera-editor"] button:has-text("Save")');
    const row = page.locator('[data-testid="cameras-table"] tr:has-text("Market St at 14th, eastbound")');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /genetec:.*38\.6270, -90\.1994.*90°/s);

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="sources-table"] tr:has-text("Market St gantry") button:has-text("Revoke")');
    await page.waitForSelector('[data-testid="sources-table"] tr:has-text("Market St gantry"):has-text("Revoked")');
    const refused = await fetch(`${s.base}/api/v1/ingest/genetec`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: GENETEC_READ });
    assert.equal(refused.status, 401);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
