import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { Checkpointer } from './checkpointer.ts';

const autoCheckpoint = (db: DatabaseSync): number => Number((db.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number }).wal_autocheckpoint);

describe('Checkpointer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-checkpoint-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the WAL into the database file from its worker, while the connections never checkpoint', async () => {
    const path = join(dir, 'a.db');
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)');
    const cp = new Checkpointer(path, [db], { intervalMs: 50 });
    assert.equal(autoCheckpoint(db), 0);
    const before = statSync(path).size;
    db.exec('BEGIN');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 4000; i++) ins.run('x'.repeat(1000)); // ~4 MB, past the 1,000-page auto-checkpoint
    db.exec('COMMIT');
    // the commit itself did not checkpoint: the rows are in the WAL only
    assert.ok(statSync(path).size < before + 1_000_000);
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < before + 3_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.ok(statSync(path).size >= before + 3_000_000, 'the worker copied the WAL into the file');
    await cp.close();
    assert.equal(autoCheckpoint(db), 1000);
    db.close();
  });

  it('cuts the WAL file back to its limit when a write starts it again after a burst', async () => {
    const path = join(dir, 'b.db');
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)');
    const cp = new Checkpointer(path, [db], { intervalMs: 20, walKeepBytes: 1_000_000 });
    db.exec('BEGIN');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 8000; i++) ins.run('x'.repeat(1000)); // ~8 MB in the WAL at once
    db.exec('COMMIT');
    const wal = `${path}-wal`;
    assert.ok(statSync(wal).size > 8_000_000);
    // once the worker has copied it all, the next write starts the WAL again and cuts the file
    const deadline = Date.now() + 10_000;
    while (statSync(wal).size > 1_000_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      ins.run('y');
    }
    assert.ok(statSync(wal).size <= 1_000_000, `the WAL file is ${statSync(wal).size} bytes`);
    await cp.close();
    db.close();
  });
});
