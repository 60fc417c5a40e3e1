/** React views of the live stores. */
import { useMemo, useSyncExternalStore } from 'react';
import type { HitView, ReadView } from '../api/wire.ts';
import { useStore } from '../app/store.ts';
import { hits, queueOrder } from './hits.ts';
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
