// Outbound webhooks against a real HTTP receiver on 127.0.0.1: a verified hit is posted, signed,
// retried after a timeout and a 503 until it lands; a 4xx fails at once; a restart resumes a
// pending delivery; unsafe URLs and other roles are refused. Plates and records are synthetic.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';
import { verifySignature } from '../../webhooks/index.ts';
import { postWebhook } from '../../webhooks/webhook-sender.ts';

type Answer = number | 'hang';

/** A receiver that answers each request with the next scripted answer (the last one repeats). */
class Receiver {
  readonly got: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  script: Answer[] = [200];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.got.push({ headers: req.headers, body, at: Date.now() });
        const answer = this.script.length > 1 ? this.script.shift()! : this.script[0];
        if (answer === 'hang') return; // never answers: the sender's timeout must fire
        res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 400 ? 'receiver says no' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${addr.port}/cad/rtcc-hits`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const FAST = { modules: ['lpr', 'hotlists'] as ('lpr' | 'hotlists')[], webhookAllowLocal: true, webhookRetryBaseMs: 50, webhookTimeoutMs: 400, webhookMaxAttempts: 5 };

/** A hotlist with one synthetic record, a read that hits it, and the hit's id. */
async function raiseHit(t: TestApp, plate: string): Promise<string> {
  const list = (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: `Stolen ${plate}`, kind: 'custom' } })).json().id;
  const add = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list}/entries`, payload: { plate, state: 'TX', reason: 'stolen vehicle', recordId: `NIC/V${plate}` } });
  assert.ok(add.statusCode < 300, add.body);
  const read = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate, state: 'TX', vehicle: { make: 'Ford', color: 'blue' } }) });
  const readId = read.json().readIds[0];
  const hits = (await t.call({ method: 'GET', url: '/api/v1/hits?limit=500' })).json().items as { id: string; readId: string }[];
  return hits.find((h) => h.readId === readId)!.id;
}

const verify = (t: TestApp, hitId: string, disposition: string) =>
  t.call({ method: 'POST', url: `/api/v1/hits/${hitId}/verification`, payload: { disposition, verifiedBy: 'Sgt. Test 4471', note: 'checked on camera' } });

