/**
 * The one error surface: screens hand failures to `reportError`; <ErrorSurface> shows them.
 * Screens never render their own error toasts.
 */
import { ApiError } from '../api/client.ts';
import { Store } from './store.ts';

export interface ShownError {
  id: number;
  title: string;
  message: string;
  code?: string;
  requestId?: string;
  details?: { field: string; message: string }[];
}

export const errors = new Store<ShownError[]>([]);
let seq = 0;

/** Shows `e` with a title saying what was being done ("Search failed"). */
export function reportError(title: string, e: unknown): void {
  if ((e as Error)?.name === 'AbortError') return;
  const shown: ShownError =
    e instanceof ApiError
      ? { id: ++seq, title, message: e.message, code: e.code, requestId: e.requestId, details: e.details }
      : { id: ++seq, title, message: e instanceof Error ? e.message : String(e) };
  // the same failure repeating (a poll, a reconnect) is shown once
  errors.update((list) => [...list.filter((x) => !(x.title === shown.title && x.message === shown.message)), shown].slice(-4));
}

export function dismissError(id: number): void {
  errors.update((list) => list.filter((x) => x.id !== id));
}
