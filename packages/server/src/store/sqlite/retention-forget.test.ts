// Retention on the embedded store forgets deleted reads in place, without rebuilding the index
// from disk: after a dropped day, rows deleted around a held window, and a read leaving the kept
// table, every kind of search pages through exactly the surviving reads with exact totals, a
// deleted read sent again is stored as new, and a reopened store answers the same.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, it } from 'node:test';
import { isInArea, type PlateRead, type SearchArea } from '@openrtcc/domain';
import { DAY, newRead, prng } from '../contract/fixtures.ts';
import type { NewRead, ReadQuery, TimeWindow } from '../store.types.ts';
import { openSqliteStore, type SqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'rtcc-retention-forget-'));
/** The open store, closed after the test even when an assertion failed (its timers would keep the run alive). */
let open: SqliteStore | undefined;
after(async () => {
  await open?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function reopen(dataDir = dir): Promise<SqliteStore> {
  await open?.close();
  open = undefined;
  open = await openSqliteStore({ dataDir });
  return open;
}

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 5, 1);
const CUTOFF = BASE - 30 * DAY;
const DAY_A = BASE - 40 * DAY; // dropped whole (one read kept)
const DAY_B = BASE - 39 * DAY; // meets the held window: deleted row by row
const DAY_C = BASE - DAY; // recent, plus late arrivals of old reads
const HELD: TimeWindow[] = [{ from: DAY_B + 6 * HOUR, to: DAY_B + 8 * HOUR }];
const PLATES = ['ABC101', 'ABC102', 'ABC103', 'XYZ900', 'XYZ901', 'GONE77', 'KP4411'];
const AREA: SearchArea = { center: [-73.95, 40.75], radiusMeters: 4_000 };

interface Stored {
  read: PlateRead;
  input: NewRead;
  live: boolean;
}

function dayOfReads(rand: () => number, day: number, n: number, receivedAt?: number): NewRead[] {
  const out: NewRead[] = [];
  for (let i = 0; i < n; i++) {
    const plate = day === DAY_A && i % 10 === 0 ? 'GONE77' : PLATES[Math.floor(rand() * (PLATES.length - 1))].replace('GONE77', 'KP4411');
    const located = rand() < 0.8;
    const observedAt = day + i * 20 * 60_000 + Math.floor(rand() * 1000);
    out.push(
      newRead({
        observedAt,
        receivedAt: receivedAt ?? observedAt + 1_500,
        plate,
        plateRaw: plate,
        cameraId: rand() < 0.9 ? `cam-${1 + Math.floor(rand() * 4)}` : undefined,
        location: located ? [-74 + rand() * 0.1, 40.7 + rand() * 0.1] : undefined,
      }),
    );
  }
  return out;
}

function newestFirst(a: Stored, b: Stored): number {
  return b.read.observedAt - a.read.observedAt || Number(BigInt(b.read.id) - BigInt(a.read.id));
}

/** Follows the cursor through every page of `q`, checking each page's total. */
async function allPages(store: SqliteStore, q: ReadQuery, label: string): Promise<{ items: PlateRead[]; total: number }> {
  const items: PlateRead[] = [];
  let total = -1;
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const res = await store.reads.search({ ...q, cursor });
    if (total >= 0) assert.equal(res.total, total, `${label}: total on page ${page}`);
    total = res.total;
    items.push(...res.items);
    if (!res.nextCursor) return { items, total };
    cursor = res.nextCursor;
  }
  throw new Error(`${label}: too many pages`);
}

