/**
 * Contract: what a store acknowledged is still there, unchanged, after it is closed and
 * reopened. The SQLite store rebuilds its in-memory search index, plate dictionary and
 * idempotency keys from disk at open, so every answer is compared before and after the reopen,
 * and against the brute-force oracle so that "the same" cannot mean "the same wrong answer".
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Hit, PlateRead } from '@openrtcc/domain';
import { isInArea } from '@openrtcc/domain';
import type { AuditRecord, NewRead, ReadQuery } from '../store.types.ts';
import { DAY, allPages, era, fuzzyOracle, newRead, newestFirst, patternOracle, prng, uid, type GetStore } from './fixtures.ts';

const CENTER: [number, number] = [-94.4, 38.9];
const PLATES = ['DUR100', 'DUR1O0', 'DUR10', 'DURI00', 'XDUR100', 'QRS777', 'QRS77', 'ABD123', 'D8R100', 'MNP4411'];

/** A query and the oracle that says which reads it must return. */
type Case = [Omit<ReadQuery, 'limit'>, (r: PlateRead) => boolean];

export function durabilityContract(store: GetStore, reopen: () => Promise<void>): void {
  describe('durability: close and reopen', () => {
    it('keeps every read and answers every search the same after reopening', async () => {
      const start = era();
      const cams = [uid('cam'), uid('cam'), uid('cam')];
      const rnd = prng(4242);
      const batches: NewRead[][] = [];
      for (let day = 0; day < 4; day++) {
        const batch: NewRead[] = [];
        for (let i = 0; i < 30; i++) {
          const plate = PLATES[Math.floor(rnd() * PLATES.length)];
          const located = rnd() < 0.6;
          batch.push(
            newRead({
              observedAt: start + day * DAY + Math.floor(rnd() * 24 * 60) * 60_000,
              plate,
              plateRaw: plate,
              ...(rnd() < 0.8 ? { cameraId: cams[Math.floor(rnd() * cams.length)] } : {}),
              ...(located ? { location: [CENTER[0] + (rnd() - 0.5) * 0.08, CENTER[1] + (rnd() - 0.5) * 0.08], locationSource: 'device' as const } : {}),
              ...(rnd() < 0.2 ? { candidates: [{ plate: 'ALT001', confidence: 0.4 }], vehicle: { color: 'grey' } } : {}),
            }),
          );
        }
        batches.push(batch);
      }
      const stored: PlateRead[] = [];
      for (const b of batches) stored.push(...(await store().reads.append(b)).stored);

      const window = { from: start, to: start + 4 * DAY };
      const circle = { center: CENTER, radiusMeters: 2_500 };
      const cases: Case[] = [
        [{ plate: { kind: 'any' }, ...window }, () => true],
        [{ plate: { kind: 'exact', plate: 'DUR100' }, ...window }, (r) => r.plate === 'DUR100'],
        [{ plate: { kind: 'pattern', pattern: 'DUR?0*' }, ...window }, (r) => patternOracle('DUR?0*')(r.plate)],
        [{ plate: { kind: 'pattern', pattern: '*R*7' }, ...window }, (r) => patternOracle('*R*7')(r.plate)],
        [{ plate: { kind: 'fuzzy', plate: 'DUR100' }, ...window }, (r) => fuzzyOracle('DUR100')(r.plate)],
        [
          { plate: { kind: 'any' }, from: start + DAY, to: start + 3 * DAY, cameraIds: [cams[0], cams[2]] },
          (r) => r.observedAt >= start + DAY && r.observedAt < start + 3 * DAY && (r.cameraId === cams[0] || r.cameraId === cams[2]),
        ],
        [{ plate: { kind: 'any' }, ...window, area: circle }, (r) => r.location !== undefined && isInArea(r.location, circle)],
      ];
      const answer = async ([q]: Case) =>
        allPages((cursor) => store().reads.search({ ...q, limit: 6, ...(cursor ? { cursor } : {}) }));
      const beforeAnswers = [];
      for (const c of cases) {
        const got = await answer(c);
        const want = stored.filter(c[1]).sort(newestFirst);
        assert.deepEqual(got.items, want, `before reopening: ${JSON.stringify(c[0].plate)}`);
        assert.ok(got.totals.every((t) => t === want.length));
        beforeAnswers.push(got);
      }
      const countBefore = await store().reads.count();

      await reopen();

      assert.equal(await store().reads.count(), countBefore);
      assert.deepEqual(await store().reads.getMany(stored.map((r) => r.id)), stored);
      for (let i = 0; i < cases.length; i++) {
        assert.deepEqual(await answer(cases[i]), beforeAnswers[i], `after reopening: ${JSON.stringify(cases[i][0].plate)}`);
      }

      // Idempotency keys survive; new ids keep growing past every id handed out before.
      const fresh = newRead({ observedAt: start + 2 * DAY, plate: 'DUR100' });
      const again = await store().reads.append([batches[0][3], fresh, batches[3][29]]);
      assert.deepEqual(again.duplicates, [
        { index: 0, id: stored[3].id },
        { index: 2, id: stored[119].id },
      ]);
      assert.equal(again.stored.length, 1);
      const maxBefore = stored.reduce((m, r) => (BigInt(r.id) > m ? BigInt(r.id) : m), 0n);
      assert.ok(BigInt(again.stored[0].id) > maxBefore, 'a new read gets a larger id than any before the reopen');
      const exact = await store().reads.search({ plate: { kind: 'exact', plate: 'DUR100' }, ...window, limit: 1000 });
      assert.equal(exact.total, stored.filter((r) => r.plate === 'DUR100').length + 1);
      assert.ok(exact.items.some((r) => r.id === again.stored[0].id), 'a read appended after reopening is searchable');
    });

    it('keeps hotlists, hits, the audit chain and the registries', async () => {
      const T = Date.UTC(2032, 0, 1);
      const list = await store().hotlists.create({
        id: uid('list'), name: uid('Durable list'), kind: 'ncic', priority: 1, matchKinds: ['exact'], createdAt: T,
      });
      const entries = ['DRB001', 'DRB002'].map((plate) => ({
        id: uid('entry'), hotlistId: list.id, plate, plateRaw: plate, reason: 'stolen vehicle', importVersion: 1, createdAt: T, createdBy: 'tester',
      }));
      await store().hotlists.replaceEntries(list.id, 1, entries, T + 5);
      const hit: Hit = {
        id: uid('hit'), readId: '4242', hotlistId: list.id, hotlistName: list.name, priority: 1, entryId: entries[0].id,
        entryPlate: 'DRB001', entryReason: 'stolen vehicle', recordAgeMs: 0, readPlate: 'DRB001', matchedCandidate: false,
        matchKind: 'exact', confidence: 0.9, stateMatches: null, observedAt: T, status: 'pending', raisedAt: T + 1,
      };
      await store().hits.insertMany([hit]);
      const verified = await store().hits.verify(hit.id, { disposition: 'confirmed', verifiedBy: 'dispatcher-1', verifiedAt: T + 9 });
      const last = await store().audit.last();
      const rec: AuditRecord = {
        seq: (last?.seq ?? 0) + 1, id: uid('audit'), at: T, actor: 'analyst-1', action: uid('durable'), outcome: 'success',
        query: { b: 1, a: [2] }, prevHash: last?.hash ?? '0'.repeat(64), hash: randomBytes(32).toString('hex'),
      };
      await store().audit.append(rec);
      const camera = { id: uid('cam'), name: 'Durable cam', location: [-94.1, 39.2] as [number, number], timeZone: 'UTC', sourceKeys: ['x:1'], createdAt: T };
      await store().cameras.create(camera);
      const hotlistBefore = await store().hotlists.get(list.id);

      await reopen();

      assert.deepEqual(await store().hotlists.get(list.id), hotlistBefore);
      assert.equal(hotlistBefore?.version, 1);
      for (const e of entries) assert.deepEqual(await store().hotlists.getEntry(e.id), e);
      const active = (await Array.fromAsync(store().hotlists.activeEntries(T))).flat().filter((e) => e.hotlistId === list.id);
      assert.deepEqual(new Set(active.map((e) => e.id)), new Set(entries.map((e) => e.id)));
      assert.deepEqual(await store().hits.get(hit.id), verified?.hit);
      const second = await store().hits.verify(hit.id, { disposition: 'dismissed', verifiedBy: 'dispatcher-2', verifiedAt: T + 99 });
      assert.equal(second?.changed, false, 'a hit verified before the reopen stays verified');
      assert.deepEqual(await store().audit.last(), rec);
      assert.equal(JSON.stringify((await store().audit.last())?.query), JSON.stringify(rec.query));
      assert.deepEqual(await store().cameras.get(camera.id), camera);
    });
  });
}
