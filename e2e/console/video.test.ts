// Live-view cameras on the live map (video module), against a real server and a camera on this
// machine: ffmpeg encodes a short HLS stream and a still image, a small HTTP server serves them
// like an NVR. An agency camera plays in the side panel, an unplugged one says it is unreachable,
// a community camera shows its owner's terms and (audited, on request) contact; an incident lists
// the nearest live-view cameras; the registry screen places a camera with a click on the map.
// Also: a gunshot outcome recorded elsewhere reaches an open console live. No internet needed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumSkip, launchBrowser, openPage, signIn, startServer, type ConsoleServer } from './harness.ts';
import { ffmpegMissing, startTestCamera, type TestCamera } from '../../packages/server/src/video/test-camera.fixture.ts';

const noFfmpeg = await ffmpegMissing();
if (noFfmpeg && process.env.CI === 'true') throw new Error(`CI=true: ${noFfmpeg}`);
const skip = chromiumSkip() || noFfmpeg || false;
const EIDO = join(import.meta.dirname, '../../packages/server/src/ingest/eido/fixtures/incident-open.eido.json');

/** The EIDO fixture's incident position, and cameras around it. */
const INCIDENT_AT: [number, number] = [-77.04105, 38.89012];
const AGENCY_AT: [number, number] = [-77.04105, 38.89147]; // 150 m north
const COMMUNITY_AT: [number, number] = [-77.03875, 38.89012]; // 200 m east
const UNPLUGGED_AT: [number, number] = [-77.04105, 38.88562]; // 500 m south
const GUNSHOT_AT: [number, number] = [-77.045, 38.8935];
const EMPTY_SPOT: [number, number] = [-77.05, 38.895];

