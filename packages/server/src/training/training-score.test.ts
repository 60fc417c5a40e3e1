// The scorer: each expected item met or not, with a reason a trainee can act on. Plates are synthetic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreRun, type AreaTarget, type HitFact, type RunFacts, type SearchFact } from './training-score.ts';
import type { TrainingExpectation, TrainingScoreItem } from './training.types.ts';

const START = Date.UTC(2031, 4, 2, 19, 0);
const END = START + 30 * 60_000;

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({ start: START, end: END, hits: [], searches: [], targets: {}, areaTargets: {}, entries: [], additions: [], ...over });

const confirm: TrainingExpectation = { id: 'confirm', kind: 'hit_disposition', description: 'Confirm the stolen pickup', readPlate: 'KVN4829', entryPlate: 'KVN4829', disposition: 'confirmed' };
const reject: TrainingExpectation = { id: 'reject', kind: 'hit_disposition', description: 'Reject the misread', readPlate: '0MR6120', disposition: 'misread' };
const find: TrainingExpectation = {
  id: 'find',
  kind: 'search_finds',
  description: 'Find the sedan',
  vehiclePlate: 'KRW4812',
  readPlates: ['KRW4812', 'KRW4B12'],
  justification: { offenseType: 'robbery', caseNumber: '2031-018443' },
  maxWindowMinutes: 60,
};
const bolo: TrainingExpectation = { id: 'bolo', kind: 'hotlist_entry', description: 'BOLO the sedan', plate: 'KRW4812' };

function hit(readPlate: string, entryPlate: string, v?: HitFact['verification']): HitFact {
  const h: HitFact = { id: `hit-${readPlate}-${v?.verifiedBy ?? 'p'}`, readPlate, entryPlate, hotlistName: 'Stolen (training)', status: v?.disposition ?? 'pending' };
  if (v) h.verification = v;
  return h;
}

function search(at: number, query: SearchFact['query'], returned: string[], over: Partial<SearchFact> = {}): SearchFact {
  return { auditId: `a-${at}`, at, outcome: 'success', query, justification: { offenseType: 'robbery', caseNumber: '2031-018443' }, resultCount: returned.length, returned: { find: returned }, ...over };
}

const win = { from: '2031-05-02T17:20:00Z', to: '2031-05-02T18:00:00Z' };

