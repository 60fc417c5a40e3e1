/**
 * Integration API keys: one row each, the key's hash as a unique column beside the JSON document.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../errors.ts';
import type { IntegrationKey, IntegrationKeyStore } from '../store.types.ts';

export class SqliteIntegrationKeyStore implements IntegrationKeyStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(key: IntegrationKey): Promise<void> {
    try {
      this.db.prepare('INSERT INTO integration_keys (id, key_hash, created_at, body) VALUES (?, ?, ?, ?)').run(key.id, key.keyHash, key.createdAt, JSON.stringify(key));
    } catch (e) {
      if (/UNIQUE constraint failed/.test(String((e as Error).message))) throw new AppError('conflict', 'an integration key with this id or key already exists', { cause: e });
      throw e;
    }
  }

  async list(): Promise<IntegrationKey[]> {
    return (this.db.prepare('SELECT body FROM integration_keys ORDER BY created_at DESC, id').all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }

  async get(id: string): Promise<IntegrationKey | undefined> {
    const r = this.db.prepare('SELECT body FROM integration_keys WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async findByKeyHash(keyHash: string): Promise<IntegrationKey | undefined> {
    const r = this.db.prepare('SELECT body FROM integration_keys WHERE key_hash = ?').get(keyHash) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    const k = await this.get(id);
    if (!k || k.revokedAt !== undefined) return false;
    this.db.prepare('UPDATE integration_keys SET body = ? WHERE id = ?').run(JSON.stringify({ ...k, revokedAt: at, revokedBy: by }), id);
    return true;
  }

  async touch(id: string, at: number): Promise<void> {
    const k = await this.get(id);
    if (!k || (k.lastUsedAt ?? 0) >= at) return;
    this.db.prepare('UPDATE integration_keys SET body = ? WHERE id = ?').run(JSON.stringify({ ...k, lastUsedAt: at }), id);
  }
}
