// Merging dispatch updates into an incident: newest wins, out-of-order updates only fill gaps,
// notes / dispositions / units merge by id, a resent update changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentUpdate } from '../ingest/eido/index.ts';
import { mergeIncident } from './incident-merge.ts';

const T = Date.UTC(2026, 2, 14, 21, 0, 0);
const ctx = { id: 'inc-1', receivedAt: T + 90_000 };

function update(over: Partial<IncidentUpdate> = {}): IncidentUpdate {
  return { sourceSystem: 'eido', sourceIncidentId: 'urn:x', updatedAt: T + 60_000, notes: [], dispositions: [], units: [], ...over };
}

describe('mergeIncident', () => {
  it('creates an open incident from a first update, opened at its call', () => {
    const i = mergeIncident(undefined, update({ type: 'Law-Burglary', openedAt: T, priority: 2 }), ctx);
    assert.deepEqual(i, {
      id: 'inc-1',
      sourceSystem: 'eido',
      sourceIncidentId: 'urn:x',
      status: 'open',
      openedAt: T,
      updatedAt: T + 60_000,
      notes: [],
      dispositions: [],
      units: [],
      receivedAt: T + 90_000,
      type: 'Law-Burglary',
      priority: 2,
    });
  });

  it('lets a newer update change fields and close the incident; the close time is the update time', () => {
    const first = mergeIncident(undefined, update({ type: 'Law-Burglary', priority: 2 }), ctx);
    const closed = mergeIncident(first, update({ updatedAt: T + 600_000, priority: 3, status: 'closed', statusText: ['Closed'] }), { id: 'other', receivedAt: T + 700_000 });
    assert.equal(closed.id, 'inc-1');
    assert.equal(closed.receivedAt, T + 90_000, 'first receipt kept');
    assert.equal(closed.type, 'Law-Burglary', 'an absent field clears nothing');
    assert.equal(closed.priority, 3);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, T + 600_000);
    const stillClosed = mergeIncident(closed, update({ updatedAt: T + 900_000, status: 'closed' }), ctx);
    assert.equal(stillClosed.closedAt, T + 600_000, 'closing twice keeps the first close time');
    const reopened = mergeIncident(stillClosed, update({ updatedAt: T + 990_000, status: 'open' }), ctx);
    assert.equal(reopened.status, 'open');
    assert.equal('closedAt' in reopened, false);
  });

  it('lets an older update (out of order) fill gaps only, never overwrite or reopen', () => {
    const newest = mergeIncident(undefined, update({ updatedAt: T + 600_000, priority: 3, status: 'closed' }), ctx);
    const late = mergeIncident(newest, update({ updatedAt: T + 60_000, priority: 1, beat: 'Beat 14', status: 'open', openedAt: T }), ctx);
    assert.equal(late.priority, 3);
    assert.equal(late.beat, 'Beat 14');
    assert.equal(late.status, 'closed');
    assert.equal(late.updatedAt, T + 600_000);
    assert.equal(late.openedAt, T, 'the earliest known call opens the incident');
  });

  it('merges notes, dispositions and units by id; the later version of one wins', () => {
    const a = mergeIncident(
      undefined,
      update({
        notes: [{ id: 'n1', text: 'first', at: T + 1 }],
        dispositions: [{ code: 'Report Taken', at: T + 5 }],
        units: [
          { unitId: '2B44', status: 'Dispatched', at: T + 2 },
          { unitId: '2B31', status: 'Enroute', at: T + 3 },
        ],
      }),
      ctx,
    );
    const b = mergeIncident(
      a,
      update({
        updatedAt: T + 120_000,
        notes: [
          { id: 'n2', text: 'second', at: T + 4 },
          { id: 'n1', text: 'first, corrected', at: T + 6 },
        ],
        units: [
          { unitId: '2B31', status: 'On Scene', at: T + 7 },
          { unitId: '2B44', status: 'Enroute', at: T + 1 },
        ],
      }),
      ctx,
    );
    assert.deepEqual(b.notes.map((n) => [n.id, n.text]), [['n2', 'second'], ['n1', 'first, corrected']]);
    assert.deepEqual(b.units.map((u) => [u.unitId, u.status]), [['2B31', 'On Scene'], ['2B44', 'Dispatched']]);
    assert.deepEqual(b.dispositions.map((d) => d.code), ['Report Taken']);
  });

  it('gives the same incident for the same update applied again', () => {
    const u = update({ type: 'Law-Theft', notes: [{ id: 'n', text: 'x', at: T }], units: [{ unitId: 'A', at: T }], status: 'closed' });
    const once = mergeIncident(undefined, u, ctx);
    assert.deepEqual(mergeIncident(once, u, { id: 'ignored', receivedAt: T + 999_999 }), once);
  });
  it('merges vehicles and people by id: a later EIDO adds the plate, an older one changes nothing', () => {
    const first = mergeIncident(undefined, update({ vehicles: [{ id: 'veh-1', relationship: ['Suspect'], color: 'SIL', at: T }], persons: [{ id: 'per-1', roles: ['Caller'], at: T }] }), ctx);
    const later = mergeIncident(first, update({ updatedAt: T + 120_000, vehicles: [{ id: 'veh-1', relationship: ['Suspect'], color: 'SIL', plate: 'KVN4471', plateRaw: 'KVN 4471', state: 'TX', at: T + 120_000 }] }), ctx);
    assert.deepEqual(later.vehicles, [{ id: 'veh-1', relationship: ['Suspect'], color: 'SIL', plate: 'KVN4471', plateRaw: 'KVN 4471', state: 'TX', at: T + 120_000 }]);
    assert.deepEqual(later.persons, [{ id: 'per-1', roles: ['Caller'], at: T }]);
    const stale = mergeIncident(later, update({ updatedAt: T + 30_000, vehicles: [{ id: 'veh-1', relationship: ['Involved'], at: T + 30_000 }] }), ctx);
    assert.deepEqual(stale.vehicles, later.vehicles);
    assert.equal(mergeIncident(undefined, update(), ctx).vehicles, undefined, 'an incident without vehicles has none, not an empty list');
  });
});
