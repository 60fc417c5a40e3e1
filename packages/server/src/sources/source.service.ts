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
  return v;
}

export class SourceService {
  private readonly store: SourceStore;
  private readonly auth: AuthService;

  constructor(store: SourceStore, auth: AuthService) {
    this.store = store;
    this.auth = auth;
  }

  async create(input: { name: string; kind: string }, by: string): Promise<{ source: SourceView; key: string }> {
    const kinds = listSourceKinds();
    if (!kinds.includes(input.kind)) {
      throw new AppError('validation_failed', `kind must be one of ${kinds.join(', ')}`, { details: { field: 'kind', allowed: kinds } });
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
    await this.store.create(source);
    return { source: sourceView(source), key };
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
