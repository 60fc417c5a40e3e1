// The console's files: served from the build, client-side screens fall back to index.html,
// nothing outside the build is reachable, and the map settings behind a token.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';
import { parseRange } from './map.routes.ts';
import { WEB_DIST } from './web.routes.ts';

const built = existsSync(join(WEB_DIST, 'index.html'));

describe('the console at /', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('serves index.html at / and for client-side screens, never cached', async () => {
    for (const url of ['/', '/hits', '/hits/0190c3a4-0000-7000-8000-000000000000', '/search?camera=x', '/hotlists/abc']) {
      const res = await t.call({ method: 'GET', url, token: null });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.match(res.body, /<div id="root">|not built/, url);
    }
  });

  it('answers API paths, unknown files and traversal attempts with the JSON 404', async () => {
    for (const url of ['/api/v1/nothing', '/assets/missing.js', '/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fserver%2fpackage.json', '/favicon.svg/../../../package.json']) {
      const res = await t.call({ method: 'GET', url, token: null });
      if (res.statusCode === 200) assert.doesNotMatch(res.body, /"workspaces"|"dependencies"/, `${url} leaked a file`);
      else {
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().error.code, 'not_found_or_forbidden', url);
      }
    }
  });

  it('serves built assets with long caching and gzip when the browser takes it', { skip: built ? false : 'the console is not built (npm run build:web)' }, async () => {
    const html = (await t.call({ method: 'GET', url: '/', token: null })).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, 'index.html names its script');
    const plain = await t.call({ method: 'GET', url: asset, token: null });
    assert.equal(plain.statusCode, 200);
    assert.match(String(plain.headers['content-type']), /^text\/javascript/);
    assert.match(String(plain.headers['cache-control']), /immutable/);
    const gz = await t.call({ method: 'GET', url: asset, token: null, headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(Number(gz.headers['content-length']) < Number(plain.headers['content-length']));
    const page = await t.call({ method: 'GET', url: '/', token: null });
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const basemap = await t.call({ method: 'GET', url: '/basemap/counties-10m.json', token: null });
    assert.equal(basemap.statusCode, 200);
  });
});

describe('the console on a training server', { skip: built ? false : 'the console is not built (npm run build:web)' }, () => {
  it('marks the page itself, before any script runs', async () => {
    const t = await startTestApp({ training: true });
    try {
      const res = await t.call({ method: 'GET', url: '/hits', token: null });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<meta name="rtcc-mode" content="training"/);
      assert.match(res.body, /TRAINING — SIMULATED DATA/);
    } finally {
      await t.close();
    }
  });
});

describe('map settings', () => {
  let t: TestApp;
  let plain: TestApp;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcc-map-'));
    const streets = join(dir, 'streets.geojson');
    writeFileSync(streets, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[-97.2, 31.5], [-97.1, 31.5]] }, properties: { name: 'Main St', class: 'arterial' } }] }));
    t = await startTestApp({ mapStreets: streets, mapTiles: { kind: 'raster', url: 'https://tiles.agency.example/{z}/{x}/{y}.png' } });
    plain = await startTestApp();
  });
  after(async () => {
    await t.close();
    await plain.close();
  });

  it('tells the console about the tile source and the streets, and serves the streets', async () => {
    assert.deepEqual((await t.call({ method: 'GET', url: '/api/v1/map' })).json(), { tiles: { kind: 'raster', url: 'https://tiles.agency.example/{z}/{x}/{y}.png' }, streets: true });
    const streets = await t.call({ method: 'GET', url: '/api/v1/map/streets' });
    assert.equal(streets.statusCode, 200);
    assert.equal(streets.json().features[0].properties.name, 'Main St');
    if (built) assert.match(String((await t.call({ method: 'GET', url: '/', token: null })).headers['content-security-policy']), /connect-src 'self' https:\/\/tiles\.agency\.example/);
  });

  it('says when nothing is configured', async () => {
    assert.deepEqual((await plain.call({ method: 'GET', url: '/api/v1/map' })).json(), { tiles: null, streets: false });
    assert.equal((await plain.call({ method: 'GET', url: '/api/v1/map/streets' })).statusCode, 404);
    assert.equal((await plain.call({ method: 'GET', url: '/api/v1/map', token: null })).statusCode, 401);
  });

  it('reads HTTP ranges of a PMTiles file', () => {
    assert.deepEqual(parseRange('bytes=0-99', 1000), { start: 0, end: 99 });
    assert.deepEqual(parseRange('bytes=900-', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseRange('bytes=-100', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseRange('bytes=990-2000', 1000), { start: 990, end: 999 });
    assert.equal(parseRange('bytes=1000-', 1000), null);
    assert.equal(parseRange('bytes=5-1', 1000), null);
    assert.equal(parseRange('items=0-1', 1000), null);
  });
});
