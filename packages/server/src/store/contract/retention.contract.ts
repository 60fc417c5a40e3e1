/**
 * Contract: retention's deletion methods (every type, with held ids, plates and windows) and its
 * bookkeeping (policy, legal holds, runs). Deletion is store-wide by time, so every test here
 * lives in its own stretch of the 1970s, before every other test's data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GunshotAlert, Hit, Incident } from '@openrtcc/domain';
import type { LegalHold, RetentionRun } from '../store.types.ts';
import { DAY, newRead, uid, type GetStore } from './fixtures.ts';

const HOUR = 3_600_000;
let nextOldEra = Date.UTC(1970, 1, 1) + Math.floor(Math.random() * 50) * 60 * DAY;

/** A fresh 30-day stretch in the 1970s; each later one is newer, so earlier tests' data is older. */
function oldEra(): number {
  const start = nextOldEra;
  nextOldEra += 60 * DAY;
  return start;
}

function hit(readId: string, observedAt: number, over: Partial<Hit> = {}): Hit {
  return {
    id: uid('hit'),
    readId,
    hotlistId: 'retention-list',
    hotlistName: 'Synthetic stolen list',
    priority: 1,
    entryId: uid('entry'),
    entryPlate: 'RTN100',
    entryReason: 'stolen vehicle',
    recordAgeMs: DAY,
    readPlate: 'RTN100',
    matchedCandidate: false,
    matchKind: 'exact',
    confidence: 0.9,
    stateMatches: null,
    observedAt,
    status: 'pending',
    raisedAt: observedAt + 50,
    ...over,
  };
}

function incident(openedAt: number, over: Partial<Incident> = {}): Incident {
  return {
    id: uid('inc'),
    sourceSystem: 'retention-eido',
    sourceIncidentId: uid('incident'),
    status: 'closed',
    openedAt,
    updatedAt: openedAt + HOUR,
    closedAt: openedAt + HOUR,
    notes: [],
    dispositions: [],
    units: [],
    receivedAt: openedAt + HOUR,
    ...over,
  };
}

function gunshot(detectedAt: number): GunshotAlert {
  return { id: uid('gs'), vendor: 'retention-acoustic', sourceEventId: uid('ev'), detectedAt, location: [-87.65, 41.85], humanReviewed: false, receivedAt: detectedAt + 1000, updatedAt: detectedAt };
}

