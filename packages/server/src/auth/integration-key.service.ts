/**
 * API keys for integrations that are neither people nor cameras: an RMS pulling verified hits, a
 * SIEM reading the audit trail, a script keeping a custom hotlist in sync. The admin picks the
 * permissions a key holds from a fixed list (never account, source, policy or sharing
 * management, never verifying a hit: that is a person's decision), and every key expires within
 * a year and can be revoked at once. Only the key's SHA-256 is stored; the key is shown once.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrationKeyView } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { IntegrationKey, IntegrationKeyStore } from '../store/store.types.ts';
import type { Actor } from './account.service.ts';
import { INTEGRATION_KEY_PREFIX, newSecret, sha256Hex } from './auth.service.ts';
import type { Permission, Principal } from './permissions.ts';

/** What an integration key may hold. Searching plate data still needs a justification per request. */
export const INTEGRATION_SCOPES = [
  'hits:read',
  'incidents:read',
  'units:read',
  'gunshots:read',
  'cameras:read',
  'video:read',
  'hotlists:read',
  'hotlists:write',
  'reads:search',
  'reads:read',
  'audit:read',
  'stream:subscribe',
] as const satisfies readonly Permission[];

export const MAX_KEY_DAYS = 365;
export const DEFAULT_KEY_DAYS = 90;
/** Last use is written at most this often per key. */
const TOUCH_MS = 60_000;

const iso = (ms: number): string => new Date(ms).toISOString();

export class IntegrationKeyService {
  private readonly store: IntegrationKeyStore;
  private readonly audit: AuditService;
  private readonly now: () => number;

  constructor(deps: { store: IntegrationKeyStore; audit: AuditService; now?: () => number }) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.now = deps.now ?? Date.now;
  }

  /** A new key with the scopes asked for; the key itself is in the answer only. */
  async create(input: { name: string; scopes: string[]; expiresInDays?: number }, by: Actor): Promise<{ integrationKey: IntegrationKeyView; key: string }> {
    const name = input.name.trim();
    const problems: { field: string; message: string }[] = [];
    if (name.length < 3 || name.length > 100) problems.push({ field: 'name', message: 'name the integration in 3 to 100 characters (what it is and who runs it)' });
    const scopes = [...new Set(input.scopes)];
    const allowed: readonly string[] = INTEGRATION_SCOPES;
    const refused = scopes.filter((s) => !allowed.includes(s));
    if (scopes.length === 0) problems.push({ field: 'scopes', message: 'give the key at least one permission' });
    if (refused.length > 0) problems.push({ field: 'scopes', message: `an integration key cannot hold ${refused.join(', ')}; it may hold ${INTEGRATION_SCOPES.join(', ')}` });
    const days = input.expiresInDays ?? DEFAULT_KEY_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_KEY_DAYS) problems.push({ field: 'expiresInDays', message: `a key expires after 1 to ${MAX_KEY_DAYS} days` });
    if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => p.message).join('; '), { details: problems });
    const now = this.now();
    const key = newSecret(INTEGRATION_KEY_PREFIX);
    const record: IntegrationKey = {
      id: randomUUID(),
      name,
      keyHash: sha256Hex(key),
      keyPrefix: key.slice(0, INTEGRATION_KEY_PREFIX.length + 5),
      scopes: scopes.sort(),
      createdAt: now,
      createdBy: by.principal.name,
      expiresAt: now + days * 86_400_000,
    };
    await this.store.create(record);
    await this.audit.record({ actor: by.principal.name, from: by.from, action: 'integration_keys.create', outcome: 'success', details: { keyId: record.id, name, scopes: record.scopes, expiresAt: iso(record.expiresAt) } });
    return { integrationKey: this.view(record, now), key };
  }

  async list(): Promise<IntegrationKeyView[]> {
    const now = this.now();
    return (await this.store.list()).map((k) => this.view(k, now));
  }

  async revoke(id: string, by: Actor): Promise<IntegrationKeyView> {
    const now = this.now();
    const done = await this.store.revoke(id, now, by.principal.name);
    const k = await this.store.get(id);
    if (!k) throw new AppError('not_found_or_forbidden', `no integration key ${id}`);
    if (done) await this.audit.record({ actor: by.principal.name, from: by.from, action: 'integration_keys.revoke', outcome: 'success', details: { keyId: id, name: k.name } });
    return this.view(k, now);
  }

  /** The principal of a key's hash, or undefined when it is unknown, revoked or expired. */
  async authenticate(keyHash: string): Promise<Principal | undefined> {
    const k = await this.store.findByKeyHash(keyHash);
    const now = this.now();
    if (!k || k.revokedAt !== undefined || k.expiresAt <= now) return undefined;
    if (now - (k.lastUsedAt ?? 0) >= TOUCH_MS) await this.store.touch(k.id, now);
    return { kind: 'integration', id: k.id, name: `integration:${k.name}`, permissions: new Set(k.scopes as Permission[]) };
  }

  private view(k: IntegrationKey, now: number): IntegrationKeyView {
    const v: IntegrationKeyView = {
      id: k.id,
      name: k.name,
      keyPrefix: k.keyPrefix,
      scopes: k.scopes,
      createdAt: iso(k.createdAt),
      createdBy: k.createdBy,
      expiresAt: iso(k.expiresAt),
      status: k.revokedAt !== undefined ? 'revoked' : k.expiresAt <= now ? 'expired' : 'active',
    };
    if (k.revokedAt !== undefined) v.revokedAt = iso(k.revokedAt);
    if (k.revokedBy !== undefined) v.revokedBy = k.revokedBy;
    if (k.lastUsedAt !== undefined) v.lastUsedAt = iso(k.lastUsedAt);
    return v;
  }
}
