/**
 * Contract: saved calls-for-service column mappings (create once, replace, list by name, delete).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfsMapping } from '../../incidents/cfs-mapping.ts';
import { uid, type GetStore } from './fixtures.ts';

function newMapping(over: Partial<CfsMapping> = {}): CfsMapping {
  return {
    id: uid('map'),
    name: `Contract CAD export ${uid('n')}`,
    sourceSystem: 'cfs:contract',
    columns: { incidentNumber: 'Incident #', receivedAt: 'Call Received', nature: 'Nature "code - text"', unit: 'Unit' },
    timeZone: 'America/Chicago',
    timeFormat: 'mdy',
    blockLevel: 'always',
    createdAt: Date.UTC(2026, 2, 1),
    updatedAt: Date.UTC(2026, 2, 1),
    createdBy: 'contract',
    ...over,
  };
}

export function cfsMappingsContract(store: GetStore): void {
  describe('cfs mappings', () => {
    it('stores a mapping and gives it back as it was, by id and in the list', async () => {
      const m = newMapping();
      await store().cfsMappings.create(m);
      assert.deepEqual(await store().cfsMappings.get(m.id), m);
      assert.ok((await store().cfsMappings.list()).some((x) => x.id === m.id && x.columns.nature === 'Nature "code - text"'));
      assert.equal(await store().cfsMappings.get(uid('missing')), undefined);
    });

    it('refuses a second mapping with a taken id', async () => {
      const m = newMapping();
      await store().cfsMappings.create(m);
      await assert.rejects(store().cfsMappings.create({ ...m, name: 'other' }), { code: 'conflict' });
    });

    it('replaces a stored mapping and says when there is none to replace', async () => {
      const m = newMapping();
      await store().cfsMappings.create(m);
      const changed = { ...m, name: `${m.name} (renamed)`, timeZone: 'America/New_York', updatedAt: m.updatedAt + 1 };
      await store().cfsMappings.update(changed);
      assert.deepEqual(await store().cfsMappings.get(m.id), changed);
      await assert.rejects(store().cfsMappings.update(newMapping()), { code: 'not_found_or_forbidden' });
    });

    it('lists by name and deletes once', async () => {
      const b = newMapping({ name: `zz-contract-b-${uid('x')}` });
      const a = newMapping({ name: `zz-contract-a-${uid('x')}` });
      await store().cfsMappings.create(b);
      await store().cfsMappings.create(a);
      const ids = (await store().cfsMappings.list()).map((x) => x.id);
      assert.ok(ids.indexOf(a.id) < ids.indexOf(b.id));
      assert.equal(await store().cfsMappings.delete(a.id), true);
      assert.equal(await store().cfsMappings.delete(a.id), false);
      assert.equal(await store().cfsMappings.get(a.id), undefined);
    });
  });
}
