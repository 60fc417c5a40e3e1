// Integration API keys: an admin creates a key with the scopes an integration needs; it works for
// exactly those routes, nothing else, until it expires or is revoked; the key is never shown again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JUSTIFICATION, rtccRead, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';
import { sha256Hex } from '../../auth/auth.service.ts';

describe('integration API keys', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  const create = (payload: Record<string, unknown>, token?: string) => t.call({ method: 'POST', url: '/api/v1/integration-keys', payload, ...(token ? { token } : {}) });

  it('gives a key exactly the scopes asked for: an RMS reading hits cannot search plates or manage anything', async () => {
    const res = await create({ name: 'County RMS hit pull', scopes: ['hits:read', 'incidents:read'], expiresInDays: 30 });
    assert.equal(res.statusCode, 201, res.body);
    const { key, integrationKey } = res.json();
    assert.match(key, /^rtcc_int_/);
    assert.equal(integrationKey.status, 'active');
    assert.deepEqual(integrationKey.scopes, ['hits:read', 'incidents:read']);
    assert.equal(integrationKey.keyHash, undefined);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/hits', token: key })).statusCode, 200);
    assert.equal((await t.call({ method: 'POST', url: '/api/v1/reads/search', token: key, payload: { plate: 'ABC*', justification: JUSTIFICATION } })).statusCode, 403);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/users', token: key })).statusCode, 403);
    assert.equal((await t.call({ method: 'POST', url: '/api/v1/reads', token: key, payload: rtccRead() })).statusCode, 403);
    const who = (await t.call({ method: 'GET', url: '/api/v1/session', token: key })).json();
    assert.equal(who.kind, 'integration');
    assert.equal(who.name, 'integration:County RMS hit pull');
    const listed = (await t.call({ method: 'GET', url: '/api/v1/integration-keys' })).json();
    const mine = listed.items.find((k: { id: string }) => k.id === integrationKey.id);
    assert.ok(mine.lastUsedAt, 'its use is recorded');
    assert.ok(!JSON.stringify(listed).includes(key), 'the key is never shown again');
  });

  it('a search made with a key is audited under the integration and still needs a justification', async () => {
    const { key } = (await create({ name: 'Crime analysis notebook', scopes: ['reads:search'] })).json();
    assert.equal((await t.call({ method: 'POST', url: '/api/v1/reads/search', token: key, payload: { plate: 'ABC*' } })).statusCode, 400);
    const ok = await t.call({ method: 'POST', url: '/api/v1/reads/search', token: key, payload: { plate: 'ABC*', justification: JUSTIFICATION } });
    assert.equal(ok.statusCode, 200, ok.body);
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?limit=20' })).json();
    assert.ok(audit.items.some((r: { actor: string; action: string }) => r.actor === 'integration:Crime analysis notebook' && r.action.startsWith('reads.search')));
  });

  it('revocation takes effect on the next request and is audited', async () => {
    const { key, integrationKey } = (await create({ name: 'SIEM audit export', scopes: ['audit:read'] })).json();
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit', token: key })).statusCode, 200);
    const revoked = await t.call({ method: 'POST', url: `/api/v1/integration-keys/${integrationKey.id}/revoke` });
    assert.equal(revoked.json().status, 'revoked');
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/audit', token: key })).statusCode, 401);
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?action=integration_keys.revoke' })).json();
    assert.equal(audit.items[0].details.keyId, integrationKey.id);
  });

  it('an expired key is refused and listed as expired', async () => {
    // a key whose year has run out, stored as the service stores keys
    const key = 'rtcc_int_expired-key-for-the-test-0123456789';
    const now = Date.now();
    await t.ctx.store.integrationKeys.create({ id: 'ik-expired', name: 'Old sync', keyHash: sha256Hex(key), keyPrefix: key.slice(0, 13), scopes: ['hotlists:read'], createdAt: now - 400 * 86_400_000, createdBy: 'admin', expiresAt: now - 1000 });
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/hotlists', token: key })).statusCode, 401);
    const listed = (await t.call({ method: 'GET', url: '/api/v1/integration-keys' })).json();
    assert.equal(listed.items.find((k: { id: string }) => k.id === 'ik-expired').status, 'expired');
  });

  it('refuses scopes an integration may not hold, a missing name and a too-long life, saying which', async () => {
    const bad = await create({ name: 'Too powerful', scopes: ['users:manage', 'hits:verify', 'hits:read'] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /cannot hold users:manage, hits:verify/);
    assert.equal((await create({ name: 'x', scopes: ['hits:read'] })).statusCode, 400);
    assert.equal((await create({ name: 'Forever key', scopes: ['hits:read'], expiresInDays: 3650 })).statusCode, 400);
    assert.equal((await create({ name: 'No scopes', scopes: [] })).statusCode, 400);
  });

  it('only an admin manages keys', async () => {
    const sup = await enrolUser(t, 'keys.supervisor', 'supervisor');
    const token = await signInAs(t, sup);
    assert.equal((await create({ name: 'Supervisor key', scopes: ['hits:read'] }, token)).statusCode, 403);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/integration-keys', token })).statusCode, 403);
  });
});
