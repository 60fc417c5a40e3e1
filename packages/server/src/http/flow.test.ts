// The "Done means" flow of issue 2, as a person does it: create a hotlist, a camera agent posts a
// real OpenALPR group whose plate is on it, the hit arrives on the WebSocket, a person verifies it,
// then finds the read by a partial plate with a justification, and the audit trail shows the search.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ADMIN_TOKEN, JUSTIFICATION, OPENALPR_SAMPLES, openStream, startTestApp, type StreamClient, type TestApp } from './test-app.ts';

let t: TestApp;
let base: string;
let stream: StreamClient | undefined;

before(async () => {
  t = await startTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  stream?.close();
  await t.close();
});

it('hotlist → OpenALPR post → hit on the WebSocket → verify → partial-plate search → audit', async () => {
  const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) => t.call({ method, url, payload: payload as object });

  const list = await admin('POST', '/api/v1/hotlists', { name: 'Stolen vehicles', kind: 'custom', priority: 1 });
  assert.equal(list.statusCode, 201, list.body);
  const hotlistId = list.json().id;
  const entry = await admin('POST', `/api/v1/hotlists/${hotlistId}/entries`, { plate: 'D2651BF', state: 'MO', reason: 'stolen vehicle, case 2026-004817' });
  assert.equal(entry.statusCode, 201, entry.body);

  const source = await admin('POST', '/api/v1/sources', { name: 'alprd, Main St pole', kind: 'openalpr' });
  const { key } = source.json();

  stream = await openStream(base, `?access_token=${ADMIN_TOKEN}`);
  const snapshot = await stream.next('snapshot');
  assert.deepEqual(snapshot.openHits, []);

  // the agent only gets a URL, so its key rides in the query; alprd labels JSON as form data
  const posted = await fetch(`${base}/api/v1/ingest/openalpr?key=${encodeURIComponent(key)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: readFileSync(join(OPENALPR_SAMPLES, 'alpr_group.agent-2.7.101.doc.json')),
  });
  assert.equal(posted.status, 200);
  const ingest = (await posted.json()) as { accepted: number; hits: number; readIds: string[] };
  assert.equal(ingest.accepted, 1);
  assert.equal(ingest.hits, 1);

  const raised = (await stream.next('hit.raised')).hit as { id: string; readId: string; entryPlate: string; matchKind: string; stateMatches: boolean | null; actionable: boolean };
  assert.equal(raised.readId, ingest.readIds[0]);
  assert.equal(raised.entryPlate, 'D2651BF');
  assert.equal(raised.matchKind, 'exact');
  assert.equal(raised.stateMatches, true);
  assert.equal(raised.actionable, false);

  const verified = await admin('POST', `/api/v1/hits/${raised.id}/verification`, { disposition: 'confirmed', verifiedBy: 'Dispatcher K. Moore', note: 'plate and vehicle match the image' });
  assert.equal(verified.statusCode, 200, verified.body);
  const onSocket = (await stream.next('hit.verified')).hit as { id: string; status: string; actionable: boolean };
  assert.equal(onSocket.id, raised.id);
  assert.equal(onSocket.status, 'confirmed');
  assert.equal(onSocket.actionable, true);

  const search = await admin('POST', '/api/v1/reads/search', { plate: 'D26*', justification: JUSTIFICATION });
  assert.equal(search.statusCode, 200, search.body);
  const found = search.json();
  assert.equal(found.total, 1);
  assert.equal(found.items[0].id, ingest.readIds[0]);
  assert.equal(found.items[0].plate, 'D2651BF');

  const audit = (await admin('GET', '/api/v1/audit?action=reads.search')).json();
  assert.equal(audit.items[0].actor, 'admin (bootstrap token)');
  assert.equal(audit.items[0].query.plate, 'D26*');
  assert.deepEqual(audit.items[0].justification, JUSTIFICATION);
  assert.equal(audit.items[0].resultCount, 1);
  const chain = (await admin('GET', '/api/v1/audit/verify')).json();
  assert.equal(chain.ok, true);
});
