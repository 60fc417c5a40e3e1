/**
 * A REST snapshot for a screen: loads when `key` changes, reloads on demand, and hands failures
 * to the one error surface. `key` null means "not now" (nothing selected yet).
 */
import { useCallback, useEffect, useState } from 'react';
import { reportError } from './errors.ts';

export interface Resource<T> {
  data: T | undefined;
  loading: boolean;
  reload: () => void;
}

export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, errorTitle: string): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) {
      setData(undefined);
      return;
    }
    const ac = new AbortController();
    setLoading(true);
    load(ac.signal)
      .then((d) => {
        if (!ac.signal.aborted) setData(d);
      })
      .catch((e) => {
        if (!ac.signal.aborted) reportError(errorTitle, e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
    // `load` is a new closure every render; `key` says when to load again
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, reload };
}
