import type { DatabaseSync } from 'node:sqlite';
import type { Source, SourceStore } from '../store.types.ts';

export class SqliteSourceStore implements SourceStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(source: Source): Promise<Source> {
    this.db
      .prepare('INSERT INTO sources (id, key_hash, created_at, body) VALUES (?, ?, ?, ?)')
      .run(source.id, source.keyHash, source.createdAt, JSON.stringify(source));
    return source;
  }

  async list(): Promise<Source[]> {
    return (this.db.prepare('SELECT body FROM sources ORDER BY created_at, id').all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }

  async get(id: string): Promise<Source | undefined> {
    const r = this.db.prepare('SELECT body FROM sources WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async findByKeyHash(keyHash: string): Promise<Source | undefined> {
    const r = this.db.prepare('SELECT body FROM sources WHERE key_hash = ?').get(keyHash) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const s = await this.get(id);
    if (!s || s.revokedAt !== undefined) return false;
    s.revokedAt = at;
    this.db.prepare('UPDATE sources SET body = ? WHERE id = ?').run(JSON.stringify(s), id);
    return true;
  }
}
