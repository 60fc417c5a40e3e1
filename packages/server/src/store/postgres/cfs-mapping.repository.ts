/**
 * Saved calls-for-service column mappings: one jsonb document each.
 */
import { AppError } from '../../errors.ts';
import type { CfsMapping } from '../../incidents/cfs-mapping.ts';
import type { CfsMappingStore } from '../store.types.ts';
import type { Db } from './pg.client.ts';

/** The CfsMappingStore over a migrated schema. */
export function cfsMappingRepository(db: Db): CfsMappingStore {
  return {
    async create(mapping) {
      await db.exec('INSERT INTO cfs_mappings (id, name, body) VALUES ($1, $2, $3)', [mapping.id, mapping.name, JSON.stringify(mapping)]);
    },

    async update(mapping) {
      const n = await db.exec('UPDATE cfs_mappings SET name = $2, body = $3 WHERE id = $1', [mapping.id, mapping.name, JSON.stringify(mapping)]);
      if (n === 0) throw new AppError('not_found_or_forbidden', `mapping ${mapping.id} not found`);
    },

    async get(id) {
      const rows = await db.rows<{ body: CfsMapping }>('SELECT body FROM cfs_mappings WHERE id = $1', [id]);
      return rows[0]?.body;
    },

    async list() {
      const rows = await db.rows<{ body: CfsMapping }>('SELECT body FROM cfs_mappings ORDER BY name, id');
      return rows.map((r) => r.body);
    },

    async delete(id) {
      return (await db.exec('DELETE FROM cfs_mappings WHERE id = $1', [id])) > 0;
    },
  };
}
