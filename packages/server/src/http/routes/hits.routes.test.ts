// Hits: why a hit fired (match kind, confidence, state, record age) and its verification by a
// named person. Plates and records are synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DISPOSITIONS } from '@openrtcc/domain';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';

interface HitBody {
  id: string;
  readId: string;
  hotlistId: string;
  entryPlate: string;
  readPlate: string;
  matchKind: string;
  matchedCandidate: boolean;
  confidence: number;
  stateMatches: boolean | null;
  recordAgeMs: number;
  status: string;
  actionable: boolean;
  verification?: { disposition: string; verifiedBy: string; verifiedAt: string; note?: string };
}

describe('hit routes', () => {
  let t: TestApp;
  let ncicId: string;
  let exactOnlyId: string;

  before(async () => {
    t = await startTestApp();
    ncicId = (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'NCIC', kind: 'ncic', priority: 1 } })).json().id;
    // entered 15 March 2024, so its age at a read is known
    const line = ['V300000001', 'TX0000001', '20240315', 'HIT1001', 'TX', '2025', 'PC', '2019', 'DODG', 'CHA', '4D'];
    const widths = [10, 9, 8, 10, 2, 4, 2, 4, 4, 3, 2];
    const text = line.map((f, i) => f.padEnd(widths[i])).join('') + 'BLK';
    const imp = await t.call({ method: 'POST', url: `/api/v1/hotlists/${ncicId}/import?format=ncic-fixed`, headers: { 'content-type': 'text/plain' }, payload: text });
    assert.equal(imp.json().accepted, 1, imp.body);
    await t.call({
      method: 'POST',
      url: `/api/v1/hotlists/${ncicId}/entries`,
      payload: [{ plate: 'ABC1234', reason: 'stolen vehicle' }, { plate: 'CND5001', state: 'TX', reason: 'wanted person' }],
    });
    exactOnlyId = (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'Exact only', kind: 'custom', matchKinds: ['exact'] } })).json().id;
    await t.call({ method: 'POST', url: `/api/v1/hotlists/${exactOnlyId}/entries`, payload: { plate: 'EXO7001', reason: 'stolen plate' } });
  });
  after(() => t.close());

  /** Posts a read and returns the hits it raised. */
  const hitsOf = async (read: Record<string, unknown>): Promise<HitBody[]> => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead(read) });
    assert.equal(res.statusCode, 200, res.body);
    const [readId] = res.json().readIds;
    const all = (await t.call({ method: 'GET', url: '/api/v1/hits?limit=500' })).json().items as HitBody[];
    return all.filter((h) => h.readId === readId);
  };
  const verify = (id: string, payload: unknown) => t.call({ method: 'POST', url: `/api/v1/hits/${id}/verification`, payload: payload as object });

  it('raises a hit carrying the match kind, confidence, state agreement and record age', async () => {
    const observedAt = '2026-01-15T12:00:00.000Z';
    const [hit] = await hitsOf({ plate: 'HIT1001', state: 'TX', confidence: 0.87, observedAt });
    assert.ok(hit, 'no hit raised');
    assert.equal(hit.hotlistId, ncicId);
    assert.equal(hit.matchKind, 'exact');
    assert.equal(hit.confidence, 0.87);
    assert.equal(hit.stateMatches, true);
    assert.equal(hit.recordAgeMs, Date.parse(observedAt) - Date.UTC(2024, 2, 15));
    assert.equal(hit.status, 'pending');
    assert.equal(hit.actionable, false);
    const one = await t.call({ method: 'GET', url: `/api/v1/hits/${hit.id}` });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().entryPlate, 'HIT1001');
  });

  it('carries the record\'s vehicle and how the camera\'s vehicle compares with it', async () => {
    const [same] = await hitsOf({ plate: 'HIT1001', vehicle: { make: 'dodge', color: 'black' } });
    const body = (await t.call({ method: 'GET', url: `/api/v1/hits/${same.id}` })).json();
    assert.deepEqual(body.entryVehicle, { make: 'Dodge', model: 'CHA', bodyType: '4-door sedan', color: 'black', year: '2019' });
    assert.equal(body.vehicleAgreement.matches, true);
    assert.deepEqual(body.vehicleAgreement.fields.map((f: { field: string }) => f.field), ['make', 'color']);
    const [other] = await hitsOf({ plate: 'HIT1001', vehicle: { make: 'toyota', color: 'black' } });
    const disagree = (await t.call({ method: 'GET', url: `/api/v1/hits/${other.id}` })).json().vehicleAgreement;
    assert.equal(disagree.matches, false);
    assert.deepEqual(disagree.fields[0], { field: 'make', read: 'toyota', record: 'Dodge', agrees: false });
    const [none] = await hitsOf({ plate: 'HIT1001' });
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/hits/${none.id}` })).json().vehicleAgreement.matches, null);
  });

  it('says when the read\'s state disagrees or is unknown', async () => {
    const [wrong] = await hitsOf({ plate: 'HIT1001', state: 'OK' });
    assert.equal(wrong.stateMatches, false);
    const [unknown] = await hitsOf({ plate: 'HIT1001', state: undefined });
    assert.equal(unknown.stateMatches, null);
  });

  it('matches an OCR-equivalent read (8 for B) and says so', async () => {
    const [hit] = await hitsOf({ plate: 'A8C1234' });
    assert.ok(hit, 'no hit for A8C1234 against ABC1234');
    assert.equal(hit.matchKind, 'ocr-equivalent');
    assert.equal(hit.entryPlate, 'ABC1234');
    assert.equal(hit.readPlate, 'A8C1234');
    assert.equal(hit.matchedCandidate, false);
  });

  it('keeps to the match kinds a list allows', async () => {
    assert.equal((await hitsOf({ plate: 'EXO7001' })).length, 1);
    assert.equal((await hitsOf({ plate: 'EX07001' })).length, 0);
  });

  it('matches through the read\'s alternative candidates', async () => {
    const hits = await hitsOf({ plate: 'CNDS0O1X', candidates: [{ plate: 'CND5001', confidence: 0.61 }] });
    assert.equal(hits.length, 1);
    assert.equal(hits[0].entryPlate, 'CND5001');
    assert.equal(hits[0].readPlate, 'CND5001');
    assert.equal(hits[0].matchedCandidate, true);
    assert.equal((await hitsOf({ plate: 'ZZZ9999', candidates: [{ plate: 'ZZZ9998', confidence: 0.5 }] })).length, 0);
  });

  it('records each disposition once, by a named person', async () => {
    for (const disposition of DISPOSITIONS) {
      const [hit] = await hitsOf({ plate: 'ABC1234' });
      const res = await verify(hit.id, { disposition, verifiedBy: '  Sgt. R. Alvarez #4471 ', note: `checked on camera, ${disposition}` });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as HitBody;
      assert.equal(body.status, disposition);
      assert.equal(body.verification?.verifiedBy, 'Sgt. R. Alvarez #4471');
      assert.equal(body.verification?.disposition, disposition);
      assert.ok(Date.parse(body.verification!.verifiedAt) > 0);
      assert.equal(body.actionable, disposition === 'confirmed');
      const again = await t.call({ method: 'GET', url: `/api/v1/hits/${hit.id}` });
      assert.equal(again.json().status, disposition);
    }
  });

  it('answers a second verification with 409 conflict and keeps the first', async () => {
    const [hit] = await hitsOf({ plate: 'ABC1234' });
    assert.equal((await verify(hit.id, { disposition: 'misread', verifiedBy: 'Officer One' })).statusCode, 200);
    const second = await verify(hit.id, { disposition: 'confirmed', verifiedBy: 'Officer Two' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'conflict');
    assert.match(second.json().error.message, /misread by Officer One/);
    const now = (await t.call({ method: 'GET', url: `/api/v1/hits/${hit.id}` })).json();
    assert.equal(now.status, 'misread');
    assert.equal(now.verification.verifiedBy, 'Officer One');
  });

  it('refuses a bad disposition or a missing name with 400', async () => {
    const [hit] = await hitsOf({ plate: 'ABC1234' });
    for (const payload of [
      { disposition: 'arrested', verifiedBy: 'Officer One' },
      { disposition: 'confirmed' },
      { disposition: 'confirmed', verifiedBy: '   ' },
      { disposition: 'confirmed', verifiedBy: 'Officer One', extra: 1 },
    ]) {
      const res = await verify(hit.id, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
    }
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/hits/${hit.id}` })).json().status, 'pending');
  });

  it('answers 404 when verifying a hit that does not exist', async () => {
    const res = await verify('00000000-0000-4000-8000-000000000000', { disposition: 'confirmed', verifiedBy: 'Officer One' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found_or_forbidden');
  });

  it('filters hits by status and hotlist, newest first', async () => {
    const pending = (await t.call({ method: 'GET', url: '/api/v1/hits?status=pending&limit=500' })).json().items as HitBody[];
    assert.ok(pending.length > 0);
    assert.ok(pending.every((h) => h.status === 'pending'));
    const verified = (await t.call({ method: 'GET', url: '/api/v1/hits?status=verified&limit=500' })).json().items as HitBody[];
    assert.ok(verified.length >= DISPOSITIONS.length);
    assert.ok(verified.every((h) => h.status !== 'pending'));
    const exactOnly = (await t.call({ method: 'GET', url: `/api/v1/hits?hotlistId=${exactOnlyId}` })).json();
    assert.equal(exactOnly.total, 1);
    const all = (await t.call({ method: 'GET', url: '/api/v1/hits?limit=500' })).json().items as (HitBody & { raisedAt: string })[];
    const times = all.map((h) => Date.parse(h.raisedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const bad = await t.call({ method: 'GET', url: '/api/v1/hits?status=done' });
    assert.equal(bad.statusCode, 400);
  });

  it('pages through hits without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { items: HitBody[]; total: number; nextCursor: string | null } = (
        await t.call({ method: 'GET', url: `/api/v1/hits?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` })
      ).json();
      total = page.total;
      for (const h of page.items) {
        assert.equal(seen.has(h.id), false, `hit ${h.id} returned twice`);
        seen.add(h.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.size, total);
  });

  it('audits each verification', async () => {
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?action=hits.verify&limit=500' })).json();
    assert.ok(audit.items.length >= DISPOSITIONS.length + 1);
    assert.equal(audit.items[0].details.verifiedBy, 'Officer One');
  });
});
