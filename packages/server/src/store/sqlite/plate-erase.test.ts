// Retention leaves no plate behind in the SQLite file: a plate whose every read was deleted has
// its text erased from the `plates` table (its id kept, empty), the store reopens with the gap,
// and a later read of that plate writes its text back and is found after a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, it } from 'node:test';
import { DAY, newRead } from '../contract/fixtures.ts';
import { openSqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'rtcc-plate-erase-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The plate texts in the file, read by another connection as anyone holding the file could. */
function platesInFile(): string[] {
  const db = new DatabaseSync(join(dir, 'rtcc.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT plate FROM plates ORDER BY id').all() as { plate: string }[]).map((r) => r.plate);
  } finally {
    db.close();
  }
}

it('erases the text of plates without reads after retention, and brings it back when the plate is read again', async () => {
  const t = Date.UTC(2026, 9, 1);
  let store = await openSqliteStore({ dataDir: dir });
  await store.reads.append([
    newRead({ plate: 'GONE001', plateRaw: 'GONE001', observedAt: t - 40 * DAY }),
    newRead({ plate: 'KEEP002', plateRaw: 'KEEP002', observedAt: t - 40 * DAY }),
    newRead({ plate: 'KEEP002', plateRaw: 'KEEP002', observedAt: t - DAY }),
    newRead({ plate: 'HELD003', plateRaw: 'HELD003', observedAt: t - 40 * DAY }),
  ]);
  const held = (await store.reads.search({ plate: { kind: 'exact', plate: 'HELD003' }, limit: 10 })).items[0].id;
  assert.equal(await store.reads.deleteObservedBefore(t - 30 * DAY, new Set([held])), 2);
  assert.deepEqual(platesInFile(), ['', 'KEEP002', 'HELD003']);
  assert.equal((await store.reads.search({ plate: { kind: 'exact', plate: 'GONE001' }, limit: 10 })).total, 0);
  await store.close();

  // the file reopens with the erased place; the plate is unknown until it is read again
  store = await openSqliteStore({ dataDir: dir });
  assert.equal((await store.reads.search({ plate: { kind: 'exact', plate: 'GONE001' }, limit: 10 })).total, 0);
  assert.equal((await store.reads.search({ plate: { kind: 'exact', plate: 'KEEP002' }, limit: 10 })).total, 1);
  await store.reads.append([newRead({ plate: 'GONE001', plateRaw: 'GONE001', observedAt: t })]);
  await store.close();
  store = await openSqliteStore({ dataDir: dir });
  assert.equal((await store.reads.search({ plate: { kind: 'exact', plate: 'GONE001' }, limit: 10 })).total, 1);
  assert.equal((await store.reads.search({ plate: { kind: 'exact', plate: 'HELD003' }, limit: 10 })).total, 1);
  await store.close();
});

it('writes an erased plate back when it is read again before the next start', async () => {
  const t = Date.UTC(2026, 10, 1);
  const sub = mkdtempSync(join(dir, 'again-'));
  let store = await openSqliteStore({ dataDir: sub });
  await store.reads.append([newRead({ plate: 'BACK004', plateRaw: 'BACK004', observedAt: t - 40 * DAY })]);
  await store.reads.deleteObservedBefore(t - 30 * DAY);
  await store.reads.append([newRead({ plate: 'BACK004', plateRaw: 'BACK004', observedAt: t })]);
  await store.close();
  store = await openSqliteStore({ dataDir: sub });
  const found = await store.reads.search({ plate: { kind: 'exact', plate: 'BACK004' }, limit: 10 });
  assert.equal(found.total, 1);
  assert.equal(found.items[0].plate, 'BACK004');
  await store.close();
});
