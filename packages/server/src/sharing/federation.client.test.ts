/**
 * The requesting side against partners that misbehave, over real HTTP on loopback: whatever a
 * partner answers, the search gets either checked reads or a PartnerError with a clear code.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SharingAgreement } from '../store/store.types.ts';
import { PartnerError, queryPartner } from './federation.client.ts';

type Reply = (res: import('node:http').ServerResponse) => void;
const replies = new Map<string, Reply>();
const json = (status: number, body: unknown): Reply => (res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('asking a partner agency', () => {
  let server: Server;
  let base: string;
  let seen: { auth?: string; body?: unknown } = {};
  before(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, body: JSON.parse(data) };
        const mode = (seen.body as { requester: { name: string } }).requester.name;
        replies.get(mode)?.(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const agreement = (): SharingAgreement => ({
    id: 'agr-in-1', direction: 'inbound', partnerAgency: 'Alpha City PD', partnerUrl: base, partnerKey: 'rtcc_fed_secret', scope: ['reads'],
    limits: { maxResults: 2 }, expiresAt: Date.now() + 86_400_000, createdAt: Date.now(), createdBy: 'admin',
  });
  const ask = (mode: string, timeoutMs = 2000) => queryPartner(agreement(), { requester: { name: mode }, justification: {}, search: { plate: 'ABC1234' } }, timeoutMs);
  const failsWith = async (mode: string, code: RegExp, message: RegExp, timeoutMs?: number) => {
    await assert.rejects(ask(mode, timeoutMs), (e: unknown) => e instanceof PartnerError && code.test(e.code) && message.test(e.message));
  };

  it('sends the key and the query, keeps well-formed reads, drops malformed ones and caps at the agreement', async () => {
    replies.set('mixed', json(200, {
      agency: 'Someone Else Entirely',
      items: [
        { id: '7', plate: 'ABC1234', confidence: 0.9, observedAt: '2026-11-30T10:00:00Z', state: 'TX', location: [-97.7, 30.2], cameraName: 'Main St', vehicle: { color: 'red', evil: '<script>' } },
        { id: '8', plate: 'ABC1234', confidence: 7, observedAt: '2026-11-30T10:00:00Z' },
        { id: '9', plate: 'ABC1234', confidence: 0.8, observedAt: 'yesterday' },
        { id: '10', plate: 'ABC1234', confidence: 0.8, observedAt: '2026-11-29T10:00:00Z', location: [500, 10] },
        { id: '11', plate: 'ABC1234', confidence: 0.8, observedAt: '2026-11-28T10:00:00Z' },
      ],
    }));
    const a = await ask('mixed');
    assert.equal(seen.auth, 'Bearer rtcc_fed_secret');
    assert.equal(a.agency, 'Alpha City PD', 'the agency is the one we agreed with, not what the answer claims');
    assert.deepEqual(a.items.map((r) => r.id), ['7'], 'only the first two are looked at (maxResults 2), and the second is malformed');
    assert.deepEqual(a.items[0].vehicle, { color: 'red' });
    assert.equal(a.items[0].agency, 'Alpha City PD');
    assert.equal(a.items[0].agreementId, 'agr-in-1');
    assert.equal(a.truncated, true);
  });

  it('turns a refusal into its code and message', async () => {
    replies.set('refused', json(403, { error: { code: 'forbidden', message: 'the agreement was revoked' } }));
    await failsWith('refused', /^forbidden$/, /Alpha City PD refused the search: the agreement was revoked/);
  });

  it('reports an answer that is not JSON, or has no reads', async () => {
    replies.set('html', (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    await failsWith('html', /^bad_answer$/, /HTTP 502 with something other than JSON/);
    replies.set('noitems', json(200, { agency: 'Alpha', items: 'none' }));
    await failsWith('noitems', /^bad_answer$/, /without a list of reads/);
  });

  it('gives up on a partner that does not answer in time', async () => {
    replies.set('slow', (res) => setTimeout(() => json(200, { items: [] })(res), 1500));
    await failsWith('slow', /^timeout$/, /did not answer within 200 ms/, 200);
  });
});
