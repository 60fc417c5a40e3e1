/**
 * Contract: gunshot alerts (one per vendor id; a resend updates the vendor's fields and keeps the
 * platform's; the outcome survives resends; newest detected first, optionally since a time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GunshotAlert } from '@openrtcc/domain';
import { allPages, era, uid, type GetStore } from './fixtures.ts';

function alert(detectedAt: number, over: Partial<GunshotAlert> = {}): GunshotAlert {
  return {
    id: uid('gs'),
    vendor: 'contract-acoustic',
    sourceEventId: uid('vendor'),
    sourceId: 'source-1',
    detectedAt,
    location: [-87.65, 41.85],
    address: '1200 S Example Ave',
    rounds: 3,
    confidence: 0.82,
    humanReviewed: false,
    classification: 'multiple_gunshots',
    sensorCount: 5,
    receivedAt: detectedAt + 40_000,
    updatedAt: detectedAt + 30_000,
    ...over,
  };
}

export function gunshotsContract(store: GetStore): void {
  describe('gunshots', () => {
    it('stores an alert once; a resend is unchanged, a reviewed update keeps id, receipt and outcome', async () => {
      const a = alert(era());
      assert.deepEqual(await store().gunshots.upsert(a), { alert: a, created: true, changed: true });
      const retry = await store().gunshots.upsert({ ...a, id: uid('gs'), receivedAt: a.receivedAt + 5_000 });
      assert.deepEqual(retry, { alert: a, created: false, changed: false });

      const outcome = { evidenceFound: true, note: 'four casings', recordedBy: 'Sgt. Example', recordedAt: a.receivedAt + 3_600_000 };
      const withOutcome = await store().gunshots.setOutcome(a.id, outcome);
      assert.deepEqual(withOutcome, { ...a, outcome });

      const reviewed = await store().gunshots.upsert({ ...a, id: uid('gs'), receivedAt: a.receivedAt + 90_000, sourceId: 'other', humanReviewed: true, rounds: 4, updatedAt: a.updatedAt + 60_000 });
      assert.equal(reviewed.created, false);
      assert.equal(reviewed.changed, true);
      assert.deepEqual(reviewed.alert, { ...a, humanReviewed: true, rounds: 4, updatedAt: a.updatedAt + 60_000, outcome });
      const stale = await store().gunshots.upsert({ ...a, rounds: 1, updatedAt: a.updatedAt - 1 });
      assert.equal(stale.changed, false);
      assert.deepEqual(await store().gunshots.get(a.id), reviewed.alert);
      assert.equal(await store().gunshots.setOutcome(uid('missing'), outcome), undefined);
    });

    it('keeps the same vendor id of two vendors apart', async () => {
      const t = era();
      const a = alert(t, { sourceEventId: 'SAME-1' });
      const b = alert(t, { sourceEventId: 'SAME-1', vendor: 'contract-other' });
      assert.equal((await store().gunshots.upsert(a)).created, true);
      assert.equal((await store().gunshots.upsert(b)).created, true);
    });

    it('lists newest detected first, since a time, with exact totals', async () => {
      const t = era() + 7 * 86_400_000;
      const mine = [0, 1, 2, 3, 4].map((i) => alert(t + (i === 4 ? 1 : i) * 1000));
      for (const a of mine) await store().gunshots.upsert(a);
      const { items, totals } = await allPages((cursor) => store().gunshots.list({ limit: 2, from: t + 1000, ...(cursor ? { cursor } : {}) }));
      for (const total of totals) assert.equal(total, items.length);
      assert.ok(items.every((a) => a.detectedAt >= t + 1000));
      const ids = new Set(mine.map((a) => a.id));
      const want = mine.filter((a) => a.detectedAt >= t + 1000).sort((a, b) => b.detectedAt - a.detectedAt || (a.id < b.id ? 1 : -1));
      assert.deepEqual(items.filter((a) => ids.has(a.id)), want);
    });
  });
}
