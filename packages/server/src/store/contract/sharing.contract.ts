/**
 * Contract: sharing agreements (stored unchanged, found by outbound key hash, newest first,
 * revoked once with the first revocation standing).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SharingAgreement } from '../store.types.ts';
import { era, uid, type GetStore } from './fixtures.ts';

function outbound(at: number, over: Partial<SharingAgreement> = {}): SharingAgreement {
  return {
    id: uid('agr'),
    direction: 'outbound',
    partnerAgency: 'Riverside County Sheriff’s Office',
    partnerOri: 'CA0330000',
    partnerUrl: 'https://rtcc.riverside.example',
    scope: ['reads'],
    limits: { states: ['CA', 'NV'], offenseTypes: ['homicide', 'robbery'], maxResults: 200, maxWindowDays: 30 },
    basis: 'MOU 2026-14',
    expiresAt: at + 365 * 86_400_000,
    createdAt: at,
    createdBy: 'admin (bootstrap token)',
    keyHash: uid('hash'),
    keyPrefix: 'rtcc_fed_abcd',
    ...over,
  };
}

export function sharingContract(store: GetStore): void {
  describe('sharing agreements', () => {
    it('stores an agreement unchanged and finds it by id and by key hash', async () => {
      const a = outbound(era());
      await store().sharing.create(a);
      assert.deepEqual(await store().sharing.get(a.id), a);
      assert.deepEqual(await store().sharing.findByKeyHash(a.keyHash!), a);
      assert.equal(await store().sharing.get(uid('missing')), undefined);
      assert.equal(await store().sharing.findByKeyHash(uid('nohash')), undefined);
    });

    it('keeps an inbound agreement with the partner key and no key hash; many may lack one', async () => {
      const t = era();
      const make = (): SharingAgreement => {
        const { keyHash: _h, keyPrefix: _p, ...rest } = outbound(t);
        return { ...rest, direction: 'inbound', partnerKey: `rtcc_fed_${uid('k')}` };
      };
      const [a, b] = [make(), make()];
      await store().sharing.create(a);
      await store().sharing.create(b);
      assert.deepEqual(await store().sharing.get(a.id), a);
      assert.deepEqual(await store().sharing.get(b.id), b);
    });

    it('refuses a second agreement with the same key hash', async () => {
      const a = outbound(era());
      await store().sharing.create(a);
      await assert.rejects(store().sharing.create(outbound(era(), { keyHash: a.keyHash })), (e: unknown) => (e as { code?: string }).code === 'conflict');
    });

    it('lists newest first, revoked ones included', async () => {
      const t = era();
      const older = outbound(t);
      const newer = outbound(t + 1000);
      await store().sharing.create(older);
      await store().sharing.create(newer);
      await store().sharing.revoke(older.id, t + 2000, 'admin');
      const ids = (await store().sharing.list()).map((a) => a.id);
      assert.ok(ids.indexOf(newer.id) >= 0 && ids.indexOf(newer.id) < ids.indexOf(older.id));
    });

    it('revokes once: the first time and person stand, a second revocation changes nothing', async () => {
      const t = era();
      const a = outbound(t);
      await store().sharing.create(a);
      assert.equal(await store().sharing.revoke(a.id, t + 10, 'supervisor.one'), true);
      assert.equal(await store().sharing.revoke(a.id, t + 20, 'someone.else'), false);
      assert.deepEqual(await store().sharing.get(a.id), { ...a, revokedAt: t + 10, revokedBy: 'supervisor.one' });
      assert.deepEqual(await store().sharing.findByKeyHash(a.keyHash!), { ...a, revokedAt: t + 10, revokedBy: 'supervisor.one' }, 'a revoked key is still found, so it can be refused by name');
      assert.equal(await store().sharing.revoke(uid('missing'), t, 'admin'), false);
    });

    it('lets only one of two concurrent revocations win', async () => {
      const t = era();
      const a = outbound(t);
      await store().sharing.create(a);
      const results = await Promise.all([store().sharing.revoke(a.id, t + 1, 'one'), store().sharing.revoke(a.id, t + 2, 'two')]);
      assert.deepEqual(results.filter(Boolean).length, 1);
      const stored = await store().sharing.get(a.id);
      assert.equal(stored?.revokedBy, results[0] ? 'one' : 'two');
    });
  });
}
