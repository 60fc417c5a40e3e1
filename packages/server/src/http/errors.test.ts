// Robustness: whatever a client sends, the answer is a JSON error it can read, never a stack
// trace, and the server keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from './test-app.ts';

function assertError(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, code: string): void {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/json/);
  const body = JSON.parse(res.body);
  assert.equal(body.error.code, code, res.body);
  assert.ok(body.error.message.length > 0);
  assert.ok(body.error.requestId);
  assert.doesNotMatch(res.body, /\.ts:\d+|node:internal|\n\s+at /, 'stack trace in the response');
}

describe('error answers', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ maxBodyBytes: 4096, maxImportBytes: 8192 });
  });
  after(() => t.close());

  const stillServing = async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/hotlists' });
    assert.equal(res.statusCode, 200);
  };

  it('answers malformed JSON with 400 validation_failed', async () => {
    for (const payload of ['{"name": "x", ', '{"name": "x", "kind": "custom"}}', 'nul']) {
      const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', headers: { 'content-type': 'application/json' }, payload });
      assertError(res, 400, 'validation_failed');
      assert.match(JSON.parse(res.body).error.message, /JSON/);
    }
    await stillServing();
  });

  it('answers an empty JSON body with 400', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', headers: { 'content-type': 'application/json' }, payload: '' });
    assertError(res, 400, 'validation_failed');
  });

  it('refuses a __proto__ key instead of polluting objects', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', headers: { 'content-type': 'application/json' }, payload: '{"name":"p","kind":"custom","__proto__":{"admin":true}}' });
    assertError(res, 400, 'validation_failed');
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });

  it('answers a wrong content type on a JSON route with 415', async () => {
    for (const ct of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', headers: { 'content-type': ct }, payload: '{"name":"x","kind":"custom"}' });
      assertError(res, 415, 'unsupported_media_type');
    }
    await stillServing();
  });

  it('answers schema violations with 400 and the fields at fault', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'x', kind: 'custom', priority: 9, colour: 'red' } });
    assertError(res, 400, 'validation_failed');
    const fields = JSON.parse(res.body).error.details.map((d: { field: string }) => d.field);
    assert.ok(fields.some((f: string) => f.includes('priority')), fields.join());
    const q = await t.call({ method: 'GET', url: '/api/v1/hits?limit=lots' });
    assertError(q, 400, 'validation_failed');
    assert.match(JSON.parse(q.body).error.message, /querystring/);
  });

  it('answers oversized bodies with 413 on JSON, ingest and import routes', async () => {
    const big = 'x'.repeat(5000);
    assertError(await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: big, kind: 'custom' } }), 413, 'payload_too_large');
    assertError(await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'BIG0001', vehicle: { make: big } }) }), 413, 'payload_too_large');
    assertError(
      await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ data_type: 'heartbeat', pad: big }) }),
      413,
      'payload_too_large',
    );
    const list = (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'Big import', kind: 'custom' } })).json();
    const file = Array.from({ length: 2000 }, (_, i) => `BIG${String(i).padStart(4, '0')}`).join('\n');
    assertError(await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/import?format=plain`, headers: { 'content-type': 'text/plain' }, payload: file }), 413, 'payload_too_large');
    // a file between the JSON limit and the import limit is fine
    const medium = file.slice(0, 6000);
    const ok = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/import?format=plain`, headers: { 'content-type': 'text/plain' }, payload: medium });
    assert.equal(ok.statusCode, 200, ok.body);
    await stillServing();
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['POST', '/api/v2/reads'],
      ['DELETE', '/api/v1/hits'],
      ['GET', '/wp-login.php?x=1'],
    ] as const) {
      const res = await t.call({ method, url, token: null });
      assertError(res, 404, 'not_found_or_forbidden');
      assert.doesNotMatch(res.body, /x=1/);
    }
  });

  it('hides an unexpected failure behind a 500 internal error, and keeps serving', async () => {
    const hits = t.ctx.hits;
    const original = hits.list;
    hits.list = async () => {
      throw new Error('SQLITE_CORRUPT at /var/lib/rtcc/data/rtcc.db');
    };
    try {
      const res = await t.call({ method: 'GET', url: '/api/v1/hits' });
      assertError(res, 500, 'internal');
      assert.doesNotMatch(res.body, /SQLITE|\/var\/lib/);
    } finally {
      hits.list = original;
    }
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/hits' })).statusCode, 200);
  });

  it('keeps serving after a burst of bad requests', async () => {
    const bad = Array.from({ length: 50 }, (_, i) =>
      t.call({ method: 'POST', url: i % 2 ? '/api/v1/reads' : '/api/v1/hotlists', headers: { 'content-type': 'application/json' }, payload: `{"plate":${'['.repeat(i)}` }),
    );
    const answers = await Promise.all(bad);
    assert.ok(answers.every((r) => r.statusCode === 400));
    const health = await t.call({ method: 'GET', url: '/healthz', token: null });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().status, 'ok');
    assert.equal(health.json().store, 'sqlite');
  });
});
