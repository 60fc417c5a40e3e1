/**
 * Wire shapes of user accounts and sessions (docs/api.md, "People and access"). Times are ISO
 * 8601 at the edge. Secrets never appear here except the enrolment, which is shown once.
 */

export const ROLE_NAMES = ['admin', 'supervisor', 'analyst', 'dispatcher', 'officer', 'auditor'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** `pending_enrolment`: created, the person has not set a password and confirmed a code yet. */
export type UserStatus = 'pending_enrolment' | 'active' | 'locked' | 'disabled';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: RoleName;
  status: UserStatus;
  createdAt: string;
  createdBy: string;
  enrolledAt?: string;
  enrolmentExpiresAt?: string;
  disabledAt?: string;
  lockedUntil?: string;
  lastSignInAt?: string;
  /** When the account was linked to the agency's identity provider (single sign-on). */
  ssoLinkedAt?: string;
}

/** What an admin gets once, when an account is created or its MFA is reset. */
export interface EnrolmentView {
  /** The one-time code the person types with their new password. */
  code: string;
  expiresAt: string;
  /** The TOTP secret in Base32, for typing into an authenticator app. */
  totpSecret: string;
  /** The same secret as an `otpauth://totp/…` URI (what a QR code would carry). */
  otpauthUri: string;
}

export interface UserCreated {
  user: UserView;
  enrolment: EnrolmentView;
}

/** `GET /api/v1/session`: who the bearer is. */
export interface SessionInfo {
  /** `partner`: another agency's key (sharing module); it never reaches this route. */
  kind: 'admin' | 'source' | 'user' | 'partner' | 'integration';
  name: string;
  permissions: string[];
  user?: UserView;
  session?: { id: string; createdAt: string; expiresAt: string; idleTimeoutMs: number };
}

/** `POST /api/v1/session`: a new session for username + password + TOTP code. */
export interface SignInResult extends SessionInfo {
  token: string;
}

/** An integration's API key as admins see it (`GET /api/v1/integration-keys`): never the key or its hash. */
export interface IntegrationKeyView {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
  revokedAt?: string;
  revokedBy?: string;
  lastUsedAt?: string;
}