describe('scoreRun', () => {
  it('meets every item when the trainee did what the scenario expects, and counts them', () => {
    const s = scoreRun(
      [confirm, reject, find, bolo],
      facts({
        hits: [hit('KVN4829', 'KVN4829', { disposition: 'confirmed', verifiedBy: 'Analyst J. Rivera', verifiedAt: START + 60_000 }), hit('0MR6120', 'OMR6120', { disposition: 'misread', verifiedBy: 'Analyst J. Rivera', verifiedAt: START + 90_000 })],
        targets: { find: ['r1', 'r2'] },
        searches: [search(START + 120_000, { plate: 'KR?48*', ...win }, ['r1'])],
        entries: [{ id: 'e1', plate: 'KRW4812', hotlistName: 'BOLO (training)', createdAt: START + 200_000, createdBy: 'admin' }],
      }),
      { trainee: 'analyst  j. rivera', now: END, reveal: true },
    );
    assert.deepEqual(
      s.items.map((i) => [i.id, i.met]),
      [['confirm', true], ['reject', true], ['find', true], ['bolo', true]],
    );
    assert.equal(s.met, 4);
    assert.equal(s.of, 4);
    assert.equal(s.computedAt, END);
    assert.match(s.items[0].reason, /confirmed by Analyst J\. Rivera/);
    assert.match(s.items[2].reason, /plate "KR\?48\*".*returned 1 read of KRW4812, justified as robbery, case 2031-018443/);
    assert.deepEqual(s.items[2].evidence, { auditIds: ['a-' + (START + 120_000)] });
    assert.match(s.items[3].reason, /KRW4812 was put on "BOLO \(training\)" by admin/);
  });

  it('says why a hit item is not met: no hit, pending, wrong disposition, someone else, after the finish', () => {
    const cases: [HitFact[], RegExp][] = [
      [[], /no hit was raised on a read of 0MR6120 during the run/],
      [[hit('0MR6120', 'OMR6120')], /has no disposition yet; expected misread/],
      [[hit('0MR6120', 'OMR6120', { disposition: 'confirmed', verifiedBy: 'Trainee T', verifiedAt: START + 1 })], /dispositioned confirmed by Trainee T; expected misread/],
      [[hit('0MR6120', 'OMR6120', { disposition: 'misread', verifiedBy: 'Sgt. Other', verifiedAt: START + 1 })], /verified by Sgt\. Other, not by the trainee Trainee T/],
      [[hit('0MR6120', 'OMR6120', { disposition: 'misread', verifiedBy: 'Trainee T', verifiedAt: END + 1 })], /no disposition from before the run finished/],
    ];
    for (const [hits, reason] of cases) {
      const item: TrainingScoreItem = scoreRun([reject], facts({ hits }), { trainee: 'Trainee T', now: END, reveal: true }).items[0];
      assert.equal(item.met, false, String(reason));
      assert.match(item.reason, reason);
    }
  });

  it('needs every hit on the read plate dispositioned, and keeps to the entry plate when given', () => {
    const ok = { disposition: 'confirmed' as const, verifiedBy: 'T', verifiedAt: START + 1 };
    const two = [hit('KVN4829', 'KVN4829', ok), { ...hit('KVN4829', 'KVN4829'), id: 'second' }];
    assert.equal(scoreRun([confirm], facts({ hits: two }), { now: END, reveal: true }).items[0].met, false);
    const other = [hit('KVN4829', 'KVN4829', ok), hit('KVN4829', 'KVN4B29')];
    const [item] = scoreRun([confirm], facts({ hits: other }), { now: END, reveal: true }).items;
    assert.equal(item.met, true, 'a hit against another record is not this item');
    assert.equal(item.evidence.hitIds?.length, 1);
  });

  it('says why a search item is not met', () => {
    const cases: [Partial<RunFacts>, RegExp][] = [
      [{ targets: {} }, /no read of KRW4812 reached the platform/],
      [{ targets: { find: ['r1'] }, searches: [] }, /no justified search of plate reads was made during the run$/],
      [{ targets: { find: ['r1'] }, searches: [search(START + 5, { plate: 'KR*' }, [], { outcome: 'denied' })] }, /no justified search .*; 1 search was refused for want of a justification/],
      [{ targets: { find: ['r1'] }, searches: [search(START + 5, { plate: 'KW?48*', ...win }, [], { resultCount: 3 })] }, /1 justified search during the run, none of which returned a read of KRW4812; the last: plate "KW\?48\*", from .* to .*, 3 results/],
      [{ targets: { find: ['r1'] }, searches: [search(START + 5, { plate: 'KR?48*' }, ['r1'])] }, /returned a read of KRW4812, but it was not narrowed to a time window/],
      [{ targets: { find: ['r1'] }, searches: [search(START + 5, { plate: 'KR?48*', from: '2031-05-02T12:00:00Z', to: '2031-05-02T18:00:00Z' }, ['r1'])] }, /its time window was 360 minutes wide; at most 60 expected/],
      [
        { targets: { find: ['r1'] }, searches: [search(START + 5, { plate: 'KR?48*', ...win }, ['r1'], { justification: { offenseType: 'burglary', caseNumber: '2031-000001' } })] },
        /justified as burglary; the offense is robbery, and it carried case number 2031-000001; the case is 2031-018443/,
      ],
    ];
    for (const [f, reason] of cases) {
      const item: TrainingScoreItem = scoreRun([find], facts(f), { now: END, reveal: true }).items[0];
      assert.equal(item.met, false, String(reason));
      assert.match(item.reason, reason);
    }
  });

  it('meets a search item when any one search satisfies every condition', () => {
    const f = facts({
      targets: { find: ['r1'] },
      searches: [search(START + 5, { plate: 'KR*' }, ['r1']), search(START + 9, { plate: 'KRW4812', ...win }, ['r1'])],
    });
    const [item] = scoreRun([find], f, { now: END, reveal: true }).items;
    assert.equal(item.met, true, item.reason);
    assert.deepEqual(item.evidence.auditIds, [`a-${START + 9}`]);
  });

  it('never gives the answer away while the run goes on, and adds the debrief to the final score', () => {
    const withDebrief: TrainingExpectation[] = [{ ...reject, debrief: 'the camera read D as 0' }, find, bolo];
    const f = facts({
      hits: [hit('0MR6120', 'OMR6120', { disposition: 'confirmed', verifiedBy: 'T', verifiedAt: START + 1 })],
      targets: { find: ['r1'] },
      searches: [search(START + 5, { plate: 'KW*', ...win }, [])],
    });
    const running = scoreRun(withDebrief, f, { now: END, reveal: false });
    for (const item of running.items) {
      assert.doesNotMatch(item.reason, /misread|KRW4812/, item.reason);
      assert.equal(item.debrief, undefined);
    }
    assert.match(running.items[0].reason, /dispositioned confirmed by T, which is not the expected disposition/);
    assert.match(running.items[1].reason, /none of which returned a read of the vehicle/);
    assert.match(running.items[2].reason, /no hotlist entry for the vehicle's plate/);
    const final = scoreRun(withDebrief, f, { now: END, reveal: true });
    assert.match(final.items[0].reason, /expected misread/);
    assert.equal(final.items[0].debrief, 'the camera read D as 0');
    assert.match(final.items[1].reason, /read of KRW4812/);
  });

  it('says why a hotlist item is not met', () => {
    const none = scoreRun([bolo], facts({ additions: [{ auditId: 'a1', plates: ['KRA4871'] }] }), { now: END, reveal: true }).items[0];
    assert.equal(none.met, false);
    assert.match(none.reason, /no hotlist entry for KRW4812 was added during the run; entries added: KRA4871/);
    const gone = scoreRun([bolo], facts({ additions: [{ auditId: 'a1', plates: ['KRW4812'] }] }), { now: END, reveal: true }).items[0];
    assert.match(gone.reason, /no longer active/);
  });
});

describe('scoreRun: an area search near a shooting', () => {
  // the scene on a city street; the shots at 18:20 UTC
  const SCENE: [number, number] = [-97.190399, 31.539404];
  const SHOTS = Date.UTC(2031, 4, 2, 18, 20);
  const area: TrainingExpectation = {
    id: 'area',
    kind: 'area_search_finds',
    description: 'List the reads near the scene',
    point: SCENE,
    at: SHOTS,
    vehicles: [{ plate: 'LWK5093', readPlates: ['LWK5093'] }],
    maxRadiusMeters: 500,
    maxWindowMinutes: 60,
    justification: { offenseType: 'shooting', caseNumber: '2031-021907' },
  };
  const targets: AreaTarget[] = [
    { readId: 'r1', vehiclePlate: 'LWK5093', cameraId: 'cam-103' },
    { readId: 'r2', vehiclePlate: 'LWK5093', cameraId: 'cam-129' },
    { readId: 'r3', vehiclePlate: 'LWK5093', cameraId: 'cam-117' },
  ];
  const JUST = { offenseType: 'shooting', caseNumber: '2031-021907' };
  const window = { from: '2031-05-02T18:00:00Z', to: '2031-05-02T18:45:00Z' };
  const circle = (radiusMeters: number, center: [number, number] = SCENE) => ({ center, radiusMeters });
  // a square about 2 × 130 m across around the scene
  const square = (halfDeg: number) => ({
    type: 'Polygon',
    coordinates: [[[SCENE[0] - halfDeg, SCENE[1] - halfDeg], [SCENE[0] + halfDeg, SCENE[1] - halfDeg], [SCENE[0] + halfDeg, SCENE[1] + halfDeg], [SCENE[0] - halfDeg, SCENE[1] + halfDeg], [SCENE[0] - halfDeg, SCENE[1] - halfDeg]]],
  });
  const areaSearch = (at: number, query: SearchFact['query'], returned: string[], over: Partial<SearchFact> = {}): SearchFact => ({
    auditId: `a-${at}`,
    at,
    outcome: 'success',
    query,
    justification: JUST,
    resultCount: returned.length + 40,
    returned: { area: returned },
    ...over,
  });
  const score = (searches: SearchFact[], reveal = true, t = targets) => scoreRun([area], facts({ areaTargets: { area: t }, searches }), { now: END, reveal }).items[0];

  it('is met by a justified circle or polygon search around the scene, in a narrow window, that returned the vehicle\'s reads', () => {
    const byCircle = score([areaSearch(START + 60_000, { area: circle(400), ...window }, ['r1', 'r2'])]);
    assert.equal(byCircle.met, true, byCircle.reason);
    assert.match(byCircle.reason, /^the search at 2031-05-02T19:01:00Z \(from 2031-05-02T18:00:00Z to 2031-05-02T18:45:00Z, an area of 400 m radius\) covered the scene and the time of the shooting and returned 2 reads of LWK5093, from 2 cameras, justified as shooting, case 2031-021907$/);
    assert.deepEqual(byCircle.evidence, { auditIds: [`a-${START + 60_000}`] });
    // a circle centred on the sensor's location, 20 m off, still covers the scene
    assert.equal(score([areaSearch(START + 5, { area: circle(300, [SCENE[0] + 0.0002, SCENE[1]]), ...window }, ['r2'])]).met, true);
    const byPolygon = score([areaSearch(START + 5, { area: square(0.003), ...window }, ['r1'])]);
    assert.equal(byPolygon.met, true, byPolygon.reason);
    assert.match(byPolygon.reason, /a drawn area\) covered the scene .* returned 1 read of LWK5093, from 1 camera/);
  });

  it('says what to change when the search is too wide, too long, in the wrong place, or finds nothing', () => {
    const cases: [SearchFact['query'], string[], RegExp][] = [
      [{ area: circle(2000), ...window }, ['r1', 'r2', 'r3'], /\(from .*, an area of 2000 m radius\): its radius was 2000 m; at most 500 m expected$/],
      [{ area: square(0.01), ...window }, ['r1', 'r2'], /a drawn area\): its area reached 1[34]\d\d m from the scene; at most 500 m expected$/],
      [{ area: circle(400), from: '2031-05-02T16:00:00Z', to: '2031-05-02T19:00:00Z' }, ['r1', 'r2'], /its time window was 180 minutes wide; at most 60 expected$/],
      [{ area: circle(400), from: '2031-05-02T18:25:00Z', to: '2031-05-02T19:00:00Z' }, ['r2'], /its time window did not include the time of the shooting \(2031-05-02T18:20:00Z\)$/],
      [{ area: circle(400) }, ['r1', 'r2'], /it was not narrowed to a time window \(give from and to around the shooting, at most 60 minutes apart\)$/],
      [{ area: circle(400, [-97.190483, 31.527411]), ...window }, [], /its area does not cover the scene at \[-97\.190399, 31\.539404\], 133\d m from the circle's centre; it returned no read of LWK5093$/],
      [{ area: circle(400), ...window }, [], /: it returned no read of LWK5093$/],
    ];
    for (const [query, returned, reason] of cases) {
      const item = score([areaSearch(START + 5, query, returned)]);
      assert.equal(item.met, false, String(reason));
      assert.match(item.reason, reason);
    }
    const wrongCase = score([areaSearch(START + 5, { area: circle(400), ...window }, ['r1'], { justification: { offenseType: 'assault', caseNumber: '2031-000001' } })]);
    assert.match(wrongCase.reason, /it was justified as assault; the offense is shooting; it carried case number 2031-000001; the case is 2031-021907$/);
  });

  it('needs an area and a justified search, and a read of the vehicle that reached the platform', () => {
    assert.match(score([]).reason, /^no justified search of plate reads was made during the run$/);
    assert.match(score([areaSearch(START + 5, { area: circle(400) }, [], { outcome: 'denied' })]).reason, /no justified search .*; 1 search was refused for want of a justification/);
    const plateOnly = score([areaSearch(START + 5, { plate: 'LWK5093', ...window }, ['r1'])]);
    assert.equal(plateOnly.met, false);
    assert.match(plateOnly.reason, /^1 justified search during the run, none of them with an area: search with area \(a circle or a polygon\) around the scene$/);
    assert.match(score([areaSearch(START + 5, { area: circle(400), ...window }, [])], true, []).reason, /^no read of LWK5093 reached the platform during the run/);
  });

  it('reports the closest miss, the latest of equals, and is met once any search meets every condition', () => {
    const wide = areaSearch(START + 5, { area: circle(2000), ...window }, ['r1']);
    const long = areaSearch(START + 9, { area: circle(400), from: '2031-05-02T15:00:00Z', to: '2031-05-02T19:00:00Z' }, ['r1']);
    const lost = areaSearch(START + 12, { area: circle(400, [-97.17, 31.55]), from: '2031-05-02T15:00:00Z', to: '2031-05-02T19:00:00Z' }, []);
    const miss = score([wide, long, lost]);
    assert.equal(miss.met, false);
    assert.match(miss.reason, /^the search at 2031-05-02T19:00:00Z .*: its time window was 240 minutes wide; at most 60 expected \(3 area searches in all, none met every condition\)$/);
    assert.deepEqual(miss.evidence.auditIds, [wide.auditId, long.auditId]);
    const right = areaSearch(START + 20, { area: circle(450), ...window }, ['r1', 'r2']);
    const met = score([wide, right, lost]);
    assert.equal(met.met, true, met.reason);
    assert.deepEqual(met.evidence.auditIds, [right.auditId]);
  });

  it('needs a read of every vehicle it names', () => {
    const two: TrainingExpectation = { ...area, vehicles: [...(area as { vehicles: { plate: string; readPlates: string[] }[] }).vehicles, { plate: 'HTR2816', readPlates: ['HTR2816'] }] };
    const f = facts({ areaTargets: { area: [...targets, { readId: 'v1', vehiclePlate: 'HTR2816', cameraId: 'cam-104' }] }, searches: [areaSearch(START + 5, { area: circle(400), ...window }, ['r1'])] });
    const running = scoreRun([two], f, { now: END, reveal: false }).items[0];
    assert.equal(running.met, false);
    assert.match(running.reason, /it returned reads of 1 of the 2 vehicles sought$/);
    assert.match(scoreRun([two], f, { now: END, reveal: true }).items[0].reason, /it returned no read of HTR2816$/);
    f.searches.push(areaSearch(START + 9, { area: circle(400), ...window }, ['r1', 'v1']));
    const done = scoreRun([two], f, { now: END, reveal: true }).items[0];
    assert.equal(done.met, true, done.reason);
    assert.match(done.reason, /returned 1 read of LWK5093 and 1 read of HTR2816, from 2 cameras/);
  });

  it('never gives the plate, the scene\'s point or the time of the shots away while the run goes on', () => {
    const searches = [
      areaSearch(START + 5, { area: circle(400, [-97.17, 31.55]), from: '2031-05-02T18:25:00Z', to: '2031-05-02T19:00:00Z' }, []),
    ];
    const running = score(searches, false);
    assert.equal(running.met, false);
    assert.doesNotMatch(running.reason, /LWK5093|97\.19|18:20/, running.reason);
    assert.match(running.reason, /its area does not cover the scene; its time window did not include the time of the shooting; it returned no read of the vehicle$/);
    assert.match(score([], false, []).reason, /^no read of the vehicle reached the platform/);
  });
});
