/**
 * Session lifetimes, a pure rule: a session locks after 30 idle minutes (CJIS Security Policy
 * session lock) and ends 12 hours after sign-in whatever happens; either needs a new sign-in.
 */
/** Session tokens start `rtcc_ses_`, so the auth service sends only them to the session store. */
export const SESSION_PREFIX = 'rtcc_ses';
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** A session's last-seen time is written at most this often (one write per minute of use, not per request). */
export const SESSION_TOUCH_MS = 60_000;

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt?: number;
}

export type SessionState = 'active' | 'idle' | 'expired' | 'revoked';

/**
 * What a session is at `now`.
 * @example sessionState({ createdAt: 0, lastSeenAt: 0, expiresAt: 9e9 }, 30 * 60_000) // 'idle'
 */
export function sessionState(s: SessionTimes, now: number): SessionState {
  if (s.revokedAt !== undefined) return 'revoked';
  if (now >= s.expiresAt) return 'expired';
  if (now - s.lastSeenAt >= SESSION_IDLE_MS) return 'idle';
  return 'active';
}
