import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';

describe('health and API description', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('answers /healthz without a token, naming the store', async () => {
    const res = await t.call({ method: 'GET', url: '/healthz', token: null });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    assert.equal(res.json().store, 'sqlite');
  });

  it('describes every API route in OpenAPI, the WebSocket included, with bearer auth except on /healthz', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/openapi.json', token: null });
    assert.equal(res.statusCode, 200);
    const spec = res.json();
    assert.equal(spec.openapi.startsWith('3.'), true);
    assert.deepEqual(spec.security, [{ bearer: [] }]);
    for (const path of ['/api/v1/reads', '/api/v1/reads/search', '/api/v1/ingest/openalpr', '/api/v1/hotlists/{id}/import', '/api/v1/hits/{id}/verification', '/api/v1/stream', '/api/v1/audit']) {
      assert.ok(spec.paths[path], `${path} is not described`);
    }
    assert.deepEqual(spec.paths['/healthz'].get.security, []);
    assert.equal(spec.paths['/api/v1/hits'].get.security, undefined, 'API routes inherit the bearer requirement');
  });
});
