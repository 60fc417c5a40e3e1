// POST /api/v1/ingest/genetec: AutoVu reads with a source key; zone-less times in the source's zone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../http/test-app.ts';

const URL_ = '/api/v1/ingest/genetec';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const JSON_TYPE = { 'content-type': 'application/json' };

describe('POST /api/v1/ingest/genetec', () => {
  let t: TestApp;
  let chicagoKey: string;
  let plainKey: string;
  before(async () => {
    t = await startTestApp();
    const chicago = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'AutoVu, City Hall', kind: 'genetec', timeZone: 'America/Chicago' } });
    assert.equal(chicago.statusCode, 201, chicago.body);
    chicagoKey = chicago.json().key;
    plainKey = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'AutoVu, no zone', kind: 'genetec' } })).json().key;
  });
  after(() => t.close());

  const post = (key: string, payload: Buffer | string) => t.call({ method: 'POST', url: `${URL_}?key=${key}`, token: null, headers: JSON_TYPE, payload });
  const readOf = async (id: string) => (await t.call({ method: 'GET', url: `/api/v1/reads/${id}` })).json();

  it('stores a read with its state, confidence, camera and the local time read in the source\'s zone; a retry is a duplicate', async () => {
    const first = await post(chicagoKey, fixture('read.fixed.json'));
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().accepted, 1);
    const read = await readOf(first.json().readIds[0]);
    assert.equal(read.plate, 'TST4821');
    assert.equal(read.sourceSystem, 'genetec');
    assert.equal(read.state, 'MO');
    assert.equal(read.confidence, 0.97);
    assert.equal(read.observedAt, '2026-03-05T14:15:30.000Z');
    assert.ok(read.cameraId, 'Market St EB registered in the camera registry');
    const again = await post(chicagoKey, fixture('read.fixed.json'));
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().accepted, 0);
    assert.equal(again.json().duplicates, 1);
    assert.deepEqual(again.json().readIds, first.json().readIds);
  });

  it('uses the zone of the posting source: the same local-only read is quarantined for a source without one', async () => {
    const withZone = await post(chicagoKey, fixture('read.local-only.json'));
    assert.equal(withZone.statusCode, 200, withZone.body);
    assert.equal((await readOf(withZone.json().readIds[0])).observedAt, '2026-03-05T19:05:09.000Z');
    const without = await post(plainKey, fixture('read.local-only.json'));
    assert.equal(without.statusCode, 202, without.body);
    assert.match(without.json().quarantined.reason, /set the source's timeZone/);
  });

  it('acknowledges a plate-less read as ignored, and refuses a key of another kind', async () => {
    const none = await post(chicagoKey, fixture('read.no-plate.json'));
    assert.equal(none.statusCode, 200);
    assert.equal(none.json().ignored, 'no read with plate text');
    const axisKey = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'axis', kind: 'axis' } })).json().key;
    assert.equal((await post(axisKey, fixture('read.fixed.json'))).statusCode, 403);
    const unauthenticated = await t.call({ method: 'POST', url: URL_, token: null, headers: JSON_TYPE, payload: fixture('read.fixed.json') });
    assert.equal(unauthenticated.statusCode, 401);
  });
});