export function retentionContract(store: GetStore): void {
  describe('retention: deleting expired records', () => {
    it('reads: a held window survives, and so do kept ids, while the rest before the cutoff goes', async () => {
      const base = oldEra();
      const inputs = [0, 1, 2, 3].flatMap((day) => [2, 14].map((h) => newRead({ observedAt: base + day * DAY + h * HOUR, plate: `RTW${day}${h}` })));
      const { stored } = await store().reads.append(inputs);
      const window = { from: base + DAY, to: base + DAY + 12 * HOUR }; // holds day 1's 02:00 read
      const keep = new Set([stored[6].id]); // day 3, 02:00
      const before = base + 3 * DAY + 20 * HOUR;
      const held = (r: (typeof stored)[number]) => keep.has(r.id) || (r.observedAt >= window.from && r.observedAt < window.to);

      const n = await store().reads.deleteObservedBefore(before, keep, [window]);

      assert.equal(n, stored.filter((r) => !held(r)).length);
      const left = await store().reads.search({ plate: { kind: 'any' }, from: base, to: base + 5 * DAY, limit: 50 });
      assert.deepEqual(new Set(left.items.map((r) => r.id)), new Set(stored.filter(held).map((r) => r.id)));
      assert.equal(left.total, 2);
      assert.deepEqual(await store().reads.search({ plate: { kind: 'exact', plate: 'RTW02' }, limit: 5 }), { items: [], total: 0, nextCursor: null });
      await store().reads.deleteObservedBefore(base + 5 * DAY);
      assert.equal((await store().reads.search({ plate: { kind: 'any' }, from: base, to: base + 5 * DAY, limit: 5 })).total, 0);
    });

    it('hits: held by id, by read, by plate (within its window) and by window; the rest before the cutoff goes', async () => {
      const base = oldEra();
      const t = (h: number) => base + h * HOUR;
      const byId = hit('9000001', t(1));
      const byRead = hit('9000002', t(2));
      const byPlate = hit('9000003', t(3), { entryPlate: 'HOLDME', readPlate: 'H0LDME' });
      const plateOutsideWindow = hit('9000004', t(30), { entryPlate: 'HOLDME', readPlate: 'HOLDME' });
      const inWindow = hit('9000005', t(50));
      const gone = hit('9000006', t(4));
      const tooNew = hit('9000007', t(100));
      const all = [byId, byRead, byPlate, plateOutsideWindow, inWindow, gone, tooNew];
      await store().hits.insertMany(all);

      const n = await store().hits.deleteRaisedBefore(t(90), {
        ids: new Set([byId.id]),
        readIds: new Set(['9000002']),
        plates: [{ plate: 'HOLDME', window: { from: t(0), to: t(10) } }],
        windows: [{ from: t(49), to: t(51) }],
      });

      assert.equal(n, 2);
      for (const h of [gone, plateOutsideWindow]) assert.equal(await store().hits.get(h.id), undefined, `${h.id} is gone`);
      for (const h of [byId, byRead, byPlate, inWindow, tooNew]) assert.equal((await store().hits.get(h.id))?.id, h.id, `${h.id} is kept`);
      assert.equal(await store().hits.deleteRaisedBefore(t(200), { ids: new Set(), readIds: new Set(), plates: [{ plate: 'HOLDME' }], windows: [] }), 4);
      assert.equal((await store().hits.get(byPlate.id))?.id, byPlate.id, 'a plate held without a window is held at any time');
      await store().hits.deleteRaisedBefore(t(200), { ids: new Set(), readIds: new Set(), plates: [], windows: [] });
      assert.equal(await store().hits.get(byPlate.id), undefined);
    });

    it('incidents: closed ones that ended before the cutoff go; open ones, recent closes and held windows stay', async () => {
      const base = oldEra();
      const closedOld = incident(base);
      const open = incident(base + HOUR, { status: 'open', closedAt: undefined });
      const closedLate = incident(base + 2 * HOUR, { closedAt: base + 20 * DAY, updatedAt: base + 20 * DAY });
      const held = incident(base + 5 * DAY);
      for (const i of [closedOld, open, closedLate, held]) await store().incidents.upsert(i.sourceSystem, i.sourceIncidentId, () => i);

      const n = await store().incidents.deleteClosedBefore(base + 10 * DAY, [{ from: base + 5 * DAY, to: base + 6 * DAY }]);

      assert.equal(n, 1);
      assert.equal(await store().incidents.get(closedOld.id), undefined);
      for (const i of [open, closedLate, held]) assert.equal((await store().incidents.get(i.id))?.id, i.id);
    });

    it('unit positions and gunshot alerts: before the cutoff they go, except inside a held window', async () => {
      const base = oldEra();
      const unitId = uid('unit');
      await store().units.recordPositions([base, base + HOUR, base + 2 * DAY, base + 9 * DAY].map((at) => ({ unitId, location: [-97.7, 30.2] as [number, number], at, sourceSystem: 'osmand', receivedAt: at + 10 })));
      const shots = [base, base + DAY, base + 9 * DAY].map(gunshot);
      for (const s of shots) await store().gunshots.upsert(s);
      const window = [{ from: base + DAY, to: base + 3 * DAY }];

      assert.equal(await store().units.deletePositionsBefore(base + 5 * DAY, window), 2);
      assert.deepEqual((await store().units.track(unitId, 10)).map((p) => p.at), [base + 9 * DAY, base + 2 * DAY]);
      assert.equal(await store().gunshots.deleteDetectedBefore(base + 5 * DAY, window), 1);
      assert.equal(await store().gunshots.get(shots[0].id), undefined);
      assert.equal((await store().gunshots.get(shots[1].id))?.id, shots[1].id);
      assert.equal((await store().gunshots.get(shots[2].id))?.id, shots[2].id);
    });

    it('quarantined payloads before the cutoff go; ended sessions go, open ones stay', async () => {
      const base = oldEra();
      const q = (receivedAt: number) => ({ id: uid('q'), sourceSystem: 'retention', route: '/api/v1/reads', receivedAt, reason: 'not JSON', body: 'garbage', bodyEncoding: 'utf8' as const });
      const items = [q(base), q(base + 2 * DAY), q(base + 9 * DAY)];
      for (const i of items) await store().quarantine.insert(i);
      assert.equal(await store().retention.deleteQuarantinedBefore(base + 5 * DAY, [{ from: base + 2 * DAY, to: base + 3 * DAY }]), 1);
      assert.equal(await store().quarantine.get(items[0].id), undefined);
      assert.equal((await store().quarantine.get(items[1].id))?.id, items[1].id);

      const session = (createdAt: number, over: Record<string, unknown> = {}) => ({ id: uid('ses'), tokenHash: uid('tok'), userId: uid('user'), createdAt, lastSeenAt: createdAt, expiresAt: createdAt + 12 * HOUR, ...over });
      const signedOut = session(base, { revokedAt: base + HOUR, endReason: 'signed_out' });
      const expired = session(base + DAY);
      const openLong = session(base + DAY, { expiresAt: base + 30 * DAY });
      for (const s of [signedOut, expired, openLong]) await store().sessions.create(s);
      assert.equal(await store().retention.deleteEndedSessionsBefore(base + 5 * DAY), 2);
      assert.equal(await store().sessions.get(signedOut.id), undefined);
      assert.equal(await store().sessions.get(expired.id), undefined);
      assert.equal((await store().sessions.get(openLong.id))?.id, openLong.id);
    });
  });

  describe('retention: policy, legal holds and runs', () => {
    it('stores the policy and replaces it', async () => {
      const policy = { preset: 'maine-21', overrides: { incidents: 730, gunshots: null }, updatedAt: Date.UTC(2031, 0, 1), updatedBy: 'admin' };
      await store().retention.savePolicy(policy);
      assert.deepEqual(await store().retention.getPolicy(), policy);
      const next = { preset: 'standard', overrides: {}, updatedAt: Date.UTC(2031, 0, 2), updatedBy: 'admin 2' };
      await store().retention.savePolicy(next);
      assert.deepEqual(await store().retention.getPolicy(), next);
    });

    it('places, lists and releases a hold once', async () => {
      const hold: LegalHold = {
        id: uid('hold'),
        caseNumber: '2031-000123',
        reason: 'homicide investigation, evidence',
        plates: ['ABC123'],
        readIds: ['42'],
        hitIds: [],
        window: { from: Date.UTC(2031, 0, 1), to: Date.UTC(2031, 0, 2) },
        placedAt: Date.now() + 1000 * DAY,
        placedBy: 'supervisor',
      };
      await store().retention.createHold(hold);
      await assert.rejects(store().retention.createHold(hold), { code: 'conflict' });
      assert.deepEqual(await store().retention.getHold(hold.id), hold);
      assert.deepEqual((await store().retention.listHolds({ active: true }))[0], hold, 'newest placed first');

      const released = await store().retention.releaseHold(hold.id, { releasedAt: hold.placedAt + 5, releasedBy: 'admin', releaseReason: 'case closed' });
      assert.deepEqual(released, { ...hold, releasedAt: hold.placedAt + 5, releasedBy: 'admin', releaseReason: 'case closed' });
      assert.equal(await store().retention.releaseHold(hold.id, { releasedAt: hold.placedAt + 9, releasedBy: 'x' }), undefined, 'released once');
      assert.ok(!(await store().retention.listHolds({ active: true })).some((h) => h.id === hold.id));
      assert.deepEqual((await store().retention.listHolds({ active: false })).find((h) => h.id === hold.id), released);
    });

    it('records a run and its finish, newest first, from a time on', async () => {
      const at = Date.now() + 2000 * DAY;
      const run: RetentionRun = { id: uid('run'), trigger: 'manual', startedBy: 'admin', startedAt: at, status: 'running', deleted: {}, cutoffs: {} };
      await store().retention.saveRun(run);
      const done: RetentionRun = { ...run, status: 'succeeded', finishedAt: at + 10, deleted: { reads: 5, hits: 0 }, cutoffs: { reads: at - 30 * DAY } };
      await store().retention.saveRun(done);
      const later: RetentionRun = { ...done, id: uid('run'), startedAt: at + DAY };
      await store().retention.saveRun(later);
      assert.deepEqual(await store().retention.listRuns({ limit: 2, since: at }), [later, done]);
      assert.deepEqual(await store().retention.listRuns({ limit: 5, since: at + 1 }), [later]);
    });
  });
}
