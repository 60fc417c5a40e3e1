// Search of stored reads: patterns, time, cameras, areas, the justification every search needs,
// paging, and the audit record each search leaves. Plates are synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, JUSTIFICATION, rtccRead, startTestApp, type TestApp } from '../test-app.ts';

const T0 = Date.UTC(2026, 0, 10, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
// camera A downtown, camera B about 19 km north-east
const A_POS: [number, number] = [-97.7431, 30.2672];
const B_POS: [number, number] = [-97.6, 30.4];

interface SearchPage {
  items: { id: string; plate: string; observedAt: string; cameraId?: string }[];
  total: number;
  nextCursor: string | null;
}

describe('POST /api/v1/reads/search', () => {
  let t: TestApp;
  let camA: string;
  let camB: string;

  before(async () => {
    t = await startTestApp();
    camA = (await t.call({ method: 'POST', url: '/api/v1/cameras', payload: { name: 'A', location: A_POS } })).json().id;
    camB = (await t.call({ method: 'POST', url: '/api/v1/cameras', payload: { name: 'B', location: B_POS } })).json().id;
    const reads = [
      rtccRead({ plate: 'SRC1001', observedAt: at(0), cameraId: camA, location: undefined }),
      rtccRead({ plate: 'SRC1002', observedAt: at(10), cameraId: camA, location: undefined }),
      rtccRead({ plate: 'SRC1010', observedAt: at(20), cameraId: camB, location: undefined }),
      rtccRead({ plate: 'SRC1O01', observedAt: at(30), cameraId: camB, location: undefined }),
      rtccRead({ plate: 'SRC101', observedAt: at(40), cameraId: camA, location: undefined }),
      rtccRead({ plate: 'XSRC1001', observedAt: at(50), cameraId: camB, location: undefined }),
      rtccRead({ plate: 'SRC1001', observedAt: at(60), cameraId: camB, location: undefined }),
      rtccRead({ plate: 'QQQ7777', observedAt: at(70), location: [-97.7432, 30.2673] }),
    ];
    const pages = Array.from({ length: 23 }, (_, i) => rtccRead({ plate: 'PGN0001', observedAt: at(100 + i), cameraId: i % 2 ? camA : camB, location: undefined }));
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: [...reads, ...pages] });
    assert.equal(res.json().accepted, reads.length + pages.length, res.body);
  });
  after(() => t.close());

  const search = async (body: Record<string, unknown>): Promise<SearchPage> => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { justification: JUSTIFICATION, ...body } });
    assert.equal(res.statusCode, 200, `${JSON.stringify(body)}: ${res.body}`);
    return res.json();
  };
  const plates = (p: SearchPage) => p.items.map((r) => r.plate);

  it('finds an exact plate, newest first, with the exact total', async () => {
    const p = await search({ plate: 'src-1001' });
    assert.deepEqual(plates(p), ['SRC1001', 'SRC1001']);
    assert.equal(p.total, 2);
    assert.deepEqual(p.items.map((r) => r.observedAt), [at(60), at(0)]);
    assert.equal(p.nextCursor, null);
  });

  it('takes ? for one unknown character', async () => {
    assert.deepEqual(plates(await search({ plate: 'SRC100?' })).sort(), ['SRC1001', 'SRC1001', 'SRC1002']);
    assert.deepEqual(plates(await search({ plate: '?RC1010' })), ['SRC1010']);
  });

  it('takes * for a run, including a substring', async () => {
    assert.deepEqual(plates(await search({ plate: 'SRC10*' })).sort(), ['SRC1001', 'SRC1001', 'SRC1002', 'SRC101', 'SRC1010']);
    assert.deepEqual(plates(await search({ plate: '*C1O0*' })), ['SRC1O01']);
    assert.equal((await search({ plate: '*1001' })).total, 3);
  });

  it('finds every plate one edit or OCR confusion away with fuzzy', async () => {
    const found = new Set(plates(await search({ plate: 'SRC1001', fuzzy: true })));
    for (const p of ['SRC1001', 'SRC1O01', 'SRC101', 'XSRC1001', 'SRC1002']) assert.ok(found.has(p), `fuzzy missed ${p}: ${[...found]}`);
    assert.equal(found.has('QQQ7777'), false);
    assert.equal(found.has('PGN0001'), false);
  });

  it('limits to a time window', async () => {
    const p = await search({ plate: 'SRC*', from: at(5), to: at(35) });
    assert.deepEqual(plates(p), ['SRC1O01', 'SRC1010', 'SRC1002']);
    assert.equal(p.total, 3);
  });

  it('limits to cameras, with or without a plate', async () => {
    const withPlate = await search({ plate: 'SRC1001', cameraIds: [camB] });
    assert.deepEqual(withPlate.items.map((r) => r.cameraId), [camB]);
    const camOnly = await search({ cameraIds: [camA], from: at(0), to: at(99) });
    assert.deepEqual(plates(camOnly), ['SRC101', 'SRC1002', 'SRC1001']);
  });

  it('limits to a circle around a point', async () => {
    const p = await search({ area: { center: A_POS, radiusMeters: 500 }, from: at(0), to: at(99) });
    assert.deepEqual(plates(p), ['QQQ7777', 'SRC101', 'SRC1002', 'SRC1001']);
  });

  it('limits to a GeoJSON polygon', async () => {
    // a box around camera B only
    const box = [[[-97.62, 30.38], [-97.58, 30.38], [-97.58, 30.42], [-97.62, 30.42], [-97.62, 30.38]]];
    const p = await search({ plate: 'SRC*', area: { type: 'Polygon', coordinates: box } });
    assert.deepEqual(plates(p), ['SRC1001', 'SRC1O01', 'SRC1010']);
  });

  it('pages through every result once, with the exact total on every page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pagesRead = 0;
    do {
      const p: SearchPage = await search({ plate: 'PGN0001', limit: 5, ...(cursor ? { cursor } : {}) });
      assert.equal(p.total, 23);
      assert.ok(p.items.length <= 5);
      seen.push(...p.items.map((r) => r.observedAt));
      cursor = p.nextCursor;
      pagesRead++;
    } while (cursor && pagesRead < 20);
    assert.equal(pagesRead, 5);
    assert.equal(seen.length, 23);
    assert.equal(new Set(seen).size, 23);
    assert.deepEqual(seen, Array.from({ length: 23 }, (_, i) => at(122 - i)));
  });

  it('refuses a search without a usable justification, saying what is missing', async () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /justification/],
      [{}, /case/i],
      [{ offenseType: 'robbery' }, /case/i],
      [{ offenseType: 'robbery', caseNumber: '  ' }, /case/i],
      [{ offenseType: 'robbery', caseNumber: 'TEST' }, /placeholder/],
      [{ offenseType: 'curiosity', caseNumber: '2026-004817' }, /offense/i],
    ];
    for (const [justification, message] of cases) {
      const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { plate: 'SRC1001', ...(justification === undefined ? {} : { justification }) } });
      assert.equal(res.statusCode, 400, JSON.stringify(justification));
      const { error } = res.json();
      assert.ok(['justification_required', 'validation_failed'].includes(error.code), error.code);
      assert.match(error.message, message);
      assert.doesNotMatch(res.body, /SRC1001"?,"observedAt/, 'refused search leaked results');
    }
  });

  it('refuses a search with nothing to narrow it, a bad pattern, time or area', async () => {
    for (const body of [
      { from: at(0) },
      { plate: 'S*' },
      { plate: 'SRC$1' },
      { plate: 'SRC1001', from: '2026-01-10 08:00' },
      { plate: 'SRC1001', from: at(10), to: at(0) },
      { plate: 'SRC*', fuzzy: true },
      { area: { center: A_POS, radiusMeters: -5 } },
      { area: { type: 'LineString', coordinates: [] } },
    ]) {
      const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { justification: JUSTIFICATION, ...body } });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  it('leaves an audit record of who searched, for what, why, and how many reads came back', async () => {
    await search({ plate: 'SRC100?', justification: { ...JUSTIFICATION, note: 'vehicle seen leaving the scene' } });
    const res = await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.search&limit=1' });
    assert.equal(res.statusCode, 200);
    const [rec] = res.json().items;
    assert.equal(rec.action, 'reads.search');
    assert.equal(rec.actor, 'admin (bootstrap token)');
    assert.equal(rec.outcome, 'success');
    assert.equal(rec.query.plate, 'SRC100?');
    assert.deepEqual(rec.justification, { ...JUSTIFICATION, note: 'vehicle seen leaving the scene' });
    assert.equal(rec.resultCount, 3);
    assert.ok(Date.parse(rec.at) > 0);
  });

  it('audits a refused search too, and the chain of records verifies', async () => {
    await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { plate: 'SRC1001' } });
    const [rec] = (await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.search&limit=1' })).json().items;
    assert.equal(rec.outcome, 'denied');
    assert.equal(rec.query.plate, 'SRC1001');
    const all = (await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.search&limit=500' })).json();
    assert.ok(all.items.length >= 20);
    const verify = await t.call({ method: 'GET', url: '/api/v1/audit/verify' });
    assert.equal(verify.statusCode, 200);
    assert.equal(verify.json().ok, true);
    assert.ok(verify.json().records >= all.items.length);
  });

  it('reports a broken chain when a record is slipped in without the service', async () => {
    const last = (await t.ctx.store.audit.last())!;
    // a record appended straight into the store, as someone with database access could
    await t.ctx.store.audit.append({ ...last, seq: last.seq + 1, id: 'forged', actor: 'nobody', prevHash: last.hash });
    const verify = (await t.call({ method: 'GET', url: '/api/v1/audit/verify' })).json();
    assert.equal(verify.ok, false);
    assert.equal(verify.brokenAt, last.seq + 1);
    assert.match(verify.reason, /hash/);
  });

  it('audits opening one read', async () => {
    const [first] = (await search({ plate: 'QQQ7777' })).items;
    const res = await t.call({ method: 'GET', url: `/api/v1/reads/${first.id}` });
    assert.equal(res.statusCode, 200);
    const [rec] = (await t.call({ method: 'GET', url: '/api/v1/audit?action=reads.get&limit=1' })).json().items;
    assert.equal(rec.details.readId, first.id);
    const missing = await t.call({ method: 'GET', url: '/api/v1/reads/999999999' });
    assert.equal(missing.statusCode, 404);
  });

  it('is closed to an ingest key', async () => {
    const { key } = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'cam', kind: 'rtcc' } })).json();
    const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', token: key, payload: { plate: 'SRC1001', justification: JUSTIFICATION } });
    assert.equal(res.statusCode, 403);
    assert.notEqual(key, ADMIN_TOKEN);
  });
});
