// POST /api/v1/ingest/hikvision: ISAPI ANPR alerts (XML alone or multipart with pictures) with a source key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../http/test-app.ts';

const URL_ = '/api/v1/ingest/hikvision';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const MULTIPART = { 'content-type': 'multipart/form-data; boundary=MIME_boundary' };
const XML = { 'content-type': 'application/xml' };

describe('POST /api/v1/ingest/hikvision', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp();
    const created = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Hikvision ANPR, Main St', kind: 'hikvision' } });
    assert.equal(created.statusCode, 201, created.body);
    key = created.json().key;
  });
  after(() => t.close());

  const post = (payload: Buffer, headers: Record<string, string>) => t.call({ method: 'POST', url: `${URL_}?key=${key}`, token: null, headers, payload });

  it('stores the multipart alert\'s read; the XML alone and a retransmission are duplicates of it (same UUID)', async () => {
    const first = await post(fixture('anpr.multipart.bin'), MULTIPART);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().accepted, 1);
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${first.json().readIds[0]}` })).json();
    assert.equal(read.plate, 'TST4821');
    assert.equal(read.sourceSystem, 'hikvision');
    assert.equal(read.state, 'TX');
    assert.equal(read.confidence, 0.98);
    assert.equal(read.observedAt, '2026-03-05T14:15:30.000Z');
    assert.deepEqual(read.images.map((i: { kind: string }) => i.kind), ['plate', 'overview']);
    for (const file of ['anpr.xml', 'anpr.retransmission.xml']) {
      const again = await post(fixture(file), XML);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().duplicates, 1, file);
      assert.deepEqual(again.json().readIds, first.json().readIds);
    }
  });

  it('answers the videoloss keep-alive with 200 and counts it as a heartbeat', async () => {
    const res = await post(fixture('videoloss.xml'), XML);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().heartbeats, 1);
    assert.equal(res.json().accepted, 0);
  });

  it('quarantines hostile XML (entity expansion) with the reason, answered 202, the server still answering', async () => {
    const res = await post(fixture('hostile.billion-laughs.xml'), XML);
    assert.equal(res.statusCode, 202, res.body);
    assert.match(res.json().quarantined.reason, /DOCTYPE or entity declaration is refused/);
    const deep = await post(fixture('hostile.deep-nesting.xml'), XML);
    assert.equal(deep.statusCode, 202);
    assert.equal((await post(fixture('anpr.xml'), XML)).statusCode, 200);
  });
});
