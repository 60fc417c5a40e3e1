/**
 * Contract: reads spread over several days, so over several day partitions in both stores
 * (SQLite partitions by day of receipt, PostgreSQL by day of observation), and arriving out of
 * order: lookups, search pages and idempotency must not notice the partition boundaries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlateRead } from '@openrtcc/domain';
import type { NewRead } from '../store.types.ts';
import { DAY, allPages, era, newRead, newestFirst, uid, type GetStore } from './fixtures.ts';

export function readDaysContract(store: GetStore): void {
  describe('reads: several day partitions', () => {
    it('finds, pages and deduplicates reads across days, whatever order they arrived in', async () => {
      const start = era();
      const camera = uid('cam');
      const dayRead = (day: number, hour: number, plate: string): NewRead =>
        newRead({ observedAt: start + day * DAY + hour * 3_600_000, plate, plateRaw: plate, cameraId: camera });
      // One batch per day in order, then one batch that goes back in time and crosses midnight.
      const batches: NewRead[][] = [
        [dayRead(0, 1, 'DAY001'), dayRead(0, 23, 'DAY002')],
        [dayRead(1, 0, 'DAY001'), dayRead(1, 12, 'DAY003')],
        [dayRead(3, 6, 'DAY001'), dayRead(3, 7, 'DAY002')],
        [dayRead(2, 5, 'DAY001'), dayRead(0, 2, 'DAY003'), dayRead(4, 0, 'DAY001'), dayRead(3, 23, 'DAY002')],
        [newRead({ observedAt: start + 5 * DAY - 1, receivedAt: start + 5 * DAY + 1, plate: 'DAY001', plateRaw: 'DAY001', cameraId: camera })],
      ];
      const stored: PlateRead[] = [];
      for (const b of batches) stored.push(...(await store().reads.append(b)).stored);
      assert.equal(stored.length, 11);

      const ids = stored.map((r) => r.id);
      assert.deepEqual(await store().reads.getMany([...ids].reverse()), [...stored].reverse());
      for (const r of stored) assert.deepEqual(await store().reads.get(r.id), r);

      const window = { from: start, to: start + 6 * DAY };
      const want = [...stored].sort(newestFirst);
      for (const limit of [1, 4, 20]) {
        const got = await allPages((cursor) =>
          store().reads.search({ plate: { kind: 'any' }, ...window, limit, ...(cursor ? { cursor } : {}) }),
        );
        assert.deepEqual(got.items, want, `pages of ${limit}: every read once, newest first`);
        assert.ok(got.totals.every((t) => t === want.length));
      }
      const plate = await allPages((cursor) =>
        store().reads.search({ plate: { kind: 'exact', plate: 'DAY001' }, ...window, limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      assert.deepEqual(plate.items, want.filter((r) => r.plate === 'DAY001'));
      const days12 = await store().reads.search({
        plate: { kind: 'pattern', pattern: 'DAY00?' },
        cameraIds: [camera],
        from: start + DAY,
        to: start + 3 * DAY,
        limit: 10,
      });
      assert.deepEqual(days12.items, want.filter((r) => r.observedAt >= start + DAY && r.observedAt < start + 3 * DAY));
      assert.equal(days12.total, 3);

      // The key is store-wide: a resend observed on another day is still the first read.
      const resend = await store().reads.append([
        { ...batches[0][0], observedAt: start + 4 * DAY, receivedAt: start + 4 * DAY + 10 },
        { ...batches[3][1] },
      ]);
      assert.deepEqual(resend.duplicates, [
        { index: 0, id: stored[0].id },
        { index: 1, id: stored[7].id },
      ]);
      assert.deepEqual(resend.stored, []);
    });
  });
}
