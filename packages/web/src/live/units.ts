/**
 * Units (avl module): every unit from the stream's snapshot, then `unit.moved` frames. The server
 * sends a frame every 250 ms that can hold hundreds of units, so moves are collected and merged
 * into the store at most once per animation frame: listeners (the map layer, the counts) hear
 * about a batch, never about each unit.
 */
import type { UnitView } from '@openrtcc/domain';
import { Store } from '../app/store.ts';
import { frameThrottle } from './frame.ts';

/** A position older than this is drawn faded and called stale: the unit may be elsewhere. */
export const STALE_MS = 5 * 60_000;

export interface UnitsState {
  byId: ReadonlyMap<string, UnitView>;
  loaded: boolean;
}

export const units = new Store<UnitsState>({ byId: new Map(), loaded: false });

let pending = new Map<string, UnitView>();

const flush = frameThrottle(() => {
  if (pending.size === 0) return;
  const batch = pending;
  pending = new Map();
  units.update((s) => {
    const byId = new Map(s.byId);
    for (const u of batch.values()) {
      const before = byId.get(u.id);
      if (!before || before.updatedAt <= u.updatedAt) byId.set(u.id, u);
    }
    return { ...s, byId };
  });
});

/** `list` is absent when the avl module is off. */
export function applyUnitsSnapshot(list: UnitView[] | undefined): void {
  // moves queued before the snapshot are older than it
  pending = new Map();
  flush.cancel();
  units.set({ byId: new Map((list ?? []).map((u) => [u.id, u])), loaded: list !== undefined });
}

export function applyUnitsMoved(list: UnitView[]): void {
  for (const u of list) pending.set(u.id, u);
  flush.schedule();
}

export function isStale(u: UnitView, now = Date.now()): boolean {
  return !u.position || now - Date.parse(u.position.at) > STALE_MS;
}

export type UnitStatusClass = 'available' | 'responding' | 'busy' | 'out' | 'unknown';

/** Dispatch statuses are free text from the CAD ("Enroute", "On Scene" …): grouped for colour. */
export function unitStatusClass(status: string | undefined): UnitStatusClass {
  const s = (status ?? '').toLowerCase();
  if (!s) return 'unknown';
  if (/out of service|unavailable|off ?duty|oos/.test(s)) return 'out';
  if (/dispatch|en ?route|respond|assigned|notified/.test(s)) return 'responding';
  if (/scene|arriv|transport|hospital|busy|staged|committed/.test(s)) return 'busy';
  if (/available|in service|clear/.test(s)) return 'available';
  return 'unknown';
}

export function resetUnits(): void {
  applyUnitsSnapshot(undefined);
}
