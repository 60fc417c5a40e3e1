// The live map's dispatch layers against a real server with the cad and avl modules: an EIDO
// from the CAD, a phone's OsmAnd position and a gunshot alert arrive through the ingest routes
// and appear live, with their counts; an incident opens with its nearest cameras and a justified
// search of the reads around it; a gunshot's outcome is recorded; after a server restart the
// console re-snapshots without duplicates. With the modules off, the layers are not offered.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { camera, chromiumSkip, launchBrowser, openPage, read, signIn, startServer, TOKEN, type ConsoleServer } from './harness.ts';

const skip = chromiumSkip();
const EIDO = join(import.meta.dirname, '../../packages/server/src/ingest/eido/fixtures/incident-open.eido.json');

/** The fixture's incident: opened 2026-03-14T21:00:05-05:00 at 38.89012, -77.04105. */
const INCIDENT_AT: [number, number] = [-77.04105, 38.89012];
const OPENED = Date.parse('2026-03-15T02:00:05Z');
const NEAR_CAM: [number, number] = [-77.04105, 38.89237]; // 250 m north
const MID_CAM: [number, number] = [-77.02375, 38.89012]; // 1.5 km east
const FAR_CAM: [number, number] = [-77.07565, 38.89012]; // 3 km west
const GUNSHOT_AT: [number, number] = [-77.035, 38.8935];

