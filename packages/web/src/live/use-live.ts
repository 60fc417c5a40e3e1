/** React views of the live stores. */
import { useMemo, useSyncExternalStore } from 'react';
import type { GunshotView, IncidentView } from '@openrtcc/domain';
import type { HitView, ReadView } from '../api/wire.ts';
import { useStore } from '../app/store.ts';
import { gunshots } from './gunshots.ts';
import { hits, queueOrder } from './hits.ts';
import { incidentOrder, incidents } from './incidents.ts';
import { readsReceived, recentReads, subscribeReads } from './reads.ts';

export function useRecentReads(): ReadView[] {
  return useSyncExternalStore(subscribeReads, recentReads);
}

export function useReadsReceived(): number {
  return useSyncExternalStore(subscribeReads, readsReceived);
}

/** Pending hits in queue order. */
export function useOpenHits(): HitView[] {
  const { open } = useStore(hits);
  return useMemo(() => [...open.values()].sort(queueOrder), [open]);
}

/** Open incidents, highest priority first. */
export function useOpenIncidents(): IncidentView[] {
  const { open } = useStore(incidents);
  return useMemo(() => [...open.values()].sort(incidentOrder), [open]);
}

/** Gunshot alerts of the last 24 hours, newest first. */
export function useRecentGunshots(): GunshotView[] {
  const { byId } = useStore(gunshots);
  return useMemo(() => [...byId.values()].sort((a, b) => (a.detectedAt < b.detectedAt ? 1 : -1)), [byId]);
}
