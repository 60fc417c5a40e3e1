// POST /api/v1/ingest/survision: Survision push JSON with a source key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../http/test-app.ts';

const URL_ = '/api/v1/ingest/survision';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const JSON_TYPE = { 'content-type': 'application/json' };

describe('POST /api/v1/ingest/survision', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp();
    const created = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Survision, garage exit', kind: 'survision' } });
    assert.equal(created.statusCode, 201, created.body);
    key = created.json().key;
  });
  after(() => t.close());

  const post = (payload: Buffer, headers: Record<string, string> = JSON_TYPE) => t.call({ method: 'POST', url: `${URL_}?key=${key}`, token: null, headers, payload });

  it('stores the push\'s read with state, confidence and camera; a re-sent push is a duplicate', async () => {
    const first = await post(fixture('push.json'));
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${first.json().readIds[0]}` })).json();
    assert.equal(read.plate, 'TST4821');
    assert.equal(read.sourceSystem, 'survision');
    assert.equal(read.state, 'TX');
    assert.equal(read.confidence, 0.92);
    assert.equal(read.observedAt, new Date(1772720130252).toISOString());
    assert.ok(read.cameraId);
    const again = await post(fixture('push.json'));
    assert.equal(again.json().duplicates, 1);
    assert.deepEqual(again.json().readIds, first.json().readIds);
  });

  it('acknowledges a plate-less decision and quarantines a push with a date in seconds', async () => {
    const none = await post(fixture('push.no-plate.json'));
    assert.equal(none.statusCode, 200);
    assert.equal(none.json().ignored, 'decision without plate text');
    const bad = await post(fixture('push.seconds-date.json'));
    assert.equal(bad.statusCode, 202, bad.body);
    assert.match(bad.json().quarantined.reason, /not an epoch in milliseconds/);
  });
});
