/**
 * Contract: webhook targets, and the delivery queue (one delivery per target, event and
 * subject; claims lease due deliveries so a second claim does not see them; attempts append to
 * the log; a target's log newest first, paged).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebhookDelivery, WebhookTarget } from '../../webhooks/webhook.types.ts';
import { allPages, era, uid, type GetStore } from './fixtures.ts';

function newTarget(over: Partial<WebhookTarget> = {}): WebhookTarget {
  return {
    id: uid('wh'),
    name: 'CAD bridge',
    url: 'https://cad.agency.example/rtcc-hits',
    secret: uid('secret'),
    events: ['hit.verified'],
    active: true,
    createdAt: era(),
    updatedAt: era(),
    createdBy: 'contract',
    ...over,
  };
}

function newDelivery(targetId: string, at: number, over: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: uid('del'),
    targetId,
    event: 'hit.verified',
    subjectId: uid('hit'),
    body: JSON.stringify({ event: 'hit.verified', note: 'ünïcode "quoted"' }),
    status: 'pending',
    attempts: [],
    nextAttemptAt: at,
    createdAt: at,
    ...over,
  };
}

export function webhooksContract(store: GetStore): void {
  describe('webhooks', () => {
    it('stores, replaces, lists and deletes targets', async () => {
      const t = newTarget();
      await store().webhooks.createTarget(t);
      assert.deepEqual(await store().webhooks.getTarget(t.id), t);
      const off = { ...t, active: false, events: ['hit.verified', 'hit.dispositioned'] as WebhookTarget['events'] };
      await store().webhooks.updateTarget(off);
      assert.deepEqual(await store().webhooks.getTarget(t.id), off);
      assert.ok((await store().webhooks.listTargets()).some((x) => x.id === t.id));
      await assert.rejects(store().webhooks.updateTarget(newTarget()), { code: 'not_found_or_forbidden' });
      await assert.rejects(store().webhooks.createTarget(t), { code: 'conflict' });
    });

    it('queues one delivery per target, event and subject', async () => {
      const t = newTarget();
      await store().webhooks.createTarget(t);
      const d = newDelivery(t.id, era());
      assert.equal(await store().webhooks.enqueue(d), true);
      assert.equal(await store().webhooks.enqueue({ ...d, id: uid('del') }), false);
      assert.equal(await store().webhooks.enqueue({ ...d, id: uid('del'), event: 'hit.dispositioned' }), true);
      assert.deepEqual(await store().webhooks.getDelivery(d.id), d);
    });

    it('claims due deliveries under a lease, records attempts, and resumes after the lease', async () => {
      const t = newTarget();
      await store().webhooks.createTarget(t);
      const now = era();
      const due = newDelivery(t.id, now - 1000);
      const later = newDelivery(t.id, now + 60_000);
      await store().webhooks.enqueue(due);
      await store().webhooks.enqueue(later);
      const claimed = (await store().webhooks.claimDue(now, now + 30_000, 100)).filter((x) => x.targetId === t.id);
      assert.deepEqual(claimed.map((x) => x.id), [due.id]);
      assert.equal(claimed[0].nextAttemptAt, now + 30_000);
      assert.deepEqual((await store().webhooks.claimDue(now + 1, now + 30_000, 100)).filter((x) => x.targetId === t.id), [], 'a leased delivery is not claimed twice');
      const failed = await store().webhooks.recordAttempt(due.id, { at: now, durationMs: 12, statusCode: 503, error: 'HTTP 503' }, { status: 'pending', nextAttemptAt: now + 5_000 });
      assert.equal(failed?.attempts.length, 1);
      assert.equal(failed?.nextAttemptAt, now + 5_000);
      const again = (await store().webhooks.claimDue(now + 5_000, now + 40_000, 100)).filter((x) => x.targetId === t.id);
      assert.deepEqual(again.map((x) => x.id), [due.id]);
      const done = await store().webhooks.recordAttempt(due.id, { at: now + 5_000, durationMs: 8, statusCode: 200 }, { status: 'delivered', deliveredAt: now + 5_008 });
      assert.equal(done?.status, 'delivered');
      assert.equal(done?.deliveredAt, now + 5_008);
      assert.equal('nextAttemptAt' in (done ?? {}), false);
      assert.deepEqual(await store().webhooks.getDelivery(due.id), done);
      assert.deepEqual((await store().webhooks.claimDue(now + 99_999_999, now + 99_999_999, 100)).filter((x) => x.id === due.id), []);
      assert.equal(await store().webhooks.recordAttempt(uid('missing'), { at: now, durationMs: 1 }, { status: 'failed' }), undefined);
    });

    it('pages a target log newest first, and deleting the target removes its log', async () => {
      const t = newTarget();
      await store().webhooks.createTarget(t);
      const start = era();
      const ds = [0, 1, 2, 3, 4].map((i) => newDelivery(t.id, start + i * 1000));
      for (const d of ds) await store().webhooks.enqueue(d);
      const { items } = await allPages((cursor) => store().webhooks.listDeliveries(t.id, { limit: 2, cursor }));
      assert.deepEqual(items.map((d) => d.id), ds.map((d) => d.id).reverse());
      assert.equal((await store().webhooks.listDeliveries(t.id, { limit: 2 })).total, 5);
      assert.equal(await store().webhooks.deleteTarget(t.id), true);
      assert.equal(await store().webhooks.deleteTarget(t.id), false);
      assert.equal(await store().webhooks.getDelivery(ds[0].id), undefined);
      assert.equal((await store().webhooks.listDeliveries(t.id, { limit: 2 })).total, 0);
    });
  });
}
