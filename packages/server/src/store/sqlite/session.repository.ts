/**
 * Sessions in the embedded store, one row each with plain columns (a session is touched once a
 * minute while in use, so an UPDATE of two integers, not a JSON rewrite).
 */
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../errors.ts';
import type { Session, SessionStore } from '../store.types.ts';

interface Row {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  from_addr: string | null;
  revoked_at: number | null;
  end_reason: string | null;
}

function toSession(r: Row): Session {
  const s: Session = {
    id: r.id,
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Number(r.expires_at),
  };
  if (r.from_addr !== null) s.from = r.from_addr;
  if (r.revoked_at !== null) s.revokedAt = Number(r.revoked_at);
  if (r.end_reason !== null) s.endReason = r.end_reason;
  return s;
}

export class SqliteSessionStore implements SessionStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(s: Session): Promise<void> {
    try {
      this.db
        .prepare(
          'INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, from_addr, revoked_at, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(s.id, s.tokenHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.from ?? null, s.revokedAt ?? null, s.endReason ?? null);
    } catch (e) {
      if (/UNIQUE constraint failed/.test(String((e as Error).message))) throw new AppError('conflict', 'session already exists', { cause: e });
      throw e;
    }
  }

  async findByTokenHash(tokenHash: string): Promise<Session | undefined> {
    const r = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return r ? toSession(r) : undefined;
  }

  async get(id: string): Promise<Session | undefined> {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    return r ? toSession(r) : undefined;
  }

  async touch(id: string, at: number): Promise<void> {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL AND last_seen_at < ?').run(at, id, at);
  }

  async revoke(id: string, at: number, reason: string): Promise<boolean> {
    const r = this.db.prepare('UPDATE sessions SET revoked_at = ?, end_reason = ? WHERE id = ? AND revoked_at IS NULL').run(at, reason, id);
    return Number(r.changes) > 0;
  }

  async revokeAllForUser(userId: string, at: number, reason: string): Promise<number> {
    const r = this.db.prepare('UPDATE sessions SET revoked_at = ?, end_reason = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, reason, userId);
    return Number(r.changes);
  }

  async listOpenForUser(userId: string): Promise<Session[]> {
    return (this.db.prepare('SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC').all(userId) as unknown as Row[]).map(toSession);
  }
}
