/**
 * Sessions: plain columns; ending a session is a conditional UPDATE (`revoked_at IS NULL`), so
 * the first end and its reason stand however many nodes try.
 */
import type { Session, SessionStore } from '../store.types.ts';
import { num, optNum, requireMs, setIf } from './column.codec.ts';
import type { Db } from './pg.client.ts';

interface Row {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  from_addr: string | null;
  revoked_at: string | null;
  end_reason: string | null;
}

function toSession(r: Row): Session {
  const s: Session = {
    id: r.id,
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: num(r.created_at),
    lastSeenAt: num(r.last_seen_at),
    expiresAt: num(r.expires_at),
  };
  setIf(s, 'from', r.from_addr);
  setIf(s, 'revokedAt', optNum(r.revoked_at));
  setIf(s, 'endReason', r.end_reason);
  return s;
}

export function sessionRepository(db: Db): SessionStore {
  return {
    async create(s) {
      await db.exec(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, from_addr, revoked_at, end_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          s.id,
          s.tokenHash,
          s.userId,
          requireMs(s.createdAt, 'createdAt'),
          requireMs(s.lastSeenAt, 'lastSeenAt'),
          requireMs(s.expiresAt, 'expiresAt'),
          s.from ?? null,
          s.revokedAt === undefined ? null : requireMs(s.revokedAt, 'revokedAt'),
          s.endReason ?? null,
        ],
      );
    },

    async findByTokenHash(tokenHash) {
      const rows = await db.rows<Row>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
      return rows[0] ? toSession(rows[0]) : undefined;
    },

    async get(id) {
      const rows = await db.rows<Row>('SELECT * FROM sessions WHERE id = $1', [id]);
      return rows[0] ? toSession(rows[0]) : undefined;
    },

    async touch(id, at) {
      await db.exec('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL AND last_seen_at < $2', [id, requireMs(at, 'at')]);
    },

    async revoke(id, at, reason) {
      return (await db.exec('UPDATE sessions SET revoked_at = $2, end_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [id, requireMs(at, 'at'), reason])) > 0;
    },

    async revokeAllForUser(userId, at, reason) {
      return db.exec('UPDATE sessions SET revoked_at = $2, end_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL', [userId, requireMs(at, 'at'), reason]);
    },

    async listOpenForUser(userId) {
      const rows = await db.rows<Row>('SELECT * FROM sessions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC', [userId]);
      return rows.map(toSession);
    },
  };
}
