// Training runs through the API: only on a training server, deny by default, validated, scored
// from what happened in the store (hits verified, audited searches, hotlist entries), and kept
// across a restart. Plates and case numbers are synthetic.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';

const ROUTES = [
  ['POST', '/api/v1/training/runs'],
  ['GET', '/api/v1/training/runs'],
  ['GET', '/api/v1/training/runs/00000000-0000-4000-8000-000000000000'],
  ['POST', '/api/v1/training/runs/00000000-0000-4000-8000-000000000000/finish'],
] as const;

const CASE = { offenseType: 'robbery', caseNumber: '2031-018443' };

const RUN = {
  scenarioId: 'route-test',
  title: 'Route test',
  trainee: 'Analyst J. Rivera',
  expected: [
    { id: 'confirm', kind: 'hit_disposition', description: 'Confirm the stolen pickup', debrief: 'plate, state and vehicle match the record', readPlate: 'KVN4829', entryPlate: 'KVN4829', disposition: 'confirmed' },
    { id: 'reject', kind: 'hit_disposition', description: 'Reject the misread', readPlate: '0MR6120', disposition: 'misread' },
    { id: 'find', kind: 'search_finds', description: 'Find the sedan', vehiclePlate: 'KRW4812', readPlates: ['KRW4812'], justification: { caseNumber: CASE.caseNumber }, maxWindowMinutes: 60 },
    { id: 'bolo', kind: 'hotlist_entry', description: 'BOLO the sedan', plate: 'KRW4812' },
  ],
};

const AREA = {
  id: 'area',
  kind: 'area_search_finds',
  description: 'List the reads near the shooting',
  point: [-97.190399, 31.539404],
  at: '2031-05-02T18:20:00Z',
  vehicles: [{ plate: 'LWK5093', readPlates: ['LWK5093'] }],
  maxRadiusMeters: 500,
  maxWindowMinutes: 60,
  justification: { offenseType: 'shooting' },
};

interface RunBody {
  id: string;
  status: string;
  trainee: string | null;
  startedAt: string;
  finishedAt: string | null;
  score: { final: boolean; met: number; of: number; percent: number; items: { id: string; met: boolean; reason: string; debrief?: string }[] };
}

const verdicts = (r: RunBody) => Object.fromEntries(r.score.items.map((i) => [i.id, i.met]));

describe('training routes on a live server', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('do not exist: every training route answers 404 with the usual JSON error', async () => {
    for (const [method, url] of ROUTES) {
      const res = await t.call({ method, url, payload: method === 'POST' ? RUN : undefined });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.equal(res.json().error.code, 'not_found_or_forbidden');
    }
    const paths = Object.keys((await t.call({ method: 'GET', url: '/api/v1/openapi.json', token: null })).json().paths);
    assert.ok(!paths.some((p) => p.startsWith('/api/v1/training')), paths.join(', '));
  });
});

