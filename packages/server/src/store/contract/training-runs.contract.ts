/**
 * Contract: training runs (create once, get back unchanged, newest-first pages, finish once).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrainingRun, TrainingScore } from '../../training/training.types.ts';
import { allPages, era, uid, type GetStore } from './fixtures.ts';

function newRun(startedAt: number, over: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id: uid('run'),
    scenarioId: 'verify-hit-reject-misread',
    title: 'Verify a true hit, reject a misread',
    startedAt,
    startedBy: 'admin (bootstrap token)',
    expected: [
      { id: 'confirm', kind: 'hit_disposition', description: 'Confirm the stolen pickup', readPlate: 'KVN4829', entryPlate: 'KVN4829', disposition: 'confirmed' },
      { id: 'find', kind: 'search_finds', description: 'Find the sedan', vehiclePlate: 'KRW4812', readPlates: ['KRW4812', 'KRW4B12'], justification: { caseNumber: '2031-018443' }, maxWindowMinutes: 90 },
      { id: 'bolo', kind: 'hotlist_entry', description: 'BOLO the sedan', plate: 'KRW4812' },
    ],
    ...over,
  };
}

function score(at: number): TrainingScore {
  return {
    computedAt: at,
    met: 1,
    of: 3,
    items: [
      { id: 'confirm', kind: 'hit_disposition', description: 'Confirm the stolen pickup', met: true, reason: 'confirmed by Analyst Ä. Rivera', evidence: { hitIds: [`hit-${at}`] } },
      { id: 'find', kind: 'search_finds', description: 'Find the sedan', met: false, reason: 'no search', evidence: {} },
      { id: 'bolo', kind: 'hotlist_entry', description: 'BOLO the sedan', met: false, reason: 'no entry', evidence: { entryIds: [] } },
    ],
  };
}

export function trainingRunsContract(store: GetStore): void {
  describe('training runs', () => {
    it('stores a run with every field, and one with only the required ones, unchanged', async () => {
      const t = era();
      const full = newRun(t, { trainee: 'Analyst Ä. Rivera', briefing: 'Robbery at 13:40.\nFind the "silver" sedan.', finishedAt: t + 60_000, finishedBy: 'instructor', result: score(t + 60_000) });
      const bare = newRun(t + 1);
      await store().trainingRuns.create(full);
      await store().trainingRuns.create(bare);
      assert.deepEqual(await store().trainingRuns.get(full.id), full);
      assert.deepEqual(await store().trainingRuns.get(bare.id), bare);
      assert.equal(await store().trainingRuns.get(uid('missing')), undefined);
    });

    it('refuses a second run with the same id and keeps the first', async () => {
      const run = newRun(era());
      await store().trainingRuns.create(run);
      await assert.rejects(store().trainingRuns.create({ ...run, title: 'other' }), (e: unknown) => (e as { code?: string }).code === 'conflict');
      assert.equal((await store().trainingRuns.get(run.id))?.title, run.title);
    });

    it('finishes a run once: the first finish and its score stand', async () => {
      const t = era();
      const run = newRun(t);
      await store().trainingRuns.create(run);
      const first = await store().trainingRuns.finish(run.id, { finishedAt: t + 5_000, finishedBy: 'trainee', result: score(t + 5_000) });
      assert.deepEqual(first, { run: { ...run, finishedAt: t + 5_000, finishedBy: 'trainee', result: score(t + 5_000) }, changed: true });
      const second = await store().trainingRuns.finish(run.id, { finishedAt: t + 9_000, finishedBy: 'someone else', result: { ...score(t + 9_000), met: 3 } });
      assert.equal(second?.changed, false);
      assert.deepEqual(second?.run, first?.run);
      assert.deepEqual(await store().trainingRuns.get(run.id), first?.run);
      assert.equal(await store().trainingRuns.finish(uid('missing'), { finishedAt: t, finishedBy: 'x', result: score(t) }), undefined);
    });

    it('lists newest started first; pages cover every run once with the total', async () => {
      const t = era() + 1_000_000;
      const mine = [0, 1, 2, 3, 4].map((i) => newRun(t + (i === 4 ? 2 : i))); // two share a start: the id breaks the tie
      for (const r of mine) await store().trainingRuns.create(r);
      const { items, totals } = await allPages((cursor) => store().trainingRuns.list({ limit: 2, ...(cursor ? { cursor } : {}) }));
      assert.equal(new Set(items.map((r) => r.id)).size, items.length, 'no run twice');
      for (const total of totals) assert.equal(total, items.length);
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [items[i - 1], items[i]];
        assert.ok(a.startedAt > b.startedAt || (a.startedAt === b.startedAt && a.id > b.id), 'newest first');
      }
      const ids = new Set(mine.map((r) => r.id));
      const want = [...mine].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
      assert.deepEqual(items.filter((r) => ids.has(r.id)), want);
    });
  });
}
