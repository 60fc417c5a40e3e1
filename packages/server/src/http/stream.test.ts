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

  it('sends a console only the reads inside the viewport it asked for, and none after unsubscribing', async () => {
    const c = await connect();
    await c.next('snapshot');
    c.socket.send(JSON.stringify({ type: 'reads.subscribe', bbox: [-97.8, 30.2, -97.7, 30.3] }));
    await new Promise((r) => setTimeout(r, 50)); // the socket delivers in order; give the server a turn
    await t.call({
      method: 'POST',
      url: '/api/v1/reads',
      payload: [rtccRead({ plate: 'VPT0001', location: [-97.75, 30.25] }), rtccRead({ plate: 'VPT0002', location: [-96.0, 32.0] }), rtccRead({ plate: 'VPT0003', location: [-97.71, 30.29] })],
    });
    const batch = await c.next('read.ingested', (m) => (m.reads as { plate: string }[]).some((r) => r.plate === 'VPT0003'));
    assert.deepEqual((batch.reads as { plate: string }[]).map((r) => r.plate), ['VPT0001', 'VPT0003']);

    c.socket.send(JSON.stringify({ type: 'reads.unsubscribe' }));
    const seen = c.messages.length;
    await new Promise((r) => setTimeout(r, 50));
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'VPT0004' }) });
    await new Promise((r) => setTimeout(r, 600)); // more than two frames
    assert.equal(c.messages.slice(seen).some((m) => m.type === 'read.ingested'), false);
  });

  it('answers a message it cannot take with an error and keeps the connection', async () => {
    const c = await connect();
    await c.next('snapshot');
    c.socket.send('not json');
    const bad = await c.next('error');
    assert.equal((bad.error as { code: string }).code, 'validation_failed');
    c.socket.send(JSON.stringify({ type: 'reads.subscribe', bbox: [10, 0, 5, 1] }));
    await c.next('error', (m) => /west ≤ east/.test((m.error as { message: string }).message));
    c.socket.send(JSON.stringify({ type: 'hello' }));
    await c.next('error', (m) => /unknown message type "hello"/.test((m.error as { message: string }).message));
    // still subscribed to every read
    await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'ERR0001' }) });
    await c.next('read.ingested', (m) => (m.reads as { plate: string }[]).some((r) => r.plate === 'ERR0001'));
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
