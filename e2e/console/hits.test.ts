// A hit arrives live and is verified, on a desktop and on a phone, in training mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { HitView } from '@openrtcc/domain';
import { readFileSync } from 'node:fs';
import { camera, chromiumSkip, launchBrowser, openPage, PHONE, read, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

describe('hit queue and verification', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  let camId: string;
  let listId: string;

  before(async () => {
    [s, browser] = await Promise.all([startServer({ RTCC_TRAINING: 'true' }), launchBrowser()]);
    camId = await camera(s, 'Main St & 5th, EB', [-97.2, 31.53]);
    listId = (await s.api<{ id: string }>('POST', '/api/v1/hotlists', { name: 'Stolen vehicles', kind: 'custom', priority: 2 })).id;
    await s.api('POST', `/api/v1/hotlists/${listId}/entries`, [
      { plate: 'HQT4821', state: 'TX', reason: 'Stolen vehicle, grey pickup', vehicle: { make: 'Ford', color: 'gray', bodyType: 'pickup' } },
      { plate: 'PHN7730', state: 'TX', reason: 'Wanted: armed robbery suspect' },
      { plate: 'IMG4821', state: 'IL', reason: 'Stolen vehicle, seen with its plate crop' },
    ]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shows a live hit with sound and badge, marks it unverified, and records a disposition from the keyboard', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/hits');
    assert.match((await page.textContent('[data-testid="training-banner"]')) ?? '', /TRAINING — SIMULATED DATA/);
    await page.waitForSelector('[data-testid="queue-empty"]');

    // a camera reads B for 8: an OCR-equivalent match, raised while the console watches
    await s.api('POST', '/api/v1/reads', read('HQT4B21', { cameraId: camId, candidates: [{ plate: 'HQT4E21', confidence: 0.41 }], vehicle: { color: 'grey', make: 'ford', bodyType: 'pickup' } }));
    await page.waitForSelector('[data-testid="hit-row"]');
    assert.equal((await page.textContent('[data-testid="hit-badge"]'))?.trim(), '1');
    const detail = page.locator('[data-testid="hit-detail"]');
    await detail.waitFor();
    assert.match((await page.textContent('[data-testid="hit-status"]')) ?? '', /UNVERIFIED — do not act/);
    assert.match((await page.textContent('[data-testid="match-kind"]')) ?? '', /^≈\s*OCR-equivalent/);
    assert.doesNotMatch((await detail.textContent()) ?? '', /actionable —|CONFIRMED/);
    await page.waitForSelector('text=HQT4E21'); // the alternative reading, from the read itself
    await page.waitForSelector('[data-testid="no-images"]:has-text("No image sent by this source")');
    // the camera's grey Ford against the record's gray Ford
    assert.match((await page.textContent('[data-testid="vehicle-agreement"]')) ?? '', /✓ Vehicle agrees \(make ford \/ Ford, color grey \/ gray\)/);
    assert.match((await page.textContent('[data-testid="entry-vehicle"]')) ?? '', /gray Ford pickup/);

    // 1 = confirmed, n = name, Ctrl+Enter = record
    await page.keyboard.press('1');
    await page.keyboard.press('n');
    await page.keyboard.type('Analyst E2E Rivera');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="hit-status"]:has-text("CONFIRMED — actionable")');
    assert.match((await page.textContent('[data-testid="hit-status"]')) ?? '', /by Analyst E2E Rivera/);
    assert.equal((await page.textContent('[data-testid="hit-badge"]'))?.trim(), '0');

    const hits = await s.api<{ items: HitView[] }>('GET', '/api/v1/hits?status=all');
    assert.equal(hits.items.length, 1);
    assert.equal(hits.items[0].status, 'confirmed');
    assert.equal(hits.items[0].verification?.verifiedBy, 'Analyst E2E Rivera');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows the plate crop and the vehicle image the camera sent, side by side, for verification', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/hits');
    // an OpenALPR agent's group with base64 crops: stored as images, served back to the console
    const group = JSON.parse(readFileSync(new URL('../../packages/server/src/ingest/openalpr/fixtures/alpr-group.images.json', import.meta.url), 'utf8'));
    const answer = await s.api<{ accepted: number; readIds: string[] }>('POST', '/api/v1/ingest/openalpr', group);
    assert.equal(answer.accepted, 1);
    await page.locator('[data-testid="hit-row"]', { hasText: 'IMG4821' }).click();
    await page.waitForSelector('[data-testid="hit-detail"] [data-testid="read-images"]');
    for (const kind of ['plate', 'vehicle']) {
      const img = page.locator(`[data-testid="read-image-${kind}"]`);
      await img.waitFor();
      // decoded by the browser: a real picture, not a broken-image icon
      await page.waitForFunction((k) => {
        const el = document.querySelector<HTMLImageElement>(`[data-testid="read-image-${k}"]`);
        return el !== null && el.complete && el.naturalWidth > 0;
      }, kind);
    }
    const sizes = await page.evaluate(() => ['plate', 'vehicle'].map((k) => document.querySelector<HTMLImageElement>(`[data-testid="read-image-${k}"]`)!.naturalWidth));
    assert.deepEqual(sizes, [160, 240]);
    // the read the console got lists references only
    const readView = await s.api<{ images: Record<string, unknown>[] }>('GET', `/api/v1/reads/${answer.readIds[0]}`);
    assert.ok(readView.images.every((i) => typeof i.ref === 'string' && !('jpegBase64' in i)));
    await page.screenshot({ path: '/tmp/rtcc-e2e-hit-images.png' }).catch(() => undefined);
    // done with it: later tests count the pending hits
    await page.keyboard.press('1');
    await page.keyboard.press('n');
    await page.keyboard.type('Analyst E2E Images');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="hit-status"]:has-text("CONFIRMED — actionable")');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('moves through the queue with j/k and takes a fresh snapshot after the connection drops', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/hits');
    await s.api('POST', '/api/v1/reads', [read('PHN7730', { cameraId: camId }), read('PHN7730', { cameraId: camId, sourceEventId: `e2e-second-${Date.now()}` })]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="hit-row"]').length === 2);
    const selected = () => page.getAttribute('[data-testid="hit-row"][aria-current="true"]', 'href');
    const first = await selected();
    await page.keyboard.press('j');
    await page.waitForFunction((f) => document.querySelector('[data-testid="hit-row"][aria-current="true"]')?.getAttribute('href') !== f, first);
    await page.keyboard.press('k');
    await page.waitForFunction((f) => document.querySelector('[data-testid="hit-row"][aria-current="true"]')?.getAttribute('href') === f, first);

    // the server restarts, and a hit is verified while this console is cut off: the snapshot it
    // takes on reconnecting no longer has that hit
    const pending = await s.api<{ items: HitView[] }>('GET', '/api/v1/hits?status=pending');
    assert.equal(pending.items.length, 2);
    await s.restart(async (ctx) => {
      await ctx.hits.verify(pending.items[0].id, { disposition: 'misread', verifiedBy: 'Another console' });
    });
    await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="hit-row"]').length === 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('works on a phone: the menu collapses, the hit opens full width, and a disposition is recorded', async () => {
    await s.api('POST', '/api/v1/reads', read('HQT4821', { cameraId: camId, sourceEventId: `e2e-phone-${Date.now()}` }));
    const { context, page, errors } = await openPage(browser, s.base, PHONE, { isMobile: true, hasTouch: true });
    await signIn(page, '/hits');
    assert.equal(await page.isVisible('#main-nav'), false, 'the navigation is collapsed behind the menu button');
    await page.tap('.menu-button');
    await page.waitForSelector('#main-nav >> text=Search');
    await page.tap('.menu-button');
    assert.equal(await page.isVisible('#main-nav'), false);
    const row = page.locator('[data-testid="hit-row"]', { hasText: 'HQT4821' });
    await row.tap();
    await page.waitForSelector('[data-testid="hit-status"]:has-text("UNVERIFIED")');
    const hitId = await page.getAttribute('[data-testid="hit-detail"]', 'data-hit-id');
    assert.equal(await page.isVisible('.queue'), false, 'the queue gives the phone screen to the hit');
    await page.tap('text=Vehicle mismatch');
    await page.fill('#verifier', 'Officer E2E Phone');
    await page.tap('button[type=submit]:has-text("Record: Vehicle mismatch")');
    // the queue moves on to the next hit; the recorded one says what was decided
    for (let i = 0; i < 100 && (await s.api<HitView>('GET', `/api/v1/hits/${hitId}`)).status !== 'vehicle_mismatch'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await s.api<HitView>('GET', `/api/v1/hits/${hitId}`)).verification?.verifiedBy, 'Officer E2E Phone');
    await page.goto(`/hits/${hitId}`);
    await page.waitForSelector('[data-testid="hit-status"]:has-text("VEHICLE MISMATCH — not actionable")');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling on a phone (page is ${width}px wide)`);
    await page.tap('text=‹ Back to the queue');
    await page.waitForSelector('.queue');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