const patternRe = (p: string) => new RegExp(`^${p.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/** Queries with a brute-force answer over the reads the test stored. */
function queries(): { label: string; q: ReadQuery; want: (s: Stored) => boolean }[] {
  const camWindow = { from: DAY_B, to: DAY_C + 12 * HOUR };
  return [
    { label: 'every read', q: { plate: { kind: 'any' }, limit: 7 }, want: () => true },
    ...PLATES.map((plate) => ({ label: `exact ${plate}`, q: { plate: { kind: 'exact' as const, plate }, limit: 4 }, want: (s: Stored) => s.read.plate === plate })),
    { label: 'pattern ABC*', q: { plate: { kind: 'pattern', pattern: 'ABC*' }, limit: 6 }, want: (s) => patternRe('ABC*').test(s.read.plate) },
    { label: 'pattern X?Z90?', q: { plate: { kind: 'pattern', pattern: 'X?Z90?' }, limit: 5 }, want: (s) => patternRe('X?Z90?').test(s.read.plate) },
    {
      label: 'camera and time',
      q: { plate: { kind: 'any' }, cameraIds: ['cam-2'], ...camWindow, limit: 3 },
      want: (s) => s.read.cameraId === 'cam-2' && s.read.observedAt >= camWindow.from && s.read.observedAt < camWindow.to,
    },
    {
      label: 'area',
      q: { plate: { kind: 'any' }, area: AREA, limit: 5 },
      want: (s) => s.read.location !== undefined && isInArea([Math.fround(s.read.location[0]), Math.fround(s.read.location[1])], AREA),
    },
    {
      label: 'exact plate in a window',
      q: { plate: { kind: 'exact', plate: 'ABC102' }, from: DAY_A, to: DAY_B + 12 * HOUR, limit: 2 },
      want: (s) => s.read.plate === 'ABC102' && s.read.observedAt >= DAY_A && s.read.observedAt < DAY_B + 12 * HOUR,
    },
  ];
}

async function assertSurvivors(store: SqliteStore, reads: Stored[], fuzzyBefore: Set<string>, label: string): Promise<void> {
  const live = reads.filter((s) => s.live).sort(newestFirst);
  assert.equal(await store.reads.count(), live.length, `${label}: count`);
  // the idempotency set holds a key per stored read, no more (a private member, read for the test)
  assert.equal((store.reads as unknown as { keys: { size: number } }).keys.size, live.length, `${label}: idempotency keys`);
  for (const { label: what, q, want } of queries()) {
    const got = await allPages(store, q, `${label}, ${what}`);
    const expected = live.filter(want).map((s) => s.read);
    assert.equal(got.total, expected.length, `${label}, ${what}: total`);
    assert.deepEqual(got.items, expected, `${label}, ${what}: items`);
  }
  // fuzzy: what matched before retention, less what retention deleted
  const fuzzy = await allPages(store, { plate: { kind: 'fuzzy', plate: 'A8C1O2' }, limit: 5 }, `${label}, fuzzy`);
  const expected = live.filter((s) => fuzzyBefore.has(s.read.id)).map((s) => s.read);
  assert.equal(fuzzy.total, expected.length, `${label}, fuzzy: total`);
  assert.deepEqual(fuzzy.items, expected, `${label}, fuzzy: items`);
}

/** Marks what `deleteObservedBefore(CUTOFF, keep, windows)` must delete, and returns how many. */
function expectDeleted(reads: Stored[], keep: Set<string>, windows: TimeWindow[]): number {
  let n = 0;
  for (const s of reads) {
    const t = s.read.observedAt;
    if (s.live && t < CUTOFF && !keep.has(s.read.id) && !windows.some((w) => t >= w.from && t < w.to)) {
      s.live = false;
      n++;
    }
  }
  return n;
}

/** Counts rebuilds of the index from disk (a private method, wrapped on this instance). */
function countRebuilds(store: SqliteStore): () => number {
  const reads = store.reads as unknown as { rebuildIndex: () => void };
  const original = reads.rebuildIndex.bind(reads);
  let n = 0;
  reads.rebuildIndex = () => {
    n++;
    original();
  };
  return () => n;
}

function platesInFile(): string[] {
  const db = new DatabaseSync(join(dir, 'rtcc.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT plate FROM plates ORDER BY id').all() as { plate: string }[]).map((r) => r.plate);
  } finally {
    db.close();
  }
}

it('forgets a dropped day, rows around a held window and a read leaving the kept table in place, with exact searches', async () => {
  const rand = prng(21);
  let store = await reopen();
  const reads: Stored[] = [];
  const put = async (batch: NewRead[]): Promise<void> => {
    const res = await store.reads.append(batch);
    assert.equal(res.stored.length, batch.length);
    res.stored.forEach((read, i) => reads.push({ read, input: batch[i], live: true }));
  };
  await put(dayOfReads(rand, DAY_A, 60));
  await put(dayOfReads(rand, DAY_B, 60));
  await put(dayOfReads(rand, DAY_C, 40));
  await put(dayOfReads(rand, DAY_A + 12 * HOUR, 10, DAY_C + 22 * HOUR)); // old reads that arrived late
  const fuzzyBefore = new Set((await allPages(store, { plate: { kind: 'fuzzy', plate: 'A8C1O2' }, limit: 50 }, 'fuzzy before')).items.map((r) => r.id));
  assert.ok(fuzzyBefore.size > 0);
  await assertSurvivors(store, reads, fuzzyBefore, 'before retention');

  const keepA = reads[3].read.id;
  const keepA2 = reads[17].read.id;
  const rebuilds = countRebuilds(store);

  // run 1: day A dropped (two reads kept), day B by rows around the hold, late arrivals by rows
  let keep = new Set([keepA, keepA2]);
  let want = expectDeleted(reads, keep, HELD);
  assert.ok(want > 100);
  assert.equal(await store.reads.deleteObservedBefore(CUTOFF, keep, HELD), want);
  await assertSurvivors(store, reads, fuzzyBefore, 'after run 1');
  assert.equal((await store.reads.search({ plate: { kind: 'exact', plate: 'GONE77' }, limit: 5 })).total, 0);
  assert.equal(platesInFile().includes('GONE77'), false, 'a plate without reads is erased from the file');

  // run 2: the second kept read leaves the keep set and is deleted from the kept table
  keep = new Set([keepA]);
  want = expectDeleted(reads, keep, HELD);
  assert.equal(want, 1);
  assert.equal(await store.reads.deleteObservedBefore(CUTOFF, keep, HELD), 1);
  await assertSurvivors(store, reads, fuzzyBefore, 'after run 2');

  // run 3: the hold ends, so day B (already thinned by rows) is dropped whole
  want = expectDeleted(reads, keep, []);
  assert.ok(want > 0);
  assert.equal(await store.reads.deleteObservedBefore(CUTOFF, keep, []), want);
  await assertSurvivors(store, reads, fuzzyBefore, 'after run 3');
  assert.equal(rebuilds(), 0, 'retention forgets in place, without reading the kept reads back');

  // a deleted read sent again is new; a surviving and a kept one are still duplicates
  const gone = reads.find((s) => !s.live && s.read.plate === 'ABC101')!;
  const survivor = reads.find((s) => s.live && s.read.id !== keepA)!;
  const kept = reads.find((s) => s.read.id === keepA)!;
  const again = await store.reads.append([{ ...gone.input, observedAt: BASE, receivedAt: BASE + 1_000 }, survivor.input, kept.input]);
  assert.equal(again.stored.length, 1, 'the deleted read is stored again');
  assert.ok(BigInt(again.stored[0].id) > BigInt(reads[reads.length - 1].read.id));
  assert.deepEqual(again.duplicates, [
    { index: 1, id: survivor.read.id },
    { index: 2, id: keepA },
  ]);
  reads.push({ read: again.stored[0], input: gone.input, live: true });
  await assertSurvivors(store, reads, new Set([...fuzzyBefore, again.stored[0].id]), 'after sending a deleted read again');

  store = await reopen();
  await assertSurvivors(store, reads, new Set([...fuzzyBefore, again.stored[0].id]), 'after reopening');
  const resend = await store.reads.append([gone.input]);
  assert.deepEqual(resend.duplicates, [{ index: 0, id: again.stored[0].id }]);
});

it('brings the forgotten reads back when a retention step fails and rolls back', async () => {
  const sub = mkdtempSync(join(dir, 'rollback-'));
  const store = await reopen(sub);
  const reads: Stored[] = [];
  for (const day of [DAY_A, DAY_C]) {
    const batch = dayOfReads(prng(day), day, 30);
    const res = await store.reads.append(batch);
    res.stored.forEach((read, i) => reads.push({ read, input: batch[i], live: true }));
  }
  const fuzzyBefore = new Set((await allPages(store, { plate: { kind: 'fuzzy', plate: 'A8C1O2' }, limit: 50 }, 'fuzzy')).items.map((r) => r.id));
  // the day's table cannot be dropped this time: the step has already forgotten its reads in memory
  const db = (store.reads as unknown as { db: { exec: (sql: string) => void } }).db;
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    if (sql.startsWith('DROP TABLE')) throw new Error('disk I/O error');
    exec(sql);
  };
  await assert.rejects(store.reads.deleteObservedBefore(CUTOFF), /disk I\/O error/);
  await assertSurvivors(store, reads, fuzzyBefore, 'after the failed run');
  db.exec = exec;
  assert.equal(await store.reads.deleteObservedBefore(CUTOFF), expectDeleted(reads, new Set(), []));
  await assertSurvivors(store, reads, fuzzyBefore, 'after the next run');
});