function onMap<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const map = document.querySelector('.map').rtccMap; return ${fn}; })()`) as Promise<T>;
}

/** Centres the map on a position and clicks it, as a person would after panning there. */
async function clickOnMap(page: Page, at: [number, number]): Promise<void> {
  await onMap(page, `map.jumpTo({ center: ${JSON.stringify(at)}, zoom: 15 })`);
  await page.waitForSelector('.map[data-idle="true"]');
  const [x, y] = await onMap<[number, number]>(page, `(() => { const p = map.project(${JSON.stringify(at)}); return [p.x, p.y]; })()`);
  const box = (await page.locator('.map').boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
}

async function sourceKey(s: ConsoleServer, kind: string): Promise<string> {
  return (await s.api<{ key: string }>('POST', '/api/v1/sources', { name: `e2e ${kind}`, kind })).key;
}

async function ingest(s: ConsoleServer, path: string, key: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${s.base}${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  assert.ok(res.ok && !answer.quarantined, `${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

const osmand = (at: [number, number], fix: number, bearing: number) =>
  `/api/v1/ingest/osmand?id=2B31&lat=${at[1]}&lon=${at[0]}&timestamp=${Math.floor(fix / 1000)}&speed=12&bearing=${bearing}&batt=81`;

describe('live map: incidents, units and gunshots', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  let nearCam = '';

  before(async () => {
    [s, browser] = await Promise.all([startServer({ RTCC_MODULES: 'lpr,hotlists,cad,avl' }), launchBrowser()]);
    nearCam = await camera(s, 'Maple Ave & 12th, NB', NEAR_CAM, 0);
    const midCam = await camera(s, 'Maple Ave & 28th, EB', MID_CAM, 90);
    await camera(s, 'Route 50 overpass, WB', FAR_CAM, 270);
    const t = (minutes: number) => new Date(OPENED + minutes * 60_000).toISOString();
    await s.api('POST', '/api/v1/reads', [
      read('NRB1001', { cameraId: nearCam, observedAt: t(10) }), // near, in the ±30 min window
      read('NRB1002', { cameraId: nearCam, observedAt: t(50) }), // near, only in a ±60 min window
      read('MID1003', { cameraId: midCam, observedAt: t(5) }), // in the window, 1.5 km away
    ]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shows an EIDO incident, a phone position and a gunshot live, opens the incident with its cameras and a justified nearby-reads search, and records a gunshot outcome', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    await page.waitForSelector('[data-testid="layer-count-incidents"]:has-text("0")');
    await page.waitForSelector('[data-testid="layer-count-units"]:has-text("0")');
    await page.waitForSelector('[data-testid="layer-count-gunshots"]:has-text("0")');
    assert.equal(await page.locator('[data-testid="layers-off"]').textContent().then((t) => /cad|avl/.test(t ?? '')), false, 'cad and avl are not listed as off');

    // the CAD posts an EIDO: the incident, its two units (one with a position from March: stale)
    const [eidoKey, osmandKey, gunshotKey] = await Promise.all([sourceKey(s, 'eido'), sourceKey(s, 'osmand'), sourceKey(s, 'gunshot')]);
    await ingest(s, '/api/v1/ingest/eido', eidoKey, readFileSync(EIDO, 'utf8'));
    await page.waitForSelector('[data-testid="layer-count-incidents"]:has-text("1")');
    await page.waitForSelector('[data-testid="layer-count-units"]:has-text("1 (1 stale) +1 no fix")');

    // the officer's phone reports (OsmAnd): the unit is fresh, heading west
    const unitAt: [number, number] = [-77.04105, 38.88111];
    await ingest(s, osmand(unitAt, Date.now() - 5_000, 270), osmandKey);
    await page.waitForSelector('[data-testid="layer-count-units"]:text-is("1 +1 no fix")');

    // the acoustic system reports shots, not yet reviewed by a person
    const shot = await ingest(s, '/api/v1/ingest/gunshot', gunshotKey, { vendor: 'acme-acoustics', id: `AC-E2E-${Date.now()}`, detectedAt: new Date(Date.now() - 60_000).toISOString(), location: GUNSHOT_AT, address: '1300 Maple Ave', rounds: 4, confidence: 0.93, humanReviewed: false });
    const gunshotId = (shot.alerts as { id: string }[])[0].id;
    await page.waitForSelector('[data-testid="layer-count-gunshots"]:has-text("1 (1 unreviewed)")');

    await page.waitForSelector('.map[data-idle="true"]');
    const drawn = await onMap<Record<string, number>>(page, `Object.fromEntries(['incidents', 'units', 'gunshots'].map((id) => [id, new Set(map.querySourceFeatures(id).map((f) => f.properties.id)).size]))`);
    assert.deepEqual(drawn, { incidents: 1, units: 1, gunshots: 1 });
    const unit = await onMap<{ coordinates: number[]; heading: number; stale: boolean }>(page, `(() => { const f = map.querySourceFeatures('units')[0]; return { coordinates: f.geometry.coordinates, heading: f.properties.heading, stale: f.properties.stale }; })()`);
    assert.equal(unit.heading, 270);
    assert.equal(unit.stale, false);
    assert.ok(Math.abs(unit.coordinates[1] - unitAt[1]) < 1e-4, `the unit is where its phone says: ${unit.coordinates}`);

    // a layer switch hides and shows
    await page.click('[data-testid="layer-units"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('units-dot', 'visibility')`), 'none');
    await page.click('[data-testid="layer-units"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('units-heading', 'visibility')`), 'visible');

    // the incident opens in the side panel
    await clickOnMap(page, INCIDENT_AT);
    const panel = page.locator('[data-testid="incident-details"]');
    await panel.locator('h2:has-text("Residential burglary in progress")').waitFor();
    assert.match((await panel.locator('[data-testid="incident-status"]').textContent()) ?? '', /Open · Active, Dispatched/);
    assert.match((await panel.textContent()) ?? '', /1200 Maple Avenue/);
    assert.match((await panel.locator('[data-testid="incident-notes"]').textContent()) ?? '', /glass breaking/);
    const unitsText = (await panel.locator('[data-testid="incident-units"]').textContent()) ?? '';
    assert.match(unitsText, /2B31.*Enroute/s);
    assert.match(unitsText, /2B44.*Dispatched/s);
    const nearest = await panel.locator('[data-testid="nearest-cameras"] li').allTextContents();
    assert.equal(nearest.length, 3);
    assert.match(nearest[0], /Maple Ave & 12th, NB\s*250 m/);
    assert.match(nearest[2], /Route 50 overpass/);

    // the nearby-reads search: prefilled with the incident's number, never sent without an offense
    const searches = async () => (await s.api<{ items: { justification?: { offenseType: string; caseNumber: string }; resultCount?: number }[] }>('GET', '/api/v1/audit?action=reads.search')).items;
    const before = (await searches()).length;
    assert.equal(await page.inputValue('#nearby-case'), 'f00d0001');
    assert.equal(await page.isDisabled('[data-testid="nearby-search"]'), true);
    await page.selectOption('#nearby-offense', 'burglary');
    assert.equal(await page.isDisabled('[data-testid="nearby-search"]'), false);
    await page.fill('#nearby-case', 'n/a');
    assert.equal(await page.isDisabled('[data-testid="nearby-search"]'), true, 'a placeholder case number is refused');
    await page.fill('#nearby-case', 'f00d0001');
    await page.click('[data-testid="nearby-search"]');
    await page.waitForSelector('[data-testid="nearby-total"]:has-text("1 read")');
    assert.deepEqual(await page.locator('[data-testid="nearby-list"] .plate').allTextContents(), ['NRB1001TX']);
    await page.waitForSelector('.map[data-idle="true"]');
    assert.equal(await onMap(page, `new Set(map.querySourceFeatures('results').map((f) => f.properties.id)).size`), 1, 'the result is drawn on the map');
    // a wider window finds the later read too
    await page.click('button.chip:has-text("±60 min")');
    await page.click('[data-testid="nearby-search"]');
    await page.waitForSelector('[data-testid="nearby-total"]:has-text("2 reads")');
    const audit = await searches();
    assert.equal(audit.length, before + 2);
    assert.equal(audit[0].justification?.offenseType, 'burglary');
    assert.equal(audit[0].justification?.caseNumber, 'f00d0001');
    assert.equal(audit[0].resultCount, 2);
    // a result opens its read
    await page.locator('[data-testid="nearby-list"] button:has-text("NRB1002")').click();
    await page.waitForSelector('[data-testid="nearby-reads"] .card .plate:has-text("NRB1002")');

    // the assigned unit opens from the incident; it moves live
    await panel.locator('[data-testid="incident-units"] button:has-text("2B31")').click();
    const unitPanel = page.locator('[data-testid="unit-details"]');
    await unitPanel.locator('[data-testid="unit-status"]:has-text("Enroute")').waitFor();
    assert.match((await unitPanel.textContent()) ?? '', /14 mph \(22 km\/h\)/, '12 knots from the phone');
    assert.match((await unitPanel.locator('[data-testid="unit-fix-age"]').textContent()) ?? '', /s ago/);
    const moved: [number, number] = [-77.0395, 38.8806];
    await ingest(s, osmand(moved, Date.now(), 135), osmandKey);
    await page.waitForFunction(
      (lat) => {
        const map = (document.querySelector('.map') as unknown as { rtccMap: { querySourceFeatures(id: string): { geometry: { coordinates: number[] } }[] } }).rtccMap;
        const f = map.querySourceFeatures('units')[0];
        return f && Math.abs(f.geometry.coordinates[1] - lat) < 1e-4;
      },
      moved[1],
    );

    // the gunshot: its facts, then what officers found
    await clickOnMap(page, GUNSHOT_AT);
    const shotPanel = page.locator('[data-testid="gunshot-details"]');
    await shotPanel.waitFor();
    assert.equal(await shotPanel.locator('[data-testid="gunshot-rounds"]').textContent(), '4');
    assert.match((await shotPanel.locator('[data-testid="gunshot-reviewed"]').textContent()) ?? '', /Not reviewed/);
    assert.match((await shotPanel.textContent()) ?? '', /93%.*acme-acoustics/s);
    assert.equal(await page.isDisabled('[data-testid="record-outcome"]'), true);
    await page.check('[data-testid="evidence-no"]');
    await page.fill('#outcome-name', 'Sgt. A. Example');
    await page.fill('#outcome-note', 'no casings found');
    await page.click('[data-testid="record-outcome"]');
    await shotPanel.locator('[data-testid="gunshot-outcome"]:has-text("No evidence found")').waitFor();
    const stored = await s.api<{ outcome?: { evidenceFound: boolean; recordedBy: string; note?: string } }>('GET', `/api/v1/gunshots/${gunshotId}`);
    assert.deepEqual(stored.outcome && { e: stored.outcome.evidenceFound, by: stored.outcome.recordedBy, note: stored.outcome.note }, { e: false, by: 'Sgt. A. Example', note: 'no casings found' });

    // the server restarts: the console reconnects and re-snapshots, nothing doubled
    await s.restart();
    await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
    await page.waitForSelector('[data-testid="layer-count-incidents"]:text-is("1")');
    await page.waitForSelector('[data-testid="layer-count-units"]:text-is("1 +1 no fix")');
    await page.waitForSelector('[data-testid="layer-count-gunshots"]:text-is("1 (1 unreviewed)")');
    await shotPanel.locator('[data-testid="gunshot-outcome"]:has-text("No evidence found")').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows the vehicles and people dispatch adds to an incident, and searches a vehicle plate under the incident number', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    // the incident (already there when the tests run in order: a resent EIDO changes nothing)
    const eidoKey = await sourceKey(s, 'eido');
    await ingest(s, '/api/v1/ingest/eido', eidoKey, readFileSync(EIDO, 'utf8'));
    await page.waitForSelector('[data-testid="layer-count-incidents"]:has-text("1")');
    await clickOnMap(page, INCIDENT_AT);
    const panel = page.locator('[data-testid="incident-details"]');
    await panel.locator('h2:has-text("Residential burglary in progress")').waitFor();
    // the CAD sends the suspect vehicle and a witness's description in a later EIDO of the same incident
    await ingest(s, '/api/v1/ingest/eido', eidoKey, {
      $id: 'urn:emergency:uid:incidentid:f00d0001:cad.example-county.gov',
      lastUpdateTimeStamp: new Date(OPENED + 20 * 60_000).toISOString(),
      vehicleComponent: [{ $id: 'veh-e2e', vehicleRelationshipType: ['Suspect'], ncVehicleComponent: { makeCode: [{ simpleType: 'TOYT' }], colorPrimaryCode: [{ simpleType: 'BLU' }], licensePlate: { identificationID: 'HXR-2210', identificationJurisdiction: 'VA' } } }],
      personComponent: [{ $id: 'per-e2e', personIncidentRoleRegistryText: ['Witness'], ncPersonComponent: { name: [{ personFullName: 'Not Shown' }], description: ['saw two men leave in the blue Camry'] } }],
    });
    const vehicles = panel.locator('[data-testid="incident-vehicles"]');
    await vehicles.locator('li:has-text("HXR-2210")').waitFor();
    assert.match((await vehicles.textContent()) ?? '', /Suspect\s*HXR-2210 VA\s*BLU TOYT/);
    assert.match((await panel.locator('[data-testid="incident-persons"]').textContent()) ?? '', /Witness\s*saw two men leave/);
    assert.doesNotMatch((await panel.textContent()) ?? '', /Not Shown/);
    await vehicles.locator('button:has-text("Search reads of HXR2210")').click();
    await page.waitForSelector('#plate');
    assert.equal(await page.inputValue('#plate'), 'HXR2210');
    assert.equal(await page.inputValue('#case'), 'f00d0001');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('takes a fleet of units moving every 250 ms with one source update per frame, not per unit or message', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    let frames = 0;
    page.on('websocket', (ws) => ws.on('framereceived', (f) => typeof f.payload === 'string' && f.payload.includes('"type":"unit.moved"') && frames++));
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    // the units placed before the fleet (those of the test above, when it ran first)
    const before = Number(((await page.locator('[data-testid="layer-count-units"]').textContent()) ?? '').split(' ')[0]);
    // count the units layer's source updates from here on
    await onMap(page, `(() => { const src = map.getSource('units'); const set = src.setData.bind(src); window.unitsSetData = 0; src.setData = (d) => { window.unitsSetData++; return set(d); }; })()`);
    const key = await sourceKey(s, 'osmand');
    const FLEET = 150;
    const post = async (round: number) => {
      const now = Date.now();
      for (let i = 0; i < FLEET; i += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, FLEET - i) }, (_, j) => {
            const n = i + j;
            const at: [number, number] = [INCIDENT_AT[0] + (n % 15) * 0.002 + round * 0.0005, INCIDENT_AT[1] + Math.floor(n / 15) * 0.002];
            return ingest(s, `/api/v1/ingest/osmand?id=FLEET${n}&lat=${at[1]}&lon=${at[0]}&timestamp=${now + round * 1000}&bearing=${(n * 24) % 360}&speed=8`, key);
          }),
        );
      }
    };
    await post(0);
    await post(1);
    await post(2);
    await page.waitForFunction((n) => document.querySelector('[data-testid="layer-count-units"]')?.textContent?.startsWith(`${n}`), before + FLEET);
    await page.waitForSelector('.map[data-idle="true"]');
    assert.equal(await onMap(page, `new Set(map.querySourceFeatures('units').map((f) => f.properties.id)).size`), before + FLEET);
    const updates = await page.evaluate(() => (window as unknown as { unitsSetData: number }).unitsSetData);
    assert.ok(frames > 0, 'unit.moved frames arrived');
    assert.ok(updates <= frames + 2, `the units source was rebuilt ${updates} times for ${frames} unit.moved frames of ${FLEET * 3} positions`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('live map without the cad and avl modules', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  before(async () => {
    [s, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('does not offer the incident, unit and gunshot layers, and says why', async () => {
    const { context, page, errors } = await openPage(browser, s.base);
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    const off = page.locator('[data-testid="layers-off"]');
    await off.waitFor();
    const text = (await off.textContent()) ?? '';
    assert.match(text, /CAD incidents and gunshot alerts \(cad module, switched off on this server\)/);
    assert.match(text, /Units \(AVL\) \(avl module, switched off on this server\)/);
    assert.match(text, /Live-view cameras \(video module, switched off on this server\)/);
    for (const layer of ['incidents', 'units', 'gunshots', 'video']) assert.equal(await page.locator(`[data-testid="layer-${layer}"]`).count(), 0, `${layer} is not offered`);
    assert.equal(await onMap(page, `['incidents', 'units', 'gunshots'].filter((id) => map.getSource(id)).length`), 0);
    // the server refuses their routes too: nothing for the console to draw
    const res = await fetch(`${s.base}/api/v1/incidents`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 404);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
