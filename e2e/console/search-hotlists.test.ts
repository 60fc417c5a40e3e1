// A justified partial-plate search returns reads and leaves an audit record; without a
// justification it cannot be sent. A hotlist import shows its progress and its report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { camera, chromiumSkip, launchBrowser, openPage, read, signIn, startServer, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

interface AuditPage {
  items: { action: string; outcome: string; justification?: { offenseType: string; caseNumber: string }; resultCount?: number; query?: { plate?: string } }[];
}

describe('search and hotlists', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;

  before(async () => {
    [s, browser] = await Promise.all([startServer(), launchBrowser()]);
    const cam = await camera(s, 'Elm Ave & 3rd St, NB', [-97.21, 31.53], 0);
    await s.api('POST', '/api/v1/reads', [
      read('SRC1234', { cameraId: cam, vehicle: { make: 'Ford', model: 'F-150', color: 'Grey', bodyType: 'Pickup Truck' } }),
      read('SRC1294', { cameraId: cam, vehicle: { make: 'toyota', model: 'camry', color: 'silver-gray', bodyType: 'sedan-standard' } }),
      read('SRC1234', { cameraId: cam, sourceEventId: `e2e-dup-${Date.now()}` }),
      read('XYZ9999', { cameraId: cam, vehicle: { make: 'Ford', color: 'gray', bodyType: 'pickup-fullsize' } }),
    ]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('keeps the search button disabled until the justification is complete, then searches, audits and exports', async () => {
    const searches = async () => (await s.api<AuditPage>('GET', '/api/v1/audit?action=reads.search')).items;
    const before = (await searches()).length;
    const { context, page, errors } = await openPage(browser, s.base, undefined, { acceptDownloads: true });
    await signIn(page, '/search');
    const button = page.locator('[data-testid="search-button"]');
    await page.fill('#plate', 'src12?4');
    assert.equal(await button.isDisabled(), true, 'a plate without a justification cannot be searched');
    await page.press('#plate', 'Enter');
    await page.selectOption('#offense', 'burglary');
    await page.fill('#case', 'n/a');
    await page.locator('#case').blur();
    await page.waitForSelector('.field-problem:has-text("placeholder")');
    assert.equal(await button.isDisabled(), true, 'a placeholder case number is not a justification');
    assert.equal((await searches()).length, before, 'nothing was sent');

    await page.fill('#case', '2026-004512');
    await page.waitForSelector('[data-testid="justification-state"]:has-text("complete")');
    assert.equal(await button.isDisabled(), false);
    await button.click();
    await page.waitForSelector('[data-testid="results-total"]');
    assert.match((await page.textContent('[data-testid="results-total"]')) ?? '', /^3 reads/);
    const plates = await page.locator('[data-testid="results-table"] tbody tr .plate').allTextContents();
    assert.deepEqual([...plates].sort(), ['SRC1234', 'SRC1234', 'SRC1294']);

    const audit = await searches();
    assert.equal(audit.length, before + 1);
    assert.equal(audit[0].outcome, 'success');
    assert.equal(audit[0].justification?.offenseType, 'burglary');
    assert.equal(audit[0].justification?.caseNumber, '2026-004512');
    assert.equal(audit[0].resultCount, 3);

    // a result opens its details; the export is a CSV of every result, named after the case
    await page.locator('[data-testid="results-table"] tbody tr').first().click();
    await page.waitForSelector('.result-detail');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    assert.match(download.suggestedFilename(), /^reads-case-2026-004512-burglary\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r\n/);
    assert.equal(csv.length, 4);
    assert.match(csv[0], /^read id,observed \(UTC\),plate,state,confidence,camera/);
    assert.ok(csv.slice(1).every((l) => /,SRC12[39]4,TX,/.test(l)), csv.join('\n'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('narrows a plate search by the vehicle the cameras described, and shows the vehicle in the results', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/search');
    await page.fill('#plate', 'SRC*');
    await page.selectOption('#offense', 'motor_vehicle_theft');
    await page.fill('#case', '2026-004513');
    await page.selectOption('#vehicle-make', 'Ford');
    await page.selectOption('#vehicle-color', 'gray');
    await page.selectOption('#vehicle-body', 'pickup');
    await page.click('[data-testid="search-button"]');
    await page.waitForSelector('[data-testid="results-total"]');
    assert.match((await page.textContent('[data-testid="results-total"]')) ?? '', /^1 read/);
    assert.deepEqual(await page.locator('[data-testid="results-table"] tbody tr .plate').allTextContents(), ['SRC1234']);
    assert.equal((await page.textContent('[data-testid="result-vehicle"]'))?.trim(), 'Grey Ford F-150 (Pickup Truck)');
    const [rec] = (await s.api<{ items: { query?: { vehicle?: Record<string, string> } }[] }>('GET', '/api/v1/audit?action=reads.search&limit=1')).items;
    assert.deepEqual(rec.query?.vehicle, { make: 'Ford', color: 'gray', bodyType: 'pickup' }, 'the vehicle is part of the audited query');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('imports a hot file with an upload progress bar and shows the report with rejected lines', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page, '/hotlists');
    await page.click('summary:has-text("New list")');
    await page.fill('#list-name', 'County stolen plates');
    await page.click('button:has-text("Create list")');
    await page.waitForSelector('h2:has-text("County stolen plates")');
    assert.equal((await page.textContent('[data-testid="last-import"]'))?.trim(), 'never');

    // ~400 KB of plates, two bad lines; the upload is slowed so the bar is seen moving
    const lines = ['# county hot file'];
    for (let i = 0; i < 20_000; i++) lines.push(`IMP${String(i).padStart(5, '0')},TX,stolen plate`);
    lines.splice(10, 0, '!!!,TX,not a plate');
    lines.splice(20, 0, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ,TX,much too long');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 250 * 1024 });
    await page.setInputFiles('#import-file', { name: 'county.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await page.selectOption('#import-format', 'plain');
    await page.click('button:has-text("Import")');
    await page.waitForSelector('[data-testid="import-progress"]');
    await page.waitForFunction(() => {
      const v = Number((document.querySelector('[data-testid="import-progress"]') as HTMLProgressElement | null)?.value);
      return v > 0 && v < 100;
    });
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    assert.equal(await page.getAttribute('[data-testid="import-progress"]', 'value'), '100');
    assert.match((await page.textContent('[data-testid="import-accepted"]')) ?? '', /^20,000 accepted/);
    assert.match((await page.textContent('[data-testid="import-rejected"]')) ?? '', /^2 rejected/);
    const rejected = await page.locator('[data-testid="import-report"] [data-testid="rejections"] tbody tr').allTextContents();
    assert.equal(rejected.length, 2);
    assert.ok(rejected.some((r) => r.includes('!!!')));
    await page.waitForFunction(() => document.querySelector('[data-testid="last-import"]')?.textContent?.trim() !== 'never');

    // a BOLO typed in by a person, with an expiry
    await page.fill('#bolo-plate', 'bol4242');
    await page.fill('#bolo-reason', 'BOLO: hit and run, damaged front bumper');
    await page.click('button:has-text("Add entry")');
    await page.waitForSelector('text=Added BOL4242');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
