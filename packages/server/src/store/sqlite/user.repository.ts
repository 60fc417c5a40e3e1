/**
 * User accounts in the embedded store: the account as JSON, with the unique username and open
 * enrolment code hash in their own columns. `update` reads and writes inside one IMMEDIATE
 * transaction, so concurrent changes to one account serialize.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../errors.ts';
import type { UserAccount, UserStore } from '../store.types.ts';
import { transaction } from './database.ts';

type Row = { body: string };
const parse = (r: Row | undefined): UserAccount | undefined => (r ? (JSON.parse(r.body) as UserAccount) : undefined);

export class SqliteUserStore implements UserStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(user: UserAccount): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO users (id, username, enrolment_hash, created_at, body) VALUES (?, ?, ?, ?, ?)')
        .run(user.id, user.username, user.enrolment?.codeHash ?? null, user.createdAt, JSON.stringify(user));
    } catch (e) {
      if (/UNIQUE constraint failed/.test(String((e as Error).message))) throw new AppError('conflict', `the username ${user.username} is taken`, { cause: e });
      throw e;
    }
  }

  async get(id: string): Promise<UserAccount | undefined> {
    return parse(this.db.prepare('SELECT body FROM users WHERE id = ?').get(id) as Row | undefined);
  }

  async findByUsername(username: string): Promise<UserAccount | undefined> {
    return parse(this.db.prepare('SELECT body FROM users WHERE username = ?').get(username) as Row | undefined);
  }

  async findByEnrolmentHash(codeHash: string): Promise<UserAccount | undefined> {
    return parse(this.db.prepare('SELECT body FROM users WHERE enrolment_hash = ?').get(codeHash) as Row | undefined);
  }

  async list(): Promise<UserAccount[]> {
    return (this.db.prepare('SELECT body FROM users ORDER BY username').all() as Row[]).map((r) => JSON.parse(r.body) as UserAccount);
  }

  async update(id: string, change: (current: UserAccount) => UserAccount | undefined): Promise<UserAccount | undefined> {
    return transaction(this.db, () => {
      const current = parse(this.db.prepare('SELECT body FROM users WHERE id = ?').get(id) as Row | undefined);
      if (!current) return undefined;
      const next = change(structuredClone(current));
      if (!next) return current;
      if (next.id !== current.id || next.username !== current.username) throw new AppError('internal', 'an account update may not change its id or username');
      this.db.prepare('UPDATE users SET enrolment_hash = ?, body = ? WHERE id = ?').run(next.enrolment?.codeHash ?? null, JSON.stringify(next), id);
      return next;
    });
  }
}
