/**
 * Ingest sources and their API keys (stored as sha256 hashes only).
 */
import type { Source, SourceStore } from '../store.types.ts';
import { num, optNum, requireMs, setIf } from './column.codec.ts';
import type { Db } from './pg.client.ts';

interface SourceRow {
  id: string;
  name: string;
  kind: string;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  time_zone: string | null;
}

function toSource(r: SourceRow): Source {
  const s: Source = {
    id: r.id,
    name: r.name,
    kind: r.kind,
    keyHash: r.key_hash,
    keyPrefix: r.key_prefix,
    createdAt: num(r.created_at),
    createdBy: r.created_by,
  };
  setIf(s, 'revokedAt', optNum(r.revoked_at));
  setIf(s, 'timeZone', r.time_zone ?? undefined);
  return s;
}

/** The SourceStore over a migrated schema. */
export function sourceRepository(db: Db): SourceStore {
  return {
    async create(s) {
      const rows = await db.rows<SourceRow>(
        `INSERT INTO sources (id, name, kind, key_hash, key_prefix, created_at, created_by, revoked_at, time_zone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [s.id, s.name, s.kind, s.keyHash, s.keyPrefix, requireMs(s.createdAt, 'createdAt'), s.createdBy, s.revokedAt ?? null, s.timeZone ?? null],
      );
      return toSource(rows[0]);
    },

    async list() {
      const rows = await db.rows<SourceRow>('SELECT * FROM sources ORDER BY created_at, id');
      return rows.map(toSource);
    },

    async get(id) {
      const rows = await db.rows<SourceRow>('SELECT * FROM sources WHERE id = $1', [id]);
      return rows[0] ? toSource(rows[0]) : undefined;
    },

    async findByKeyHash(keyHash) {
      // Revoked sources are returned too: the caller tells "revoked key" from "unknown key".
      const rows = await db.rows<SourceRow>('SELECT * FROM sources WHERE key_hash = $1', [keyHash]);
      return rows[0] ? toSource(rows[0]) : undefined;
    },

    async revoke(id, at) {
      // The first revocation time stands; revoking again changes nothing.
      const n = await db.exec('UPDATE sources SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
        id,
        requireMs(at, 'at'),
      ]);
      return n > 0;
    },
  };
}
