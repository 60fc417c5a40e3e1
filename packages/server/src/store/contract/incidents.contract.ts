/**
 * Contract: dispatch incidents (merge under the source key, never a second row; unchanged
 * updates reported as such; open/closed pages newest opened first with exact totals).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Incident } from '@openrtcc/domain';
import { allPages, era, uid, type GetStore } from './fixtures.ts';

function newIncident(openedAt: number, over: Partial<Incident> = {}): Incident {
  return {
    id: uid('inc'),
    sourceSystem: 'contract-eido',
    sourceIncidentId: uid('urn:emergency:uid:incidentid'),
    type: 'Law-Burglary',
    typeCode: 'BURG',
    priority: 2,
    status: 'open',
    statusText: ['Active'],
    openedAt,
    updatedAt: openedAt + 1_000,
    location: { point: [-75.55, 39.74], civic: { country: 'US', A1: 'DE', A3: 'Wilmington', HNO: '42', RD: 'Cellular' }, address: '42 Cellular, Wilmington, DE, US' },
    notes: [{ id: uid('note'), text: 'Caller reports a "broken" window; résumé on file', at: openedAt + 500, author: 'agent-5' }],
    dispositions: [],
    units: [{ unitId: '1A12', status: 'Dispatched', at: openedAt + 700 }],
    receivedAt: openedAt + 1_200,
    ...over,
  };
}

export function incidentsContract(store: GetStore): void {
  describe('incidents', () => {
    it('creates an incident once and gives it back unchanged, by id and by source key', async () => {
      const inc = newIncident(era());
      const first = await store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, (cur) => {
        assert.equal(cur, undefined);
        return inc;
      });
      assert.deepEqual(first, { incident: inc, created: true, changed: true });
      assert.deepEqual(await store().incidents.get(inc.id), inc);
      assert.deepEqual(await store().incidents.findBySource(inc.sourceSystem, inc.sourceIncidentId), inc);
      assert.equal(await store().incidents.get(uid('missing')), undefined);
    });

    it('merges a later update into the same incident and reports an identical one as unchanged', async () => {
      const inc = newIncident(era());
      await store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, () => inc);
      const closed = { ...inc, status: 'closed' as const, closedAt: inc.openedAt + 60_000, updatedAt: inc.openedAt + 60_000 };
      const second = await store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, (cur) => {
        assert.deepEqual(cur, inc);
        return { ...closed, id: cur!.id };
      });
      assert.equal(second.created, false);
      assert.equal(second.changed, true);
      assert.deepEqual(second.incident, closed);
      const again = await store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, (cur) => ({ ...cur! }));
      assert.deepEqual(again, { incident: closed, created: false, changed: false });
      assert.deepEqual(await store().incidents.get(inc.id), closed);
    });

    it('lets concurrent updates of one incident all land', async () => {
      const inc = newIncident(era(), { notes: [] });
      await store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, () => inc);
      const notes = [0, 1, 2, 3, 4].map((i) => ({ id: `n${i}`, text: `note ${i}`, at: inc.openedAt + i }));
      await Promise.all(notes.map((n) => store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, (cur) => ({ ...cur!, notes: [...cur!.notes, n] }))));
      const got = await store().incidents.get(inc.id);
      assert.deepEqual(got?.notes.map((n) => n.id).sort(), ['n0', 'n1', 'n2', 'n3', 'n4']);
    });

    it('lists open or closed incidents newest opened first; pages cover each once with the exact total', async () => {
      const t = era();
      const mine = [0, 1, 2, 3, 4, 5].map((i) => newIncident(t + (i === 5 ? 2 : i) * 1000, i % 2 === 0 ? {} : { status: 'closed', closedAt: t + 9_999 }));
      for (const inc of mine) await store().incidents.upsert(inc.sourceSystem, inc.sourceIncidentId, () => inc);
      for (const status of ['open', 'closed', 'all'] as const) {
        const { items, totals } = await allPages((cursor) => store().incidents.list({ status, limit: 2, ...(cursor ? { cursor } : {}) }));
        assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'no incident twice');
        for (const total of totals) assert.equal(total, items.length);
        if (status !== 'all') assert.ok(items.every((i) => i.status === status), status);
        for (let i = 1; i < items.length; i++) {
          const [a, b] = [items[i - 1], items[i]];
          assert.ok(a.openedAt > b.openedAt || (a.openedAt === b.openedAt && a.id > b.id), 'newest first');
        }
        const ids = new Set(mine.filter((m) => status === 'all' || m.status === status).map((m) => m.id));
        const want = mine.filter((m) => ids.has(m.id)).sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? 1 : -1));
        assert.deepEqual(items.filter((i) => ids.has(i.id)), want, status);
      }
    });
  });
}
