/**
 * Permissions and principals. Every route declares the permission it needs; nothing is open
 * unless it says `public`. A user account's role (admin, supervisor, analyst, dispatcher,
 * officer, auditor) maps to a set of these permissions (`ROLE_PERMISSIONS`); the bootstrap admin
 * token holds all of them and a source's ingest key holds only the ingest permission of its kind
 * (`ingestPermissionsFor`).
 */
import { ROLE_NAMES, type RoleName } from '@openrtcc/domain';

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
  // re-running quarantined payloads through today's decoders (admin only: it ingests data)
  'quarantine:replay',
  'audit:read',
  // supervisors: the review queue of flagged searches, and its dispositions
  'audit:review',
  'stream:subscribe',
  // cad module: dispatch incidents (EIDO) and gunshot alerts
  'incidents:ingest',
  'incidents:read',
  'gunshots:ingest',
  'gunshots:read',
  'gunshots:write',
  // cad module: calls-for-service files (CSV exports of the CAD) and their column mappings
  'incidents:import',
  // outbound webhooks to the CAD (or any URL) on verified hits, and their delivery log (admin)
  'webhooks:manage',
  // avl module: unit locations
  'units:ingest',
  'units:read',
  // video module: live-view cameras (agency and community-registered); an owner's contact is personal data
  'video:read',
  'video:write',
  'video:contacts',
  // training servers only (RTCC_TRAINING=true): start and finish runs; see runs and scores
  'training:manage',
  'training:read',
  // user accounts: list, create, disable, re-enrol, unlock
  'users:manage',
  // integration API keys (RMS, SIEM, sync scripts): create with chosen scopes, list, revoke (admin)
  'integrations:manage',
  // retention: see the policy, holds and runs; place legal holds; change the policy, release
  // holds and run the job
  'retention:read',
  'retention:hold',
  'retention:manage',
  // sharing module: agreements with other agencies (admin); a partner agency's key queries our reads
  'sharing:manage',
  'federation:search',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a route requires: a permission; `authenticated`, any valid credential whatever it holds
 * (what the platform offers, for the console to hide what is off); or `public` (health, API
 * description).
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

export interface Principal {
  kind: 'admin' | 'source' | 'user' | 'partner' | 'integration';
  /** The admin token's 'admin', a source's id, or a user account's id. */
  id: string;
  /** A display name for audit records. */
  name: string;
  permissions: ReadonlySet<Permission>;
  /** For sources: the decoder family the key was issued for. */
  sourceKind?: string;
  /** For user accounts: the role, and the session the bearer token belongs to. */
  role?: Role;
  sessionId?: string;
  /** For partner agencies: the outbound agreement whose key this is (`id` too). */
  agreementId?: string;
}

/** The roles, in the domain package so the console offers the same list. */
export const ROLES = ROLE_NAMES;
export type Role = RoleName;

const set = (...p: Permission[]): ReadonlySet<Permission> => new Set(p);
/** What every person who works the console sees: the live map, cameras, alerts as they arrive. */
const CONSOLE: Permission[] = ['stream:subscribe', 'cameras:read', 'hits:read', 'incidents:read', 'gunshots:read', 'units:read', 'video:read'];

/**
 * The permissions of each role. Ingest permissions belong to source keys only: no person posts
 * camera data. Least privilege: only the admin manages accounts and sources; only the analyst,
 * supervisor and admin search plate data; the auditor reads the audit trail and outcomes but
 * cannot search or change anything. Community camera owners' contacts go to those who ask for
 * footage (analyst) and who run the registry (supervisor, admin).
 * Retention: supervisors place legal holds (a case cannot wait for an admin) and see the
 * policy; only the admin changes the policy, releases a hold or runs the job, since each lets
 * data be deleted; the auditor sees the policy, holds and runs.
 */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: set(...PERMISSIONS.filter((p) => !p.endsWith(':ingest') && p !== 'federation:search')),
  supervisor: set(...CONSOLE, 'reads:search', 'reads:read', 'hotlists:read', 'hotlists:write', 'hits:verify', 'gunshots:write', 'audit:read', 'audit:review', 'quarantine:read', 'training:manage', 'training:read', 'video:write', 'video:contacts', 'retention:read', 'retention:hold', 'incidents:import'),
  analyst: set(...CONSOLE, 'reads:search', 'reads:read', 'hotlists:read', 'hotlists:write', 'hits:verify', 'gunshots:write', 'training:read', 'video:contacts'),
  dispatcher: set(...CONSOLE, 'hotlists:read', 'hits:verify', 'gunshots:write', 'incidents:import'),
  officer: set(...CONSOLE, 'hits:verify'),
  auditor: set('audit:read', 'hits:read', 'hotlists:read', 'cameras:read', 'retention:read'),
};

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

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

/** What a partner agency's key may do: query our reads under its agreement, nothing else. */
export const PARTNER_ONLY: ReadonlySet<Permission> = new Set<Permission>(['federation:search']);

export function can(p: Principal | undefined, perm: Permission): boolean {
  return p !== undefined && p.permissions.has(perm);
}