function onMap<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const map = document.querySelector('.map').rtccMap; return ${fn}; })()`) as Promise<T>;
}

async function clickOnMap(page: Page, at: [number, number]): Promise<void> {
  await onMap(page, `map.jumpTo({ center: ${JSON.stringify(at)}, zoom: 16 })`);
  await page.waitForSelector('.map[data-idle="true"]');
  const [x, y] = await onMap<[number, number]>(page, `(() => { const p = map.project(${JSON.stringify(at)}); return [p.x, p.y]; })()`);
  const box = (await page.locator('.map').boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
}

async function ingest(s: ConsoleServer, path: string, kind: string, body: string | object): Promise<Record<string, unknown>> {
  const { key } = await s.api<{ key: string }>('POST', '/api/v1/sources', { name: `e2e ${kind}`, kind });
  const res = await fetch(`${s.base}${path}?key=${encodeURIComponent(key)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const answer = (await res.json()) as Record<string, unknown>;
  assert.ok(res.ok && !answer.quarantined, `${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

describe('live map: live-view cameras', { skip }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  let cam: TestCamera;
  const ids: Record<string, string> = {};

  before(async () => {
    [s, browser, cam] = await Promise.all([startServer({ RTCC_MODULES: 'lpr,hotlists,cad,video' }), launchBrowser(), startTestCamera()]);
    const create = async (body: Record<string, unknown>) => (await s.api<{ id: string }>('POST', '/api/v1/video-cameras', body)).id;
    ids.agency = await create({ name: 'Maple Ave PTZ', location: AGENCY_AT, ownerKind: 'agency', heading: 180, fieldOfView: 70, stream: { kind: 'hls', url: cam.playlistUrl } });
    ids.unplugged = await create({ name: 'Maple Ave south (unplugged)', location: UNPLUGGED_AT, ownerKind: 'agency', stream: { kind: 'hls', url: 'http://127.0.0.1:9/cam/index.m3u8' } });
    ids.community = await create({
      name: 'Corner Market, front door',
      location: COMMUNITY_AT,
      ownerKind: 'community_registered',
      contact: { name: 'Synthetic Owner', phone: '+1 555 0100' },
      consent: { terms: 'registry-terms-v1', agreedAt: '2026-05-02T10:00:00Z', footageRequests: true, liveSharing: false },
    });
    await ingest(s, '/api/v1/ingest/eido', 'eido', readFileSync(EIDO, 'utf8'));
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await cam?.close();
  });

  it('draws agency and community cameras apart, plays an agency camera, says when one is unreachable, and shows a community camera’s terms and contact', async (t) => {
    const { context, page, errors } = await openPage(browser, s.base);
    t.after(() => context.close());
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    await page.waitForSelector('[data-testid="layer-count-video"]:has-text("2 agency · 1 community")');
    await page.waitForSelector('.map[data-idle="true"]');
    const kinds = await onMap<string[]>(page, `map.querySourceFeatures('video-cameras').map((f) => f.properties.kind).sort()`);
    assert.deepEqual([...new Set(kinds)], ['agency', 'community_registered']);
    const icons = await onMap<string>(page, `JSON.stringify(map.getLayoutProperty('video-cameras-icon', 'icon-image'))`);
    assert.match(icons, /video-agency/);
    assert.match(icons, /video-community/);
    await page.click('[data-testid="layer-video"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('video-cameras-icon', 'visibility')`), 'none');
    await page.click('[data-testid="layer-video"]');
    assert.equal(await onMap(page, `map.getLayoutProperty('video-cameras-icon', 'visibility')`), 'visible');

    // the agency camera plays: frames decoded from the camera, through the server
    await clickOnMap(page, AGENCY_AT);
    await page.waitForSelector('[data-testid="video-details"][data-owner="agency"] h2:has-text("Maple Ave PTZ")');
    await page.waitForSelector('[data-testid="video-box"][data-state="playing"]');
    const frames = await page.evaluate(`(() => { const v = document.querySelector('[data-testid="video-player"]'); return { ready: v.readyState, w: v.videoWidth, t: v.currentTime }; })()`);
    assert.deepEqual({ ready: (frames as { ready: number }).ready >= 2, w: (frames as { w: number }).w }, { ready: true, w: 320 });
    assert.ok(cam.requests.some((p) => p.endsWith('.ts')), 'segments came from the camera');

    // the unplugged one says so, in words
    await clickOnMap(page, UNPLUGGED_AT);
    await page.waitForSelector('[data-testid="video-details"] h2:has-text("unplugged")');
    const unreachable = page.locator('[data-testid="video-unreachable"]:has-text("did not answer")');
    await unreachable.waitFor();
    assert.match((await unreachable.textContent()) ?? '', /The stream is unreachable\. The camera did not answer \(unreachable\)/);

    // a registered private camera: no player, the owner's terms, the contact only on request (audited)
    await clickOnMap(page, COMMUNITY_AT);
    const panel = page.locator('[data-testid="video-details"][data-owner="community_registered"]');
    await panel.waitFor();
    assert.equal(await panel.locator('[data-testid="video-box"]').count(), 0);
    assert.match((await panel.locator('[data-testid="footage-note"]').textContent()) ?? '', /agreed to be contacted for footage.*no live view/s);
    const contactReads = async () => (await s.api<{ items: { details: { cameraId: string } }[] }>('GET', '/api/v1/audit?action=video.contact_read')).items.filter((r) => r.details.cameraId === ids.community).length;
    assert.equal(await contactReads(), 0);
    await panel.locator('[data-testid="show-owner-contact"]').click();
    await panel.locator('[data-testid="owner-contact"]:has-text("+1 555 0100")').waitFor();
    assert.equal(await contactReads(), 1);

    // the incident lists the nearest live-view cameras, nearest first
    await clickOnMap(page, INCIDENT_AT);
    const nearest = await page.locator('[data-testid="nearest-video-cameras"] li').allTextContents();
    assert.equal(nearest.length, 3);
    assert.match(nearest[0], /Maple Ave PTZ\s*150 m · live/);
    assert.match(nearest[1], /Corner Market.*\b(199|200) m · community-registered camera/);
    assert.match(nearest[2], /unplugged/);
    await page.locator('[data-testid="nearest-video-cameras"] li button').first().click();
    await page.waitForSelector('[data-testid="video-details"] h2:has-text("Maple Ave PTZ")');
    assert.deepEqual(errors, []);
  });

  it('registers a camera with a click on the map, then deactivates it', async (t) => {
    const { context, page, errors } = await openPage(browser, s.base);
    t.after(() => context.close());
    await signIn(page, '/video');
    await page.waitForSelector('[data-testid="video-list"] tbody tr');
    await page.waitForSelector('.map[data-ready="true"]');
    await clickOnMap(page, EMPTY_SPOT);
    await page.waitForSelector('[data-testid="video-form"]');
    assert.match((await page.textContent('[data-testid="video-form-location"]')) ?? '', /38\.895\d*, -77\.05/);
    await page.fill('#vc-name', 'Park entrance (still)');
    await page.selectOption('#vc-stream-kind', 'still');
    await page.fill('#vc-stream-url', cam.stillUrl);
    await page.fill('#vc-refresh', '2');
    await page.fill('#vc-heading', '90');
    await page.click('[data-testid="vc-save"]');
    await page.waitForSelector('[data-testid="video-list"] td:has-text("Park entrance (still)")');
    const all = (await s.api<{ items: { id: string; name: string; location: [number, number]; active: boolean; stream?: { kind: string } }[] }>('GET', '/api/v1/video-cameras?includeInactive=true')).items;
    const made = all.find((c) => c.name === 'Park entrance (still)')!;
    assert.ok(Math.abs(made.location[0] - EMPTY_SPOT[0]) < 1e-4 && Math.abs(made.location[1] - EMPTY_SPOT[1]) < 1e-4, JSON.stringify(made.location));
    assert.equal(made.stream?.kind, 'still');
    await page.click('[data-testid="vc-active"]');
    await page.waitForSelector('[data-testid="vc-active"]:has-text("Reactivate")');
    const after = await s.api<{ active: boolean }>('GET', `/api/v1/video-cameras/${made.id}`);
    assert.equal(after.active, false);
    assert.deepEqual(errors, []);
  });

  it('updates an open console’s gunshot panel when another console records the outcome', async (t) => {
    const { context, page, errors } = await openPage(browser, s.base);
    t.after(() => context.close());
    await signIn(page);
    await page.waitForSelector('.map[data-ready="true"]');
    const shot = await ingest(s, '/api/v1/ingest/gunshot', 'gunshot', { vendor: 'acme-acoustics', id: `AC-VIDEO-${Date.now()}`, detectedAt: new Date(Date.now() - 60_000).toISOString(), location: GUNSHOT_AT, rounds: 3, confidence: 0.9, humanReviewed: true });
    const gunshotId = (shot.alerts as { id: string }[])[0].id;
    await page.waitForSelector('[data-testid="layer-count-gunshots"]:has-text("1")');
    await clickOnMap(page, GUNSHOT_AT);
    const outcome = page.locator('[data-testid="gunshot-outcome"]');
    await outcome.waitFor();
    assert.doesNotMatch((await outcome.textContent()) ?? '', /Evidence found/);
    // another console (here: the API, as any console calls it) records what officers found
    await s.api('POST', `/api/v1/gunshots/${gunshotId}/outcome`, { evidenceFound: true, recordedBy: 'Sgt. Elsewhere', note: 'two casings' });
    await page.locator('[data-testid="gunshot-outcome"]:has-text("Evidence found")').waitFor();
    assert.match((await outcome.textContent()) ?? '', /Sgt\. Elsewhere.*two casings/s);
    assert.deepEqual(errors, []);
  });
});
