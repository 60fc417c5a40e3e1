/**
 * Contract: units (latest position only moves forward in time, resent positions are duplicates,
 * the track is bounded and newest first; dispatch status applies when newer).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UnitPosition } from '@openrtcc/domain';
import { UNIT_TRACK_MAX, type UnitPositionInput } from '../store.types.ts';
import { era, uid, type GetStore } from './fixtures.ts';

function pos(unitId: string, at: number, over: Partial<UnitPosition> = {}): UnitPositionInput {
  return { unitId, location: [-97.74 + (at % 1000) / 1e6, 30.27], at, heading: 90, speedMps: 12.5, accuracy: 8, battery: 77, sourceSystem: 'osmand', receivedAt: at + 300, ...over };
}

const strip = ({ unitId: _u, ...p }: UnitPositionInput): UnitPosition => p;

export function unitsContract(store: GetStore): void {
  describe('units', () => {
    it('creates a unit on its first position and moves it only forward in time', async () => {
      const t = era();
      const id = uid('unit');
      const first = await store().units.recordPositions([pos(id, t)]);
      assert.deepEqual(first, { moved: [{ id, position: strip(pos(id, t)), updatedAt: t }], duplicates: 0, stale: 0 });
      const later = pos(id, t + 5_000, { location: [-97.7, 30.3], heading: 180 });
      const older = pos(id, t - 5_000);
      const r = await store().units.recordPositions([later, older]);
      assert.equal(r.stale, 1);
      assert.deepEqual(r.moved.map((u) => u.position), [strip(later)]);
      assert.deepEqual((await store().units.get(id))?.position, strip(later));
      assert.deepEqual(
        (await store().units.track(id, 10)).map((p) => p.at),
        [t + 5_000, t, t - 5_000],
      );
    });

    it('ends at the newest position when a new unit\'s first positions arrive together', async () => {
      const t = era();
      const id = uid('unit');
      const all = [3, 1, 4, 0, 2].map((i) => pos(id, t + i * 1000));
      await Promise.all(all.map((p) => store().units.recordPositions([p])));
      assert.equal((await store().units.get(id))?.position?.at, t + 4000);
      assert.equal((await store().units.track(id, 10)).length, 5);
    });

    it('treats a resent position (same unit, source and fix time) as a duplicate', async () => {
      const t = era();
      const id = uid('unit');
      await store().units.recordPositions([pos(id, t)]);
      const again = await store().units.recordPositions([pos(id, t), pos(id, t, { sourceSystem: 'traccar' })]);
      assert.equal(again.duplicates, 1);
      assert.equal(again.stale, 1, 'the same instant from another source joins the track but does not move the unit');
      assert.equal((await store().units.track(id, 10)).length, 2);
    });

    it(`keeps the newest ${UNIT_TRACK_MAX} positions of a unit`, async () => {
      const t = era();
      const id = uid('unit');
      const all = Array.from({ length: UNIT_TRACK_MAX + 25 }, (_, i) => pos(id, t + i * 1000));
      await store().units.recordPositions(all.slice(0, 100));
      await store().units.recordPositions(all.slice(100));
      const track = await store().units.track(id, 1000);
      assert.equal(track.length, UNIT_TRACK_MAX);
      assert.equal(track[0].at, t + (UNIT_TRACK_MAX + 24) * 1000);
      assert.equal(track[track.length - 1].at, t + 25 * 1000);
    });

    it('applies a dispatch status when it is newer, keeps the position, and lists every unit', async () => {
      const t = era();
      const id = uid('unit');
      await store().units.recordPositions([pos(id, t)]);
      const changed = await store().units.updateStatus([{ unitId: id, name: 'Car 12', type: 'Law Enforcement', status: 'Dispatched', incidentId: 'inc-1', at: t + 10 }]);
      assert.equal(changed.length, 1);
      assert.deepEqual(changed[0], { id, position: strip(pos(id, t)), name: 'Car 12', type: 'Law Enforcement', status: 'Dispatched', incidentId: 'inc-1', statusAt: t + 10, updatedAt: t + 10 });
      assert.deepEqual(await store().units.updateStatus([{ unitId: id, status: 'Available', at: t + 5 }]), [], 'older status ignored');
      assert.deepEqual(await store().units.updateStatus([{ unitId: id, status: 'Dispatched', incidentId: 'inc-1', at: t + 20 }]), [], 'repeat is no news');
      const cleared = await store().units.updateStatus([{ unitId: id, status: 'Available', incidentId: null, at: t + 30 }]);
      assert.equal(cleared[0].status, 'Available');
      assert.equal('incidentId' in cleared[0], false);
      const other = uid('unit');
      await store().units.updateStatus([{ unitId: other, status: 'Available', at: t }]);
      const listed = await store().units.list();
      const mine = listed.filter((u) => u.id === id || u.id === other);
      assert.deepEqual(mine.map((u) => u.id), [id, other].sort());
      assert.deepEqual(mine.find((u) => u.id === id), await store().units.get(id));
      assert.equal(await store().units.get(uid('missing')), undefined);
    });
  });
}
