// The scorer: each expected item met or not, with a reason a trainee can act on. Plates are synthetic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreRun, type HitFact, type RunFacts, type SearchFact } from './training-score.ts';
import type { TrainingExpectation, TrainingScoreItem } from './training.types.ts';

const START = Date.UTC(2031, 4, 2, 19, 0);
const END = START + 30 * 60_000;

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({ start: START, end: END, hits: [], searches: [], targets: {}, entries: [], additions: [], ...over });

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
