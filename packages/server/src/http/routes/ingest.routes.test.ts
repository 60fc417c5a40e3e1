// POST /api/v1/reads (the platform's JSON) and POST /api/v1/ingest/openalpr (agent webhooks).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JUSTIFICATION, OPENALPR_SAMPLES, rtccRead, startTestApp, type TestApp } from '../test-app.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

async function searchPlate(t: TestApp, plate: string): Promise<{ items: { plate: string; id: string }[]; total: number }> {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/reads/search',
    payload: { plate, justification: JUSTIFICATION },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

describe('POST /api/v1/reads', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('stores one read and answers with its id', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'TSR1001' }) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.accepted, 1);
    assert.equal(body.duplicates, 0);
    assert.equal(body.readIds.length, 1);
    const got = await t.call({ method: 'GET', url: `/api/v1/reads/${body.readIds[0]}` });
    assert.equal(got.statusCode, 200);
    assert.equal(got.json().plate, 'TSR1001');
    assert.equal(got.json().state, 'TX');
    assert.deepEqual(got.json().location, [-97.74, 30.27]);
  });

  it('stores an array of reads in order', async () => {
    const reads = [rtccRead({ plate: 'TSR2001' }), rtccRead({ plate: 'TSR2002' }), rtccRead({ plate: 'TSR2003' })];
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: reads });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 3);
    const ids: string[] = res.json().readIds;
    const plates = await Promise.all(ids.map(async (id) => (await t.call({ method: 'GET', url: `/api/v1/reads/${id}` })).json().plate));
    assert.deepEqual(plates, ['TSR2001', 'TSR2002', 'TSR2003']);
  });

  it('refuses an invalid read with 400 validation_failed and the problem of each field', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/reads',
      payload: [rtccRead(), rtccRead({ confidence: 93, observedAt: '2026-01-01T10:00:00', colour: 'red' })],
    });
    assert.equal(res.statusCode, 400, res.body);
    const { error } = res.json();
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /\[1\]\.confidence/);
    const fields = error.details.map((d: { field: string }) => d.field);
    assert.deepEqual(fields.sort(), ['[1].colour', '[1].confidence', '[1].observedAt']);
    for (const d of error.details) assert.ok(d.message.length > 0);
    // nothing of the batch is stored: the valid first read was not kept either
    assert.equal((await searchPlate(t, 'TST0001')).total, 0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', headers: JSON_TYPE, payload: '{"plate": "ABC' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.match(res.json().error.message, /JSON/);
  });

  it('is idempotent on sourceEventId: a resend is a duplicate, not a second read', async () => {
    const read = rtccRead({ plate: 'TSR3001', sourceEventId: 'evt-idem-1' });
    const first = (await t.call({ method: 'POST', url: '/api/v1/reads', payload: read })).json();
    const second = await t.call({ method: 'POST', url: '/api/v1/reads', payload: read });
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().accepted, 0);
    assert.equal(second.json().duplicates, 1);
    assert.deepEqual(second.json().readIds, first.readIds);
    assert.equal((await searchPlate(t, 'TSR3001')).total, 1);
  });

  it('counts a duplicate inside one batch once', async () => {
    const read = rtccRead({ plate: 'TSR3002', sourceEventId: 'evt-idem-2' });
    const res = (await t.call({ method: 'POST', url: '/api/v1/reads', payload: [read, read] })).json();
    assert.equal(res.accepted, 1);
    assert.equal(res.duplicates, 1);
    assert.equal((await searchPlate(t, 'TSR3002')).total, 1);
  });
});

