// The live WebSocket with the cad and avl modules: open incidents, recent gunshots and units in
// the snapshot, then incident.updated, gunshot.detected and unit.moved (batched per frame); and
// none of it when the modules are off.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, openStream, startTestApp, type StreamClient, type TestApp } from './test-app.ts';

const EIDO = fileURLToPath(new URL('../ingest/eido/fixtures/incident-open.eido.json', import.meta.url));
const ts = () => Math.floor(Date.now() / 1000) - 30;

describe('stream with cad and avl', () => {
  let t: TestApp;
  let base: string;
  const clients: StreamClient[] = [];
  const connect = async () => {
    const c = await openStream(base, `?access_token=${ADMIN_TOKEN}`);
    clients.push(c);
    return c;
  };
  before(async () => {
    t = await startTestApp({ modules: ['lpr', 'hotlists', 'cad', 'avl'] });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('puts open incidents, recent gunshots and units in the snapshot', async () => {
    await t.call({ method: 'POST', url: '/api/v1/ingest/eido', headers: { 'content-type': 'application/json' }, payload: readFileSync(EIDO) });
    await t.call({ method: 'POST', url: '/api/v1/ingest/gunshot', payload: { vendor: 'acme', id: 'SNAP-1', detectedAt: new Date().toISOString(), location: [-87.6, 41.8] } });
    const c = await connect();
    const snap = await c.next('snapshot');
    assert.deepEqual((snap.openIncidents as { type: string }[]).map((i) => i.type), ['Law-Burglary']);
    assert.deepEqual((snap.recentGunshots as { sourceEventId: string }[]).map((g) => g.sourceEventId), ['SNAP-1']);
    assert.deepEqual((snap.units as { id: string }[]).map((u) => u.id), ['2B31', '2B44']);
    assert.ok(Array.isArray(snap.openHits));
  });

  it('sends incident.updated when an EIDO changes an incident, and nothing for a resend', async () => {
    const c = await connect();
    await c.next('snapshot');
    const closing = JSON.parse(readFileSync(EIDO, 'utf8'));
    closing.lastUpdateTimeStamp = '2026-03-14T23:00:00.000-05:00';
    closing.incidentComponent.incidentStatusCommonRegistryText = ['Closed'];
    const post = () => t.call({ method: 'POST', url: '/api/v1/ingest/eido', payload: closing });
    await post();
    const msg = await c.next('incident.updated');
    const inc = msg.incident as { status: string; closedAt: string; sourceIncidentId: string };
    assert.equal(inc.status, 'closed');
    assert.equal(inc.closedAt, '2026-03-15T04:00:00.000Z');
    await post();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.messages.filter((m) => m.type === 'incident.updated').length, 1);
  });

  it('sends gunshot.detected at once', async () => {
    const c = await connect();
    await c.next('snapshot');
    await t.call({ method: 'POST', url: '/api/v1/ingest/gunshot', payload: { vendor: 'acme', id: 'LIVE-1', detectedAt: new Date().toISOString(), location: [-87.6, 41.8], rounds: 3 } });
    const msg = await c.next('gunshot.detected');
    assert.equal((msg.gunshot as { sourceEventId: string; rounds: number }).sourceEventId, 'LIVE-1');
    assert.equal((msg.gunshot as { rounds: number }).rounds, 3);
  });

  it('sends gunshot.outcomeRecorded to every console when one records an outcome', async () => {
    const [a, b] = [await connect(), await connect()];
    await Promise.all([a.next('snapshot'), b.next('snapshot')]);
    const posted = await t.call({ method: 'POST', url: '/api/v1/ingest/gunshot', payload: { vendor: 'acme', id: 'OUTCOME-1', detectedAt: new Date().toISOString(), location: [-87.6, 41.8] } });
    const id = (posted.json().alerts as { id: string }[])[0].id;
    const res = await t.call({ method: 'POST', url: `/api/v1/gunshots/${id}/outcome`, payload: { evidenceFound: true, recordedBy: 'Sgt. Example', note: 'three casings' } });
    assert.equal(res.statusCode, 200);
    for (const c of [a, b]) {
      const msg = await c.next('gunshot.outcomeRecorded', (m) => (m.gunshot as { id: string }).id === id);
      const g = msg.gunshot as { sourceEventId: string; outcome: { evidenceFound: boolean; note: string; recordedBy: string; recordedAt: string } };
      assert.equal(g.sourceEventId, 'OUTCOME-1');
      assert.deepEqual({ ...g.outcome, recordedAt: undefined }, { evidenceFound: true, note: 'three casings', recordedBy: 'Sgt. Example', recordedAt: undefined });
      assert.ok(Date.parse(g.outcome.recordedAt) > 0);
    }
    const missing = await t.call({ method: 'POST', url: '/api/v1/gunshots/no-such-alert/outcome', payload: { evidenceFound: false, recordedBy: 'Sgt. Example' } });
    assert.equal(missing.statusCode, 404);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(a.messages.filter((m) => m.type === 'gunshot.outcomeRecorded').length, 1, 'a failed outcome announces nothing');
  });

  it('batches unit.moved per frame, each unit once with its latest position', async () => {
    const c = await connect();
    await c.next('snapshot');
    const t0 = ts();
    for (const [i, id] of ['S-1', 'S-2', 'S-1'].entries()) {
      await t.call({ method: 'GET', url: `/api/v1/ingest/osmand?id=${id}&timestamp=${t0 + i}&lat=${40 + i}&lon=-75` });
    }
    await c.next('unit.moved', (m) => (m.units as { id: string }[]).some((u) => u.id === 'S-2'));
    await new Promise((r) => setTimeout(r, 400)); // a frame later, whatever frame boundary fell between the posts
    const frames = c.messages.filter((m) => m.type === 'unit.moved').map((m) => m.units as { id: string; position: { location: number[] } }[]);
    for (const f of frames) assert.equal(new Set(f.map((u) => u.id)).size, f.length, 'a unit at most once per frame');
    const s1 = frames.flat().filter((u) => u.id === 'S-1');
    assert.ok(s1.length >= 1 && s1.length <= 2);
    assert.deepEqual(s1[s1.length - 1].position.location, [-75, 42], 'the latest position is the last sent');
    const mine = frames.filter((f) => f.some((u) => u.id.startsWith('S-')));
    assert.ok(mine.length <= 2, `${mine.length} frames for three positions posted together`);
  });
});

describe('stream without cad and avl', () => {
  let t: TestApp;
  let base: string;
  let c: StreamClient | undefined;
  before(async () => {
    t = await startTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    c?.close();
    await t.close();
  });

  it('leaves incidents, gunshots and units out of the snapshot and sends none of their events', async () => {
    c = await openStream(base, `?access_token=${ADMIN_TOKEN}`);
    const snap = await c.next('snapshot');
    assert.equal('openIncidents' in snap, false);
    assert.equal('units' in snap, false);
    assert.equal('recentGunshots' in snap, false);
    // the services do not exist; an event on the bus (another node's, say) is not forwarded either
    t.ctx.bus.publish('unit.moved', { units: [{ id: 'X', updatedAt: Date.now() }] });
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(c.messages.some((m) => m.type === 'unit.moved' || m.type === 'incident.updated'), false);
  });
});
