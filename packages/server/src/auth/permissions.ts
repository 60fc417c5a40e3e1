/**
 * Permissions and principals. Every route declares the permission it needs; nothing is open
 * unless it says `public`. Roles (admin, supervisor, analyst, dispatcher, officer, auditor)
 * map to sets of these permissions when user accounts arrive; today the bootstrap admin token
 * holds all of them and a source's ingest key holds only the ingest permission of its kind
 * (`ingestPermissionsFor`).
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
  // cad module: dispatch incidents (EIDO) and gunshot alerts
  'incidents:ingest',
  'incidents:read',
  'gunshots:ingest',
  'gunshots:read',
  'gunshots:write',
  // avl module: unit locations
  'units:ingest',
  'units:read',
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

const INGEST_BY_KIND: Record<string, ReadonlySet<Permission>> = {
  eido: new Set<Permission>(['incidents:ingest']),
  gunshot: new Set<Permission>(['gunshots:ingest']),
  osmand: new Set<Permission>(['units:ingest']),
  traccar: new Set<Permission>(['units:ingest']),
};

/**
 * What an ingest key of a source kind may do: post to the ingest routes of that kind, nothing else.
 * @example ingestPermissionsFor('osmand') // Set { 'units:ingest' }
 */
export function ingestPermissionsFor(kind: string): ReadonlySet<Permission> {
  return INGEST_BY_KIND[kind] ?? INGEST_ONLY;
}

export function can(p: Principal | undefined, perm: Permission): boolean {
  return p !== undefined && p.permissions.has(perm);
}
