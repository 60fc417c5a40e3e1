// Deny by default with every module on: every route of the cad and avl modules refuses a request
// without a valid credential, ingest keys open only the ingest route of their own kind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';

const MINE = /^\/api\/v1\/(incidents|units|gunshots|ingest\/(eido|osmand|traccar|gunshot))/;
const INGEST_KIND: Record<string, string> = {
  '/api/v1/ingest/eido': 'eido',
  '/api/v1/ingest/gunshot': 'gunshot',
  '/api/v1/ingest/osmand': 'osmand',
  '/api/v1/ingest/traccar': 'traccar',
};
const concrete = (url: string) => url.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');

describe('cad and avl routes: deny by default', () => {
  let t: TestApp;
  let routes: { method: 'GET' | 'POST'; url: string }[];
  const keys: Record<string, string> = {};
  before(async () => {
    t = await startTestApp({ modules: ['lpr', 'hotlists', 'cad', 'avl'] });
    const paths = t.app.swagger().paths ?? {};
    routes = Object.entries(paths)
      .filter(([p]) => MINE.test(p))
      .flatMap(([url, ops]) => Object.keys(ops as object).map((m) => ({ method: m.toUpperCase() as 'GET' | 'POST', url })))
      .filter((r) => r.method === 'GET' || r.method === 'POST');
    for (const kind of ['eido', 'gunshot', 'osmand', 'traccar', 'rtcc']) {
      keys[kind] = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: `${kind} sender`, kind } })).json().key;
    }
  });
  after(() => t.close());

  it('finds every route of the two modules in the API description', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(names, [
      'GET /api/v1/gunshots',
      'GET /api/v1/gunshots/{id}',
      'GET /api/v1/incidents',
      'GET /api/v1/incidents/{id}',
      'GET /api/v1/ingest/osmand',
      'GET /api/v1/units',
      'GET /api/v1/units/{id}',
      'POST /api/v1/gunshots/{id}/outcome',
      'POST /api/v1/ingest/eido',
      'POST /api/v1/ingest/gunshot',
      'POST /api/v1/ingest/osmand',
      'POST /api/v1/ingest/traccar',
    ]);
  });

  it('answers 401 without a token or with a bad one, with the one error shape', async () => {
    for (const r of routes) {
      for (const token of [null, 'not-a-real-token']) {
        const res = await t.call({ method: r.method, url: concrete(r.url), token, payload: r.method === 'POST' ? {} : undefined });
        assert.equal(res.statusCode, 401, `${r.method} ${r.url}`);
        assert.equal(res.json().error.code, 'unauthenticated');
        assert.doesNotMatch(res.body, /stack|\bat .+:\d+:\d+/);
      }
    }
  });

  it('lets each ingest key through its own ingest route only', async () => {
    for (const r of routes) {
      const own = INGEST_KIND[r.url];
      for (const [kind, key] of Object.entries(keys)) {
        const res = await t.call({ method: r.method, url: concrete(r.url), token: key, payload: r.method === 'POST' ? {} : undefined });
        const what = `${kind} key on ${r.method} ${r.url}`;
        if (own === kind) assert.ok(res.statusCode === 200 || res.statusCode === 202, `${what}: ${res.statusCode} ${res.body}`);
        else {
          assert.equal(res.statusCode, 403, `${what}: ${res.statusCode}`);
          assert.equal(res.json().error.code, 'forbidden', what);
        }
      }
    }
  });
});
