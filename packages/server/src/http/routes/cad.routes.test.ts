// The cad module's routes: EIDO in (merge by $id, retries, quarantine, keys), incidents out,
// gunshot alerts in and out with their outcome; and nothing of it when the module is off.
// Every incident, unit and alert is invented, except NENA's own sample EIDO.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';

const FIXTURES = fileURLToPath(new URL('../../ingest/eido/fixtures/', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../../../../shared/samples/eido/nena-sample-call-transfer.eido.json', import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`);
const OPEN_ID = 'urn:emergency:uid:incidentid:f00d0001:cad.example-county.gov';

const gunshot = (over: Record<string, unknown> = {}) => ({
  vendor: 'acme-acoustics',
  id: `AC-${Math.random().toString(36).slice(2)}`,
  detectedAt: new Date(Date.now() - 60_000).toISOString(),
  location: [-87.6512, 41.8523],
  rounds: 4,
  confidence: 0.93,
  humanReviewed: false,
  ...over,
});

describe('cad module: EIDO ingest and incidents', () => {
  let t: TestApp;
  let eidoKey: string;
  let osmandKey: string;
  before(async () => {
    t = await startTestApp({ modules: ['lpr', 'hotlists', 'cad', 'avl'] });
    eidoKey = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'County CAD', kind: 'eido' } })).json().key;
    osmandKey = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Phones', kind: 'osmand' } })).json().key;
  });
  after(() => t.close());

  const postEido = (body: Buffer | string, query = '', token?: string | null) =>
    t.call({ method: 'POST', url: `/api/v1/ingest/eido${query}`, headers: { 'content-type': 'application/json' }, payload: body, ...(token !== undefined ? { token } : {}) });

  it('creates an incident from an EIDO, with its location, notes and units; the units show on /units', async () => {
    const res = await postEido(fixture('incident-open.eido.json'), `?key=${encodeURIComponent(eidoKey)}`, null);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.accepted, 1);
    assert.equal(body.incidents[0].created, true);
    assert.equal(body.units, 2);
    assert.equal(body.positions, 1);
    const inc = (await t.call({ method: 'GET', url: `/api/v1/incidents/${body.incidents[0].id}` })).json();
    assert.equal(inc.sourceIncidentId, OPEN_ID);
    assert.equal(inc.type, 'Law-Burglary');
    assert.equal(inc.status, 'open');
    assert.equal(inc.openedAt, '2026-03-15T02:00:05.000Z');
    assert.deepEqual(inc.location.point, [-77.04105, 38.89012]);
    assert.equal(inc.location.address, '1200 Maple Avenue, Example City, VA 22000, US');
    assert.equal(inc.notes[0].at, '2026-03-15T02:02:00.000Z');
    assert.deepEqual(inc.units.map((u: { unitId: string }) => u.unitId), ['2B31', '2B44']);
    const unit = (await t.call({ method: 'GET', url: '/api/v1/units/2B31' })).json();
    assert.equal(unit.status, 'Enroute');
    assert.equal(unit.incidentId, inc.id);
    assert.deepEqual(unit.position.location, [-77.045, 38.885]);
    assert.equal(unit.position.sourceSystem, 'eido');
  });

  it('answers a resent EIDO with the same incident and changes nothing', async () => {
    const before = (await t.call({ method: 'GET', url: '/api/v1/incidents?status=all&limit=500' })).json();
    const res = await postEido(fixture('incident-open.eido.json'));
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().incidents.map((i: { created: boolean; changed: boolean }) => [i.created, i.changed]), [[false, false]]);
    const afterList = (await t.call({ method: 'GET', url: '/api/v1/incidents?status=all&limit=500' })).json();
    assert.equal(afterList.total, before.total);
    assert.deepEqual(afterList.items, before.items);
  });

  it('merges a later EIDO with the same $id into the incident: closed, disposition, notes; units released', async () => {
    const res = await postEido(fixture('incident-closed.eido.json'));
    assert.equal(res.statusCode, 200, res.body);
    const [r] = res.json().incidents;
    assert.deepEqual([r.created, r.changed], [false, true]);
    const inc = (await t.call({ method: 'GET', url: `/api/v1/incidents/${r.id}` })).json();
    assert.equal(inc.status, 'closed');
    assert.equal(inc.closedAt, '2026-03-15T03:10:00.000Z');
    assert.equal(inc.type, 'Law-Burglary');
    assert.deepEqual(inc.notes.map((n: { id: string }) => n.id), ['note-1', 'note-2']);
    assert.equal(inc.dispositions[0].code, 'Report Taken');
    assert.deepEqual(inc.location.point, [-77.04105, 38.89012], 'kept from the first EIDO');
    const open = (await t.call({ method: 'GET', url: '/api/v1/incidents?status=open&limit=500' })).json();
    assert.equal(open.items.some((i: { id: string }) => i.id === r.id), false);
    const closed = (await t.call({ method: 'GET', url: '/api/v1/incidents?status=closed' })).json();
    assert.equal(closed.items.some((i: { id: string }) => i.id === r.id), true);
    const unit = (await t.call({ method: 'GET', url: '/api/v1/units/2B31' })).json();
    assert.equal(unit.status, 'Available');
    assert.equal(unit.incidentId, undefined);
  });

  it('takes NENA\'s sample call-transfer EIDO as an open call for service', async () => {
    const res = await postEido(readFileSync(SAMPLE));
    assert.equal(res.statusCode, 200, res.body);
    const inc = (await t.call({ method: 'GET', url: `/api/v1/incidents/${res.json().incidents[0].id}` })).json();
    assert.equal(inc.callType, 'emergency');
    assert.equal(inc.status, 'open');
    assert.equal(inc.location.address, '42 W Cellular Street, Wilmington, DE, US');
  });

  it('keeps what it cannot decode in quarantine, with the reason, and answers 202', async () => {
    for (const [body, reason] of [
      ['this is not an EIDO', /invalid JSON/],
      [fixture('no-id.eido.json'), /has no \$id/],
      ['{"$id":"x","notesComponent":' + JSON.stringify(Array.from({ length: 1001 }, () => ({}))) + '}', /at most 1000/],
    ] as const) {
      const res = await postEido(body);
      assert.equal(res.statusCode, 202, res.body);
      const q = res.json().quarantined;
      assert.match(q.reason, reason);
      const item = (await t.call({ method: 'GET', url: `/api/v1/quarantine/${q.id}` })).json();
      assert.equal(item.route, '/api/v1/ingest/eido');
      assert.equal(item.sourceSystem, 'eido');
      assert.equal(item.body, Buffer.isBuffer(body) ? body.toString() : body);
    }
  });

  it('lists incidents newest opened first, a page at a time with an exact total', async () => {
    const base = JSON.parse(fixture('draft-2020.eido.json').toString());
    for (let i = 0; i < 3; i++) {
      const e = { ...base, id: `urn:emergency:uid:incidentid:page${i}:cad.example-town.gov` };
      e.IncidentComponent = [{ ...base.IncidentComponent[0], Id: e.id }];
      e.callComponent = [{ $id: `call-page-${i}`, callStartTimestamp: `2026-10-0${i + 1}T00:00:00Z`, standardPrimaryCallType: 'emergency' }];
      assert.equal((await postEido(JSON.stringify(e))).statusCode, 200);
    }
    const first = (await t.call({ method: 'GET', url: '/api/v1/incidents?limit=2' })).json();
    assert.equal(first.items.length, 2);
    assert.ok(first.total >= 5);
    assert.deepEqual(first.items.map((i: { openedAt: string }) => i.openedAt), ['2026-10-03T00:00:00.000Z', '2026-10-02T00:00:00.000Z']);
    const second = (await t.call({ method: 'GET', url: `/api/v1/incidents?limit=2&cursor=${first.nextCursor}` })).json();
    assert.equal(second.items[0].openedAt, '2026-10-01T00:00:00.000Z');
    assert.equal(second.total, first.total);
  });

  it('answers bad queries and unknown ids with machine-readable errors', async () => {
    for (const [url, status, code] of [
      ['/api/v1/incidents?status=pending', 400, 'validation_failed'],
      ['/api/v1/incidents?limit=0', 400, 'validation_failed'],
      ['/api/v1/incidents?cursor=not-a-cursor', 400, 'validation_failed'],
      ['/api/v1/incidents?color=red', 400, 'validation_failed'],
      ['/api/v1/incidents/00000000-0000-4000-8000-000000000000', 404, 'not_found_or_forbidden'],
      ['/api/v1/units/NO-SUCH-UNIT', 404, 'not_found_or_forbidden'],
    ] as const) {
      const res = await t.call({ method: 'GET', url });
      assert.equal(res.statusCode, status, `${url}: ${res.body}`);
      assert.equal(res.json().error.code, code, url);
    }
  });

  it('keeps keys to their kind: an EIDO key posts EIDO only, reads nothing; other keys cannot post EIDO', async () => {
    assert.equal((await postEido(fixture('incident-open.eido.json'), '', null)).statusCode, 401);
    assert.equal((await postEido(fixture('incident-open.eido.json'), '', osmandKey)).statusCode, 403);
    assert.equal((await postEido(fixture('incident-open.eido.json'), '', eidoKey)).statusCode, 200);
    for (const url of ['/api/v1/incidents', '/api/v1/units', '/api/v1/gunshots']) {
      const res = await t.call({ method: 'GET', url, token: eidoKey });
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().error.code, 'forbidden');
    }
    const reads = await t.call({ method: 'POST', url: '/api/v1/reads', token: eidoKey, payload: { plate: 'ABC123', confidence: 0.9, observedAt: new Date().toISOString(), location: [-97, 30] } });
    assert.equal(reads.statusCode, 403);
    const gun = await t.call({ method: 'POST', url: '/api/v1/ingest/gunshot', token: eidoKey, payload: gunshot() });
    assert.equal(gun.statusCode, 403);
  });
});

