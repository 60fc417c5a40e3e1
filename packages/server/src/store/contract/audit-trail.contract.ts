/**
 * Contract: what the audit trail's verification, daily roots and review queue need from a store:
 * time spans of the chain, scans by action, published roots that are append-only in effect (a
 * day published once), flags that merge, reopen and page, and CAD incident numbers looked up.
 * Records use a far-future window and their own actions, so the suite runs on a shared store.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuditFlagHit, AuditRecord } from '../store.types.ts';
import { uid, type GetStore } from './fixtures.ts';

const DAY = 86_400_000;

export function auditTrailContract(store: GetStore): void {
  describe('audit trail: spans, roots and review flags', () => {
    /** Appends records at the given times (after whatever the store holds); returns them. */
    async function append(action: string, ats: number[]): Promise<AuditRecord[]> {
      const out: AuditRecord[] = [];
      for (const at of ats) {
        const last = await store().audit.last();
        const rec: AuditRecord = { seq: (last?.seq ?? 0) + 1, id: uid('audit'), at, actor: 'analyst-3', action, outcome: 'success', prevHash: last?.hash ?? '0'.repeat(64), hash: randomBytes(32).toString('hex') };
        await store().audit.append(rec);
        out.push(rec);
      }
      return out;
    }

    it('summarizes a time span, finds its first record, and scans one action in order', async () => {
      const base = Date.UTC(2047, 0, 1) + Math.floor(Math.random() * 1000) * DAY;
      const action = uid('contract.span');
      const recs = await append(action, [base + 10, base + 20, base + DAY + 5, base + 30]);
      const span = await store().audit.span(base, base + DAY);
      assert.deepEqual(span, { records: 3, firstSeq: recs[0].seq, lastSeq: recs[3].seq, root: recs[3].hash });
      assert.equal(await store().audit.span(base - DAY, base), undefined);
      assert.equal(await store().audit.firstAtBetween(base + 11, base + 2 * DAY), base + 20);
      assert.equal(await store().audit.firstAtBetween(base + 31, base + DAY), undefined);
      const scanned: number[] = [];
      for await (const r of store().audit.scan({ action, fromSeq: recs[1].seq })) scanned.push(r.seq);
      assert.deepEqual(scanned, recs.slice(1).map((r) => r.seq));
      assert.deepEqual((await store().audit.getMany([recs[2].seq, recs[0].seq, 0])).map((r) => r.id), [recs[0].id, recs[2].id]);
      assert.ok((await store().audit.firstSeqAt(base + 25))! <= recs[3].seq);
    });

    it('publishes a day once and lists roots oldest first', async () => {
      const day = `2099-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
      const root = { day, records: 3, firstSeq: 10, lastSeq: 12, root: 'a'.repeat(64), publishedAt: Date.now() };
      assert.equal(await store().audit.roots.publish(root), true);
      assert.equal(await store().audit.roots.publish({ ...root, root: 'b'.repeat(64) }), false, 'a published day is never replaced');
      const listed = await store().audit.roots.list(day);
      assert.deepEqual(listed[0], root);
      assert.ok(listed.every((r, i) => i === 0 || r.day > listed[i - 1].day));
      assert.ok((await store().audit.roots.latest())!.day >= day);
    });

    it('merges flag hits, reopens a reviewed flag on new records, and pages by latest activity', async () => {
      const actor = uid('user');
      const hit = (id: string, seqs: number[], at: number): AuditFlagHit => ({ id, kind: 'repeat_plate', actor, subject: 'ABC123', reason: `${seqs.length} searches`, seqs, firstAt: at - 10, at });
      const a = uid('flag');
      await store().audit.flags.merge(hit(a, [5, 3], 1000));
      await store().audit.flags.merge(hit(a, [3, 5, 8], 2000));
      const merged = (await store().audit.flags.get(a))!;
      assert.deepEqual(merged.seqs, [3, 5, 8]);
      assert.equal(merged.count, 3);
      assert.equal(merged.firstAt, 990);
      assert.equal(merged.lastAt, 2000);
      const reviewed = await store().audit.flags.review(a, { by: 'sup', at: 2500, disposition: 'justified', note: 'checked the case' });
      assert.equal(reviewed?.status, 'reviewed');
      await store().audit.flags.merge(hit(a, [8], 2600));
      assert.equal((await store().audit.flags.get(a))!.status, 'reviewed', 'nothing new: still reviewed');
      await store().audit.flags.merge(hit(a, [9], 3000));
      const reopened = (await store().audit.flags.get(a))!;
      assert.equal(reopened.status, 'open');
      assert.equal(reopened.review?.note, 'checked the case');
      assert.equal(await store().audit.flags.review(uid('flag'), { by: 'sup', at: 1, disposition: 'referred', note: 'none' }), undefined);

      const ids = [uid('flag'), uid('flag'), uid('flag')];
      for (const [i, id] of ids.entries()) await store().audit.flags.merge({ ...hit(id, [100 + i], 5000 + i), kind: 'bulk' });
      const first = await store().audit.flags.list({ actor, kind: 'bulk', limit: 2 });
      assert.equal(first.total, 3);
      assert.deepEqual(first.items.map((f) => f.id), [ids[2], ids[1]]);
      const second = await store().audit.flags.list({ actor, kind: 'bulk', limit: 2, cursor: first.nextCursor! });
      assert.deepEqual(second.items.map((f) => f.id), [ids[0]]);
      assert.equal(second.nextCursor, null);
      assert.equal((await store().audit.flags.list({ actor, status: 'reviewed', limit: 10 })).total, 0);
      assert.equal((await store().audit.flags.list({ actor, status: 'all', limit: 10 })).total, 4);
    });

    it('keeps the flag job cursor moving forward only', async () => {
      const now = await store().audit.flags.cursor();
      await store().audit.flags.saveCursor(now + 7);
      await store().audit.flags.saveCursor(now + 3);
      assert.equal(await store().audit.flags.cursor(), now + 7);
    });

    it('tells which case numbers are CAD incident numbers', async () => {
      const number = uid('2031-INC');
      const at = Date.UTC(2031, 0, 1);
      await store().incidents.upsert('contract-cad', number, () => ({ id: uid('inc'), sourceSystem: 'contract-cad', sourceIncidentId: number, status: 'open', openedAt: at, updatedAt: at, notes: [], dispositions: [], units: [], receivedAt: at }));
      assert.deepEqual(await store().audit.flags.knownIncidentNumbers([number, uid('2031-NONE'), number]), new Set([number]));
      assert.deepEqual(await store().audit.flags.knownIncidentNumbers([]), new Set());
    });
  });
}
