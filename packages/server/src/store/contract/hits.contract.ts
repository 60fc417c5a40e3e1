/**
 * Contract: hits (insert, get, filtered newest-first pages, verify once, read ids kept from retention).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hit } from '@openrtcc/domain';
import { allPages, era, newRead, uid, type GetStore } from './fixtures.ts';

const T = Date.UTC(2031, 6, 1);

function newHit(hotlistId: string, i: number, over: Partial<Hit> = {}): Hit {
  return {
    id: uid('hit'),
    readId: String(1_000_000 + i),
    hotlistId,
    hotlistName: 'Synthetic stolen list',
    priority: 2,
    entryId: uid('entry'),
    entryPlate: 'HIT123',
    entryReason: 'stolen vehicle',
    recordAgeMs: 86_400_000 * 12,
    readPlate: 'H1T123',
    matchedCandidate: false,
    matchKind: 'ocr-equivalent',
    confidence: 0.83,
    stateMatches: null,
    observedAt: T + i * 1000,
    status: 'pending',
    raisedAt: T + i * 1000 + 40,
    ...over,
  };
}

export function hitsContract(store: GetStore): void {
  describe('hits', () => {
    it('stores a hit with every field and gives it back unchanged', async () => {
      const list = uid('list');
      const full = newHit(list, 0, {
        entryState: 'MO',
        stateMatches: true,
        entryVehicle: { make: 'Dodge', color: 'black/white', year: '2019' },
        vehicleAgreement: { matches: false, fields: [{ field: 'make', read: 'ford', record: 'Dodge', agrees: false }] },
        matchedCandidate: true,
        cameraId: uid('cam'),
        location: [-94.58, 39.1],
      });
      const bare = newHit(list, 1, { stateMatches: false });
      await store().hits.insertMany([full, bare]);
      assert.deepEqual(await store().hits.get(full.id), full);
      assert.deepEqual(await store().hits.get(bare.id), bare);
      assert.equal(await store().hits.get(uid('missing')), undefined);
      await store().hits.insertMany([]);
    });

    it('lists a list’s hits newest first, a page at a time, with the total', async () => {
      const list = uid('list');
      const hits = [0, 1, 2, 3, 4].map((i) => newHit(list, i));
      // Two hits raised in the same millisecond: the id breaks the tie.
      hits.push(newHit(list, 5, { raisedAt: hits[4].raisedAt }));
      await store().hits.insertMany(hits);
      const { items, totals } = await allPages((cursor) =>
        store().hits.list({ hotlistId: list, limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      const want = [...hits].sort((a, b) => b.raisedAt - a.raisedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      assert.deepEqual(items, want);
      assert.deepEqual(totals, [6, 6, 6]);
    });

    it('filters by status: pending (and open) versus verified', async () => {
      const list = uid('list');
      const hits = [0, 1, 2].map((i) => newHit(list, i));
      const done = newHit(list, 3, {
        status: 'misread',
        verification: { disposition: 'misread', verifiedBy: 'dispatcher-1', verifiedAt: T + 9000, note: 'plate is 8, not B' },
      });
      await store().hits.insertMany([...hits, done]);
      const ids = async (status: 'open' | 'pending' | 'verified' | 'all') =>
        new Set((await store().hits.list({ hotlistId: list, status, limit: 50 })).items.map((h) => h.id));
      assert.deepEqual(await ids('pending'), new Set(hits.map((h) => h.id)));
      assert.deepEqual(await ids('open'), new Set(hits.map((h) => h.id)));
      assert.deepEqual(await ids('verified'), new Set([done.id]));
      assert.deepEqual(await ids('all'), new Set([...hits, done].map((h) => h.id)));
      assert.equal((await store().hits.list({ hotlistId: list, status: 'verified', limit: 50 })).total, 1);
      assert.deepEqual(await store().hits.get(done.id), done);
    });

    it('verifies a pending hit once; a second verification changes nothing', async () => {
      const list = uid('list');
      const hit = newHit(list, 0);
      await store().hits.insertMany([hit]);
      const first = await store().hits.verify(hit.id, {
        disposition: 'confirmed',
        verifiedBy: 'dispatcher-1',
        verifiedAt: T + 60_000,
        note: 'visual match',
      });
      assert.equal(first?.changed, true);
      assert.equal(first?.hit.status, 'confirmed');
      assert.deepEqual(first?.hit.verification, {
        disposition: 'confirmed',
        verifiedBy: 'dispatcher-1',
        verifiedAt: T + 60_000,
        note: 'visual match',
      });
      const second = await store().hits.verify(hit.id, { disposition: 'dismissed', verifiedBy: 'dispatcher-2', verifiedAt: T + 90_000 });
      assert.equal(second?.changed, false);
      assert.deepEqual(second?.hit, first?.hit);
      assert.deepEqual(await store().hits.get(hit.id), first?.hit);
      const stillPending = (await store().hits.list({ hotlistId: list, status: 'pending', limit: 5 })).total;
      assert.equal(stillPending, 0);
      assert.equal(await store().hits.verify(uid('missing'), { disposition: 'confirmed', verifiedBy: 'x', verifiedAt: T }), undefined);
    });

    it('two verifications at once: exactly one wins and both see the winner', async () => {
      const hit = newHit(uid('list'), 0);
      await store().hits.insertMany([hit]);
      const results = await Promise.all(
        ['dispatcher-1', 'dispatcher-2', 'dispatcher-3'].map((who, i) =>
          store().hits.verify(hit.id, { disposition: i === 1 ? 'dismissed' : 'confirmed', verifiedBy: who, verifiedAt: T + 1000 + i }),
        ),
      );
      assert.equal(results.filter((r) => r?.changed).length, 1);
      const winner = results.find((r) => r?.changed)!.hit;
      for (const r of results) assert.deepEqual(r?.hit, winner);
      assert.deepEqual(await store().hits.get(hit.id), winner);
      assert.equal(winner.status, winner.verification?.disposition);
    });

    it('a hit inserted again (a re-delivered match) changes nothing, not even a verification', async () => {
      const list = uid('list');
      const hit = newHit(list, 0);
      await store().hits.insertMany([hit]);
      const verified = await store().hits.verify(hit.id, { disposition: 'confirmed', verifiedBy: 'dispatcher-1', verifiedAt: T + 5 });
      const other = newHit(list, 1);
      await store().hits.insertMany([hit, other]);
      assert.deepEqual(await store().hits.get(hit.id), verified?.hit);
      assert.deepEqual(await store().hits.get(other.id), other);
      assert.equal((await store().hits.list({ hotlistId: list, limit: 10 })).total, 2);
    });

    it('commits the hits an append raises with their reads, for fresh reads only', async () => {
      const list = uid('list');
      const t = era();
      const a = newRead({ observedAt: t, plate: 'RSE001' });
      const b = newRead({ observedAt: t + 1000, plate: 'RSE002' });
      const calls: number[] = [];
      let committed: unknown;
      const first = await store().reads.append([a, b], {
        raise: (read, index) => {
          calls.push(index);
          return index === 1 ? [newHit(list, 0, { readId: read.id, readPlate: read.plate, observedAt: read.observedAt })] : [];
        },
        committed: (r) => (committed = r),
      });
      assert.deepEqual(calls, [0, 1]);
      assert.deepEqual(committed, first);
      assert.equal(first.hits.length, 1);
      assert.equal(first.hits[0].readId, first.stored[1].id);
      assert.deepEqual(await store().hits.get(first.hits[0].id), first.hits[0]);

      // a repeat of b is a duplicate: it raises nothing, a new read beside it does
      const c = newRead({ observedAt: t + 2000, plate: 'RSE003' });
      calls.length = 0;
      const again = await store().reads.append([{ ...b }, c], {
        raise: (read, index) => {
          calls.push(index);
          return [newHit(list, 1, { readId: read.id })];
        },
      });
      assert.deepEqual(calls, [1]);
      assert.deepEqual(again.duplicates.map((d) => d.index), [0]);
      assert.equal(again.hits.length, 1);
      assert.equal(again.hits[0].readId, again.stored[0].id);
      assert.equal((await store().hits.list({ hotlistId: list, limit: 10 })).total, 2);
      assert.deepEqual((await store().reads.append([newRead({ observedAt: t, plate: 'RSE004' })])).hits, []);
    });

    it('readIdsWithHits includes every read a hit points at', async () => {
      const list = uid('list');
      const hits = [newHit(list, 0, { readId: '7770001' }), newHit(list, 1, { readId: '7770002' }), newHit(list, 2, { readId: '7770001' })];
      await store().hits.insertMany(hits);
      const ids = await store().hits.readIdsWithHits();
      assert.ok(ids.has('7770001') && ids.has('7770002'));
    });
  });
}
