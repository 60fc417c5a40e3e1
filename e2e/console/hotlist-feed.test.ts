// A hotlist's scheduled re-import in the console: set up a feed from the state's drop folder, see
// it import and show its last sync; a file that stops being readable shows the error.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

describe('hotlist feeds in the console', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'rtcc-e2e-hotdir-'));
    mkdirSync(join(root, 'state'));
    writeFileSync(join(root, 'state', 'stolen-1201.txt'), 'FED0001,TX,stolen\nFED0002,TX,stolen\nFED0003,TX,stolen\n');
    [s, browser] = await Promise.all([startServer({ RTCC_HOTLIST_DIR: root }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sets up a folder feed, imports at once and shows the last sync', async () => {
    const list = await s.api<{ id: string }>('POST', '/api/v1/hotlists', { name: 'State stolen vehicles', kind: 'state', priority: 2 });
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, `/hotlists/${list.id}`);
    await page.click('[data-testid="feed-panel"] button:has-text("Set up a feed")');
    await page.selectOption('#feed-kind', 'folder');
    await page.fill('#feed-where', 'state');
    await page.fill('#feed-pattern', 'stolen-*.txt');
    await page.selectOption('#feed-format', 'plain');
    await page.click('button:has-text("Save and check now")');
    await page.waitForFunction(() => !/never/.test(document.querySelector('[data-testid="feed-last-sync"]')?.textContent ?? 'never'));
    await page.waitForSelector('[data-testid="entries-table"] td:has-text("FED0003")');
    assert.doesNotMatch((await page.textContent('[data-testid="last-import"]')) ?? '', /never/);

    rmSync(join(root, 'state', 'stolen-1201.txt'));
    await page.click('[data-testid="feed-panel"] button:has-text("Check now")');
    await page.waitForSelector('[data-testid="feed-error"]:has-text("no file matching")');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
