// POST /api/v1/ingest/verkada: Verkada webhooks with a source key; only LPR webhooks become reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../http/test-app.ts';

const URL_ = '/api/v1/ingest/verkada';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const JSON_TYPE = { 'content-type': 'application/json' };

describe('POST /api/v1/ingest/verkada', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp();
    const created = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Verkada org', kind: 'verkada' } });
    assert.equal(created.statusCode, 201, created.body);
    key = created.json().key;
  });
  after(() => t.close());

  const post = (payload: Buffer, url = `${URL_}?key=${key}`) => t.call({ method: 'POST', url, token: null, headers: JSON_TYPE, payload });

  it('stores an LPR webhook\'s read; Verkada\'s retry after 2 s is a duplicate', async () => {
    const first = await post(fixture('lpr.json'));
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${first.json().readIds[0]}` })).json();
    assert.equal(read.plate, 'TST4821');
    assert.equal(read.sourceSystem, 'verkada');
    assert.equal(read.confidence, 0.93);
    assert.equal(read.observedAt, new Date(1772720130000).toISOString());
    assert.ok(read.cameraId);
    const again = await post(fixture('lpr.json'));
    assert.equal(again.json().duplicates, 1);
    assert.deepEqual(again.json().readIds, first.json().readIds);
  });

  it('acknowledges other webhook types with 200 as ignored, never quarantining them', async () => {
    const res = await post(fixture('notification.json'));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().ignored, 'webhook_type "notification" is not a plate read');
    assert.equal(res.json().quarantined, undefined);
  });

  it('takes the key in the Authorization header too, and refuses none', async () => {
    const header = await t.call({ method: 'POST', url: URL_, token: key, headers: JSON_TYPE, payload: fixture('lpr.percent-confidence.json') });
    assert.equal(header.statusCode, 200, header.body);
    assert.equal((await t.call({ method: 'POST', url: URL_, token: null, headers: JSON_TYPE, payload: fixture('lpr.json') })).statusCode, 401);
  });
});
