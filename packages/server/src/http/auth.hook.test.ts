// Deny by default: every registered route but the public ones refuses a request without a valid
// credential, and an ingest key opens the ingest routes only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { ADMIN_TOKEN, rtccRead, startTestApp, type TestApp } from './test-app.ts';
import { declaredRoutes } from './auth.hook.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../auth/permissions.ts';
import { enrolUser, signInAs } from './routes/users.fixture.ts';

// `/*` is the console's files and its client-side screens (web.routes.ts): no data, no API
// the log-on banner, sign-in and enrolment come before anyone holds a credential
const PUBLIC = new Set([
  'GET /', 'HEAD /', 'GET /*', 'HEAD /*', 'GET /healthz', 'HEAD /healthz', 'GET /api/v1/openapi.json', 'HEAD /api/v1/openapi.json',
  'GET /api/v1/logon-banner', 'HEAD /api/v1/logon-banner', 'POST /api/v1/session', 'POST /api/v1/enrolment',
  // single sign-on: whether it is offered (its login and callback exist only when it is configured)
  'GET /api/v1/auth/oidc', 'HEAD /api/v1/auth/oidc',
  // the public transparency page and its JSON: computed from live data, no plate, person or internal field
  'GET /transparency', 'HEAD /transparency', 'GET /api/v1/public/transparency', 'HEAD /api/v1/public/transparency',
]);
const INGEST = new Set(['POST /api/v1/reads', 'POST /api/v1/ingest/openalpr']);
/** Open to any valid credential, an ingest key included. */
const AUTHENTICATED = new Set(['GET /api/v1/modules', 'HEAD /api/v1/modules', 'GET /api/v1/session', 'HEAD /api/v1/session', 'DELETE /api/v1/session', 'GET /api/v1/justification-policy', 'HEAD /api/v1/justification-policy']);

/**
 * The access policy, written out by hand: which roles hold each permission. The walk below checks
 * that ROLE_PERMISSIONS says exactly this and that every route behaves accordingly.
 */
const ROLES_BY_PERMISSION: Record<Permission, Role[]> = {
  'reads:ingest': [],
  'incidents:ingest': [],
  'gunshots:ingest': [],
  'units:ingest': [],
  'reads:search': ['admin', 'supervisor', 'analyst'],
  'reads:read': ['admin', 'supervisor', 'analyst'],
  'hotlists:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'auditor'],
  'hotlists:write': ['admin', 'supervisor', 'analyst'],
  'hits:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer', 'auditor'],
  'hits:verify': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer'],
  'cameras:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer', 'auditor'],
  'cameras:write': ['admin'],
  'sources:manage': ['admin'],
  'quarantine:read': ['admin', 'supervisor'],
  'quarantine:replay': ['admin'],
  'audit:read': ['admin', 'supervisor', 'auditor'],
  'audit:review': ['admin', 'supervisor'],
  'stream:subscribe': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer'],
  'incidents:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer'],
  'gunshots:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer'],
  'gunshots:write': ['admin', 'supervisor', 'analyst', 'dispatcher'],
  'units:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer'],
  'training:manage': ['admin', 'supervisor'],
  'training:read': ['admin', 'supervisor', 'analyst'],
  'users:manage': ['admin'],
  'integrations:manage': ['admin'],
  'retention:read': ['admin', 'supervisor', 'auditor'],
  'retention:hold': ['admin', 'supervisor'],
  'retention:manage': ['admin'],
  'incidents:import': ['admin', 'supervisor', 'dispatcher'],
  'webhooks:manage': ['admin'],
  'video:read': ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer'],
  'video:write': ['admin', 'supervisor'],
  'video:contacts': ['admin', 'supervisor', 'analyst'],
  'sharing:manage': ['admin'],
  // a partner agency's key only; no person's role
  'federation:search': [],
};

/** Every route the server registered, read from Fastify's own route tree. */
function registeredRoutes(t: TestApp): { method: HTTPMethods; url: string }[] {
  const parents: string[] = [];
  const out: { method: HTTPMethods; url: string }[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[└├]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const url = (depth === 0 ? '' : parents[depth - 1]) + m[2];
    parents[depth] = url;
    for (const method of m[3].split(', ')) out.push({ method: method as HTTPMethods, url: url.replace(/\/\/+/g, '/') });
  }
  return out;
}

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

function assertErrorBody(body: string, code: string, what: string): void {
  const parsed = JSON.parse(body);
  assert.equal(parsed.error?.code, code, `${what}: ${body}`);
  assert.equal(typeof parsed.error.message, 'string', what);
  assert.ok(parsed.error.message.length > 0, what);
  assert.match(parsed.error.requestId, /^[0-9a-f-]{36}$/, what);
  assert.doesNotMatch(body, /\bat .+:\d+:\d+|stack/i, `${what} leaks a stack trace`);
}

