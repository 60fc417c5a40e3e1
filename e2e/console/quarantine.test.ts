// Quarantine replay from the console: a payload that still fails shows its new error; one the
// current decoder reads (quarantined by an older, buggier one) is replayed, stored once, and marked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

describe('quarantine replay', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;

  before(async () => {
    [s, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('replays one payload and a batch, showing what each replay did', async () => {
    // still broken: truncated JSON from an agent
    const res = await fetch(`${s.base}/api/v1/ingest/openalpr`, { method: 'POST', headers: { authorization: `Bearer rtcc_e2e_admin_token_0123456789abcdef`, 'content-type': 'application/json' }, body: '{"data_type":"alpr_group",' });
    assert.equal(res.status, 202);
    // readable today: kept by a decoder that has since been fixed
    const group = readFileSync(new URL('../../packages/server/src/ingest/openalpr/fixtures/alpr-group.images.json', import.meta.url));
    await s.ctx.quarantine.put({ sourceSystem: 'openalpr', route: '/api/v1/ingest/openalpr', contentType: 'application/json', body: group, receivedAt: Date.now() - 60_000, reason: 'alpr_group: no plate (decoder bug, fixed since)' });

    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/cameras');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="quarantine-item"]').length === 2);
    const broken = page.locator('[data-testid="quarantine-item"]', { hasNotText: 'decoder bug' });
    await broken.locator('[data-testid="replay-one"]').click();
    await broken.locator('[data-testid="replay-result"]:has-text("Replay failed")').waitFor();
    assert.match((await broken.locator('[data-testid="replay-result"]').textContent()) ?? '', /still fails: .*JSON/i);

    await page.selectOption('[data-testid="bulk-replay"] select', 'openalpr');
    await page.click('[data-testid="bulk-replay"] button[type=submit]');
    await page.waitForSelector('[data-testid="bulk-replay-result"]');
    assert.match((await page.textContent('[data-testid="bulk-replay-result"]')) ?? '', /1 of 2 decoded now and stored; 1 still failing/);
    const fixed = page.locator('[data-testid="quarantine-item"][data-status="replayed"]');
    await fixed.waitFor();
    assert.match((await fixed.textContent()) ?? '', /✓ Replayed · decoded now: 1 stored/);
    assert.equal(await s.ctx.store.reads.count(), 1);

    // again: nothing is stored twice
    await fixed.locator('[data-testid="replay-one"]').click();
    await page.waitForSelector('[data-testid="quarantine-item"][data-status="replayed"] [data-testid="replay-result"]:has-text("1 already stored")');
    assert.equal(await s.ctx.store.reads.count(), 1);
    await page.screenshot({ path: '/tmp/rtcc-e2e-quarantine.png' }).catch(() => undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
