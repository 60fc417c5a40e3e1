/**
 * The lockout rule, a pure function: five failed sign-ins within 15 minutes lock the account for
 * 30 minutes (or until an admin unlocks it). A success clears the failures.
 */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_DURATION_MS = 30 * 60_000;

export interface LockoutState {
  /** Times of recent failed attempts, oldest first (at most LOCKOUT_MAX_FAILURES kept). */
  failedAttempts: number[];
  lockedUntil?: number;
}

/** True while the account is locked at `now`. */
export function isLocked(s: LockoutState, now: number): boolean {
  return s.lockedUntil !== undefined && now < s.lockedUntil;
}

/**
 * The state after a failed attempt at `now`: failures older than the window are forgotten; the
 * fifth one inside the window locks the account (and starts a fresh count for after the lock).
 * @example afterFailure({ failedAttempts: [t, t+1, t+2, t+3] }, t+4).lockedUntil // t+4+30 min
 */
export function afterFailure(s: LockoutState, now: number): { state: LockoutState; lockedNow: boolean } {
  const recent = s.failedAttempts.filter((t) => now - t < LOCKOUT_WINDOW_MS && t <= now);
  recent.push(now);
  if (recent.length >= LOCKOUT_MAX_FAILURES) return { state: { failedAttempts: [], lockedUntil: now + LOCKOUT_DURATION_MS }, lockedNow: true };
  const state: LockoutState = { failedAttempts: recent };
  // an expired lock is history: keep it out of the state so the account reads as unlocked
  if (s.lockedUntil !== undefined && now < s.lockedUntil) state.lockedUntil = s.lockedUntil;
  return { state, lockedNow: false };
}
