// The search index saved at a clean close: the next open loads it and adds the reads stored
// after it, and searches answer exactly as they do from an index rebuilt from the tables; a
// snapshot that no longer belongs to the database (retention changed the reads, another file,
// damaged bytes) is refused and the index rebuilt; retention saves a new one in the background,
// and nothing retention deleted is left in the file.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import type { NewRead, ReadQuery } from '../store.types.ts';
import { DAY, allPages, newRead, prng } from '../contract/fixtures.ts';
import { openSqliteStore, READ_INDEX_SNAPSHOT, type SqliteStore } from './index.ts';
import { SnapshotReader } from './snapshot-file.ts';

const root = mkdtempSync(join(tmpdir(), 'rtcc-index-snapshot-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 5, 1);
const CAMERAS = ['cam-a', 'cam-b', 'cam-c', 'cam-d'];
const CENTER: [number, number] = [-97.74, 30.27];

/** `n` reads over 40 days from a small set of plates (many reads per plate, a few out of time order). */
function reads(seed: number, n: number, plates = 60, start = T0): NewRead[] {
  const rnd = prng(seed);
  const out: NewRead[] = [];
  for (let i = 0; i < n; i++) {
    const p = Math.floor(rnd() * plates);
    const plate = `S${'ABCDEFGH'[p % 8]}${(p * 37) % 1000}`.padEnd(7, String(p % 10));
    // mostly increasing time, sometimes a late arrival from days before
    const observedAt = start + Math.floor((i / n) * 40 * DAY) - (rnd() < 0.05 ? Math.floor(rnd() * 5 * DAY) : 0);
    const located = rnd() < 0.7;
    out.push(
      newRead({
        plate,
        plateRaw: plate,
        observedAt,
        receivedAt: start + Math.floor((i / n) * 40 * DAY) + 2_000,
        ...(rnd() < 0.8 ? { cameraId: CAMERAS[Math.floor(rnd() * CAMERAS.length)] } : {}),
        ...(located ? { location: [CENTER[0] + (rnd() - 0.5) * 0.1, CENTER[1] + (rnd() - 0.5) * 0.1] as [number, number] } : {}),
      }),
    );
  }
  return out;
}

/** The `meta` row naming the saved index, as another connection reads it. */
function snapshotMark(dir: string): string | undefined {
  const db = new DatabaseSync(join(dir, 'rtcc.db'), { readOnly: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'read_index_snapshot'").get() as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

/** As after a crash: a snapshot saved earlier back in place, with the `meta` row that named it. */
function putBack(dir: string, file: string, mark: string): void {
  copyFileSync(file, join(dir, READ_INDEX_SNAPSHOT));
  const db = new DatabaseSync(join(dir, 'rtcc.db'));
  db.prepare("UPDATE meta SET value = ? WHERE key = 'read_index_snapshot'").run(mark);
  db.close();
}

const QUERIES: Omit<ReadQuery, 'limit'>[] = [
  { plate: { kind: 'exact', plate: 'SA0000' } },
  { plate: { kind: 'exact', plate: 'SB3711' } },
  { plate: { kind: 'pattern', pattern: 'S?1*' } },
  { plate: { kind: 'pattern', pattern: '*7*' } },
  { plate: { kind: 'fuzzy', plate: 'SB3711' } },
  { plate: { kind: 'any' }, cameraIds: ['cam-a', 'cam-c'], from: T0 + 10 * DAY, to: T0 + 12 * DAY },
  { plate: { kind: 'any' }, area: { center: CENTER, radiusMeters: 1500 }, from: T0, to: T0 + 60 * DAY },
  { plate: { kind: 'pattern', pattern: 'S*' }, from: T0 + 20 * DAY, to: T0 + 25 * DAY },
  { plate: { kind: 'any' } },
];

/** Every page of every query (ids, totals, cursors), the count and the plate count. */
async function answers(store: SqliteStore): Promise<string> {
  const out: unknown[] = [await store.reads.count(), store.reads.index.plates.size];
  for (const q of QUERIES) {
    const pages: unknown[] = [];
    await allPages(async (cursor) => {
      const page = await store.reads.search({ ...q, limit: 37, ...(cursor ? { cursor } : {}) });
      pages.push([page.total, page.nextCursor, page.items.map((r) => `${r.id}:${r.plate}:${r.observedAt}:${r.cameraId ?? ''}`)]);
      return page;
    });
    out.push(pages);
  }
  return JSON.stringify(out);
}

/** Opens `dir` once as it is (the snapshot if there is one) and once with the snapshot removed from a copy; both answers. */
async function bothWays(dir: string): Promise<{ loaded: string; rebuilt: string; origin: SqliteStore['reads']['origin'] }> {
  const copy = mkdtempSync(join(root, 'rebuilt-'));
  cpSync(dir, copy, { recursive: true });
  rmSync(join(copy, READ_INDEX_SNAPSHOT), { force: true });
  const a = await openSqliteStore({ dataDir: dir });
  const origin = a.reads.origin;
  const loaded = await answers(a);
  await a.close();
  const b = await openSqliteStore({ dataDir: copy });
  assert.equal(b.reads.origin.from, 'tables');
  const rebuilt = await answers(b);
  await b.close();
  return { loaded, rebuilt, origin };
}

describe('sqlite: the saved search index', () => {
  it('is loaded at the next open and answers every search as the rebuilt index does', async () => {
    const dir = mkdtempSync(join(root, 'same-'));
    const store = await openSqliteStore({ dataDir: dir });
    assert.equal(store.reads.origin.from, 'tables');
    await store.reads.append(reads(1, 3000));
    await store.close();
    assert.ok(existsSync(join(dir, READ_INDEX_SNAPSHOT)));

    const { loaded, rebuilt, origin } = await bothWays(dir);
    assert.deepEqual(origin, { from: 'snapshot', readsFromTables: 0 });
    assert.equal(loaded, rebuilt);
    assert.match(loaded, /^\[3000,/);

    // what arrives after a load is indexed like anything else, and saved again at close
    const again = await openSqliteStore({ dataDir: dir });
    const more = reads(2, 500, 80, T0 + 30 * DAY);
    await again.reads.append(more);
    const dup = await again.reads.append([more[0]]);
    assert.equal(dup.duplicates.length, 1, 'the loaded key set still knows every stored read');
    await again.close();
    const next = await bothWays(dir);
    assert.equal(next.origin.from, 'snapshot');
    assert.equal(next.loaded, next.rebuilt);
    assert.match(next.loaded, /^\[3500,/);
  });

  it('adds the reads and plates stored after the snapshot when the server did not close cleanly', async () => {
    const dir = mkdtempSync(join(root, 'tail-'));
    let store = await openSqliteStore({ dataDir: dir });
    await store.reads.append(reads(3, 2000));
    await store.close();
    const saved = join(root, 'tail-snapshot');
    copyFileSync(join(dir, READ_INDEX_SNAPSHOT), saved);
    const mark = snapshotMark(dir)!;

    store = await openSqliteStore({ dataDir: dir });
    await store.reads.append(reads(4, 700, 120, T0 + 35 * DAY)); // new plates among them
    await store.close();
    // as after a crash: the older snapshot, and the tables with 700 reads more
    putBack(dir, saved, mark);

    const { loaded, rebuilt, origin } = await bothWays(dir);
    assert.deepEqual(origin, { from: 'snapshot', readsFromTables: 700 });
    assert.equal(loaded, rebuilt);
  });

  it('is refused and removed once retention deleted reads, and the next close saves one without them', async () => {
    const dir = mkdtempSync(join(root, 'retention-'));
    let store = await openSqliteStore({ dataDir: dir });
    await store.reads.append(reads(5, 2000));
    // a plate seen only in the days retention deletes
    await store.reads.append([newRead({ plate: 'ERASED9', plateRaw: 'ERASED9', observedAt: T0 + DAY, receivedAt: T0 + DAY })]);
    await store.close();
    store = await openSqliteStore({ dataDir: dir });
    assert.equal(store.reads.origin.from, 'snapshot');
    const oldMark = snapshotMark(dir);
    const deleted = await store.reads.deleteObservedBefore(T0 + 15 * DAY);
    assert.ok(deleted > 500);
    assert.equal(existsSync(join(dir, READ_INDEX_SNAPSHOT)), false, 'the file holding the deleted reads is gone at once');
    // and the database no longer names it, so a copy of the old file put back later is refused
    assert.notEqual(snapshotMark(dir), oldMark);
    // a new one, without the deleted reads, is saved in the background
    await store.reads.snapshotSaved();
    assert.ok(existsSync(join(dir, READ_INDEX_SNAPSHOT)));
    assert.equal(readFileSync(join(dir, READ_INDEX_SNAPSHOT)).indexOf('ERASED9'), -1, 'an erased plate is not in the saved dictionary');
    assert.notEqual(snapshotMark(dir), undefined);
    const before = await answers(store);
    await store.close();

    const bytes = readFileSync(join(dir, READ_INDEX_SNAPSHOT));
    assert.equal(bytes.indexOf('ERASED9'), -1, 'an erased plate is not in the saved dictionary');
    const { loaded, rebuilt, origin } = await bothWays(dir);
    assert.equal(origin.from, 'snapshot');
    assert.equal(loaded, rebuilt);
    assert.equal(loaded, before);

  });

  it('is saved again after retention, so a crash then still starts from it and adds what came after', async () => {
    const dir = mkdtempSync(join(root, 'after-retention-'));
    let store = await openSqliteStore({ dataDir: dir });
    await store.reads.append(reads(9, 2000));
    await store.reads.deleteObservedBefore(T0 + 15 * DAY);
    await store.reads.snapshotSaved();
    const saved = join(root, 'after-retention-snapshot');
    copyFileSync(join(dir, READ_INDEX_SNAPSHOT), saved);
    const mark = snapshotMark(dir)!;
    await store.reads.append(reads(10, 400, 90, T0 + 36 * DAY));
    await store.close();
    // as after a crash: the snapshot saved after retention, and 400 reads more in the tables
    putBack(dir, saved, mark);
    const { loaded, rebuilt, origin } = await bothWays(dir);
    assert.deepEqual(origin, { from: 'snapshot', readsFromTables: 400 });
    assert.equal(loaded, rebuilt);
  });

  it('is refused when its bytes are damaged or it belongs to another database', async () => {
    const dir = mkdtempSync(join(root, 'damaged-'));
    let store = await openSqliteStore({ dataDir: dir });
    await store.reads.append(reads(7, 1500));
    const expected = await answers(store);
    await store.close();
    const file = join(dir, READ_INDEX_SNAPSHOT);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(file, bytes);
    store = await openSqliteStore({ dataDir: dir });
    assert.equal(store.reads.origin.from, 'tables');
    assert.match(store.reads.origin.snapshotRefused ?? '', /checksum/);
    assert.equal(await answers(store), expected);
    await store.close();

    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    store = await openSqliteStore({ dataDir: dir });
    assert.match(store.reads.origin.snapshotRefused ?? '', /bytes/);
    await store.close();

    // another folder's snapshot, copied in
    const other = mkdtempSync(join(root, 'other-'));
    store = await openSqliteStore({ dataDir: other });
    await store.reads.append(reads(8, 100));
    await store.close();
    copyFileSync(join(other, READ_INDEX_SNAPSHOT), file);
    store = await openSqliteStore({ dataDir: dir });
    assert.equal(store.reads.origin.from, 'tables');
    assert.match(store.reads.origin.snapshotRefused ?? '', /does not belong/);
    assert.equal(await answers(store), expected);
    await store.close();
    const reader = SnapshotReader.open(file);
    assert.ok(reader, 'the close saved its own');
    reader.close();
  });
});
