/**
 * The simulator against the real server, started in process in training mode and listening on a
 * free port: everything goes through the HTTP routes a device would use.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../../server/src/http/test-app.ts';
import { buildCity, DEFAULT_CITY } from './city.ts';
import { SimDriver } from './driver.ts';
import { CitySimulator } from './simulator.ts';

const T0 = Date.UTC(2026, 2, 10, 12, 0); // 07:00 in the city
const HOURS = 2;

describe('the simulator drives a training server through its ingest routes', () => {
  let t: TestApp;
  let base: string;
  let driver: SimDriver;

  before(async () => {
    t = await startTestApp({ training: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const city = buildCity(5, { fleet: { ...DEFAULT_CITY.fleet, vehicles: 1200, stolenRate: 0.03, wantedRate: 0.02 }, hotlistDecoys: 50 });
    driver = new SimDriver({ baseUrl: base, adminToken: ADMIN_TOKEN, sim: new CitySimulator(city) });
    await driver.setup();
    for (let k = 0; k < HOURS * 6; k++) await driver.step(T0 + k * 600_000, T0 + (k + 1) * 600_000);
  });
  after(() => t.close());

  it('every read the driver sent was accepted by an ingest route and counted in its source health', async () => {
    const s = driver.stats;
    assert.equal(s.failedRequests, 0, s.lastError);
    assert.ok(s.sent > 200, `only ${s.sent} reads in ${HOURS} rush hours`);
    assert.equal(s.passes, s.sent + s.missed);
    assert.equal(s.accepted, s.sent);
    assert.equal(s.duplicates, 0);
    assert.equal(s.dropped + s.quarantined, 0);
    const status = await driver.serverStatus();
    assert.equal(status.readsAccepted, s.sent);
    const sources = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().items;
    const byKind = (k: string) => sources.find((x: { kind: string }) => x.kind === k).health.reads;
    assert.ok(byKind('openalpr') > 0 && byKind('rtcc') > 0, 'both fixed and mobile reads arrived');
    assert.equal(byKind('openalpr') + byKind('rtcc'), s.sent);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/quarantine' })).json().total, 0);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/cameras' })).json().items.length, driver.sim.city.cameras.length, 'no camera registered on first sight: all were registered');
  });

  it('replaying the same window is idempotent: the server answers duplicates, not new reads', async () => {
    const before = { ...driver.stats };
    await driver.step(T0, T0 + 600_000);
    const sent = driver.stats.sent - before.sent;
    assert.ok(sent > 0);
    assert.equal(driver.stats.accepted - before.accepted, 0);
    assert.equal(driver.stats.duplicates - before.duplicates, sent);
  });

  it('stolen and wanted plates raise hits, and ground truth tells true hits from misreads', async () => {
    const hits = (await t.call({ method: 'GET', url: '/api/v1/hits?status=all&limit=500' })).json().items as { entryPlate: string; readPlate: string }[];
    assert.ok(hits.length > 0);
    const flaggedPlates = new Set(driver.sim.city.vehicles.filter((v) => v.flag).map((v) => v.plate));
    const cleanFlagged = [...driver.truth.values()].filter((r) => r.flag && !r.corrupted);
    assert.ok(cleanFlagged.length > 0);
    const hitPlates = new Set(hits.map((h) => h.entryPlate));
    for (const r of cleanFlagged) assert.ok(hitPlates.has(r.truePlate), `a clean read of ${r.truePlate} raised no hit`);
    const truthByRead = new Set([...driver.truth.values()].map((r) => `${r.readPlate}>${r.truePlate}`));
    const trueHits = hits.filter((h) => flaggedPlates.has(h.entryPlate) && truthByRead.has(`${h.readPlate}>${h.entryPlate}`));
    assert.ok(trueHits.length >= cleanFlagged.length * 0.9, `${trueHits.length} true hits of ${hits.length}`);
  });

  it('marks every response as training, refusals included, and /healthz says so', async () => {
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.headers.get('x-rtcc-mode'), 'TRAINING - SIMULATED DATA');
    assert.equal((await health.json()).mode, 'training');
    const refused = await fetch(`${base}/api/v1/hits`);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('x-rtcc-mode'), 'TRAINING - SIMULATED DATA');
    const page = await fetch(`${base}/`);
    assert.equal(page.headers.get('x-rtcc-mode'), 'TRAINING - SIMULATED DATA');
    assert.match(await page.text(), /TRAINING — SIMULATED DATA/);
  });

  it('a server that is not in training mode carries no training header', async () => {
    const live = await startTestApp();
    try {
      const res = await live.call({ method: 'GET', url: '/healthz', token: null });
      assert.equal(res.headers['x-rtcc-mode'], undefined);
      assert.equal(res.json().mode, 'live');
    } finally {
      await live.close();
    }
  });

  it('a server that refuses or is unreachable is counted, never thrown', async () => {
    const lost = new SimDriver({ baseUrl: 'http://127.0.0.1:9', adminToken: ADMIN_TOKEN, sim: driver.sim });
    await assert.rejects(lost.setup(), /ECONNREFUSED|fetch failed/);
    (lost as unknown as { keys: object }).keys = { openalpr: 'rtcc_src_wrong', rtcc: 'rtcc_src_wrong' };
    await lost.step(T0, T0 + 600_000);
    assert.ok(lost.stats.failedRequests > 0);
    assert.equal(lost.stats.sent, 0);
  });
});
