/**
 * The console's session: a bearer token kept in sessionStorage (gone when the tab closes), and
 * who it belongs to (`GET /api/v1/session`: name, permissions, and for a person's session the
 * account and its idle limit). A person signs in with username, password and a TOTP code; the
 * bootstrap admin and integrations may still use a token. `notice` is what the sign-in screen
 * says after a session ended on its own (locked when idle, expired, revoked).
 */
import type { SessionInfo } from '@openrtcc/domain';
import { Store } from '../app/store.ts';

const KEY = 'rtcc.token';
const INFO = 'rtcc.session';

function read<T>(key: string): T | null {
  try {
    const v = sessionStorage.getItem(key);
    return v === null ? null : key === KEY ? (v as T) : (JSON.parse(v) as T);
  } catch {
    return null;
  }
}

export interface SessionState {
  token: string | null;
  info: SessionInfo | null;
  notice: string | null;
}

export const session = new Store<SessionState>({ token: read<string>(KEY), info: read<SessionInfo>(INFO), notice: null });

export function signIn(token: string, info: SessionInfo): void {
  sessionStorage.setItem(KEY, token);
  sessionStorage.setItem(INFO, JSON.stringify(info));
  session.set({ token, info, notice: null });
}

/** Forgets the session in this tab; `notice` tells the sign-in screen why. */
export function signOut(notice: string | null = null): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(INFO);
  session.set({ token: null, info: null, notice });
}

/** Whether the signed-in principal holds `permission` (everything, before the answer is known). */
export function can(info: SessionInfo | null, permission: string): boolean {
  return info === null || info.permissions.includes(permission);
}
