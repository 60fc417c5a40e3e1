/**
 * The store contract against the embedded SQLite store: on a data folder (also closed and
 * reopened, so the in-memory index is rebuilt from disk) and in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { DAY, newRead } from '../contract/fixtures.ts';
import { storeContract } from '../store.contract.ts';
import { openSqliteStore, type SqliteStore } from './index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-sqlite-contract-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

storeContract('sqlite (data folder)', () => openSqliteStore({ dataDir }), { reopens: true });
storeContract('sqlite (:memory:)', () => openSqliteStore({ dataDir: ':memory:' }));

describe('sqlite: retention drops whole partitions, and kept reads outlive them across a reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-sqlite-retention-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('moves a kept read out of a dropped day and finds it after reopening', async () => {
    // A fresh folder, so the old days really get partitions of their own (a partition is a day
    // of receipt, and a read received before the newest partition's day joins that partition).
    const old = Date.UTC(1995, 5, 1);
    const recent = Date.UTC(2095, 5, 1);
    let store = await openSqliteStore({ dataDir: dir });
    const gone = await store.reads.append([newRead({ observedAt: old, plate: 'OLD001' }), newRead({ observedAt: old + 3_600_000, plate: 'OLD002' })]);
    const kept = await store.reads.append([newRead({ observedAt: old + DAY, plate: 'OLD003', cameraId: 'cam-kept' })]);
    const fresh = await store.reads.append([newRead({ observedAt: recent, plate: 'NEW001' })]);
    const keepId = kept.stored[0].id;

    assert.equal(await store.reads.deleteObservedBefore(recent - DAY, new Set([keepId])), 2);
    const check = async (s: SqliteStore): Promise<void> => {
      assert.equal(await s.reads.count(), 2);
      assert.deepEqual(await s.reads.getMany([keepId, ...gone.stored.map((r) => r.id), fresh.stored[0].id]), [kept.stored[0], fresh.stored[0]]);
      const all = await s.reads.search({ plate: { kind: 'any' }, limit: 10 });
      assert.deepEqual(all.items, [fresh.stored[0], kept.stored[0]]);
      assert.equal(all.total, 2);
      const byCamera = await s.reads.search({ plate: { kind: 'fuzzy', plate: '0LD003' }, cameraIds: ['cam-kept'], limit: 10 });
      assert.deepEqual(byCamera.items, [kept.stored[0]]);
    };
    await check(store);
    await store.close();

    store = await openSqliteStore({ dataDir: dir });
    try {
      await check(store);
      const resend = await store.reads.append([{ ...kept.stored[0], receivedAt: recent }, newRead({ observedAt: old, plate: 'OLD001', sourceEventId: gone.stored[0].sourceEventId })]);
      assert.deepEqual(resend.duplicates, [{ index: 0, id: keepId }], 'the kept read still deduplicates; a deleted one left no key');
      assert.ok(BigInt(resend.stored[0].id) > BigInt(fresh.stored[0].id));
    } finally {
      await store.close();
    }
  });
});

describe('sqlite: migrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-sqlite-migrate-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the hotlist entries of a file from before the state column their state', async () => {
    let store = await openSqliteStore({ dataDir: dir });
    const list = await store.hotlists.create({ id: 'list-1', name: 'old list', kind: 'ncic', priority: 1, matchKinds: ['exact'], createdAt: 1 });
    const base = { hotlistId: list.id, reason: 'stolen vehicle', importVersion: 0, createdAt: 1, createdBy: 'tester' };
    await store.hotlists.addEntries(list.id, [
      { ...base, id: 'e1', plate: 'MIG001', plateRaw: 'MIG001', state: 'TX' },
      { ...base, id: 'e2', plate: 'MIG002', plateRaw: 'MIG002' },
    ]);
    await store.close();
    // the file as the migration before this column left it
    const file = new DatabaseSync(join(dir, 'rtcc.db'));
    const version = Number((file.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    file.exec(`ALTER TABLE hotlist_entries DROP COLUMN state; PRAGMA user_version = ${version - 1}`);
    file.close();

    store = await openSqliteStore({ dataDir: dir });
    try {
      const active = (await Array.fromAsync(store.hotlists.activeEntries(2))).flat().sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(active, [
        { id: 'e1', hotlistId: list.id, plate: 'MIG001', state: 'TX' },
        { id: 'e2', hotlistId: list.id, plate: 'MIG002' },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite: the group commit', () => {
  it('leaves no idempotency key behind when a commit fails: the same reads are stored afterwards', async () => {
    const store = await openSqliteStore({ dataDir: ':memory:' });
    try {
      const t = Date.UTC(2026, 0, 5, 12);
      const reads = [newRead({ observedAt: t, plate: 'FAIL01' }), newRead({ observedAt: t + 1, plate: 'FAIL02' })];
      const failing = store.reads.append(reads.map((r) => ({ ...r })), {
        raise: (_read, index) => {
          if (index === 1) throw new Error('hit building failed');
          return [];
        },
      });
      // queued in the same commit as the failing append, so rolled back with it
      const beside = store.reads.append([newRead({ observedAt: t + 2, plate: 'FAIL03' })]);
      await assert.rejects(failing, /could not store reads/);
      await assert.rejects(beside, /could not store reads/);
      assert.equal(await store.reads.count(), 0);
      const again = await store.reads.append(reads.map((r) => ({ ...r })));
      assert.equal(again.duplicates.length, 0, 'a rolled-back read is not a duplicate');
      assert.deepEqual(again.stored.map((r) => r.plate), ['FAIL01', 'FAIL02']);
      const repeat = await store.reads.append(reads.map((r) => ({ ...r })));
      assert.deepEqual(repeat.duplicates, again.stored.map((r, index) => ({ index, id: r.id })));
    } finally {
      await store.close();
    }
  });

  it('gives back handed-over reads completed in place, as the table stores them', async () => {
    const store = await openSqliteStore({ dataDir: ':memory:' });
    try {
      const t = Date.UTC(2026, 0, 5, 12);
      const mine = [
        newRead({ observedAt: t, plate: 'HAND01', confidence: 0.91234, location: [-97.7431234567, 30.2671234567], locationSource: 'device' }),
        newRead({ observedAt: t + 1, plate: 'HAND02', candidates: [] }),
      ];
      const res = await store.reads.append(mine, { handOver: true });
      assert.equal(res.stored[0], mine[0], 'the caller object became the stored read');
      assert.notEqual(res.stored[1], mine[1], 'a read whose empty list is dropped is copied');
      assert.deepStrictEqual(await store.reads.getMany(res.stored.map((r) => r.id)), res.stored);
    } finally {
      await store.close();
    }
  });
});
