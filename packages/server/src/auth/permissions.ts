/**
 * Permissions and principals. Every route declares the permission it needs; nothing is open
 * unless it says `public`. Roles (admin, supervisor, analyst, dispatcher, officer, auditor)
 * map to sets of these permissions when user accounts arrive; today the bootstrap admin token
 * holds all of them and a source's ingest key holds only `reads:ingest`.
 */
export const PERMISSIONS = [
  'reads:ingest',
  'reads:search',
  'reads:read',
  'hotlists:read',
  'hotlists:write',
  'hits:read',
  'hits:verify',
  'cameras:read',
  'cameras:write',
  'sources:manage',
  'quarantine:read',
  'audit:read',
  'stream:subscribe',
  // training servers only (RTCC_TRAINING=true): start and finish runs; see runs and scores
  'training:manage',
  'training:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a route requires: a permission; `authenticated`, any valid credential whatever it holds
 * (what the platform offers, for the console to hide what is off); or `public` (health, API
 * description).
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

export interface Principal {
  kind: 'admin' | 'source' | 'user';
  id: string;
  /** A display name for audit records. */
  name: string;
  permissions: ReadonlySet<Permission>;
  /** For sources: the decoder family the key was issued for. */
  sourceKind?: string;
}

export const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(PERMISSIONS);
export const INGEST_ONLY: ReadonlySet<Permission> = new Set<Permission>(['reads:ingest']);

export function can(p: Principal | undefined, perm: Permission): boolean {
  return p !== undefined && p.permissions.has(perm);
}
