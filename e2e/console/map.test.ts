// The live map renders its basemap, the agency's streets and the live layers; layers switch on
// and off; a click opens details; a burst of reads is capped, not drawn read by read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildCity, streetsGeoJson } from '@openrtcc/sim';
import { camera, chromiumSkip, launchBrowser, openPage, PHONE, read, signIn, startServer, writeTempFile, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();

/** Runs `fn` against the page's MapLibre map (kept on the map element as `rtccMap`). */
function onMap<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const map = document.querySelector('.map').rtccMap; return ${fn}; })()`) as Promise<T>;
}

describe('live map', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  const city = buildCity(42);
  // one camera per position (the city pairs cameras on both approaches of a crossing)
  const cams = city.cameras.filter((c, i, all) => all.findIndex((o) => o.location.join() === c.location.join()) === i).slice(0, 6);
  let camIds: string[] = [];

  before(async () => {
    const streets = writeTempFile('streets.geojson', JSON.stringify(streetsGeoJson(city.streets)));
    [s, browser] = await Promise.all([startServer({ RTCC_MAP_STREETS: streets }), launchBrowser()]);
    camIds = await Promise.all(cams.map((c) => camera(s, c.name, c.location, c.heading)));
    const list = await s.api<{ id: string }>('POST', '/api/v1/hotlists', { name: 'Wanted', kind: 'custom' });
    await s.api('POST', `/api/v1/hotlists/${list.id}/entries`, { plate: 'MAP1001', reason: 'Wanted person' });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('draws the basemap, streets, cameras, live reads and open hits, with working layer switches', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    await page.waitForSelector(`[data-testid="layer-count-cameras"]:has-text("${cams.length}")`);
    await s.api('POST', '/api/v1/reads', [read('MAP1001', { cameraId: camIds[0] }), read('ABC1234', { cameraId: camIds[1] }), read('DEF5678', { location: [-97.2, 31.54] })]);
    await page.waitForSelector('[data-testid="layer-count-reads"]:has-text("3")');
    await page.waitForSelector('[data-testid="layer-count-hits"]:has-text("1")');
    await page.waitForSelector('.map[data-idle="true"]');

    const rendered = await onMap<Record<string, number>>(
      page,
      `Object.fromEntries(['land', 'streets-arterial', 'streets-local', 'cameras-dot', 'reads-dot', 'hits-dot'].map((id) => [id, map.queryRenderedFeatures({ layers: [id] }).length]))`,
    );
    assert.ok(rendered.land > 0, `the offline basemap is drawn: ${JSON.stringify(rendered)}`);
    assert.ok(rendered['streets-arterial'] > 0 && rendered['streets-local'] > 0, 'the streets from RTCC_MAP_STREETS are drawn');
    assert.equal(rendered['cameras-dot'], cams.length);
    assert.equal(rendered['reads-dot'], 3);
    assert.equal(rendered['hits-dot'], 1);

    await page.click('[data-testid="layer-cameras"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('cameras-dot', 'visibility')`), 'none');
    await page.click('[data-testid="layer-streets"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('streets-arterial', 'visibility')`), 'none');
    await page.click('[data-testid="layer-cameras"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('cameras-dot', 'visibility')`), 'visible');

    // a click on a camera opens it in the side panel, with the reads seen there
    const [x, y] = await onMap<[number, number]>(page, `(() => { const p = map.project(${JSON.stringify(cams[1].location)}); return [p.x, p.y]; })()`);
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForSelector(`[data-testid="details-panel"] h2:has-text("${cams[1].name}")`);
    await page.waitForSelector('[data-testid="details-panel"] .plate:has-text("ABC1234")');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('takes a burst of reads without drawing more than its cap', async () => {
    const { context, page, errors } = await openPage(browser, s.base, PHONE, { isMobile: true, hasTouch: true });
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    await page.tap('.panel-toggle'); // a phone folds the layer switches away under the map
    const burst = Array.from({ length: 4000 }, (_, i) => read(`BRS${String(i).padStart(4, '0')}`, { cameraId: camIds[i % camIds.length] }));
    await s.api('POST', '/api/v1/reads', burst);
    // the server sends at most 500 reads per 250 ms frame and drops the rest for a busy client;
    // the console keeps the newest 2000 and draws at most 1500
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="layer-count-reads"]')?.textContent?.split(' ')[0]) >= 500, undefined, { timeout: 15_000 });
    await page.waitForSelector('.map[data-idle="true"]');
    const drawn = await onMap<number>(page, `map.querySourceFeatures('reads').length`);
    assert.ok(drawn > 0 && drawn <= 1500, `reads drawn: ${drawn}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the live map fits a phone (page is ${width}px wide)`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
