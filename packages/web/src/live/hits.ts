/**
 * Hits as the console knows them: the open (pending) queue, kept from the stream's snapshot and
 * its deltas, and the ones verified while this console was open. Merged by id, so a delta that
 * arrives twice, or a snapshot after a reconnect, never duplicates a hit.
 */
import type { HitView } from '../api/wire.ts';
import { Store } from '../app/store.ts';

export interface HitsState {
  /** Pending hits by id. */
  open: ReadonlyMap<string, HitView>;
  /** Hits verified since the console opened (newest first, bounded). */
  verified: HitView[];
  /** Hits raised since the person last looked at the queue (the badge). */
  unseen: number;
  /** False until the first snapshot arrived. */
  loaded: boolean;
}

export const hits = new Store<HitsState>({ open: new Map(), verified: [], unseen: 0, loaded: false });

/** Queue order: highest priority (1) first, then newest. */
export function queueOrder(a: HitView, b: HitView): number {
  return a.priority - b.priority || (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0);
}

export function applySnapshot(openHits: HitView[]): void {
  hits.update((s) => {
    const open = new Map<string, HitView>();
    for (const h of openHits) if (h.status === 'pending') open.set(h.id, h);
    // a hit that was open before the reconnect and is not any more was verified elsewhere
    return { ...s, open, loaded: true };
  });
}

/** @returns true when the hit is new to this console (for the sound). */
export function applyRaised(hit: HitView): boolean {
  let fresh = false;
  hits.update((s) => {
    if (s.open.has(hit.id) || hit.status !== 'pending') return s;
    fresh = true;
    const open = new Map(s.open);
    open.set(hit.id, hit);
    return { ...s, open, unseen: s.unseen + 1 };
  });
  return fresh;
}

export function applyVerified(hit: HitView): void {
  hits.update((s) => {
    const open = new Map(s.open);
    open.delete(hit.id);
    const verified = [hit, ...s.verified.filter((h) => h.id !== hit.id)].slice(0, 200);
    return { ...s, open, verified };
  });
}

export function markHitsSeen(): void {
  hits.update((s) => (s.unseen === 0 ? s : { ...s, unseen: 0 }));
}

export function resetHits(): void {
  hits.set({ open: new Map(), verified: [], unseen: 0, loaded: false });
}
