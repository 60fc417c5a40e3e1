import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';

describe('sources routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('creates a source and shows its key once', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'North gate', kind: 'rtcc' } });
    assert.equal(res.statusCode, 201, res.body);
    const { source, key } = res.json();
    assert.match(key, /^rtcc_src_[A-Za-z0-9_-]{20,}$/);
    assert.equal(source.name, 'North gate');
    assert.equal(source.kind, 'rtcc');
    assert.ok(key.startsWith(source.keyPrefix));
    const list = await t.call({ method: 'GET', url: '/api/v1/sources' });
    assert.equal(list.statusCode, 200);
    const listed = list.json().items.find((s: { id: string }) => s.id === source.id);
    assert.equal(listed.name, 'North gate');
    assert.equal(list.body.includes(key), false, 'the key must never be listed again');
    assert.equal(listed.keyHash, undefined);
  });

  it('refuses an unknown source kind, naming the known ones', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'x', kind: 'milestone' } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.match(res.json().error.message, /openalpr/);
  });

  it('keeps a source\'s IANA time zone in its canonical spelling and lists it', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'AutoVu, City Hall', kind: 'genetec', timeZone: 'america/chicago' } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().source.timeZone, 'America/Chicago');
    const listed = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().items.find((s: { id: string }) => s.id === res.json().source.id);
    assert.equal(listed.timeZone, 'America/Chicago');
    const none = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'No zone', kind: 'axis' } })).json();
    assert.equal(none.source.timeZone, undefined);
  });

  it('refuses a time zone that is not an IANA name, with a JSON error naming the field', async () => {
    for (const timeZone of ['Mars/Olympus', 'EST', '+02:00', '', 'America/Chicago; DROP TABLE sources']) {
      const res = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'bad zone', kind: 'genetec', timeZone } });
      assert.equal(res.statusCode, 400, `${timeZone}: ${res.body}`);
      assert.equal(res.json().error.code, 'validation_failed');
      assert.match(res.json().error.message, /timeZone/);
    }
    const wrongType = await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'bad zone', kind: 'genetec', timeZone: 5 } });
    assert.equal(wrongType.statusCode, 400);
  });

  it('revokes a source: its key stops working at once', async () => {
    const created = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Old cam', kind: 'rtcc' } })).json();
    const before = await t.call({ method: 'POST', url: '/api/v1/reads', token: created.key, payload: rtccRead() });
    assert.equal(before.statusCode, 200, before.body);
    const revoked = await t.call({ method: 'DELETE', url: `/api/v1/sources/${created.source.id}` });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.ok(revoked.json().revokedAt);
    const afterRevoke = await t.call({ method: 'POST', url: '/api/v1/reads', token: created.key, payload: rtccRead() });
    assert.equal(afterRevoke.statusCode, 401);
    assert.equal(afterRevoke.json().error.code, 'unauthenticated');
    const viaQuery = await t.call({ method: 'POST', url: `/api/v1/reads?key=${created.key}`, token: null, payload: rtccRead() });
    assert.equal(viaQuery.statusCode, 401);
    const list = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json();
    assert.ok(list.items.find((s: { id: string }) => s.id === created.source.id).revokedAt);
  });

  it('answers 404 for revoking a source that does not exist', async () => {
    const res = await t.call({ method: 'DELETE', url: '/api/v1/sources/00000000-0000-4000-8000-000000000000' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found_or_forbidden');
  });

  it('shows each source\'s health after it sends', async () => {
    const created = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Health cam', kind: 'rtcc' } })).json();
    await t.call({ method: 'POST', url: '/api/v1/reads', token: created.key, payload: [rtccRead(), rtccRead()] });
    const list = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json();
    const s = list.items.find((x: { id: string }) => x.id === created.source.id);
    assert.equal(s.health.reads, 2);
  });

  it('audits source creation and revocation', async () => {
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?limit=500' })).json();
    const actions = audit.items.map((r: { action: string }) => r.action);
    assert.ok(actions.includes('sources.create'));
    assert.ok(actions.includes('sources.revoke'));
  });
});
