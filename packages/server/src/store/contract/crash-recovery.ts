/**
 * Crash recovery at the store level, shared by both stores' tests: a child process appends reads
 * and reports each acknowledged batch; the parent SIGKILLs it after a number of acks (never
 * after a delay, so the test does not depend on timing), reopens the store, and checks that
 * every acknowledged read is there exactly once, that appends were all-or-nothing, that search
 * finds them, and that idempotency survived the crash.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { PlateRead } from '@openrtcc/domain';
import type { NewRead, Store } from '../store.types.ts';
import { DAY, allPages } from './fixtures.ts';

export const CRASH_BATCH = 25;
/** Crash reads live far from every other test's eras. */
export const CRASH_BASE = Date.UTC(2900, 0, 1);
const SPACING = 20 * 60_000; // 72 reads a day: the stream crosses a day partition every few batches

/** One acknowledged batch: [sourceEventId, id] of every read it stored. */
export interface CrashAck {
  batch: number;
  reads: [string, string][];
}

const plateOf = (batch: number, i: number): string => `CR${(batch * CRASH_BATCH + i).toString(36).toUpperCase().padStart(5, '0')}`;

/** The i-th read of a batch, the same in the child and in the parent's resend. */
export function crashRead(batch: number, i: number): NewRead {
  const n = batch * CRASH_BATCH + i;
  const observedAt = CRASH_BASE + n * SPACING;
  return {
    sourceSystem: 'crash-writer',
    sourceEventId: `crash-${batch}-${i}`,
    plate: plateOf(batch, i),
    plateRaw: plateOf(batch, i),
    confidence: 0.9,
    observedAt,
    receivedAt: observedAt + 1_500,
    ...(i % 3 === 0 ? { cameraId: 'crash-cam' } : {}),
  };
}

/**
 * Runs the writer on `kind`/`target` until `acks` batches are acknowledged, SIGKILLs it, and
 * returns every acknowledgement it printed (some may arrive after the kill).
 */
export async function runAndKillWriter(kind: 'sqlite' | 'postgres', target: string, acks: number): Promise<CrashAck[]> {
  const script = fileURLToPath(new URL('./crash-writer.fixture.ts', import.meta.url));
  const child = spawn(process.execPath, [script, kind, target], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  const got: CrashAck[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    got.push(JSON.parse(line) as CrashAck);
    if (got.length === acks) child.kill('SIGKILL');
  }
  const [code, signal] = await closed;
  assert.ok(got.length >= acks, `the writer ended after ${got.length} acks (exit ${code}): ${stderr}`);
  assert.equal(signal, 'SIGKILL', `the writer was killed, not ended (exit ${code}): ${stderr}`);
  return got;
}

/** Every read of the crash stream now in `store`, by id, checked to be crash reads. */
async function storedCrashReads(store: Store): Promise<PlateRead[]> {
  const { items, totals } = await allPages((cursor) =>
    store.reads.search({ plate: { kind: 'any' }, from: CRASH_BASE, to: CRASH_BASE + 1000 * DAY, limit: 500, ...(cursor ? { cursor } : {}) }),
  );
  assert.ok(totals.every((t) => t === items.length), 'the search total matches the reads it pages through');
  return items;
}

/** The checks after the crash, on the reopened store; `acks` from `runAndKillWriter`. */
export async function assertRecovered(store: Store, acks: CrashAck[]): Promise<void> {
  const acked = new Map<string, string>();
  for (const a of acks) {
    assert.equal(a.reads.length, CRASH_BATCH, 'a fresh store stores every read of a batch');
    for (const [eventId, id] of a.reads) acked.set(eventId, id);
  }
  const reads = await storedCrashReads(store);
  const byEvent = new Map<string, PlateRead>();
  for (const r of reads) {
    assert.equal(r.sourceSystem, 'crash-writer');
    assert.ok(!byEvent.has(r.sourceEventId), `${r.sourceEventId} is stored once`);
    byEvent.set(r.sourceEventId, r);
  }
  assert.equal(await store.reads.count(), reads.length, 'count agrees with search');

  // Every acknowledged read, unchanged, under the id the append returned.
  for (const [eventId, id] of acked) {
    const r = byEvent.get(eventId);
    assert.ok(r, `acknowledged read ${eventId} survived the crash`);
    assert.equal(r.id, id);
    const [, batch, i] = eventId.split('-').map(Number);
    assert.deepEqual(r, { id, ...crashRead(batch, i) });
  }
  const ids = [...acked.values()];
  assert.equal((await store.reads.getMany(ids)).length, ids.length);

  // An append lands whole or not at all, acknowledged or not.
  const perBatch = new Map<number, number>();
  for (const r of reads) {
    const batch = Number(r.sourceEventId.split('-')[1]);
    perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
  }
  for (const [batch, n] of perBatch) assert.equal(n, CRASH_BATCH, `batch ${batch} is whole`);

  // Search by plate finds them through the rebuilt index.
  for (const a of [acks[0], acks[acks.length - 1]]) {
    const [eventId, id] = a.reads[CRASH_BATCH - 1];
    const plate = byEvent.get(eventId)!.plate;
    const page = await store.reads.search({ plate: { kind: 'exact', plate }, limit: 5 });
    assert.deepEqual(page.items.map((r) => r.id), [id]);
    const fuzzy = await store.reads.search({ plate: { kind: 'pattern', pattern: `${plate.slice(0, -1)}?` }, limit: 100 });
    assert.ok(fuzzy.items.some((r) => r.id === id));
  }

  // A source resending after the crash gets the stored ids back, nothing twice.
  for (const a of acks.slice(0, 3)) {
    const res = await store.reads.append(Array.from({ length: CRASH_BATCH }, (_, i) => crashRead(a.batch, i)));
    assert.deepEqual(res.stored, []);
    assert.deepEqual(res.duplicates, a.reads.map(([, id], index) => ({ index, id })));
  }
  const maxId = reads.reduce((m, r) => (BigInt(r.id) > m ? BigInt(r.id) : m), 0n);
  const next = await store.reads.append([crashRead(1_000_000, 0)]);
  assert.ok(BigInt(next.stored[0].id) > maxId, 'ids keep growing after the crash');
  assert.equal(await store.reads.count(), reads.length + 1);
}
