/**
 * The retention job's steps, in order. Hits go first, so a read whose only hit expired counts as
 * a read not tied to a hit in the same run; reads tied to a hit go after the other reads; read
 * images last, keeping the images of every read still stored. A step that fails is reported
 * and the others still run: one broken table must not keep every other type past its time.
 */
import type { RetentionRun, Store, TimeWindow } from '../store/store.types.ts';
import type { HeldSelection } from './hold-rules.ts';
import { cutoffFor, type DataType, type RetentionDays } from './retention-policy.ts';

/** The part of the image store retention uses (store/store.types.ts ImageStore). */
export interface ImageDeleter {
  deleteBefore(before: number, keepReadIds: Set<string>): Promise<number>;
}

export interface DeleteExpiredInput {
  store: Store;
  images?: ImageDeleter;
  days: RetentionDays;
  held: HeldSelection;
  now: number;
  /** Receives the per-type counts and cutoffs as each step finishes. */
  run: RetentionRun;
}

const PAGE = 1000;

/** Ids of every stored read matching `query` (all pages). */
async function readIdsWhere(store: Store, plate: { kind: 'exact'; plate: string } | { kind: 'any' }, window: Partial<TimeWindow>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.reads.search({ plate, from: window.from, to: window.to, limit: PAGE, cursor });
    for (const r of page.items) ids.push(r.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/**
 * The reads the holds keep by id: named reads, the reads of held hits, and the reads of held
 * plates observed before `before` (newer ones are not at risk in this run).
 */
async function heldReadIds(store: Store, held: HeldSelection, before: number): Promise<Set<string>> {
  const ids = new Set(held.readIds);
  for (const hitId of held.hitIds) {
    const hit = await store.hits.get(hitId);
    if (hit) ids.add(hit.readId);
  }
  for (const { plate, window } of held.plates) {
    const to = Math.min(window?.to ?? before, before);
    for (const id of await readIdsWhere(store, { kind: 'exact', plate }, { from: window?.from, to })) ids.add(id);
  }
  return ids;
}

/** Runs every step; returns the problems of the steps that failed (empty when all succeeded). */
export async function deleteExpired(input: DeleteExpiredInput): Promise<string[]> {
  const { store, days, held, now, run } = input;
  const errors: string[] = [];
  const step = async (type: DataType | 'readImages', cutoff: number | undefined, fn: (before: number) => Promise<number>) => {
    if (cutoff === undefined) return;
    run.cutoffs[type] = cutoff;
    try {
      run.deleted[type] = (run.deleted[type] ?? 0) + (await fn(cutoff));
    } catch (e) {
      errors.push(`${type}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const cut = (t: DataType) => cutoffFor(days[t], now);
  const { windows } = held;
  const readsCutoff = cut('reads');
  const hitReadsCutoff = cut('readsWithHits');
  // the newest cutoff any read step uses: held plates' reads up to it are at risk in this run
  const readHorizon = Math.max(readsCutoff ?? -Infinity, hitReadsCutoff ?? -Infinity, cut('hits') ?? -Infinity);
  let heldReads = new Set<string>();
  if (Number.isFinite(readHorizon)) {
    try {
      heldReads = await heldReadIds(store, held, readHorizon);
    } catch (e) {
      // without the held reads nothing that holds may cover can be deleted safely
      errors.push(`holds: ${e instanceof Error ? e.message : String(e)}`);
      return errors;
    }
  }

  await step('hits', cut('hits'), (before) => store.hits.deleteRaisedBefore(before, { ids: held.hitIds, readIds: heldReads, plates: held.plates, windows }));
  await step('reads', readsCutoff, async (before) => {
    const withHits = await store.hits.readIdsWithHits();
    for (const id of heldReads) withHits.add(id);
    return store.reads.deleteObservedBefore(before, withHits, windows);
  });
  await step('readsWithHits', hitReadsCutoff, (before) => store.reads.deleteObservedBefore(before, heldReads, windows));
  if (input.images && readsCutoff !== undefined) {
    const images = input.images;
    // every read still stored from before the cutoff (tied to a hit, held) keeps its images
    await step('readImages', readsCutoff, async (before) => images.deleteBefore(before, new Set(await readIdsWhere(store, { kind: 'any' }, { to: before }))));
  }
  await step('incidents', cut('incidents'), (before) => store.incidents.deleteClosedBefore(before, windows));
  await step('unitPositions', cut('unitPositions'), (before) => store.units.deletePositionsBefore(before, windows));
  await step('gunshots', cut('gunshots'), (before) => store.gunshots.deleteDetectedBefore(before, windows));
  await step('quarantine', cut('quarantine'), (before) => store.retention.deleteQuarantinedBefore(before, windows));
  await step('sessions', cut('sessions'), (before) => store.retention.deleteEndedSessionsBefore(before));
  return errors;
}
