/**
 * Contract: quarantine replay bookkeeping (which items a bulk replay takes, and the recorded outcome).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuarantineItem } from '../store.types.ts';
import { era, uid, type GetStore } from './fixtures.ts';

function item(over: Partial<QuarantineItem> & { receivedAt: number }): QuarantineItem {
  return { id: uid('q'), sourceSystem: 'contract', route: '/api/v1/ingest/contract', reason: 'bad', body: '{"x":1}', bodyEncoding: 'utf8', ...over };
}

export function quarantineContract(store: GetStore): void {
  describe('quarantine: replay', () => {
    it('keeps the query string and records a replay on the item', async () => {
      const q = item({ receivedAt: era(), query: 'id=2B31&lat=38.9', sourceSystem: uid('fam') });
      await store().quarantine.insert(q);
      assert.equal((await store().quarantine.get(q.id))?.query, 'id=2B31&lat=38.9');
      const replay = { outcome: 'replayed' as const, at: q.receivedAt + 5, by: 'admin', attempts: 1, result: { accepted: 1, readIds: ['42'] } };
      assert.deepEqual(await store().quarantine.recordReplay(q.id, replay), { ...q, replay });
      assert.deepEqual(await store().quarantine.get(q.id), { ...q, replay });
      assert.equal(await store().quarantine.recordReplay(uid('missing'), replay), undefined);
    });

    it('offers items not replayed yet, oldest first, by family and receive window, bounded', async () => {
      const t = era();
      const fam = uid('fam');
      const items = [0, 1, 2, 3, 4].map((i) => item({ receivedAt: t + i * 1000, sourceSystem: fam }));
      const other = item({ receivedAt: t + 1500, sourceSystem: uid('other') });
      for (const q of [...items].reverse()) await store().quarantine.insert(q);
      await store().quarantine.insert(other);
      await store().quarantine.recordReplay(items[1].id, { outcome: 'replayed', at: t + 9000, by: 'admin', attempts: 1 });
      await store().quarantine.recordReplay(items[2].id, { outcome: 'failed', at: t + 9000, by: 'admin', attempts: 1, reason: 'still bad' });
      const ids = (qs: QuarantineItem[]) => qs.map((q) => q.id);
      assert.deepEqual(ids(await store().quarantine.pendingReplay({ sourceSystem: fam, limit: 10 })), ids([items[0], items[2], items[3], items[4]]), 'a failed replay stays pending');
      assert.deepEqual(ids(await store().quarantine.pendingReplay({ sourceSystem: fam, limit: 2 })), ids([items[0], items[2]]));
      assert.deepEqual(ids(await store().quarantine.pendingReplay({ sourceSystem: fam, from: t + 2000, to: t + 4000, limit: 10 })), ids([items[2], items[3]]), 'from inclusive, to exclusive');
      assert.deepEqual(ids(await store().quarantine.pendingReplay({ from: t + 1000, to: t + 2000, limit: 10 })), ids([other]), 'any family in the window');
    });
  });
}
