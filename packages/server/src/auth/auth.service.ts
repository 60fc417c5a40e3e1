/**
 * Resolves bearer credentials to principals: the bootstrap admin token, a person's session
 * token (`rtcc_ses_…`, see session.service.ts), a source's ingest key, a partner agency's key
 * (sharing) or an integration's scoped key (`rtcc_int_…`, integration-key.service.ts). Credentials are stored
 * only as SHA-256 hashes; the admin comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SourceStore } from '../store/store.types.ts';
import { ALL_PERMISSIONS, ingestPermissionsFor, type Principal } from './permissions.ts';
import type { SessionService } from './session.service.ts';
import { SESSION_PREFIX } from './session-policy.ts';

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A new random credential with a readable prefix (`rtcc_src_…`). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** The prefix of a partner agency's key (sharing module). */
export const PARTNER_KEY_PREFIX = 'rtcc_fed';

/** Resolves the hash of a key to its principal, or undefined (partner keys, integration keys). */
export type KeyLookup = (keyHash: string) => Promise<Principal | undefined>;
/** A partner agency's key (sharing/sharing.service.ts, `partnerKeyLookup`). */
export type PartnerKeyLookup = KeyLookup;

/** Where the credentials other than the admin token and ingest keys are resolved. */
export interface CredentialLookups {
  /** People's session tokens. */
  sessions?: SessionService;
  /** Partner agencies' keys (sharing module). */
  partners?: KeyLookup;
  /** Integrations' API keys. */
  integrations?: KeyLookup;
}

/** The prefix of an integration's API key (integration-key.service.ts). */
export const INTEGRATION_KEY_PREFIX = 'rtcc_int';

export class AuthService {
  private readonly adminHash: Buffer;
  private readonly sources: SourceStore;
  private readonly sessions?: SessionService;
  private readonly partners?: KeyLookup;
  /** Integration API keys: resolved on every request (not cached), so revocation is immediate. */
  private readonly integrations?: KeyLookup;
  private readonly cache = new Map<string, { principal: Principal | undefined; at: number }>();

  constructor(adminTokenHash: string, sources: SourceStore, lookups: CredentialLookups = {}) {
    this.adminHash = Buffer.from(adminTokenHash, 'hex');
    this.sources = sources;
    this.sessions = lookups.sessions;
    this.partners = lookups.partners;
    this.integrations = lookups.integrations;
  }

  async authenticate(credential: string | undefined): Promise<Principal | undefined> {
    if (!credential) return undefined;
    const hash = sha256Hex(credential);
    const h = Buffer.from(hash, 'hex');
    if (h.length === this.adminHash.length && timingSafeEqual(h, this.adminHash)) {
      return { kind: 'admin', id: 'admin', name: 'admin (bootstrap token)', permissions: ALL_PERMISSIONS };
    }
    // sessions are never cached: a sign-out or a disabled account must take effect at once
    if (this.sessions && credential.startsWith(`${SESSION_PREFIX}_`)) return this.sessions.authenticate(credential);
    // partner keys are not cached either: a revoked agreement is refused on the next query
    if (credential.startsWith(`${PARTNER_KEY_PREFIX}_`)) return this.partners?.(hash);
    if (credential.startsWith(`${INTEGRATION_KEY_PREFIX}_`)) return this.integrations?.(hash);
    // ingest keys are checked on every camera post: cache lookups briefly, revocation still wins within 5 s
    const hit = this.cache.get(hash);
    const now = Date.now();
    if (hit && now - hit.at < 5000) return hit.principal;
    const source = await this.sources.findByKeyHash(hash);
    const principal: Principal | undefined =
      source && source.revokedAt === undefined
        ? { kind: 'source', id: source.id, name: `source:${source.name}`, permissions: ingestPermissionsFor(source.kind), sourceKind: source.kind }
        : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, at: now });
    return principal;
  }

  forget(): void {
    this.cache.clear();
  }
}