const addTarget = async (t: TestApp, url: string, events: string[]) => {
  const res = await t.call({ method: 'POST', url: '/api/v1/webhooks', payload: { name: 'County CAD', url, events } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; secret: string };
};

const deliveries = async (t: TestApp, id: string) => (await t.call({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` })).json().items as Record<string, any>[];

describe('outbound webhooks', () => {
  let t: TestApp;
  const rx = new Receiver();
  before(async () => {
    await rx.start();
    t = await startTestApp(FAST);
  });
  after(async () => {
    await t.close();
    await rx.stop();
  });

  it('posts a confirmed hit, signed, retrying after a timeout and a 503, and logs every attempt', async () => {
    const target = await addTarget(t, rx.url, ['hit.verified']);
    assert.match(target.secret, /^whsec_/);
    const listed = (await t.call({ method: 'GET', url: '/api/v1/webhooks' })).json().items;
    assert.equal(JSON.stringify(listed).includes(target.secret), false, 'the secret is never shown again');
    rx.script = ['hang', 503, 200];
    const hitId = await raiseHit(t, 'WHK1001');
    assert.equal((await verify(t, hitId, 'confirmed')).statusCode, 200);
    const [d] = await waitFor('delivery', async () => {
      const list = await deliveries(t, target.id);
      return list[0]?.status === 'delivered' ? list : undefined;
    });
    assert.deepEqual(d.attempts.map((a: { statusCode?: number }) => a.statusCode), [undefined, 503, 200]);
    assert.match(d.attempts[0].error, /no answer within 400 ms/);
    assert.match(d.attempts[1].error, /HTTP 503: receiver says no/);
    assert.equal(d.event, 'hit.verified');
    assert.equal(d.subjectId, hitId);
    assert.equal(rx.got.length, 3);
    assert.equal(new Set(rx.got.map((g) => g.body)).size, 1, 'every retry sends the same body');
    const last = rx.got[2];
    assert.equal(last.headers['x-rtcc-event'], 'hit.verified');
    assert.equal(last.headers['x-rtcc-delivery'], d.id);
    assert.equal(verifySignature(last.headers['x-rtcc-signature'] as string, last.body, target.secret, Date.now() / 1000), true);
    assert.equal(verifySignature(last.headers['x-rtcc-signature'] as string, last.body, 'whsec_not_the_secret', Date.now() / 1000), false);
    const body = JSON.parse(last.body);
    assert.equal(body.hit.id, hitId);
    assert.equal(body.hit.actionable, true);
    assert.equal(body.read.plate, 'WHK1001');
    assert.deepEqual(body.read.vehicle, { make: 'Ford', color: 'blue' });
    assert.equal(body.record.reason, 'stolen vehicle');
    assert.equal(body.record.recordId, 'NIC/VWHK1001');
    assert.deepEqual(body.verification.verifiedBy, 'Sgt. Test 4471');
    assert.equal(body.verification.disposition, 'confirmed');
    assert.equal(JSON.stringify(body).includes('images'), false);
    const backoff = rx.got[2].at - rx.got[1].at;
    assert.ok(backoff >= 50, `waited ${backoff} ms before the third attempt`);
  });

  it('sends any disposition to hit.dispositioned targets only, and a 4xx fails at once', async () => {
    const verifiedOnly = await addTarget(t, rx.url, ['hit.verified']);
    const all = await addTarget(t, rx.url, ['hit.dispositioned']);
    rx.script = [400];
    const hitId = await raiseHit(t, 'WHK2002');
    await verify(t, hitId, 'misread');
    const [d] = await waitFor('failed delivery', async () => {
      const list = await deliveries(t, all.id);
      return list[0]?.status === 'failed' ? list : undefined;
    });
    assert.equal(d.attempts.length, 1, 'a 400 is not retried');
    assert.equal(JSON.parse(rx.got.at(-1)!.body).verification.disposition, 'misread');
    assert.equal((await deliveries(t, verifiedOnly.id)).length, 0);
  });

  it('test-sends once and answers how it went; switched-off targets get nothing', async () => {
    const target = await addTarget(t, rx.url, ['hit.verified']);
    rx.script = [200];
    const sent = await t.call({ method: 'POST', url: `/api/v1/webhooks/${target.id}/test` });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().status, 'delivered');
    assert.equal(JSON.parse(rx.got.at(-1)!.body).event, 'webhook.test');
    const off = await t.call({ method: 'PUT', url: `/api/v1/webhooks/${target.id}`, payload: { name: 'County CAD', url: rx.url, events: ['hit.verified'], active: false } });
    assert.equal(off.json().active, false);
    await verify(t, await raiseHit(t, 'WHK3003'), 'confirmed');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await deliveries(t, target.id)).filter((d) => d.event !== 'webhook.test').length, 0);
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?limit=200' })).json().items.map((a: { action: string }) => a.action);
    for (const action of ['webhooks.create', 'webhooks.update', 'webhooks.test']) assert.ok(audit.includes(action), action);
  });

  it('rotates the secret on request and deletes a target with its log', async () => {
    const target = await addTarget(t, rx.url, ['hit.verified']);
    const rotated = await t.call({ method: 'PUT', url: `/api/v1/webhooks/${target.id}`, payload: { name: 'County CAD', url: rx.url, events: ['hit.verified'], rotateSecret: true } });
    assert.ok(rotated.json().secret && rotated.json().secret !== target.secret);
    assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/webhooks/${target.id}` })).statusCode, 204);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/webhooks/${target.id}/deliveries` })).statusCode, 404);
  });
});

describe('outbound webhooks: a restart resumes pending deliveries', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-webhooks-'));
  const rx = new Receiver();
  before(() => rx.start());
  after(async () => {
    await rx.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers after the server comes back, without a second delivery', async () => {
    rx.script = [503];
    const first = await startTestApp({ ...FAST, dataDir, webhookRetryBaseMs: 1000, webhookMaxAttempts: 10 });
    let targetId: string;
    try {
      targetId = (await addTarget(first, rx.url, ['hit.verified'])).id;
      await verify(first, await raiseHit(first, 'WHK4004'), 'confirmed');
      await waitFor('a failed first attempt', async () => ((await deliveries(first, targetId))[0]?.attempts.length === 1 ? true : undefined));
    } finally {
      await first.close();
    }
    rx.script = [200];
    const second = await startTestApp({ ...FAST, dataDir, webhookRetryBaseMs: 1000, webhookMaxAttempts: 10 });
    try {
      const [d] = await waitFor('delivery after restart', async () => {
        const list = await deliveries(second, targetId);
        return list[0]?.status === 'delivered' ? list : undefined;
      });
      assert.deepEqual(d.attempts.map((a: { statusCode: number }) => a.statusCode), [503, 200]);
      assert.equal((await deliveries(second, targetId)).length, 1);
      assert.equal(rx.got.length, 2);
    } finally {
      await second.close();
    }
  });
});

describe('outbound webhooks: refusals', () => {
  let t: TestApp;
  const rx = new Receiver();
  before(async () => {
    await rx.start();
    t = await startTestApp({ modules: ['lpr', 'hotlists'] });
  });
  after(async () => {
    await t.close();
    await rx.stop();
  });

  it('refuses URLs to this machine, metadata addresses and other schemes, saying why', async () => {
    for (const url of [rx.url, 'http://localhost:8080/', 'http://169.254.169.254/latest/meta-data/', 'ftp://cad.example/', 'https://u:p@cad.example/']) {
      const res = await t.call({ method: 'POST', url: '/api/v1/webhooks', payload: { name: 'x', url, events: ['hit.verified'] } });
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.code, 'validation_failed');
    }
    const events = await t.call({ method: 'POST', url: '/api/v1/webhooks', payload: { name: 'x', url: 'https://cad.example/', events: ['hit.raised'] } });
    assert.equal(events.statusCode, 400);
  });

  it('does not connect to a name that resolves to this machine', async () => {
    const sent = await postWebhook(rx.url.replace('127.0.0.1', 'localhost'), '{}', {}, { timeoutMs: 1000, allowLocal: false });
    assert.match(sent.error ?? '', /ELOCALADDRESS/);
    assert.equal(rx.got.length, 0);
  });

  it('is for admins only', async () => {
    const supervisor = await signInAs(t, await enrolUser(t, 'wh-supervisor', 'supervisor'));
    const res = await t.call({ method: 'GET', url: '/api/v1/webhooks', token: supervisor });
    assert.equal(res.statusCode, 403);
  });
});
