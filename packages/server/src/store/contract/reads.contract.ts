/**
 * Contract: storing reads (append, idempotency, get, getMany, count) and retention.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewRead } from '../store.types.ts';
import { DAY, era, expectedRead, newRead, uid, type GetStore } from './fixtures.ts';

export function readsContract(store: GetStore): void {
  describe('reads: append and get', () => {
    it('stores a read with every field and gives it back unchanged', async () => {
      const t = era() + 3_600_000;
      const full = newRead({
        observedAt: t,
        plate: 'QZX482',
        plateRaw: 'qzx-482',
        state: 'MO',
        confidence: 0.87,
        cameraId: uid('cam'),
        sourceCameraKey: 'lane-2',
        location: [-94.5786, 39.0997],
        locationSource: 'device',
        candidates: [
          { plate: 'QZX482', confidence: 0.87 },
          { plate: 'OZX482', confidence: 0.61 },
        ],
        vehicle: { color: 'blue', make: 'Ford', bodyType: 'sedan', heading: 270 },
        images: [{ kind: 'plate', url: 'https://camera.invalid/p/1.jpg' }],
      });
      const minimal = newRead({ observedAt: t + 1_000, plate: 'QZX483', plateRaw: 'QZX483', confidence: 0.5 });
      const res = await store().reads.append([full, minimal]);

      assert.equal(res.duplicates.length, 0);
      assert.equal(res.stored.length, 2);
      const [a, b] = res.stored;
      assert.match(a.id, /^\d+$/, 'ids are integers written as strings');
      assert.notEqual(a.id, b.id);
      assert.deepEqual(a, expectedRead(a.id, full));
      assert.deepEqual(b, expectedRead(b.id, minimal));
      assert.deepEqual(await store().reads.get(a.id), expectedRead(a.id, full));
      assert.deepEqual(await store().reads.get(b.id), expectedRead(b.id, minimal));
    });

    it('returns undefined for an id it never assigned', async () => {
      assert.equal(await store().reads.get('999999999999999'), undefined);
    });

    it('assigns larger ids to later appends', async () => {
      const t = era();
      const first = await store().reads.append([newRead({ observedAt: t })]);
      const second = await store().reads.append([newRead({ observedAt: t - DAY })]);
      assert.ok(BigInt(second.stored[0].id) > BigInt(first.stored[0].id));
    });

    it('stores a re-sent event once and reports the id it already has', async () => {
      const t = era();
      const a = newRead({ observedAt: t, plate: 'DUP001' });
      const b = newRead({ observedAt: t + 1, plate: 'DUP002' });
      const before = await store().reads.count();
      const first = await store().reads.append([a, b]);
      const c = newRead({ observedAt: t + 2, plate: 'DUP003' });
      // Same key, different content: the key alone decides.
      const again = await store().reads.append([{ ...a, plate: 'CHANGED' }, c]);

      assert.deepEqual(again.duplicates, [{ index: 0, id: first.stored[0].id }]);
      assert.equal(again.stored.length, 1);
      assert.equal(again.stored[0].plate, 'DUP003');
      assert.equal(await store().reads.count(), before + 3);
      assert.equal((await store().reads.get(first.stored[0].id))?.plate, 'DUP001');
    });

    it('treats a repeated key inside one batch as a duplicate of its first occurrence', async () => {
      const t = era();
      const a = newRead({ observedAt: t, plate: 'BAT001' });
      const b = newRead({ observedAt: t + 5, plate: 'BAT002' });
      const c = newRead({ observedAt: t + 9, plate: 'BAT003' });
      const before = await store().reads.count();
      const res = await store().reads.append([a, b, { ...a, plate: 'BAT004' }, c, { ...b }]);

      assert.deepEqual(res.stored.map((r) => r.plate), ['BAT001', 'BAT002', 'BAT003']);
      const [ra, rb] = res.stored;
      assert.deepEqual(res.duplicates, [
        { index: 2, id: ra.id },
        { index: 4, id: rb.id },
      ]);
      assert.equal(await store().reads.count(), before + 3);
    });

    it('stores an event sent by two appends at once exactly once', async () => {
      const t = era();
      const a = newRead({ observedAt: t, plate: 'RACE01' });
      const b = newRead({ observedAt: t + 1, plate: 'RACE02' });
      const before = await store().reads.count();
      // Not awaited in turn: both appends are in flight together (one group commit on SQLite,
      // two racing transactions on PostgreSQL).
      const [x, y, z] = await Promise.all([
        store().reads.append([a]),
        store().reads.append([{ ...a, plate: 'RACE03' }, b]),
        store().reads.append([b, a]),
      ]);
      const ids = new Map<string, string>();
      for (const r of [x, y, z].flatMap((res) => res.stored)) {
        assert.ok(!ids.has(r.sourceEventId), `${r.sourceEventId} stored once`);
        ids.set(r.sourceEventId, r.id);
      }
      assert.equal(ids.size, 2);
      const all = [x, y, z];
      const inputs = [[a], [a, b], [b, a]];
      for (let k = 0; k < 3; k++) {
        assert.equal(all[k].stored.length + all[k].duplicates.length, inputs[k].length, 'every input is stored or a duplicate');
        for (const d of all[k].duplicates) assert.equal(d.id, ids.get(inputs[k][d.index].sourceEventId));
      }
      assert.equal(await store().reads.count(), before + 2);
      assert.equal((await store().reads.get(ids.get(a.sourceEventId)!))?.sourceEventId, a.sourceEventId);
    });

    it('keys idempotency on source system and event id together', async () => {
      const t = era();
      const eventId = uid('shared-event');
      const res = await store().reads.append([
        newRead({ observedAt: t, sourceSystem: 'vendor-a', sourceEventId: eventId }),
        newRead({ observedAt: t, sourceSystem: 'vendor-b', sourceEventId: eventId }),
      ]);
      assert.equal(res.stored.length, 2);
    });

    it('getMany returns the reads in the order asked, skipping unknown ids', async () => {
      const t = era();
      const res = await store().reads.append([0, 1, 2, 3].map((i) => newRead({ observedAt: t + i * 1000, plate: `ORD00${i}` })));
      const ids = res.stored.map((r) => r.id);
      const asked = [ids[2], '999999999999998', ids[0], ids[3]];
      const got = await store().reads.getMany(asked);
      assert.deepEqual(got.map((r) => r.plate), ['ORD002', 'ORD000', 'ORD003']);
      assert.deepEqual(await store().reads.getMany([]), []);
    });

    it('refuses a malformed read with its own append only, storing nothing of it', async () => {
      const t = era();
      const camera = uid('cam');
      const good = [newRead({ observedAt: t, plate: 'VAL001', cameraId: camera }), newRead({ observedAt: t + 1, plate: 'VAL002' })];
      const bad: NewRead[] = [
        newRead({ observedAt: t + 0.5, plate: 'VAL003', cameraId: uid('cam'), sourceSystem: uid('src') }),
        newRead({ observedAt: t + 2, plate: 'val-004' }),
        newRead({ observedAt: t + 3, plate: 'VAL00500000' }),
        newRead({ observedAt: t + 4, plate: 'VAL006', confidence: Number.NaN }),
        newRead({ observedAt: t + 5, plate: 'VAL007', sourceEventId: '' }),
      ];
      const before = await store().reads.count();
      // In flight together, so the SQLite store would put them in one group commit.
      const results = await Promise.allSettled([
        store().reads.append([good[0]]),
        ...bad.map((r) => store().reads.append([good[1], r])),
        store().reads.append([good[1]]),
      ]);
      assert.equal(results[0].status, 'fulfilled');
      assert.equal(results[results.length - 1].status, 'fulfilled');
      for (const r of results.slice(1, -1)) {
        assert.equal(r.status, 'rejected');
        assert.equal((r as PromiseRejectedResult).reason.code, 'validation_failed');
      }
      assert.equal(await store().reads.count(), before + 2);
      const page = await store().reads.search({ plate: { kind: 'pattern', pattern: 'VAL*' }, from: t, to: t + 10, limit: 10 });
      assert.deepEqual(page.items.map((r) => r.plate), ['VAL002', 'VAL001']);
      assert.equal(page.items[1].cameraId, camera);
    });

    it('an empty append stores nothing', async () => {
      assert.deepEqual(await store().reads.append([]), { stored: [], duplicates: [], hits: [] });
    });
  });

  describe('reads: retention', () => {
    it('deletes reads observed before the cutoff except the kept ones, whole days and the boundary day', async () => {
      // Retention is store-wide, so this test lives in an era before every other test's reads.
      const base = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 3000) * DAY;
      const before = base + 3 * DAY + 12 * 3_600_000;
      const inputs: NewRead[] = [];
      for (let day = 0; day < 4; day++) {
        for (const hour of [1, 6, 11, 17, 23]) inputs.push(newRead({ observedAt: base + day * DAY + hour * 3_600_000 }));
      }
      const { stored } = await store().reads.append(inputs);
      const keep = new Set([stored[1].id, stored[16].id]); // day 0, and the boundary day before the cutoff
      const expectGone = stored.filter((r) => r.observedAt < before && !keep.has(r.id));
      const expectLeft = stored.filter((r) => !expectGone.includes(r));

      const n = await store().reads.deleteObservedBefore(before, keep);

      assert.equal(n, expectGone.length);
      for (const r of expectGone) assert.equal(await store().reads.get(r.id), undefined, `read ${r.id} is gone`);
      for (const r of expectLeft) assert.deepEqual(await store().reads.get(r.id), r, `read ${r.id} is kept`);
      const page = await store().reads.search({ plate: { kind: 'any' }, from: base, to: base + 4 * DAY, limit: 100 });
      assert.deepEqual(new Set(page.items.map((r) => r.id)), new Set(expectLeft.map((r) => r.id)));
      assert.equal(page.total, expectLeft.length);

      // A kept read still deduplicates; a deleted one left no trace, so a resend is new.
      const resend = await store().reads.append([inputs[1], inputs[0]]);
      assert.deepEqual(resend.duplicates, [{ index: 0, id: stored[1].id }]);
      assert.equal(resend.stored.length, 1);
      assert.notEqual(resend.stored[0].id, stored[0].id);
      assert.deepEqual(await store().reads.get(resend.stored[0].id), resend.stored[0]);

      // Leave nothing behind in this era.
      await store().reads.deleteObservedBefore(base + 5 * DAY);
      const rest = await store().reads.search({ plate: { kind: 'any' }, from: base, to: base + 5 * DAY, limit: 10 });
      assert.equal(rest.total, 0);
    });

    it('deletes nothing when every old read is kept', async () => {
      const base = Date.UTC(1985, 0, 1) + Math.floor(Math.random() * 1000) * DAY;
      const { stored } = await store().reads.append([newRead({ observedAt: base }), newRead({ observedAt: base + DAY })]);
      const n = await store().reads.deleteObservedBefore(base + 2 * DAY, new Set(stored.map((r) => r.id)));
      assert.equal(n, 0);
      assert.deepEqual(await store().reads.getMany(stored.map((r) => r.id)), stored);
      await store().reads.deleteObservedBefore(base + 2 * DAY);
      assert.deepEqual(await store().reads.getMany(stored.map((r) => r.id)), []);
    });
  });
}
