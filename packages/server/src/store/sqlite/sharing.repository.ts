/**
 * Sharing agreements in the embedded store: the agreement as JSON beside its unique key hash.
 * `revoke` reads and writes inside one IMMEDIATE transaction, so the first revocation stands.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../errors.ts';
import type { SharingAgreement, SharingStore } from '../store.types.ts';
import { transaction } from './database.ts';

type Row = { body: string };
const parse = (r: Row | undefined): SharingAgreement | undefined => (r ? (JSON.parse(r.body) as SharingAgreement) : undefined);

export class SqliteSharingStore implements SharingStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(a: SharingAgreement): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO sharing_agreements (id, key_hash, created_at, body) VALUES (?, ?, ?, ?)')
        .run(a.id, a.keyHash ?? null, a.createdAt, JSON.stringify(a));
    } catch (e) {
      if (/UNIQUE constraint failed/.test(String((e as Error).message))) throw new AppError('conflict', `agreement ${a.id} or its key already exists`, { cause: e });
      throw e;
    }
  }

  async get(id: string): Promise<SharingAgreement | undefined> {
    return parse(this.db.prepare('SELECT body FROM sharing_agreements WHERE id = ?').get(id) as Row | undefined);
  }

  async list(): Promise<SharingAgreement[]> {
    return (this.db.prepare('SELECT body FROM sharing_agreements ORDER BY created_at DESC, id').all() as Row[]).map((r) => JSON.parse(r.body) as SharingAgreement);
  }

  async findByKeyHash(keyHash: string): Promise<SharingAgreement | undefined> {
    return parse(this.db.prepare('SELECT body FROM sharing_agreements WHERE key_hash = ?').get(keyHash) as Row | undefined);
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    return transaction(this.db, () => {
      const current = parse(this.db.prepare('SELECT body FROM sharing_agreements WHERE id = ?').get(id) as Row | undefined);
      if (!current || current.revokedAt !== undefined) return false;
      const next: SharingAgreement = { ...current, revokedAt: at, revokedBy: by };
      this.db.prepare('UPDATE sharing_agreements SET body = ? WHERE id = ?').run(JSON.stringify(next), id);
      return true;
    });
  }
}
