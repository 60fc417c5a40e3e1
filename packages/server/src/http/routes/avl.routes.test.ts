// The avl module's routes: positions from phones (OsmAnd over GET and POST, Traccar Client 9
// JSON) and from a Traccar server; retries, stale and bad positions, keys. Units are invented.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';

describe('avl module: unit locations', () => {
  let t: TestApp;
  let phoneKey: string;
  let traccarKey: string;
  const now = Math.floor(Date.now() / 1000) - 600;
  before(async () => {
    t = await startTestApp({ modules: ['avl'] });
    phoneKey = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Patrol phones', kind: 'osmand' } })).json().key;
    traccarKey = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Fleet Traccar', kind: 'traccar' } })).json().key;
  });
  after(() => t.close());

  const osmand = (query: string, method: 'GET' | 'POST' = 'GET', payload?: string, headers: Record<string, string> = {}) =>
    t.call({ method, url: `/api/v1/ingest/osmand?key=${encodeURIComponent(phoneKey)}${query ? `&${query}` : ''}`, token: null, payload, headers });

  it('moves a unit on an OsmAnd GET with only a URL key, and keeps speed in m/s, heading and battery', async () => {
    const res = await osmand(`id=2B31&timestamp=${now}&lat=38.8895&lon=-77.0353&speed=10&bearing=271&batt=84`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { accepted: 1, duplicates: 0, stale: 0, dropped: [] });
    const unit = (await t.call({ method: 'GET', url: '/api/v1/units/2B31' })).json();
    assert.deepEqual(unit.position.location, [-77.0353, 38.8895]);
    assert.equal(unit.position.at, new Date(now * 1000).toISOString());
    assert.equal(unit.position.speedMps, 5.14);
    assert.equal(unit.position.heading, 271);
    assert.equal(unit.position.battery, 84);
    assert.equal(unit.track.length, 1);
  });

  it('answers a resent position as a duplicate and an older one as stale: the unit does not move back', async () => {
    const again = await osmand(`id=2B31&timestamp=${now}&lat=38.8895&lon=-77.0353`);
    assert.deepEqual([again.json().accepted, again.json().duplicates], [0, 1]);
    const older = await osmand(`id=2B31&timestamp=${now - 60}&lat=38.0&lon=-77.0`);
    assert.deepEqual([older.json().accepted, older.json().stale], [1, 1]);
    const unit = (await t.call({ method: 'GET', url: '/api/v1/units/2B31' })).json();
    assert.deepEqual(unit.position.location, [-77.0353, 38.8895]);
    assert.deepEqual(unit.track.map((p: { at: string }) => p.at), [new Date(now * 1000).toISOString(), new Date((now - 60) * 1000).toISOString()]);
  });

  it('takes a POST with the parameters in the URL, in a form body, or Traccar Client 9 JSON', async () => {
    assert.equal((await osmand(`id=P-1&timestamp=${now}&lat=41.88&lon=-87.63`, 'POST')).json().accepted, 1);
    assert.equal((await osmand('', 'POST', `id=P-2&timestamp=${now}&lat=41.88&lon=-87.63`, { 'content-type': 'application/x-www-form-urlencoded' })).json().accepted, 1);
    const json = JSON.stringify({ device_id: 'P-3', location: { timestamp: new Date(now * 1000).toISOString(), coords: { latitude: 41.9, longitude: -87.6, speed: 12.5, heading: 90 }, battery: { level: 0.5 } } });
    assert.equal((await osmand('', 'POST', json, { 'content-type': 'application/json' })).json().accepted, 1);
    const units = (await t.call({ method: 'GET', url: '/api/v1/units' })).json().items as { id: string; position: { speedMps?: number; battery?: number } }[];
    assert.deepEqual(units.map((u) => u.id).filter((id) => id.startsWith('P-')), ['P-1', 'P-2', 'P-3']);
    assert.equal(units.find((u) => u.id === 'P-3')?.position.speedMps, 12.5);
    assert.equal(units.find((u) => u.id === 'P-3')?.position.battery, 50);
  });

  it('answers an unusable position 200 with the reason, and undecodable bytes 200 with a quarantine id', async () => {
    const bad = await osmand('id=2B31&lat=95&lon=-77');
    assert.equal(bad.statusCode, 200);
    assert.deepEqual(bad.json().dropped, [{ index: 0, reason: 'no usable lat and lon (missing, not numbers, or out of range)' }]);
    assert.equal(bad.json().accepted, 0);
    const garbage = await osmand('', 'POST', '{"device_id": "P', { 'content-type': 'application/json' });
    assert.equal(garbage.statusCode, 200);
    assert.match(garbage.json().quarantined.reason, /invalid JSON/);
    const item = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${garbage.json().quarantined.id}` })).json();
    assert.equal(item.body, '{"device_id": "P');
    const sources = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().items as { kind: string; health: { errors: number } | null }[];
    assert.ok((sources.find((s) => s.kind === 'osmand')?.health?.errors ?? 0) >= 2);
  });

  it('takes Traccar forwarding: knots to m/s, the device uniqueId as the unit, events without a position ignored', async () => {
    const position = { id: 1, deviceId: 7, fixTime: new Date(now * 1000 + 5000).toISOString(), valid: true, outdated: false, latitude: 30.2672, longitude: -97.7431, speed: 20, course: 87, accuracy: 5, attributes: { batteryLevel: 70 } };
    const post = (payload: unknown, token = traccarKey) => t.call({ method: 'POST', url: '/api/v1/ingest/traccar', token, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    const res = await post({ event: { id: 9, type: 'geofenceEnter', eventTime: position.fixTime, deviceId: 7 }, device: { id: 7, name: 'Car 12', uniqueId: '2B31' }, position });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    const unit = (await t.call({ method: 'GET', url: '/api/v1/units/2B31' })).json();
    assert.deepEqual(unit.position.location, [-97.7431, 30.2672]);
    assert.equal(unit.position.speedMps, 10.29);
    assert.equal(unit.position.sourceSystem, 'traccar');
    const offline = await post({ event: { id: 10, type: 'deviceOffline', eventTime: position.fixTime, deviceId: 7 }, device: { id: 7, uniqueId: '2B31' } });
    assert.equal(offline.json().ignored, 'event deviceOffline without a position');
    const junk = await post({ hello: 'world' });
    assert.equal(junk.statusCode, 202);
    assert.match(junk.json().quarantined.reason, /neither a Traccar event/);
    assert.equal((await post({ position }, phoneKey)).statusCode, 403, 'a phone key cannot post as Traccar');
  });

  it('lets ingest keys post only, refuses no key, and has no cad routes with only avl on', async () => {
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/units', token: phoneKey })).statusCode, 403);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/ingest/osmand?id=x&lat=1&lon=1', token: null })).statusCode, 401);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/ingest/osmand?key=wrong&id=x&lat=1&lon=1`, token: null })).statusCode, 401);
    const head = await t.call({ method: 'HEAD', url: `/api/v1/ingest/osmand?key=${encodeURIComponent(phoneKey)}&id=HEAD-1&lat=1&lon=1`, token: null });
    assert.equal(head.statusCode, 404, 'no HEAD twin that would record a position');
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/units/HEAD-1' })).statusCode, 404);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/incidents' })).statusCode, 404);
    assert.equal((await t.call({ method: 'POST', url: '/api/v1/ingest/eido', payload: {} })).statusCode, 404);
    assert.equal((await t.call({ method: 'POST', url: '/api/v1/reads', payload: {} })).statusCode, 404, 'lpr is off too');
  });
});
