/**
 * Integration API keys: one jsonb document per key beside its unique hash. Revocation and the
 * last-use time are single-statement jsonb updates, so two nodes never overwrite each other.
 */
import type { IntegrationKey, IntegrationKeyStore } from '../store.types.ts';
import { AppError } from '../../errors.ts';
import { requireMs } from './column.codec.ts';
import type { Db } from './pg.client.ts';

type Row = { body: IntegrationKey };

export function integrationKeyRepository(db: Db): IntegrationKeyStore {
  return {
    async create(key) {
      try {
        await db.exec('INSERT INTO integration_keys (id, key_hash, created_at, body) VALUES ($1, $2, $3, $4)', [key.id, key.keyHash, requireMs(key.createdAt, 'createdAt'), JSON.stringify(key)]);
      } catch (e) {
        if ((e as AppError).code === 'conflict') throw new AppError('conflict', 'an integration key with this id or key already exists', { cause: e });
        throw e;
      }
    },

    async list() {
      return (await db.rows<Row>('SELECT body FROM integration_keys ORDER BY created_at DESC, id')).map((r) => r.body);
    },

    async get(id) {
      return (await db.rows<Row>('SELECT body FROM integration_keys WHERE id = $1', [id]))[0]?.body;
    },

    async findByKeyHash(keyHash) {
      return (await db.rows<Row>('SELECT body FROM integration_keys WHERE key_hash = $1', [keyHash]))[0]?.body;
    },

    async revoke(id, at, by) {
      const rows = await db.rows<{ id: string }>(
        `UPDATE integration_keys SET body = body || jsonb_build_object('revokedAt', $2::bigint, 'revokedBy', $3::text)
          WHERE id = $1 AND NOT body ? 'revokedAt' RETURNING id`,
        [id, requireMs(at, 'at'), by],
      );
      return rows.length === 1;
    },

    async touch(id, at) {
      await db.exec(
        `UPDATE integration_keys SET body = jsonb_set(body, '{lastUsedAt}', to_jsonb($2::bigint))
          WHERE id = $1 AND coalesce((body->>'lastUsedAt')::bigint, 0) < $2`,
        [id, requireMs(at, 'at')],
      );
    },
  };
}
