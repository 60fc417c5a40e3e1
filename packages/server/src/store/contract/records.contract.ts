/**
 * Contract: quarantined payloads and the audit log.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuditRecord, QuarantineItem } from '../store.types.ts';
import { allPages, uid, type GetStore } from './fixtures.ts';

export function recordsContract(store: GetStore): void {
  describe('quarantine', () => {
    it('keeps text and binary bodies exactly', async () => {
      const text: QuarantineItem = {
        id: uid('q'),
        sourceSystem: 'openalpr',
        sourceId: uid('src'),
        route: '/api/v1/ingest/openalpr',
        contentType: 'application/x-www-form-urlencoded',
        receivedAt: Date.UTC(2031, 2, 3),
        reason: 'JSON parse error at position 12',
        body: '{"data_type":"alpr_group","plate":"ÄBC‑123 ✓",',
        bodyEncoding: 'utf8',
      };
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80]), randomBytes(64)]);
      const binary: QuarantineItem = {
        id: uid('q'),
        sourceSystem: 'rtcc',
        route: '/api/v1/ingest/rtcc',
        receivedAt: Date.UTC(2031, 2, 3, 0, 0, 1),
        reason: 'body is not UTF-8',
        body: bytes.toString('base64'),
        bodyEncoding: 'base64',
      };
      await store().quarantine.insert(text);
      await store().quarantine.insert(binary);
      assert.deepEqual(await store().quarantine.get(text.id), text);
      const got = await store().quarantine.get(binary.id);
      assert.deepEqual(got, binary);
      assert.deepEqual(Buffer.from(got!.body, 'base64'), bytes);
      assert.equal(await store().quarantine.get(uid('missing')), undefined);
    });

    it('lists newest first; pages cover every item once with the total', async () => {
      const t = Date.UTC(2400, 0, 1) + Math.floor(Math.random() * 1e9);
      const mine: QuarantineItem[] = [0, 1, 2, 3, 4].map((i) => ({
        id: uid('q'),
        sourceSystem: 'rtcc',
        route: '/api/v1/ingest/rtcc',
        receivedAt: t + (i === 4 ? 3 : i), // two share a time: the id breaks the tie
        reason: 'missing plate',
        body: `{"n":${i}}`,
        bodyEncoding: 'utf8',
      }));
      for (const q of mine) await store().quarantine.insert(q);
      const { items, totals } = await allPages((cursor) => store().quarantine.list({ limit: 2, ...(cursor ? { cursor } : {}) }));
      assert.equal(new Set(items.map((q) => q.id)).size, items.length, 'no item twice');
      for (const total of totals) assert.equal(total, items.length);
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [items[i - 1], items[i]];
        assert.ok(a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.id > b.id), 'newest first');
      }
      const ids = new Set(mine.map((q) => q.id));
      const want = [...mine].sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1));
      assert.deepEqual(items.filter((q) => ids.has(q.id)), want);
    });
  });

  describe('audit', () => {
    async function appendChain(action: string, n: number): Promise<AuditRecord[]> {
      const last = await store().audit.last();
      let seq = last ? last.seq : 0;
      let prev = last ? last.hash : '0'.repeat(64);
      const out: AuditRecord[] = [];
      for (let i = 0; i < n; i++) {
        const hash = randomBytes(32).toString('hex');
        const rec: AuditRecord = {
          seq: ++seq,
          id: uid('audit'),
          at: Date.UTC(2031, 3, 1) + i,
          actor: 'analyst-7',
          action,
          outcome: i % 3 === 2 ? 'denied' : 'success',
          prevHash: prev,
          hash,
        };
        if (i % 2 === 0) {
          rec.from = '203.0.113.9';
          rec.justification = { offenseType: 'stolen-vehicle', caseNumber: 'KC-2031-000123', note: 'synthetic' };
          // Key order is deliberate: a chain hashed over the serialized record must still verify.
          rec.query = { plate: 'ABC*', from: '2031-03-01T00:00:00Z', area: { radiusMeters: 500, center: [-94.58, 39.1] } };
          rec.resultCount = 42;
          rec.details = { zeta: 1, alpha: [true, null, 'x'] };
        }
        await store().audit.append(rec);
        out.push(rec);
        prev = hash;
      }
      return out;
    }

    it('appends records and gives them back exactly, key order included', async () => {
      const recs = await appendChain(uid('search.reads'), 4);
      assert.deepEqual(await store().audit.last(), recs[3]);
      const page = await store().audit.list({ limit: 10, action: recs[0].action });
      assert.deepEqual(page.items, [...recs].reverse());
      assert.equal(JSON.stringify(page.items[3].query), JSON.stringify(recs[0].query));
      assert.equal(JSON.stringify(page.items[3].details), JSON.stringify(recs[0].details));
    });

    it('refuses a record whose seq is already taken', async () => {
      const [rec] = await appendChain(uid('login'), 1);
      await assert.rejects(store().audit.append({ ...rec, id: uid('audit') }));
      assert.deepEqual(await store().audit.last(), rec);
    });

    it('lists by action newest first, a page at a time, with the total', async () => {
      const action = uid('export.reads');
      const recs = await appendChain(action, 7);
      await appendChain(uid('other'), 2);
      const { items, totals } = await allPages((cursor) => store().audit.list({ limit: 3, action, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(items, [...recs].reverse());
      assert.deepEqual(totals, [7, 7, 7]);
      const everything = await store().audit.list({ limit: 1 });
      assert.ok(everything.total >= 9);
    });

    it('all() yields every record in sequence order', async () => {
      const recs = await appendChain(uid('hit.verify'), 5);
      const seen: AuditRecord[] = [];
      for await (const r of store().audit.all()) seen.push(r);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i].seq > seen[i - 1].seq, 'ascending seq');
      assert.deepEqual(seen.slice(-5), recs);
      assert.equal(seen[seen.length - 1].seq, recs[4].seq);
    });
  });
}
