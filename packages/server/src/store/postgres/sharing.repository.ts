/**
 * Sharing agreements: one jsonb document per agreement beside its unique key hash. `revoke`
 * only changes an agreement not yet revoked, so the first revocation (time and person) stands
 * even when two nodes revoke at once.
 */
import { AppError } from '../../errors.ts';
import type { SharingAgreement, SharingStore } from '../store.types.ts';
import { requireMs } from './column.codec.ts';
import type { Db } from './pg.client.ts';

type Row = { body: SharingAgreement };

export function sharingRepository(db: Db): SharingStore {
  return {
    async create(a) {
      try {
        await db.exec('INSERT INTO sharing_agreements (id, key_hash, created_at, body) VALUES ($1, $2, $3, $4)', [
          a.id,
          a.keyHash ?? null,
          requireMs(a.createdAt, 'createdAt'),
          JSON.stringify(a),
        ]);
      } catch (e) {
        if ((e as AppError).code === 'conflict') throw new AppError('conflict', `agreement ${a.id} or its key already exists`, { cause: e });
        throw e;
      }
    },

    async get(id) {
      return (await db.rows<Row>('SELECT body FROM sharing_agreements WHERE id = $1', [id]))[0]?.body;
    },

    async list() {
      return (await db.rows<Row>('SELECT body FROM sharing_agreements ORDER BY created_at DESC, id')).map((r) => r.body);
    },

    async findByKeyHash(keyHash) {
      return (await db.rows<Row>('SELECT body FROM sharing_agreements WHERE key_hash = $1', [keyHash]))[0]?.body;
    },

    async revoke(id, at, by) {
      const n = await db.exec(
        `UPDATE sharing_agreements SET body = body || jsonb_build_object('revokedAt', $2::bigint, 'revokedBy', $3::text)
         WHERE id = $1 AND NOT (body ? 'revokedAt')`,
        [id, requireMs(at, 'at'), by],
      );
      return n > 0;
    },
  };
}
