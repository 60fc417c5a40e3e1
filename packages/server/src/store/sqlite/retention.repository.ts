/**
 * Retention bookkeeping in the embedded store: the policy (one row), legal holds and the runs of
 * the retention job, each a JSON document beside the columns lists need; and the deletion of
 * quarantined payloads and ended sessions, which have no store of their own to carry it.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { LegalHold, RetentionRun, RetentionStore, StoredRetentionPolicy, TimeWindow } from '../store.types.ts';
import { AppError } from '../../errors.ts';
import { transaction } from './database.ts';
import { outsideWindows, windowsParam } from './retention-sql.ts';

export class SqliteRetentionStore implements RetentionStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async getPolicy(): Promise<StoredRetentionPolicy | undefined> {
    const r = this.db.prepare('SELECT body FROM retention_policy WHERE id = 1').get() as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async savePolicy(policy: StoredRetentionPolicy): Promise<void> {
    this.db.prepare('INSERT INTO retention_policy (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body').run(JSON.stringify(policy));
  }

  async createHold(hold: LegalHold): Promise<void> {
    const r = this.db.prepare('INSERT OR IGNORE INTO legal_holds (id, placed_at, released_at, body) VALUES (?, ?, ?, ?)').run(hold.id, hold.placedAt, hold.releasedAt ?? null, JSON.stringify(hold));
    if (Number(r.changes) === 0) throw new AppError('conflict', `a legal hold with id ${hold.id} exists`);
  }

  async getHold(id: string): Promise<LegalHold | undefined> {
    const r = this.db.prepare('SELECT body FROM legal_holds WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async listHolds(opts: { active: boolean }): Promise<LegalHold[]> {
    const where = opts.active ? 'WHERE released_at IS NULL' : '';
    const rows = this.db.prepare(`SELECT body FROM legal_holds ${where} ORDER BY placed_at DESC, id DESC`).all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body));
  }

  async releaseHold(id: string, release: { releasedAt: number; releasedBy: string; releaseReason?: string }): Promise<LegalHold | undefined> {
    return transaction(this.db, () => {
      const r = this.db.prepare('SELECT body FROM legal_holds WHERE id = ? AND released_at IS NULL').get(id) as { body: string } | undefined;
      if (!r) return undefined;
      const hold: LegalHold = { ...(JSON.parse(r.body) as LegalHold), ...release };
      if (hold.releaseReason === undefined) delete hold.releaseReason;
      this.db.prepare('UPDATE legal_holds SET released_at = ?, body = ? WHERE id = ?').run(release.releasedAt, JSON.stringify(hold), id);
      return hold;
    });
  }

  async saveRun(run: RetentionRun): Promise<void> {
    this.db
      .prepare('INSERT INTO retention_runs (id, started_at, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body')
      .run(run.id, run.startedAt, JSON.stringify(run));
  }

  async listRuns(opts: { limit: number; since?: number }): Promise<RetentionRun[]> {
    const rows = this.db
      .prepare('SELECT body FROM retention_runs WHERE started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?')
      .all(opts.since ?? Number.MIN_SAFE_INTEGER, opts.limit) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body));
  }

  async deleteQuarantinedBefore(before: number, windows: TimeWindow[]): Promise<number> {
    const r = this.db.prepare(`DELETE FROM quarantine WHERE received_at < ? AND ${outsideWindows('received_at')}`).run(before, windowsParam(windows));
    return Number(r.changes);
  }

  async deleteEndedSessionsBefore(before: number): Promise<number> {
    const r = this.db.prepare('DELETE FROM sessions WHERE coalesce(revoked_at, expires_at) < ? OR expires_at < ?').run(before, before);
    return Number(r.changes);
  }
}