describe('deny by default', () => {
  let t: TestApp;
  let routes: { method: HTTPMethods; url: string }[];
  let rtccKey: string;
  let openalprKey: string;

  before(async () => {
    // every module on, so the walk covers every route a live server can have
    t = await startTestApp({ modules: ['lpr', 'hotlists', 'cad', 'avl', 'video', 'sharing'], agencyName: 'Test County Sheriff' });
    routes = registeredRoutes(t);
    const a = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'gate cam', kind: 'rtcc' } });
    const b = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'alprd on pole 4', kind: 'openalpr' } });
    rtccKey = a.json().key;
    openalprKey = b.json().key;
  });
  after(() => t.close());

  it('finds every route, checked against the route table and the OpenAPI description', async () => {
    for (const r of routes) assert.ok(t.app.hasRoute(r), `parsed a route that does not exist: ${r.method} ${r.url}`);
    const documented = Object.keys(t.app.swagger().paths ?? {}).map((p) => p.replace(/\{(\w+)\}/g, ':$1'));
    for (const p of documented) assert.ok(routes.some((r) => r.url === p), `route ${p} missing from the walk`);
    assert.ok(routes.length >= 30, `only ${routes.length} routes found`);
  });

  it('answers 401 to every non-public route without a token and with a bad one', async () => {
    const closed = routes.filter((r) => !PUBLIC.has(`${r.method} ${r.url}`));
    assert.ok(closed.length > 0);
    for (const r of closed) {
      const what = `${r.method} ${r.url}`;
      for (const token of [null, 'not-a-real-token', `${ADMIN_TOKEN}x`]) {
        const res = await t.call({ method: r.method, url: concrete(r.url), token, payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : {} });
        assert.equal(res.statusCode, 401, `${what} with token ${token}: ${res.statusCode}`);
        if (r.method !== 'HEAD') assertErrorBody(res.body, 'unauthenticated', what);
      }
    }
  });

  it('refuses an ingest key on every non-ingest route with 403', async () => {
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key) || INGEST.has(key) || AUTHENTICATED.has(key)) continue;
      const res = await t.call({ method: r.method, url: concrete(r.url), token: rtccKey, payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : {} });
      assert.equal(res.statusCode, 403, `${key}: ${res.statusCode}`);
      if (r.method !== 'HEAD') assertErrorBody(res.body, 'forbidden', key);
    }
  });

  it('serves the public routes without a token', async () => {
    for (const url of ['/', '/healthz', '/api/v1/openapi.json']) {
      const res = await t.call({ method: 'GET', url, token: null });
      assert.equal(res.statusCode, 200, url);
    }
  });

  it('takes an ingest key as ?key= on ingest routes', async () => {
    const res = await t.call({ method: 'POST', url: `/api/v1/reads?key=${encodeURIComponent(rtccKey)}`, token: null, payload: rtccRead() });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    const alpr = await t.call({
      method: 'POST',
      url: `/api/v1/ingest/openalpr?key=${encodeURIComponent(openalprKey)}`,
      token: null,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ data_type: 'heartbeat', agent_uid: 'agent-1', timestamp: Date.now() }),
    });
    assert.equal(alpr.statusCode, 200, alpr.body);
  });

  it('ignores ?key= and ?access_token= on other routes, even with the admin token', async () => {
    for (const q of ['key', 'access_token']) {
      const res = await t.call({ method: 'GET', url: `/api/v1/hits?${q}=${ADMIN_TOKEN}`, token: null });
      assert.equal(res.statusCode, 401, q);
    }
  });

  it('keeps a key to the source family it was issued for', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', token: openalprKey, payload: rtccRead() });
    assert.equal(res.statusCode, 403);
    assertErrorBody(res.body, 'forbidden', 'openalpr key on /reads');
  });

  it('gives each role exactly the permissions of the written policy', () => {
    for (const role of ROLES) {
      const want = PERMISSIONS.filter((p) => ROLES_BY_PERMISSION[p].includes(role)).sort();
      assert.deepEqual([...ROLE_PERMISSIONS[role]].sort(), want, role);
    }
  });

  it('walks every route as every role: allowed where the policy says, 403 everywhere else', async () => {
    const table = declaredRoutes(t.app);
    const tokens = new Map<Role, string>();
    for (const role of ROLES) tokens.set(role, await signInAs(t, await enrolUser(t, `walk-${role}`, role)));
    const allowedSeen = new Map<Role, number>();
    let walked = 0;
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key)) continue;
      const access = table.get(r.method === 'HEAD' ? `GET ${r.url}` : key);
      assert.ok(access, `${key} has no declared access`);
      if (key === 'DELETE /api/v1/session') continue; // signs the walker out: checked on its own below
      walked++;
      for (const role of ROLES) {
        const allowed = access === 'authenticated' || (access !== 'public' && ROLES_BY_PERMISSION[access].includes(role));
        const res = await t.call({ method: r.method, url: concrete(r.url), token: tokens.get(role)!, payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : {} });
        if (allowed) {
          assert.ok(res.statusCode !== 401 && res.statusCode !== 403, `${role} should reach ${key} (${access}): ${res.statusCode} ${res.body}`);
          allowedSeen.set(role, (allowedSeen.get(role) ?? 0) + 1);
        } else {
          assert.equal(res.statusCode, 403, `${role} must be denied ${key} (${access}): ${res.statusCode}`);
          if (r.method !== 'HEAD') assertErrorBody(res.body, 'forbidden', `${role} ${key}`);
        }
      }
    }
    assert.ok(walked >= 40, `walked only ${walked} routes`);
    for (const role of ROLES) assert.ok((allowedSeen.get(role) ?? 0) > 0, `${role} reached nothing`);
    for (const role of ROLES) {
      const out = await t.call({ method: 'DELETE', url: '/api/v1/session', token: tokens.get(role)! });
      assert.equal(out.statusCode, 204, role);
      const after = await t.call({ method: 'GET', url: '/api/v1/modules', token: tokens.get(role)! });
      assert.equal(after.statusCode, 401, `${role}'s token after sign-out`);
    }
  });

  it('refuses a malformed Authorization header', async () => {
    for (const authorization of [`Basic ${ADMIN_TOKEN}`, 'Bearer', `Bearer ${ADMIN_TOKEN} extra`]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/hits', headers: { authorization } });
      assert.equal(res.statusCode, 401, authorization);
    }
  });
});
