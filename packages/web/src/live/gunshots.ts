/**
 * Gunshot alerts (cad module): the last 24 hours from the stream's snapshot, then each
 * `gunshot.detected` (a new alert, or the vendor's update of one) and `gunshot.outcomeRecorded`
 * (an outcome recorded from any console), merged by id. Alerts older than RECENT_MS are pruned.
 */
import type { GunshotView } from '@openrtcc/domain';
import { Store } from '../app/store.ts';

export const RECENT_MS = 24 * 3_600_000;

export const gunshots = new Store<{ byId: ReadonlyMap<string, GunshotView>; loaded: boolean }>({ byId: new Map(), loaded: false });

/** `list` is absent when the cad module is off. */
export function applyGunshotsSnapshot(list: GunshotView[] | undefined): void {
  gunshots.set({ byId: new Map((list ?? []).map((g) => [g.id, g])), loaded: list !== undefined });
}

export function applyGunshot(g: GunshotView): void {
  gunshots.update((s) => {
    const byId = new Map(s.byId);
    byId.set(g.id, g);
    return { ...s, byId };
  });
}

export function pruneGunshots(now = Date.now()): void {
  gunshots.update((s) => {
    const old = [...s.byId.values()].filter((g) => now - Date.parse(g.detectedAt) > RECENT_MS);
    if (old.length === 0) return s;
    const byId = new Map(s.byId);
    for (const g of old) byId.delete(g.id);
    return { ...s, byId };
  });
}

export function resetGunshots(): void {
  gunshots.set({ byId: new Map(), loaded: false });
}
