/**
 * Client-side routes on the History API; the server answers every one of these paths with the
 * console's index.html (SPA fallback), so a reload or a shared link lands on the same screen.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'live' }
  | { screen: 'hits'; hitId?: string }
  | { screen: 'search' }
  | { screen: 'hotlists'; hotlistId?: string }
  | { screen: 'cameras' }
  | { screen: 'users' }
  | { screen: 'retention' }
  | { screen: 'review' }
  | { screen: 'sharing' }
  | { screen: 'video' }
  | { screen: 'cad-import' }
  | { screen: 'webhooks' };

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'hits':
      return { screen: 'hits', hitId: parts[1] };
    case 'search':
      return { screen: 'search' };
    case 'hotlists':
      return { screen: 'hotlists', hotlistId: parts[1] };
    case 'cameras':
      return { screen: 'cameras' };
    case 'users':
      return { screen: 'users' };
    case 'retention':
      return { screen: 'retention' };
    case 'review':
      return { screen: 'review' };
    case 'sharing':
      return { screen: 'sharing' };
    case 'video':
      return { screen: 'video' };
    case 'cad-import':
      return { screen: 'cad-import' };
    case 'webhooks':
      return { screen: 'webhooks' };
    default:
      return { screen: 'live' };
  }
}

const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  window.addEventListener('popstate', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('popstate', l);
  };
};
const path = () => window.location.pathname + window.location.search;

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === path()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const l of listeners) l();
}

export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, path);
}

export function useRoute(): Route {
  return parseRoute(useLocationPath().split('?')[0]);
}

/** Query parameters of the current location (search prefill from the map, for example). */
export function useQueryParams(): URLSearchParams {
  return new URLSearchParams(useLocationPath().split('?')[1] ?? '');
}