describe('cad module: gunshot alerts', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp({ modules: ['cad'], maxBodyBytes: 16_384 });
    key = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'Acoustic sensors', kind: 'gunshot' } })).json().key;
  });
  after(() => t.close());

  const post = (payload: unknown, token: string | null = key) =>
    t.call({ method: 'POST', url: '/api/v1/ingest/gunshot', headers: { 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), token });

  it('stores an alert once with its provenance; a retry is a duplicate; a review updates it', async () => {
    const g = gunshot();
    const first = await post(g);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual([first.json().accepted, first.json().duplicates], [1, 0]);
    const id = first.json().alerts[0].id;
    const retry = await post(g);
    assert.deepEqual([retry.json().accepted, retry.json().duplicates, retry.json().alerts[0].id], [0, 1, id]);
    const reviewed = await post({ ...g, humanReviewed: true, updatedAt: new Date().toISOString() });
    assert.deepEqual([reviewed.json().accepted, reviewed.json().alerts[0].id, reviewed.json().alerts[0].created], [1, id, false]);
    const alert = (await t.call({ method: 'GET', url: `/api/v1/gunshots/${id}` })).json();
    assert.equal(alert.vendor, 'acme-acoustics');
    assert.equal(alert.sourceEventId, g.id);
    assert.equal(alert.humanReviewed, true);
    assert.match(alert.sourceId, /^[0-9a-f-]{36}$/);
    const list = (await t.call({ method: 'GET', url: '/api/v1/gunshots' })).json();
    assert.equal(list.items.filter((a: { sourceEventId: string }) => a.sourceEventId === g.id).length, 1);
  });

  it('records the outcome (evidence or not), audited, and keeps it through a vendor resend', async () => {
    const g = gunshot();
    const id = (await post(g)).json().alerts[0].id;
    const res = await t.call({ method: 'POST', url: `/api/v1/gunshots/${id}/outcome`, payload: { evidenceFound: false, recordedBy: 'Sgt. A. Example', note: 'fireworks debris' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().outcome.evidenceFound, false);
    assert.equal(res.json().outcome.recordedBy, 'Sgt. A. Example');
    await post({ ...g, rounds: 6, updatedAt: new Date().toISOString() });
    const after = (await t.call({ method: 'GET', url: `/api/v1/gunshots/${id}` })).json();
    assert.equal(after.rounds, 6);
    assert.equal(after.outcome.note, 'fireworks debris');
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?action=gunshots.outcome' })).json();
    assert.ok(audit.items.some((r: { details: { gunshotId: string } }) => r.details.gunshotId === id));
  });

  it('answers a bad outcome, an unknown alert and a bad since with errors', async () => {
    const id = (await post(gunshot())).json().alerts[0].id;
    for (const payload of [{}, { evidenceFound: 'perhaps', recordedBy: 'x' }, { evidenceFound: true }, { evidenceFound: true, recordedBy: 'x', extra: 1 }]) {
      const res = await t.call({ method: 'POST', url: `/api/v1/gunshots/${id}/outcome`, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
    }
    const unknown = await t.call({ method: 'POST', url: '/api/v1/gunshots/00000000-0000-4000-8000-000000000000/outcome', payload: { evidenceFound: true, recordedBy: 'x' } });
    assert.equal(unknown.statusCode, 404);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/gunshots?since=yesterday' })).statusCode, 400);
    const recent = (await t.call({ method: 'GET', url: `/api/v1/gunshots?since=${new Date(Date.now() - 3_600_000).toISOString()}` })).json();
    assert.ok(recent.items.length > 0);
  });

  it('quarantines an alert it cannot place or identify, and answers 202', async () => {
    const res = await post({ ...gunshot(), location: undefined });
    assert.equal(res.statusCode, 202);
    assert.match(res.json().quarantined.reason, /no usable position/);
  });

  it('refuses a body over RTCC_MAX_BODY_BYTES with 413 and survives hostile bodies', async () => {
    const big = await post([gunshot({ address: 'x'.repeat(20_000) })]);
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'payload_too_large');
    for (const body of ['['.repeat(8000) + ']'.repeat(8000), '{"id":"' + '\\'.repeat(3000) + '"}', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00]).toString('latin1')]) {
      const res = await post(body);
      assert.equal(res.statusCode, 202, res.body);
      assert.ok(res.json().quarantined.reason.length > 0);
    }
    assert.equal((await t.call({ method: 'GET', url: '/healthz', token: null })).statusCode, 200);
  });

  it('lets the key post alerts only', async () => {
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/gunshots', token: key })).statusCode, 403);
    assert.equal((await post(gunshot(), null)).statusCode, 401);
    assert.equal((await t.call({ method: 'POST', url: `/api/v1/ingest/gunshot?key=${encodeURIComponent(key)}`, token: null, payload: gunshot() })).statusCode, 200);
  });

  it('has no avl routes with only cad on, and its EIDO leaves units alone', async () => {
    for (const [method, url] of [['GET', '/api/v1/units'], ['GET', '/api/v1/ingest/osmand?id=1&lat=1&lon=1'], ['POST', '/api/v1/ingest/traccar']] as const) {
      const res = await t.call({ method, url, payload: method === 'POST' ? {} : undefined });
      assert.equal(res.statusCode, 404, url);
    }
    const res = await t.call({ method: 'POST', url: '/api/v1/ingest/eido', headers: { 'content-type': 'application/json' }, payload: fixture('incident-open.eido.json') });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().units, res.json().positions], [0, 0]);
    assert.equal((await t.ctx.store.units.list()).length, 0);
  });
});

describe('cad and avl modules off (the default)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('has none of their routes: each answers the usual 404', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['POST', '/api/v1/ingest/eido'],
      ['POST', '/api/v1/ingest/gunshot'],
      ['GET', '/api/v1/ingest/osmand?id=2B31&lat=1&lon=1'],
      ['POST', '/api/v1/ingest/osmand'],
      ['POST', '/api/v1/ingest/traccar'],
      ['GET', '/api/v1/incidents'],
      ['GET', `/api/v1/incidents/${id}`],
      ['GET', '/api/v1/units'],
      ['GET', '/api/v1/units/2B31'],
      ['GET', '/api/v1/gunshots'],
      ['GET', `/api/v1/gunshots/${id}`],
      ['POST', `/api/v1/gunshots/${id}/outcome`],
    ] as const) {
      const res = await t.call({ method, url, payload: method === 'POST' ? {} : undefined });
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.statusCode}`);
      assert.equal(res.json().error.code, 'not_found_or_forbidden');
    }
    const paths = Object.keys((await t.call({ method: 'GET', url: '/api/v1/openapi.json', token: null })).json().paths);
    assert.ok(!paths.some((p) => /incidents|units|gunshots|eido|osmand|traccar/.test(p)), paths.join(', '));
  });
});