describe('POST /api/v1/ingest/openalpr', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = JSON_TYPE) =>
    t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers, payload });

  const samples = readdirSync(OPENALPR_SAMPLES).filter((f) => f.endsWith('.json'));

  it('has real samples to post', () => {
    assert.ok(samples.length >= 4, `samples in ${OPENALPR_SAMPLES}: ${samples.join(', ')}`);
  });

  for (const file of samples) {
    it(`accepts the real sample ${file}`, async () => {
      const res = await post(readFileSync(join(OPENALPR_SAMPLES, file)));
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.quarantined, undefined);
      if (file.startsWith('heartbeat')) assert.equal(body.heartbeats, 1);
      else assert.ok(body.accepted + body.duplicates >= 1, res.body);
    });
  }

  it('makes the group sample searchable with its GPS position and vehicle', async () => {
    const posted = await post(readFileSync(join(OPENALPR_SAMPLES, 'alpr_group.agent-2.7.101.doc.json')));
    const [id] = posted.json().readIds;
    assert.ok((await searchPlate(t, 'D2651BF')).items.some((r) => r.id === id));
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${id}` })).json();
    assert.equal(read.sourceSystem, 'openalpr');
    assert.equal(read.state, 'MO');
    assert.equal(read.observedAt, new Date(1562681121504).toISOString());
    assert.ok(Math.abs(read.location[0] - -79.2059) < 0.001 && Math.abs(read.location[1] - 37.636) < 0.001, JSON.stringify(read.location));
    assert.equal(read.locationSource, 'device');
    assert.ok(read.vehicle?.make, JSON.stringify(read.vehicle));
    assert.ok(read.candidates.some((c: { plate: string }) => c.plate === 'D2651F'));
  });

  it('takes a body that starts with a UTF-8 BOM', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(alprResults('BOM1001', 'bom-1')))]);
    const res = await post(body);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    assert.equal((await searchPlate(t, 'BOM1001')).total, 1);
  });

  it('takes JSON labelled as form-urlencoded, as alprd sends it', async () => {
    const res = await post(JSON.stringify(alprResults('FRM1001', 'form-1')), { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    assert.equal((await searchPlate(t, 'FRM1001')).total, 1);
  });

  it('takes a body with no content type at all', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', payload: Buffer.from(JSON.stringify(alprResults('NCT1001', 'noct-1'))) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
  });

  it('keeps garbage in quarantine with the reason and answers 202', async () => {
    const garbage = 'this is not json <html>';
    const res = await post(garbage, { 'content-type': 'text/plain' });
    assert.equal(res.statusCode, 202, res.body);
    const q = res.json().quarantined;
    assert.ok(q?.id);
    assert.ok(q.reason.length > 0);
    const list = await t.call({ method: 'GET', url: '/api/v1/quarantine' });
    assert.equal(list.statusCode, 200);
    const item = list.json().items.find((i: { id: string }) => i.id === q.id);
    assert.equal(item.body, garbage);
    assert.equal(item.reason, q.reason);
    assert.equal(item.route, '/api/v1/ingest/openalpr');
    const one = await t.call({ method: 'GET', url: `/api/v1/quarantine/${q.id}` });
    assert.equal(one.json().body, garbage);
  });

  it('quarantines an unknown data_type and a binary body', async () => {
    const unknown = await post(JSON.stringify({ data_type: 'alpr_teleport', x: 1 }));
    assert.equal(unknown.statusCode, 202);
    assert.match(unknown.json().quarantined.reason, /alpr_teleport/);
    const binary = await post(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]), { 'content-type': 'image/jpeg' });
    assert.equal(binary.statusCode, 202);
    const item = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${binary.json().quarantined.id}` })).json();
    assert.equal(item.bodyEncoding, 'base64');
    assert.equal(Buffer.from(item.body, 'base64').toString('hex'), 'ffd8ff0001');
  });

  it('is idempotent on the agent\'s ids: a resent group is not stored twice', async () => {
    const group = readFileSync(join(OPENALPR_SAMPLES, 'alpr_group.agent-2.7.101.doc.json'));
    const before = (await searchPlate(t, 'D2651BF')).total;
    const res = await post(group);
    assert.equal(res.json().accepted, 0);
    assert.equal(res.json().duplicates, 1);
    assert.equal((await searchPlate(t, 'D2651BF')).total, before);
  });

  it('keeps integers above 2^53 exact in a heartbeat', async () => {
    const created = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'pole 9', kind: 'openalpr' } })).json();
    const beat = readFileSync(join(OPENALPR_SAMPLES, 'heartbeat.agent-2.7.101.doc.json'), 'utf8').replace('"camera_id" : 1234', '"camera_id" : 18446744073709551615');
    const res = await t.call({ method: 'POST', url: `/api/v1/ingest/openalpr?key=${created.key}`, token: null, headers: JSON_TYPE, payload: beat });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().heartbeats, 1);
    const src = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().items.find((s: { id: string }) => s.id === created.source.id);
    assert.equal(src.health.lastHeartbeatAt, new Date(1562681904008).toISOString());
    assert.deepEqual(
      src.health.cameras.map((c: { sourceCameraKey: string }) => c.sourceCameraKey),
      ['YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY:18446744073709551615'],
    );
  });
});

function alprResults(plate: string, uuid: string): Record<string, unknown> {
  return {
    version: 2,
    data_type: 'alpr_results',
    epoch_time: Date.UTC(2026, 0, 20, 8, 0, 0),
    uuid,
    camera_id: 7,
    agent_uid: 'agent-test',
    results: [{ plate, confidence: 91.5, plate_index: 0, region: 'us-tx', candidates: [{ plate, confidence: 91.5 }] }],
  };
}
