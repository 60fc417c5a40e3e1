// Modules: what an agency has switched on decides which routes exist and whether reads are
// matched. Plates are synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JUSTIFICATION, rtccRead, startTestApp, type TestApp } from '../test-app.ts';

describe('modules route and healthz', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('reports the enabled modules on /healthz', async () => {
    const res = await t.call({ method: 'GET', url: '/healthz', token: null });
    assert.deepEqual(res.json().modules, ['lpr', 'hotlists']);
  });

  it('lists every known module, on or off, available or planned', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/modules' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { name: string; enabled: boolean; available: boolean; description: string }[];
    assert.deepEqual(
      items.map((m) => [m.name, m.enabled, m.available]),
      [
        ['lpr', true, true],
        ['hotlists', true, true],
        ['cad', false, true],
        ['avl', false, true],
        ['video', false, true],
        ['sharing', false, true],
      ],
    );
    for (const m of items) assert.ok(m.description.length > 0, m.name);
  });

  it('answers any valid token, even an ingest key, and refuses a request without one', async () => {
    const key = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'gate cam', kind: 'rtcc' } })).json().key;
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/modules', token: key })).statusCode, 200);
    const anon = await t.call({ method: 'GET', url: '/api/v1/modules', token: null });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'unauthenticated');
  });
});

describe('with RTCC_MODULES=lpr', () => {
  let t: TestApp;
  let listId: string;
  before(async () => {
    t = await startTestApp({ modules: ['lpr'] });
    // a list and entry straight through the service (no route can make one): the hotlists module
    // would answer for this list and match this plate
    listId = (await t.ctx.hotlists.create({ name: 'Stolen', kind: 'custom' })).id;
    await t.ctx.hotlists.addEntries(listId, [{ plate: 'MOD1001', reason: 'stolen vehicle' }], 'test');
  });
  after(() => t.close());

  it('has no hotlist or hit routes: they answer the usual 404', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['GET', '/api/v1/hotlists'],
      ['POST', '/api/v1/hotlists'],
      ['GET', `/api/v1/hotlists/${listId}`],
      ['GET', `/api/v1/hotlists/${listId}/entries`],
      ['POST', `/api/v1/hotlists/${listId}/import?format=plain`],
      ['GET', '/api/v1/hits'],
      ['GET', `/api/v1/hits/${id}`],
      ['POST', `/api/v1/hits/${id}/verification`],
    ] as const) {
      const res = await t.call({ method, url, payload: method === 'POST' ? {} : undefined });
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.statusCode}`);
      assert.equal(res.json().error.code, 'not_found_or_forbidden', `${method} ${url}`);
    }
    // a missing route gives nothing away, with or without a token
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/hits', token: null })).statusCode, 404);
  });

  it('takes and finds reads, but never matches them against hotlists', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'MOD1001' }) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    assert.equal(res.json().hits, 0);
    assert.equal((await t.ctx.hits.list({ status: 'all', limit: 10 })).items.length, 0);

    const [readId] = res.json().readIds;
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/reads/${readId}` })).statusCode, 200);
    const search = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { plate: 'MOD1001', justification: JUSTIFICATION } });
    assert.equal(search.statusCode, 200, search.body);
    assert.equal(search.json().total, 1);
  });

  it('says which modules are off', async () => {
    assert.deepEqual((await t.call({ method: 'GET', url: '/healthz', token: null })).json().modules, ['lpr']);
    const items = (await t.call({ method: 'GET', url: '/api/v1/modules' })).json().items as { name: string; enabled: boolean }[];
    assert.equal(items.find((m) => m.name === 'hotlists')?.enabled, false);
    assert.equal(items.find((m) => m.name === 'lpr')?.enabled, true);
  });

  it('leaves the hotlists out of the API description', async () => {
    const paths = Object.keys((await t.call({ method: 'GET', url: '/api/v1/openapi.json', token: null })).json().paths);
    assert.ok(paths.includes('/api/v1/reads/search'));
    assert.ok(!paths.some((p) => p.startsWith('/api/v1/hotlists') || p.startsWith('/api/v1/hits')), paths.join(', '));
  });
});
