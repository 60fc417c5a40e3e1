/**
 * The wire view of an account: never the password hash, the TOTP secret, the enrolment code
 * hash or the failure times.
 */
import type { UserStatus, UserView } from '@openrtcc/domain';
import type { UserAccount } from '../store/store.types.ts';
import { isLocked } from './lockout.ts';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export function userStatus(u: UserAccount, now: number): UserStatus {
  if (u.disabledAt !== undefined) return 'disabled';
  if (u.enrolledAt === undefined && u.sso === undefined) return 'pending_enrolment';
  if (isLocked(u, now)) return 'locked';
  return 'active';
}

export function userView(u: UserAccount, now: number): UserView {
  const v: UserView = {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    status: userStatus(u, now),
    createdAt: iso(u.createdAt)!,
    createdBy: u.createdBy,
  };
  const opt = { enrolledAt: iso(u.enrolledAt), enrolmentExpiresAt: iso(u.enrolment?.expiresAt), disabledAt: iso(u.disabledAt), lockedUntil: isLocked(u, now) ? iso(u.lockedUntil) : undefined, lastSignInAt: iso(u.lastSignInAt), ssoLinkedAt: iso(u.sso?.linkedAt) };
  for (const [k, val] of Object.entries(opt)) if (val !== undefined) (v as unknown as Record<string, string>)[k] = val;
  return v;
}
