/**
 * User accounts: one jsonb document per account beside its unique username and open enrolment
 * code hash. `update` locks the row (SELECT … FOR UPDATE) for the read-change-write, so two
 * nodes counting failed sign-ins of one account never lose a count.
 */
import type { UserAccount, UserStore } from '../store.types.ts';
import { AppError } from '../../errors.ts';
import { requireMs } from './column.codec.ts';
import type { Db } from './pg.client.ts';

type Row = { body: UserAccount };

export function userRepository(db: Db): UserStore {
  return {
    async create(user) {
      try {
        await db.exec('INSERT INTO users (id, username, enrolment_hash, created_at, body) VALUES ($1, $2, $3, $4, $5)', [
          user.id,
          user.username,
          user.enrolment?.codeHash ?? null,
          requireMs(user.createdAt, 'createdAt'),
          JSON.stringify(user),
        ]);
      } catch (e) {
        if ((e as AppError).code === 'conflict') throw new AppError('conflict', `the username ${user.username} is taken`, { cause: e });
        throw e;
      }
    },

    async get(id) {
      return (await db.rows<Row>('SELECT body FROM users WHERE id = $1', [id]))[0]?.body;
    },

    async findByUsername(username) {
      return (await db.rows<Row>('SELECT body FROM users WHERE username = $1', [username]))[0]?.body;
    },

    async findByEnrolmentHash(codeHash) {
      return (await db.rows<Row>('SELECT body FROM users WHERE enrolment_hash = $1', [codeHash]))[0]?.body;
    },

    async list() {
      return (await db.rows<Row>('SELECT body FROM users ORDER BY username COLLATE "C"')).map((r) => r.body);
    },

    async update(id, change) {
      return db.tx(async (sql) => {
        const current = (await sql.rows<Row>('SELECT body FROM users WHERE id = $1 FOR UPDATE', [id]))[0]?.body;
        if (!current) return undefined;
        const next = change(structuredClone(current));
        if (!next) return current;
        if (next.id !== current.id || next.username !== current.username) throw new AppError('internal', 'an account update may not change its id or username');
        await sql.exec('UPDATE users SET enrolment_hash = $2, body = $3 WHERE id = $1', [id, next.enrolment?.codeHash ?? null, JSON.stringify(next)]);
        return next;
      });
    },
  };
}
