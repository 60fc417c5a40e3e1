/**
 * Ingest sources: a named sender (a camera agent, an NVR, a CAD bridge) with its own key,
 * created by an admin. The key is shown once at creation and stored hashed.
 */
import { randomUUID } from 'node:crypto';
import type { SourceView } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import { newSecret, sha256Hex, type AuthService } from '../auth/auth.service.ts';
import type { Source, SourceStore } from '../store/store.types.ts';
import { listSourceKinds } from '../ingest/decoders.ts';


export function sourceView(s: Source): SourceView {
  const v: SourceView = {
    id: s.id,
    name: s.name,
    kind: s.kind,
    keyPrefix: s.keyPrefix,
    createdAt: new Date(s.createdAt).toISOString(),
    createdBy: s.createdBy,
  };
  if (s.revokedAt !== undefined) v.revokedAt = new Date(s.revokedAt).toISOString();
  if (s.timeZone !== undefined) v.timeZone = s.timeZone;
  return v;
}

/**
 * The canonical spelling of an IANA zone this server's Intl knows ('america/chicago' →
 * 'America/Chicago'), or undefined. Offsets and abbreviations ('+02:00', 'EST') are refused:
 * they carry no daylight-saving rules.
 * @example canonicalTimeZone('europe/paris') // 'Europe/Paris'
 */
export function canonicalTimeZone(tz: string): string | undefined {
  if (tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$|^UTC$/i.test(tz)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export class SourceService {
  private readonly store: SourceStore;
  private readonly auth: AuthService;
  private readonly zones = new Map<string, string | undefined>();

  constructor(store: SourceStore, auth: AuthService) {
    this.store = store;
    this.auth = auth;
  }

  async create(input: { name: string; kind: string; timeZone?: string }, by: string): Promise<{ source: SourceView; key: string }> {
    const kinds = listSourceKinds();
    if (!kinds.includes(input.kind)) {
      throw new AppError('validation_failed', `kind must be one of ${kinds.join(', ')}`, { details: { field: 'kind', allowed: kinds } });
    }
    const timeZone = input.timeZone === undefined ? undefined : canonicalTimeZone(input.timeZone.trim());
    if (input.timeZone !== undefined && timeZone === undefined) {
      throw new AppError('validation_failed', `timeZone "${input.timeZone.slice(0, 64)}" is not an IANA time zone (e.g. America/Chicago, Europe/Paris, UTC)`, {
        details: [{ field: 'body.timeZone', message: 'must be an IANA time zone name' }],
      });
    }
    const key = newSecret('rtcc_src');
    const source: Source = {
      id: randomUUID(),
      name: input.name.trim(),
      kind: input.kind,
      keyHash: sha256Hex(key),
      keyPrefix: key.slice(0, 13),
      createdAt: Date.now(),
      createdBy: by,
    };
    if (timeZone !== undefined) source.timeZone = timeZone;
    await this.store.create(source);
    return { source: sourceView(source), key };
  }

  /**
   * The IANA zone of a source, for its ingest posts. A source's zone is fixed at creation, so it
   * is cached after the first look-up: a camera post costs no store round trip for it.
   */
  async timeZoneOf(sourceId: string | undefined): Promise<string | undefined> {
    if (sourceId === undefined) return undefined;
    if (this.zones.has(sourceId)) return this.zones.get(sourceId);
    const zone = (await this.store.get(sourceId))?.timeZone;
    if (this.zones.size > 10_000) this.zones.clear();
    this.zones.set(sourceId, zone);
    return zone;
  }

  async list(): Promise<SourceView[]> {
    return (await this.store.list()).map(sourceView);
  }

  async revoke(id: string): Promise<SourceView> {
    const ok = await this.store.revoke(id, Date.now());
    const s = await this.store.get(id);
    if (!s) throw new AppError('not_found_or_forbidden', `source ${id} not found`);
    if (!ok && s.revokedAt === undefined) throw new AppError('conflict', 'source could not be revoked');
    this.auth.forget();
    return sourceView(s);
  }
}
