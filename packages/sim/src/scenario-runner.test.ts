/**
 * The training scenarios end to end: each scenario file is played against a real server in
 * training mode, listening on a free port, through the public routes only; a trainee then works it
 * through the API, once the right way (full score) and once the wrong way (the misses, with
 * their reasons). A live server is refused.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../../server/src/http/test-app.ts';
import { ApiClient } from './api-client.ts';
import { loadScenario } from './scenario.ts';
import { runScenario, watchScore, type RunView, type ScenarioRunResult } from './scenario-runner.ts';

const TRAINEE = 'Analyst J. Rivera';
const CASE = { offenseType: 'robbery', caseNumber: '2026-018443' };

interface Hit {
  id: string;
  readId: string;
  hotlistName: string;
  readPlate: string;
  matchKind: string;
  stateMatches: boolean | null;
  status: string;
}
interface Read {
  id: string;
  plate: string;
  observedAt: string;
  vehicle?: { color?: string; make?: string };
  locationSource?: string;
}

const verdicts = (v: RunView) => Object.fromEntries(v.score.items.map((i) => [i.id, i.met]));
const reasonOf = (v: RunView, id: string) => v.score.items.find((i) => i.id === id)!.reason;

describe('training scenarios played against a training server', () => {
  let t: TestApp;
  let base: string;
  let api: ApiClient;

  before(async () => {
    t = await startTestApp({ training: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    api = new ApiClient(base, ADMIN_TOKEN);
  });
  after(() => t.close());

  const play = (id: string, trainee?: string): Promise<ScenarioRunResult> => runScenario(loadScenario(id), { baseUrl: base, token: ADMIN_TOKEN, trainee, speed: 100 });
  const score = async (runId: string) => (await api.call<RunView>('GET', `/api/v1/training/runs/${runId}`)).body;
  const finish = async (runId: string) => (await api.call<RunView>('POST', `/api/v1/training/runs/${runId}/finish`)).body;
  /** The pending hits on the scenario's list, by the plate the camera read. */
  const pendingHits = async (list: string): Promise<Map<string, Hit>> => {
    const hits = (await api.call('GET', '/api/v1/hits', undefined, { query: { status: 'pending', limit: '500' } })).body.items as Hit[];
    const byPlate = new Map<string, Hit>();
    // newest first: keep this run's hit when an earlier run left one pending
    for (const h of hits) if (h.hotlistName === list && !byPlate.has(h.readPlate)) byPlate.set(h.readPlate, h);
    return byPlate;
  };
  const verify = (hit: Hit, disposition: string, verifiedBy = TRAINEE) => api.call('POST', `/api/v1/hits/${hit.id}/verification`, { disposition, verifiedBy });

  describe('verify-hit-reject-misread', () => {
    const LIST = 'Stolen vehicles (training: verify-hit-reject-misread)';

    it('sends every read through the ingest routes and raises the three hits the briefing announces', async () => {
      const run = await play('verify-hit-reject-misread', TRAINEE);
      assert.equal(run.scenarioReads, 3);
      assert.ok(run.cityReads > 0, 'the city\'s own traffic runs around the scenario');
      const s = run.driver.stats;
      assert.equal(s.failedRequests, 0, s.lastError);
      assert.equal(s.accepted, s.sent, 'every read sent was accepted by an ingest route');
      const sources = (await api.call('GET', '/api/v1/sources')).body.items as { health: { reads: number } | null }[];
      assert.equal(sources.reduce((n, x) => n + (x.health?.reads ?? 0), 0), s.sent, 'the sources\' health counts every read');
      const hits = await pendingHits(LIST);
      assert.deepEqual([...hits.keys()].sort(), ['0MR6120', 'HZP3318', 'KVN4829']);
      assert.equal(hits.get('0MR6120')!.matchKind, 'ocr-equivalent');
      assert.equal(hits.get('HZP3318')!.stateMatches, false);

      // scored at any time: nothing done yet, and nothing given away
      const now = await score(run.runId);
      assert.equal(now.status, 'running');
      assert.deepEqual(verdicts(now), { 'verify-kvn4829': false, 'verify-0mr6120': false, 'verify-hzp3318': false });
      for (const i of now.score.items) assert.doesNotMatch(i.reason, /expected (confirmed|misread|wrong_state)/, i.reason);
      assert.equal((now as unknown as { expected?: unknown }).expected, undefined);

      // the trainee checks each hit against its read and records a disposition
      const read = (await api.call<Read & { candidates?: { plate: string }[] }>('GET', `/api/v1/reads/${hits.get('0MR6120')!.readId}`)).body;
      assert.deepEqual(read.candidates?.map((c) => c.plate), ['DMR6120']);
      assert.equal(read.vehicle?.make, 'hyundai');
      await verify(hits.get('KVN4829')!, 'confirmed');
      await verify(hits.get('0MR6120')!, 'misread');
      await verify(hits.get('HZP3318')!, 'wrong_state');
      const done = await finish(run.runId);
      assert.equal(done.status, 'finished');
      assert.deepEqual(verdicts(done), { 'verify-kvn4829': true, 'verify-0mr6120': true, 'verify-hzp3318': true });
      assert.equal(done.score.met, 3);
      assert.equal(done.score.percent, 100);
      assert.match(reasonOf(done, 'verify-0mr6120'), /^the hit on 0MR6120 \(Stolen vehicles \(training: verify-hit-reject-misread\), record OMR6120\) was dispositioned misread by Analyst J\. Rivera$/);
      assert.ok(done.score.items.every((i) => (i.debrief ?? '').length > 0), 'the final score explains each outcome');
    });

    it('scores the wrong moves as misses, with reasons, in a second run on the same server', async () => {
      const run = await play('verify-hit-reject-misread', TRAINEE);
      const hits = await pendingHits(LIST);
      assert.equal(hits.size, 3, 'the first run\'s hits are verified; these are this run\'s');
      await verify(hits.get('KVN4829')!, 'confirmed', 'Sgt. Someone Else');
      await verify(hits.get('0MR6120')!, 'confirmed');
      // the van's hit is left pending
      const seen: RunView[] = [];
      const finished = watchScore(api, run.runId, { everyMs: 50, onScore: (v) => seen.push(v) });
      await finish(run.runId);
      const done = await finished;
      assert.equal(done.status, 'finished');
      assert.ok(seen.length >= 1);
      assert.deepEqual(verdicts(done), { 'verify-kvn4829': false, 'verify-0mr6120': false, 'verify-hzp3318': false });
      assert.equal(done.score.met, 0);
      assert.match(reasonOf(done, 'verify-kvn4829'), /verified by Sgt\. Someone Else, not by the trainee Analyst J\. Rivera/);
      assert.match(reasonOf(done, 'verify-0mr6120'), /was dispositioned confirmed by Analyst J\. Rivera; expected misread/);
      assert.match(reasonOf(done, 'verify-hzp3318'), /has no disposition yet; expected wrong_state/);
    });
  });

  describe('partial-plate-time-window', () => {
    it('a search with the partial plate, the window and the case finds the car, and a BOLO on it scores full marks', async () => {
      const run = await play('partial-plate-time-window');
      assert.equal(run.scenarioReads, 7);
      assert.equal(run.driver.stats.failedRequests, 0, run.driver.stats.lastError);
      const iso = (offsetMin: number) => new Date(run.t0 + offsetMin * 60_000).toISOString();
      const found = (await api.call('POST', '/api/v1/reads/search', { plate: 'KR?48*', from: iso(-95), to: iso(-75), justification: CASE })).body.items as Read[];
      const plates = new Set(found.map((r) => r.plate));
      assert.ok(plates.has('KRW4812') && plates.has('KRA4871'), [...plates].join(', '));
      assert.ok(!plates.has('KRT4805'), 'the window leaves out the Civic read five hours earlier');
      const car = found.find((r) => r.vehicle?.color === 'silver' && r.vehicle?.make === 'honda');
      assert.equal(car?.plate, 'KRW4812', 'the description picks the car');

      const bolo = ((await api.call('GET', '/api/v1/hotlists')).body.items as { id: string; name: string }[]).find((l) => l.name === 'BOLO (training)');
      assert.ok(bolo, 'the scenario created its BOLO list');
      await api.call('POST', `/api/v1/hotlists/${bolo.id}/entries`, { plate: car.plate, reason: `robbery suspect vehicle, case ${CASE.caseNumber}`, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
      const done = await finish(run.runId);
      assert.deepEqual(verdicts(done), { 'find-getaway-car': true, 'bolo-getaway-car': true });
      assert.match(reasonOf(done, 'find-getaway-car'), /plate "KR\?48\*".*returned 2 reads of KRW4812, justified as robbery, case 2026-018443/);
      assert.match(reasonOf(done, 'bolo-getaway-car'), /KRW4812 was put on "BOLO \(training\)"/);
    });

    it('a search without a time window and a BOLO on the wrong car score the misses', async () => {
      const run = await play('partial-plate-time-window');
      const all = (await api.call('POST', '/api/v1/reads/search', { plate: 'KR*', justification: CASE })).body;
      assert.ok(all.total >= 3);
      const unjustified = api.call('POST', '/api/v1/reads/search', { plate: 'KR?48*' });
      await assert.rejects(unjustified, /justification_required/);
      const bolo = ((await api.call('GET', '/api/v1/hotlists')).body.items as { id: string; name: string }[]).find((l) => l.name === 'BOLO (training)')!;
      await api.call('POST', `/api/v1/hotlists/${bolo.id}/entries`, { plate: 'KRA4871', reason: 'robbery suspect vehicle', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
      const done = await finish(run.runId);
      assert.deepEqual(verdicts(done), { 'find-getaway-car': false, 'bolo-getaway-car': false });
      assert.match(reasonOf(done, 'find-getaway-car'), /returned a read of KRW4812, but it was not narrowed to a time window/);
      // the first run's BOLO on KRW4812 was put out before this run: it does not count here
      assert.match(reasonOf(done, 'bolo-getaway-car'), /no hotlist entry for KRW4812 was added during the run; entries added: KRA4871/);
    });
  });

  it('refuses to play the shooting scenario on a server without the cad module, before sending anything', async () => {
    const runs = (await api.call('GET', '/api/v1/training/runs')).body.total as number;
    const sources = ((await api.call('GET', '/api/v1/sources')).body.items as unknown[]).length;
    await assert.rejects(
      runScenario(loadScenario('shooting-nearby-reads'), { baseUrl: base, token: ADMIN_TOKEN, speed: 100 }),
      /scenario shooting-nearby-reads sends an incident and gunshot alerts, which need the cad module, and it is off on http:\/\/127\.0\.0\.1:\d+ \(modules on: lpr, hotlists\); start the training server with RTCC_MODULES=lpr,hotlists,cad/,
    );
    assert.equal((await api.call('GET', '/api/v1/training/runs')).body.total, runs, 'no run was registered');
    assert.equal(((await api.call('GET', '/api/v1/sources')).body.items as unknown[]).length, sources, 'no source was created');
  });

  it('refuses to play against a live server', async () => {
    const live = await startTestApp();
    try {
      await live.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(live.app.server.address() as AddressInfo).port}`;
      await assert.rejects(runScenario(loadScenario('verify-hit-reject-misread'), { baseUrl: url, token: ADMIN_TOKEN }), /is not a training server \(mode: live\)/);
      assert.equal((await live.call({ method: 'GET', url: '/api/v1/hits' })).json().total, 0, 'nothing was sent');
    } finally {
      await live.close();
    }
  });
});

describe('shooting-nearby-reads played against a training server with the cad module', () => {
  const SHOOTING = { offenseType: 'shooting', caseNumber: '2026-021907' };
  let t: TestApp;
  let base: string;
  let api: ApiClient;

  before(async () => {
    t = await startTestApp({ training: true, modules: ['lpr', 'hotlists', 'cad'] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    api = new ApiClient(base, ADMIN_TOKEN);
  });
  after(() => t.close());

  interface Incident {
    id: string;
    type: string;
    typeCode: string;
    priority: number;
    status: string;
    location: { point: [number, number]; address?: string };
    notes: { text: string }[];
  }
  interface Gunshot {
    detectedAt: string;
    location: [number, number];
    address: string;
    rounds: number;
    humanReviewed: boolean;
  }

  const play = () => runScenario(loadScenario('shooting-nearby-reads'), { baseUrl: base, token: ADMIN_TOKEN, trainee: TRAINEE, speed: 100 });
  const score = async (runId: string) => (await api.call<RunView>('GET', `/api/v1/training/runs/${runId}`)).body;
  const finish = async (runId: string) => (await api.call<RunView>('POST', `/api/v1/training/runs/${runId}/finish`)).body;
  /** The newest incident and gunshot alert: the ones this run sent. */
  const scene = async () => {
    const incident = ((await api.call('GET', '/api/v1/incidents', undefined, { query: { status: 'open' } })).body.items as Incident[])[0];
    const gunshot = ((await api.call('GET', '/api/v1/gunshots')).body.items as Gunshot[])[0];
    return { incident, gunshot, shots: Date.parse(gunshot.detectedAt) };
  };
  const search = async (body: Record<string, unknown>) => (await api.call('POST', '/api/v1/reads/search', { limit: 1000, justification: SHOOTING, ...body })).body as { items: (Read & { cameraId?: string })[]; total: number };
  const iso = (ms: number) => new Date(ms).toISOString();
  const bolo = async (plate: string) => {
    const list = ((await api.call('GET', '/api/v1/hotlists')).body.items as { id: string; name: string }[]).find((l) => l.name === 'BOLO (training)')!;
    await api.call('POST', `/api/v1/hotlists/${list.id}/entries`, { plate, reason: `shooting suspect vehicle, case ${SHOOTING.caseNumber}`, expiresAt: iso(Date.now() + 7 * 86_400_000) });
  };

  it('sends the incident and the sensor alert through the cad routes; an area search around the scene in the right window, and a BOLO, score full marks', async () => {
    const run = await play();
    assert.equal(run.scenarioReads, 7);
    assert.equal(run.dispatchSent, 3, 'the alert as detected and as reviewed, and the EIDO');
    assert.equal(run.driver.stats.failedRequests, 0, run.driver.stats.lastError);
    assert.match(run.briefing, /^Shots fired at 1539 Cottonwood Pkwy/);

    // the trainee looks the incident and the alert up, as the briefing says
    const { incident, gunshot, shots } = await scene();
    assert.equal(incident.typeCode, 'SHOTS');
    assert.equal(incident.priority, 1);
    assert.deepEqual(incident.location.point, [-97.190399, 31.539404]);
    assert.match(incident.notes[0].text, /dark SUV/);
    assert.equal(gunshot.address, '1539 Cottonwood Pkwy');
    assert.equal(gunshot.humanReviewed, true, 'the reviewed alert replaced the first');
    assert.equal(shots, run.t0 - 40 * 60_000);
    const sources = (await api.call('GET', '/api/v1/sources')).body.items as { kind: string }[];
    assert.ok(sources.some((x) => x.kind === 'eido') && sources.some((x) => x.kind === 'gunshot'));

    // nothing yet, and nothing given away
    const before = await score(run.runId);
    assert.deepEqual(verdicts(before), { 'area-search-scene': false, 'bolo-suspect': false });
    for (const i of before.score.items) assert.doesNotMatch(i.reason, /LWK5093/, i.reason);

    const found = await search({ area: { center: incident.location.point, radiusMeters: 400 }, from: iso(shots - 20 * 60_000), to: iso(shots + 25 * 60_000) });
    const plates = new Set(found.items.map((r) => r.plate));
    for (const p of ['LWK5093', 'HTR2816', 'DPN7742']) assert.ok(plates.has(p), `${p} among ${[...plates].join(', ')}`);
    assert.ok(!plates.has('NBV3361'), 'the SUV 1.3 km away is outside the area');
    assert.ok(!plates.has('RMC8024'), 'the SUV three hours earlier is outside the window');
    // the cameras near the scene are the cameras of the reads the search returned (a patrol car's
    // mobile reader passing by has no camera: its reads carry their own position)
    const cameras = new Map(((await api.call('GET', '/api/v1/cameras')).body.items as { id: string; name: string }[]).map((c) => [c.id, c.name]));
    const near = new Set(found.items.filter((r) => r.cameraId).map((r) => cameras.get(r.cameraId!)));
    for (const r of found.items.filter((x) => !x.cameraId)) assert.equal(r.locationSource, 'device', `${r.plate} has neither a camera nor its own position`);
    for (const name of near) assert.match(name ?? '', /^(Franklin Blvd & Cottonwood Pkwy|Cottonwood Pkwy near (17th St|Franklin Blvd))/, String(name));
    const suspect = found.items.filter((r) => r.plate === 'LWK5093');
    assert.equal(suspect.length, 2, 'arriving on Franklin and fleeing north on Cottonwood');
    assert.equal(suspect[0].vehicle?.make, 'chevrolet');
    await bolo('LWK5093');

    const done = await finish(run.runId);
    assert.deepEqual(verdicts(done), { 'area-search-scene': true, 'bolo-suspect': true });
    assert.equal(done.score.percent, 100);
    assert.match(reasonOf(done, 'area-search-scene'), /an area of 400 m radius\) covered the scene and the time of the shooting and returned 2 reads of LWK5093, from 2 cameras, justified as shooting, case 2026-021907$/);
    assert.ok(done.score.items.every((i) => (i.debrief ?? '').length > 0));
  });

  it('scores a search in the wrong place, one too wide and one too long as misses, each with its reason', async () => {
    const run = await play();
    const { incident, shots } = await scene();
    const window = { from: iso(shots - 20 * 60_000), to: iso(shots + 25 * 60_000) };
    const camera121: [number, number] = [-97.190483, 31.527411];

    const wrongPlace = await search({ area: { center: camera121, radiusMeters: 400 }, ...window });
    assert.ok(wrongPlace.items.some((r) => r.plate === 'NBV3361'), 'it finds the lookalike SUV far away');
    let now = await score(run.runId);
    assert.match(reasonOf(now, 'area-search-scene'), /an area of 400 m radius\): its area does not cover the scene; it returned no read of the vehicle$/);

    await search({ area: { center: incident.location.point, radiusMeters: 3000 }, ...window });
    now = await score(run.runId);
    assert.match(reasonOf(now, 'area-search-scene'), /: its radius was 3000 m; at most 500 m expected \(2 area searches in all, none met every condition\)$/);

    await search({ area: { center: incident.location.point, radiusMeters: 400 }, from: iso(shots - 150 * 60_000), to: iso(shots + 30 * 60_000) });
    now = await score(run.runId);
    assert.match(reasonOf(now, 'area-search-scene'), /: its time window was 180 minutes wide; at most 60 expected \(3 area searches in all/);
    for (const i of now.score.items) assert.doesNotMatch(i.reason, /LWK5093/, i.reason);
    assert.equal(now.score.met, 0);

    await bolo('NBV3361');
    const done = await finish(run.runId);
    assert.deepEqual(verdicts(done), { 'area-search-scene': false, 'bolo-suspect': false });
    assert.match(reasonOf(done, 'area-search-scene'), /its time window was 180 minutes wide; at most 60 expected/);
    assert.match(reasonOf(done, 'bolo-suspect'), /no hotlist entry for LWK5093 was added during the run; entries added: NBV3361/);
  });

  // last: its incident opens after the others' and would be the newest for the tests above
  it('sends an incident and an alert still to come on the clock, after the run has started', async () => {
    const loaded = loadScenario('shooting-nearby-reads');
    const later = structuredClone(loaded.scenario);
    later.dispatch = later.dispatch!.map((d) => ({ ...d, at: d.kind === 'gunshot' ? '+20s' : '+30s' }));
    const lines: string[] = [];
    const run = await runScenario({ scenario: later, city: loaded.city }, { baseUrl: base, token: ADMIN_TOKEN, speed: 100, onLine: (l) => lines.push(l) });
    assert.equal(run.dispatchSent, 3);
    assert.ok(lines.some((l) => /sent what happened before now: 7 scenario reads, \d+ city reads, 0 EIDOs and gunshot alerts/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /3 of 3 EIDOs and gunshot alerts/.test(l)), lines.join('\n'));
    const { incident, shots } = await scene();
    assert.equal(shots, run.t0 + 20_000);
    assert.equal(incident.typeCode, 'SHOTS');
    await finish(run.runId);
  });
});
