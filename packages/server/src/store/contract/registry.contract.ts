/**
 * Contract: the camera registry and ingest sources (API keys by hash, revocation).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Camera } from '@openrtcc/domain';
import type { Source } from '../store.types.ts';
import { uid, type GetStore } from './fixtures.ts';

const T = Date.UTC(2031, 1, 1);

function newSource(): Source {
  const key = uid('key');
  return {
    id: uid('src'),
    name: 'Synthetic vendor feed',
    kind: 'openalpr',
    keyHash: createHash('sha256').update(key).digest('hex'),
    keyPrefix: key.slice(0, 8),
    createdAt: T,
    createdBy: 'admin-1',
  };
}

export function registryContract(store: GetStore): void {
  describe('cameras', () => {
    it('creates fixed and mobile cameras and gives them back unchanged', async () => {
      const fixed: Camera = {
        id: uid('cam'),
        name: 'Main St & 5th NB',
        location: [-94.5786, 39.0997],
        heading: 12.5,
        timeZone: 'America/Chicago',
        sourceKeys: ['openalpr:agent-1:cam-3', 'rtcc:lane-2'],
        createdAt: T,
      };
      const mobile: Camera = { id: uid('cam'), name: 'Unit 12 trunk', timeZone: 'UTC', sourceKeys: [], createdAt: T + 1 };
      assert.deepEqual(await store().cameras.create(fixed), fixed);
      assert.deepEqual(await store().cameras.create(mobile), mobile);
      assert.deepEqual(await store().cameras.get(fixed.id), fixed);
      assert.deepEqual(await store().cameras.get(mobile.id), mobile);
      const listed = await store().cameras.list();
      assert.deepEqual(listed.find((c) => c.id === fixed.id), fixed);
      assert.deepEqual(listed.find((c) => c.id === mobile.id), mobile);
      assert.equal(await store().cameras.get(uid('missing')), undefined);
    });

    it('updates a camera', async () => {
      const cam: Camera = { id: uid('cam'), name: 'Old name', location: [-94.5, 39.0], timeZone: 'UTC', sourceKeys: ['a:1'], createdAt: T };
      await store().cameras.create(cam);
      const moved: Camera = { ...cam, name: 'New name', location: [-94.6, 39.2], heading: 90, sourceKeys: ['a:1', 'b:2'] };
      assert.deepEqual(await store().cameras.update(moved), moved);
      assert.deepEqual(await store().cameras.get(cam.id), moved);
    });

    it('refuses to update a camera that does not exist', async () => {
      const cam: Camera = { id: uid('cam'), name: 'Ghost', timeZone: 'UTC', sourceKeys: [], createdAt: T };
      await assert.rejects(store().cameras.update(cam), (e: unknown) => (e as { code?: string }).code === 'not_found_or_forbidden');
      assert.equal(await store().cameras.get(cam.id), undefined);
    });

    it('rejects a second camera with the same id', async () => {
      const cam: Camera = { id: uid('cam'), name: 'Dup', timeZone: 'UTC', sourceKeys: [], createdAt: T };
      await store().cameras.create(cam);
      await assert.rejects(store().cameras.create({ ...cam, name: 'Other' }));
      assert.equal((await store().cameras.get(cam.id))?.name, 'Dup');
    });
  });

  describe('sources', () => {
    it('creates a source and finds it by id, in the list, and by key hash', async () => {
      const s = newSource();
      assert.deepEqual(await store().sources.create(s), s);
      assert.deepEqual(await store().sources.get(s.id), s);
      assert.deepEqual((await store().sources.list()).find((x) => x.id === s.id), s);
      assert.deepEqual(await store().sources.findByKeyHash(s.keyHash), s);
      assert.equal(await store().sources.findByKeyHash(createHash('sha256').update(uid('nokey')).digest('hex')), undefined);
      assert.equal(await store().sources.get(uid('missing')), undefined);
    });

    it('revokes once: the first time stands, and the source is still found by its key', async () => {
      const s = newSource();
      await store().sources.create(s);
      assert.equal(await store().sources.revoke(s.id, T + 100), true);
      assert.equal((await store().sources.get(s.id))?.revokedAt, T + 100);
      assert.equal(await store().sources.revoke(s.id, T + 200), false);
      assert.equal((await store().sources.findByKeyHash(s.keyHash))?.revokedAt, T + 100);
      assert.equal(await store().sources.revoke(uid('missing'), T), false);
    });

    it('keeps a source\'s time zone, and none when it has none', async () => {
      const s = { ...newSource(), timeZone: 'America/Chicago' };
      await store().sources.create(s);
      assert.equal((await store().sources.get(s.id))?.timeZone, 'America/Chicago');
      assert.equal((await store().sources.findByKeyHash(s.keyHash))?.timeZone, 'America/Chicago');
      const plain = newSource();
      await store().sources.create(plain);
      assert.equal('timeZone' in ((await store().sources.get(plain.id)) ?? {}), false);
    });
  });
}
