/** Contract: a hotlist's feed is stored whole, replaced by the next put, listed, and deleted once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HotlistFeed } from '../store.types.ts';
import { era, uid, type GetStore } from './fixtures.ts';

function newFeed(at: number, over: Partial<HotlistFeed> = {}): HotlistFeed {
  return {
    hotlistId: uid('list'),
    source: { kind: 'url', url: 'https://cjis.state.example/hotfiles/stolen.txt' },
    format: 'ncic-fixed',
    mode: 'replace',
    intervalMinutes: 60,
    staleAfterHours: 48,
    createdAt: at,
    createdBy: 'kosei',
    updatedAt: at,
    state: {},
    ...over,
  };
}

export function hotlistFeedsContract(store: GetStore): void {
  describe('hotlist feeds', () => {
    it('stores a feed whole and replaces it with the next put', async () => {
      const t = era();
      const f = newFeed(t);
      await store().hotlistFeeds.put(f);
      assert.deepEqual(await store().hotlistFeeds.get(f.hotlistId), f);
      const synced: HotlistFeed = { ...f, source: { kind: 'folder', path: '/srv/hotfiles/state', pattern: '*.txt' }, state: { lastSyncAt: t + 1, lastHash: 'ab'.repeat(32), failures: 0 } };
      await store().hotlistFeeds.put(synced);
      assert.deepEqual(await store().hotlistFeeds.get(f.hotlistId), synced);
      assert.ok((await store().hotlistFeeds.list()).some((x) => x.hotlistId === f.hotlistId));
    });

    it('deletes once; an unknown list has no feed', async () => {
      const f = newFeed(era());
      await store().hotlistFeeds.put(f);
      assert.equal(await store().hotlistFeeds.delete(f.hotlistId), true);
      assert.equal(await store().hotlistFeeds.delete(f.hotlistId), false);
      assert.equal(await store().hotlistFeeds.get(f.hotlistId), undefined);
    });
  });
}
