/**
 * Saved calls-for-service column mappings in the embedded store: one JSON row each.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../errors.ts';
import type { CfsMapping } from '../../incidents/cfs-mapping.ts';
import type { CfsMappingStore } from '../store.types.ts';

export class SqliteCfsMappingStore implements CfsMappingStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(mapping: CfsMapping): Promise<void> {
    try {
      this.db.prepare('INSERT INTO cfs_mappings (id, name, body) VALUES (?, ?, ?)').run(mapping.id, mapping.name, JSON.stringify(mapping));
    } catch (e) {
      if (/UNIQUE/i.test(String((e as Error).message))) throw new AppError('conflict', `mapping ${mapping.id} already exists`, { cause: e });
      throw e;
    }
  }

  async update(mapping: CfsMapping): Promise<void> {
    const r = this.db.prepare('UPDATE cfs_mappings SET name = ?, body = ? WHERE id = ?').run(mapping.name, JSON.stringify(mapping), mapping.id);
    if (Number(r.changes) === 0) throw new AppError('not_found_or_forbidden', `mapping ${mapping.id} not found`);
  }

  async get(id: string): Promise<CfsMapping | undefined> {
    const r = this.db.prepare('SELECT body FROM cfs_mappings WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(): Promise<CfsMapping[]> {
    return (this.db.prepare('SELECT body FROM cfs_mappings ORDER BY name, id').all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }

  async delete(id: string): Promise<boolean> {
    return Number(this.db.prepare('DELETE FROM cfs_mappings WHERE id = ?').run(id).changes) > 0;
  }
}