describe('training routes on a training server', () => {
  let t: TestApp;
  let stolenList: string;
  const post = (url: string, payload?: unknown, token?: string | null) => t.call({ method: 'POST', url, payload: payload as object, token });
  const get = (url: string) => t.call({ method: 'GET', url });
  const readIdsOf = async (read: Record<string, unknown>): Promise<string[]> => {
    const res = await post('/api/v1/reads', rtccRead(read));
    assert.equal(res.statusCode, 200, res.body);
    return res.json().readIds;
  };
  const hitOn = async (readId: string): Promise<string> => {
    const hits = (await get('/api/v1/hits?limit=500')).json().items as { id: string; readId: string }[];
    const h = hits.find((x) => x.readId === readId);
    assert.ok(h, `no hit on read ${readId}`);
    return h.id;
  };
  const verify = (hitId: string, disposition: string, verifiedBy = 'Analyst J. Rivera') => post(`/api/v1/hits/${hitId}/verification`, { disposition, verifiedBy });

  before(async () => {
    t = await startTestApp({ training: true });
    stolenList = (await post('/api/v1/hotlists', { name: 'Stolen (training)', kind: 'ncic' })).json().id;
    const added = await post(`/api/v1/hotlists/${stolenList}/entries`, [
      { plate: 'KVN4829', state: 'TX', reason: 'stolen pickup' },
      { plate: 'OMR6120', state: 'TX', reason: 'stolen sedan' },
    ]);
    assert.equal(added.statusCode, 201, added.body);
  });
  after(() => t.close());

  it('are described in OpenAPI and deny by default: 401 without a token, 403 with an ingest key', async () => {
    const paths = Object.keys((await t.call({ method: 'GET', url: '/api/v1/openapi.json', token: null })).json().paths);
    for (const p of ['/api/v1/training/runs', '/api/v1/training/runs/{id}', '/api/v1/training/runs/{id}/finish']) assert.ok(paths.includes(p), p);
    const key = (await post('/api/v1/sources', { name: 'gate cam', kind: 'rtcc' })).json().key;
    for (const [method, url] of ROUTES) {
      const payload = method === 'POST' ? RUN : undefined;
      const anon = await t.call({ method, url, payload, token: null });
      assert.equal(anon.statusCode, 401, `${method} ${url}`);
      assert.equal(anon.json().error.code, 'unauthenticated');
      assert.equal(anon.headers['x-rtcc-mode'], 'TRAINING - SIMULATED DATA');
      const ingest = await t.call({ method, url, payload, token: key });
      assert.equal(ingest.statusCode, 403, `${method} ${url}`);
      assert.equal(ingest.json().error.code, 'forbidden');
    }
  });

  it('refuses a malformed run with 400 and every problem listed', async () => {
    const bad = [
      { ...RUN, expected: [] },
      { ...RUN, scenarioId: 'Not A Slug' },
      { ...RUN, extra: true },
      { ...RUN, expected: [{ id: 'x', kind: 'arrest', description: 'no such kind' }] },
      { ...RUN, expected: [{ id: 'x', kind: 'hit_disposition', description: 'no plate', disposition: 'confirmed' }] },
      { ...RUN, expected: [{ id: 'x', kind: 'hit_disposition', description: 'no disposition', readPlate: 'ABC123' }] },
      { ...RUN, expected: [{ id: 'x', kind: 'search_finds', description: 'no vehicle', readPlates: ['ABC123'] }] },
      { ...RUN, expected: [RUN.expected[0], RUN.expected[0]] },
      { ...RUN, expected: [{ ...AREA, point: [-97.19] }] },
      { ...RUN, expected: [{ ...AREA, at: 'at the shooting' }] },
      { ...RUN, expected: [{ ...AREA, vehicles: [{ plate: 'LWK5093' }] }] },
      { ...RUN, expected: [{ ...AREA, maxRadiusMeters: undefined }] },
    ];
    for (const body of bad) {
      const res = await post('/api/v1/training/runs', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      const err = res.json().error;
      assert.equal(err.code, 'validation_failed');
      assert.ok(Array.isArray(err.details) && err.details.length > 0, res.body);
    }
    const dup = await post('/api/v1/training/runs', { ...RUN, expected: [RUN.expected[0], RUN.expected[0]] });
    assert.match(dup.json().error.message, /expected\[1\]\.id confirm is used twice/);
    const noPlate = await post('/api/v1/training/runs', bad[4]);
    assert.match(noPlate.json().error.message, /expected\[0\]\.readPlate must be a plate/);
    const noLimit = await post('/api/v1/training/runs', bad[11]);
    assert.match(noLimit.json().error.message, /expected\[0\]\.maxRadiusMeters is required/);
    const area = await post('/api/v1/training/runs', { ...RUN, expected: [AREA] });
    assert.equal(area.statusCode, 201, area.body);
    assert.match(area.json().score.items[0].reason, /^no read of the vehicle reached the platform during the run/);
  });

  it('scores what happened in the store during the run, item by item, and freezes the score at finish', async () => {
    // before the run: neither this read's hit nor this search may count for it
    const early = await readIdsOf({ plate: 'KVN4829', state: 'TX' });
    await verify(await hitOn(early[0]), 'confirmed');

    const started = await post('/api/v1/training/runs', RUN);
    assert.equal(started.statusCode, 201, started.body);
    const run = started.json() as RunBody;
    assert.equal(run.status, 'running');
    assert.equal(run.trainee, 'Analyst J. Rivera');
    assert.deepEqual(verdicts(run), { confirm: false, reject: false, find: false, bolo: false });
    assert.equal(run.score.final, false);

    const observedAt = '2031-05-02T18:40:00.000Z';
    const [pickup] = await readIdsOf({ plate: 'KVN4829', state: 'TX' });
    const [misread] = await readIdsOf({ plate: '0MR6120', state: 'TX', candidates: [{ plate: 'DMR6120', confidence: 0.6 }] });
    await readIdsOf({ plate: 'KRW4812', state: 'TX', observedAt });
    const score = async () => (await get(`/api/v1/training/runs/${run.id}`)).json() as RunBody;

    // wrong moves first: the misread confirmed (by someone else), a search without the window
    await verify(await hitOn(misread), 'confirmed', 'Officer Other');
    await verify(await hitOn(pickup), 'confirmed');
    const wide = await post('/api/v1/reads/search', { plate: 'KR?48*', justification: CASE });
    assert.equal(wide.json().total, 1);
    const wrongCase = await post('/api/v1/reads/search', { plate: 'KR?48*', from: '2031-05-02T18:20:00Z', to: '2031-05-02T19:00:00Z', justification: { ...CASE, caseNumber: '2031-000077' } });
    assert.equal(wrongCase.json().total, 1);
    const missed = await post('/api/v1/reads/search', { plate: 'KW?48*', from: '2031-05-02T18:20:00Z', to: '2031-05-02T19:00:00Z', justification: CASE });
    assert.equal(missed.json().total, 0);
    const outside = await post('/api/v1/reads/search', { plate: 'KR?48*', from: '2031-05-02T17:00:00Z', to: '2031-05-02T17:30:00Z', justification: CASE });
    assert.equal(outside.json().total, 0);
    const boloList = (await post('/api/v1/hotlists', { name: 'BOLO (training)', kind: 'bolo' })).json().id;
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await post(`/api/v1/hotlists/${boloList}/entries`, { plate: 'KRA4871', reason: 'robbery suspect vehicle', expiresAt });

    let now = await score();
    assert.deepEqual(verdicts(now), { confirm: true, reject: false, find: false, bolo: false });
    const reason = (id: string) => now.score.items.find((i) => i.id === id)!.reason;
    assert.match(reason('confirm'), /^the hit on KVN4829 \(Stolen \(training\), record KVN4829\) was dispositioned confirmed by Analyst J\. Rivera$/);
    assert.match(reason('reject'), /verified by Officer Other, not by the trainee Analyst J\. Rivera/);
    assert.match(reason('find'), /returned a read of the vehicle, but it carried case number 2031-000077; the case is 2031-018443/);
    assert.match(reason('bolo'), /no hotlist entry for the vehicle's plate was added during the run; entries added: KRA4871/);
    assert.equal((now as { expected?: unknown }).expected, undefined, 'no answer key while the run goes on');
    assert.equal(now.score.met, 1);
    assert.equal(now.score.percent, 25);

    // the right moves
    const found = await post('/api/v1/reads/search', { plate: 'KR?48*', from: '2031-05-02T18:20:00Z', to: '2031-05-02T19:00:00Z', justification: CASE });
    assert.equal(found.json().total, 1);
    await post(`/api/v1/hotlists/${boloList}/entries`, { plate: 'KRW4812', reason: 'robbery suspect vehicle', expiresAt });
    now = await score();
    assert.deepEqual(verdicts(now), { confirm: true, reject: false, find: true, bolo: true });
    assert.match(reason('find'), /returned 1 read of KRW4812, justified as robbery, case 2031-018443/);

    const finished = await post(`/api/v1/training/runs/${run.id}/finish`);
    assert.equal(finished.statusCode, 200, finished.body);
    const done = finished.json() as RunBody;
    assert.equal(done.status, 'finished');
    assert.equal(done.score.final, true);
    assert.equal(done.score.met, 3);
    assert.match(done.score.items.find((i) => i.id === 'reject')!.reason, /verified by Officer Other, not by the trainee Analyst J\. Rivera/);
    assert.deepEqual((done as unknown as { expected: { id: string }[] }).expected.map((e) => e.id), ['confirm', 'reject', 'find', 'bolo']);
    assert.equal(done.score.items.find((i) => i.id === 'confirm')!.debrief, 'plate, state and vehicle match the record');

    // after the finish nothing changes the score, and a second finish is a conflict
    const [late] = await readIdsOf({ plate: '0MR6120', state: 'TX' });
    await verify(await hitOn(late), 'misread');
    const again = await score();
    assert.deepEqual(again.score, done.score);
    const twice = await post(`/api/v1/training/runs/${run.id}/finish`);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'conflict');

    const audit = (await get('/api/v1/audit?action=training.runs.finish')).json().items;
    assert.equal(audit[0].details.runId, run.id);
  });

  it('lists runs newest first and answers 404 for an unknown one', async () => {
    const a = (await post('/api/v1/training/runs', { ...RUN, scenarioId: 'list-a', trainee: undefined })).json();
    const list = (await get('/api/v1/training/runs?limit=2')).json();
    assert.equal(list.items[0].id, a.id);
    assert.ok(list.total >= 2);
    assert.equal(list.items[0].score, undefined, 'a running run is scored when asked for by id');
    const missing = await get('/api/v1/training/runs/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found_or_forbidden');
    assert.equal((await post('/api/v1/training/runs/00000000-0000-4000-8000-000000000000/finish')).statusCode, 404);
  });
});

describe('training runs outlive a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-training-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a running run and lets it be finished after the server comes back', async () => {
    let t = await startTestApp({ training: true, dataDir });
    const run = (await t.call({ method: 'POST', url: '/api/v1/training/runs', payload: RUN })).json() as RunBody;
    await t.close();
    t = await startTestApp({ training: true, dataDir });
    try {
      const back = await t.call({ method: 'GET', url: `/api/v1/training/runs/${run.id}` });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().startedAt, run.startedAt);
      assert.equal(back.json().trainee, 'Analyst J. Rivera');
      const done = await t.call({ method: 'POST', url: `/api/v1/training/runs/${run.id}/finish` });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().score.of, 4);
    } finally {
      await t.close();
    }
  });
});

describe('training runs with RTCC_MODULES=lpr', () => {
  it('refuses hit and hotlist items, since nothing would raise or hold them', async () => {
    const t = await startTestApp({ training: true, modules: ['lpr'] });
    try {
      const res = await t.call({ method: 'POST', url: '/api/v1/training/runs', payload: RUN });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().error.message, /hit_disposition needs the hotlists module/);
      const ok = await t.call({ method: 'POST', url: '/api/v1/training/runs', payload: { ...RUN, expected: [RUN.expected[2]] } });
      assert.equal(ok.statusCode, 201, ok.body);
    } finally {
      await t.close();
    }
  });
});
