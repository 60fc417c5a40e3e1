// POST /api/v1/ingest/platerecognizer: Stream webhooks (JSON, multipart) and Snapshot responses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { JUSTIFICATION, startTestApp, type TestApp } from '../../http/test-app.ts';

const URL_ = '/api/v1/ingest/platerecognizer';
const SAMPLES = fileURLToPath(new URL('../../../../../../shared/samples/plate-recognizer/', import.meta.url));
const sample = (name: string) => readFileSync(SAMPLES + name);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const JSON_TYPE = { 'content-type': 'application/json' };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);

function multipart(json: Buffer | string | undefined, boundary = 'rtcc-test-boundary'): { body: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  if (json !== undefined) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n\r\n`), Buffer.from(json), Buffer.from('\r\n'));
  else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nno json here\r\n`));
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="plate.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), JPEG, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A Stream webhook with one result, unique per test by plate and time. */
function webhook(plate: string, second: number): string {
  const timestamp = new Date(Date.UTC(2026, 2, 6, 9, 0, second)).toISOString();
  return JSON.stringify({
    hook: { target: 'http://rtcc.test/', id: 'dock-1', event: 'recognition', filename: 'dock-1.jpg' },
    data: { camera_id: 'dock-1', timestamp, timestamp_local: timestamp, results: [{ plate: plate.toLowerCase(), score: 0.9, dscore: 0.8, region: { code: 'us-tx', score: 0.7 }, candidates: [] }] },
  });
}

describe('POST /api/v1/ingest/platerecognizer', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp();
    const created = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'stream box', kind: 'platerecognizer' } });
    assert.equal(created.statusCode, 201, created.body);
    key = created.json().key;
  });
  after(() => t.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = JSON_TYPE, url = `${URL_}?key=${key}`) =>
    t.call({ method: 'POST', url, token: null, headers, payload });

  async function search(plate: string): Promise<{ items: { id: string; plate: string }[]; total: number }> {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { plate, justification: JUSTIFICATION } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }

  it('stores the Stream sample with its state, confidence, vehicle and camera', async () => {
    const res = await post(sample('stream-webhook.recognition.webhook-tester.json'));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${res.json().readIds[0]}` })).json();
    assert.equal(read.plate, 'PL8REC');
    assert.equal(read.sourceSystem, 'platerecognizer');
    assert.equal(read.state, 'CA');
    assert.equal(read.confidence, 0.902);
    assert.equal(read.observedAt, '2025-01-01T00:00:00.000Z');
    assert.equal(read.vehicle.make, 'Porsche');
    assert.ok(read.cameraId, 'camera-1 resolved through the registry');
  });

  it('stores both reads of the Snapshot sample and acknowledges the empty one as ignored', async () => {
    const two = await post(sample('snapshot-api.response.two-results.json'));
    assert.equal(two.statusCode, 200, two.body);
    assert.equal(two.json().accepted, 2);
    const none = await post(sample('snapshot-api.response.no-results.json'));
    assert.equal(none.statusCode, 200, none.body);
    assert.equal(none.json().accepted, 0);
    assert.equal(none.json().ignored, 'no plate in results');
    assert.equal(none.json().quarantined, undefined);
  });

  it('needs a credential: none → 401, the key in the Authorization header or in ?key= → 200', async () => {
    const none = await t.call({ method: 'POST', url: URL_, token: null, headers: JSON_TYPE, payload: webhook('PRA1001', 1) });
    assert.equal(none.statusCode, 401);
    const header = await t.call({ method: 'POST', url: URL_, token: key, headers: JSON_TYPE, payload: webhook('PRA1002', 2) });
    assert.equal(header.statusCode, 200, header.body);
    assert.equal(header.json().accepted, 1);
    const query = await post(webhook('PRA1003', 3));
    assert.equal(query.statusCode, 200, query.body);
    assert.equal(query.json().accepted, 1);
  });

  it('refuses a key issued for another source kind with 403', async () => {
    const other = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'alprd', kind: 'openalpr' } })).json().key;
    const res = await post(webhook('PRA2001', 4), JSON_TYPE, `${URL_}?key=${other}`);
    assert.equal(res.statusCode, 403);
    assert.equal((await search('PRA2001')).total, 0);
  });

  it('takes the multipart webhook (json field + image part) and keeps the image as a stored reference, not inline', async () => {
    const { body, headers } = multipart(webhook('PRM3001', 5));
    const res = await post(body, headers);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${res.json().readIds[0]}` })).json();
    assert.equal(read.plate, 'PRM3001');
    assert.equal(read.state, 'TX');
    // the upload part is named plate.jpg: the plate crop
    assert.equal(read.images.length, 1);
    assert.equal(read.images[0].kind, 'plate');
    assert.ok(read.images[0].ref, 'stored as a blob reference');
    assert.equal(read.images[0].jpegBase64, undefined);
  });

  it('is idempotent on the sender ids: a retry (JSON or multipart) is a duplicate, not a second read', async () => {
    const payload = webhook('PRI4001', 6);
    const first = await post(payload);
    assert.equal(first.json().accepted, 1);
    const again = await post(payload);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().accepted, 0);
    assert.equal(again.json().duplicates, 1);
    assert.deepEqual(again.json().readIds, first.json().readIds);
    const { body, headers } = multipart(payload);
    const asMultipart = await post(body, headers);
    assert.equal(asMultipart.json().duplicates, 1);
    assert.equal((await search('PRI4001')).total, 1);
  });

  it('keeps an undecodable body in quarantine with the reason and answers 202', async () => {
    const res = await post(fixture('garbage.txt'), { 'content-type': 'text/html' });
    assert.equal(res.statusCode, 202, res.body);
    const q = res.json().quarantined;
    assert.match(q.reason, /invalid JSON/);
    const item = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${q.id}` })).json();
    assert.equal(item.route, URL_);
    assert.equal(item.sourceSystem, 'platerecognizer');
    assert.equal(item.body, fixture('garbage.txt').toString('utf8'));
  });

  it('quarantines the text fields of an undecodable multipart post, never its image', async () => {
    const { body, headers } = multipart(undefined);
    const res = await post(body, headers);
    assert.equal(res.statusCode, 202, res.body);
    const q = res.json().quarantined;
    assert.match(q.reason, /without a "json" field/);
    const item = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${q.id}` })).json();
    assert.equal(item.bodyEncoding, 'utf8');
    assert.match(item.body, /no json here/);
    assert.doesNotMatch(item.body, /plate\.jpg|JFIF/);
    // a json field that is not JSON: quarantined, image dropped too
    const bad = multipart('{"data": ');
    const res2 = await post(bad.body, bad.headers);
    assert.equal(res2.statusCode, 202, res2.body);
    const item2 = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${res2.json().quarantined.id}` })).json();
    assert.equal(item2.bodyEncoding, 'utf8');
    assert.doesNotMatch(item2.body, /JFIF/);
  });
});
