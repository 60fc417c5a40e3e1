/**
 * Contract: integration API keys are found by id and key hash, listed newest first, revoked once
 * (by whom and when), and their last use only moves forward.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntegrationKey } from '../store.types.ts';
import { era, uid, type GetStore } from './fixtures.ts';

function newKey(at: number, over: Partial<IntegrationKey> = {}): IntegrationKey {
  return {
    id: uid('ik'),
    name: 'RMS verified-hit pull',
    keyHash: uid('hash'),
    keyPrefix: 'rtcc_int_AbC',
    scopes: ['hits:read', 'incidents:read'],
    createdAt: at,
    createdBy: 'kosei',
    expiresAt: at + 90 * 86_400_000,
    ...over,
  };
}

export function integrationKeysContract(store: GetStore): void {
  describe('integration keys', () => {
    it('stores a key unchanged and finds it by id and key hash; unknown ones are undefined', async () => {
      const k = newKey(era());
      await store().integrationKeys.create(k);
      assert.deepEqual(await store().integrationKeys.get(k.id), k);
      assert.deepEqual(await store().integrationKeys.findByKeyHash(k.keyHash), k);
      assert.equal(await store().integrationKeys.get(uid('missing')), undefined);
      assert.equal(await store().integrationKeys.findByKeyHash(uid('missing')), undefined);
    });

    it('refuses a second key with the same hash as a conflict', async () => {
      const k = newKey(era());
      await store().integrationKeys.create(k);
      await assert.rejects(store().integrationKeys.create({ ...k, id: uid('ik') }), { code: 'conflict' });
    });

    it('lists newest first', async () => {
      const t = era();
      const older = newKey(t);
      const newer = newKey(t + 1000);
      await store().integrationKeys.create(older);
      await store().integrationKeys.create(newer);
      const ids = (await store().integrationKeys.list()).map((k) => k.id);
      assert.ok(ids.indexOf(newer.id) < ids.indexOf(older.id));
    });

    it('revokes once, recording when and by whom; the revoked key is still found', async () => {
      const t = era();
      const k = newKey(t);
      await store().integrationKeys.create(k);
      assert.equal(await store().integrationKeys.revoke(k.id, t + 5000, 'mchen'), true);
      assert.equal(await store().integrationKeys.revoke(k.id, t + 9000, 'other'), false);
      assert.equal(await store().integrationKeys.revoke(uid('missing'), t, 'x'), false);
      const after = await store().integrationKeys.findByKeyHash(k.keyHash);
      assert.equal(after?.revokedAt, t + 5000);
      assert.equal(after?.revokedBy, 'mchen');
    });

    it('moves the last use forward only', async () => {
      const t = era();
      const k = newKey(t);
      await store().integrationKeys.create(k);
      await store().integrationKeys.touch(k.id, t + 60_000);
      await store().integrationKeys.touch(k.id, t + 30_000);
      assert.equal((await store().integrationKeys.get(k.id))?.lastUsedAt, t + 60_000);
    });
  });
}
