// The live WebSocket: a snapshot of open hits first, then hits and reads as they happen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, OPENALPR_SAMPLES, openStream, rtccRead, startTestApp, type StreamClient, type TestApp } from './test-app.ts';

describe('GET /api/v1/stream', () => {
  let t: TestApp;
  let base: string;
  let hotlistId: string;
  const clients: StreamClient[] = [];
  const connect = async (query = `?access_token=${ADMIN_TOKEN}`) => {
    const c = await openStream(base, query);
    clients.push(c);
    return c;
  };

  before(async () => {
    t = await startTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    hotlistId = (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'Stream list', kind: 'custom', priority: 1 } })).json().id;
    // D2651BF is the plate of the real OpenALPR group sample
    await t.call({ method: 'POST', url: `/api/v1/hotlists/${hotlistId}/entries`, payload: [{ plate: 'D2651BF', reason: 'stolen vehicle' }, { plate: 'STR0001', reason: 'wanted' }] });
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('refuses a connection without a token, with a bad token, or with an ingest key', async () => {
    await assert.rejects(openStream(base, ''), { statusCode: 401 });
    await assert.rejects(openStream(base, '?access_token=wrong-token'), { statusCode: 401 });
    const { key } = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'cam', kind: 'openalpr' } })).json();
    await assert.rejects(openStream(base, `?access_token=${key}`), { statusCode: 403 });
  });

  it('answers a plain HTTP request with a JSON error naming the WebSocket', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/stream' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.match(res.json().error.message, /WebSocket/);
  });

  it('sends a snapshot of open hits first', async () => {
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'STR0001' }) });
    const c = await connect();
    const snap = await c.next('snapshot');
    assert.equal(c.messages[0].type, 'snapshot');
    const open = snap.openHits as { entryPlate: string; status: string }[];
    assert.ok(open.some((h) => h.entryPlate === 'STR0001' && h.status === 'pending'));
    assert.ok(Date.parse(snap.serverTime as string) > 0);
  });

  it('sends the snapshot first even when a hit is raised while it is being read', async () => {
    const hits = t.ctx.hits;
    const original = hits.list;
    let listed!: () => void;
    let release!: () => void;
    const wasListed = new Promise<void>((r) => (listed = r));
    const gate = new Promise<void>((r) => (release = r));
    hits.list = async (filter) => {
      const page = await original.call(hits, filter);
      listed();
      await gate;
      return page;
    };
    try {
      const c = await connect();
      await wasListed;
      await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'STR0001' }) });
      release();
      const raised = await c.next('hit.raised');
      assert.equal(c.messages[0].type, 'snapshot', `first message was ${c.messages[0].type}`);
      assert.equal(c.messages.indexOf(raised as never) > 0, true);
    } finally {
      hits.list = original;
    }
  });

  it('sends hit.raised when an OpenALPR sample matches, then hit.verified after verification', async () => {
    const c = await connect();
    await c.next('snapshot');
    const post = await t.call({
      method: 'POST',
      url: '/api/v1/ingest/openalpr',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: readFileSync(join(OPENALPR_SAMPLES, 'alpr_group.agent-2.7.101.doc.json')),
    });
    assert.equal(post.json().hits, 1, post.body);
    const raised = (await c.next('hit.raised', (m) => (m.hit as { entryPlate: string }).entryPlate === 'D2651BF')).hit as { id: string; readId: string; hotlistId: string; actionable: boolean };
    assert.equal(raised.hotlistId, hotlistId);
    assert.equal(raised.readId, post.json().readIds[0]);
    assert.equal(raised.actionable, false);
    const v = await t.call({ method: 'POST', url: `/api/v1/hits/${raised.id}/verification`, payload: { disposition: 'confirmed', verifiedBy: 'Dispatcher K. Moore' } });
    assert.equal(v.statusCode, 200, v.body);
    const verified = (await c.next('hit.verified', (m) => (m.hit as { id: string }).id === raised.id)).hit as { status: string; actionable: boolean; verification: { verifiedBy: string } };
    assert.equal(verified.status, 'confirmed');
    assert.equal(verified.actionable, true);
    assert.equal(verified.verification.verifiedBy, 'Dispatcher K. Moore');
  });

  it('sends recent reads for the map, batched', async () => {
    const c = await connect();
    await c.next('snapshot');
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: [rtccRead({ plate: 'MAP0001' }), rtccRead({ plate: 'MAP0002' })] });
    const batch = await c.next('read.ingested', (m) => (m.reads as { plate: string }[]).some((r) => r.plate === 'MAP0002'));
    const platesSent = (batch.reads as { plate: string; location: number[] }[]).map((r) => r.plate);
    assert.deepEqual(platesSent.filter((p) => p.startsWith('MAP')), ['MAP0001', 'MAP0002']);
  });

  it('leaves a verified hit out of a later snapshot', async () => {
    const c = await connect();
    const snap = await c.next('snapshot');
    const open = snap.openHits as { entryPlate: string; status: string }[];
    assert.equal(open.some((h) => h.entryPlate === 'D2651BF'), false);
    assert.ok(open.every((h) => h.status === 'pending'));
  });

  it('tells every connected console about a hit', async () => {
    const a = await connect();
    const b = await connect();
    await Promise.all([a.next('snapshot'), b.next('snapshot')]);
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'STR0001' }) });
    const [ha, hb] = await Promise.all([a.next('hit.raised', (m) => (m.hit as { entryPlate: string }).entryPlate === 'STR0001'), b.next('hit.raised', (m) => (m.hit as { entryPlate: string }).entryPlate === 'STR0001')]);
    assert.equal((ha.hit as { id: string }).id, (hb.hit as { id: string }).id);
  });
});
