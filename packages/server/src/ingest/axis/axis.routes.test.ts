// POST /api/v1/ingest/axis: the Axis LPR app's multipart event (event JSON + image) with a source key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../http/test-app.ts';

const URL_ = '/api/v1/ingest/axis';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const MULTIPART = { 'content-type': 'multipart/form-data; boundary=axisLprBoundary0123456789' };

describe('POST /api/v1/ingest/axis', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp();
    const created = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Axis, 5th & Main', kind: 'axis' } });
    assert.equal(created.statusCode, 201, created.body);
    key = created.json().key;
  });
  after(() => t.close());

  const post = (payload: Buffer, headers: Record<string, string> = MULTIPART) => t.call({ method: 'POST', url: `${URL_}?key=${key}`, token: null, headers, payload });

  it('stores the multipart event\'s read with its time, state, position and camera; a retry is a duplicate', async () => {
    const first = await post(fixture('event.multipart.bin'));
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${first.json().readIds[0]}` })).json();
    assert.equal(read.plate, 'TST4821');
    assert.equal(read.sourceSystem, 'axis');
    assert.equal(read.state, 'TX');
    assert.equal(read.confidence, 0.912);
    assert.equal(read.observedAt, '2026-03-05T14:15:30.732Z');
    assert.deepEqual(read.location, [-95.369803, 29.760427]);
    assert.ok(read.cameraId);
    assert.deepEqual(read.images.map((i: { kind: string }) => i.kind), ['plate'], 'the image part, kept as a stored reference');
    assert.ok(read.images[0].ref);
    const again = await post(fixture('event.multipart.bin'));
    assert.equal(again.json().duplicates, 1);
    assert.deepEqual(again.json().readIds, first.json().readIds);
  });

  it('takes the event JSON alone', async () => {
    const res = await post(fixture('event.new.json'), { 'content-type': 'application/json' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
  });

  it('quarantines an undecodable multipart post with its text parts and never its image (202)', async () => {
    const res = await post(fixture('event.multipart.no-event.bin'));
    assert.equal(res.statusCode, 202, res.body);
    assert.match(res.json().quarantined.reason, /without an "event" part/);
    const item = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${res.json().quarantined.id}` })).json();
    assert.equal(item.route, URL_);
    assert.equal(item.bodyEncoding, 'utf8');
    assert.match(item.body, /hello/);
    assert.doesNotMatch(item.body, /x\.jpg|JFIF/);
  });
});
