/**
 * Retention bookkeeping in PostgreSQL: the policy (one row), legal holds and the runs of the
 * retention job as jsonb beside the columns lists need; and the deletion of quarantined payloads
 * and ended sessions, which have no store of their own to carry it.
 */
import type { LegalHold, RetentionRun, RetentionStore, StoredRetentionPolicy, TimeWindow } from '../store.types.ts';
import { AppError } from '../../errors.ts';
import { requireMs } from './column.codec.ts';
import type { Db } from './pg.client.ts';
import { outsideWindows, windowParams } from './retention-sql.ts';

/** The RetentionStore over a migrated schema. */
export function retentionRepository(db: Db): RetentionStore {
  return {
    async getPolicy() {
      const rows = await db.rows<{ body: StoredRetentionPolicy }>('SELECT body FROM retention_policy WHERE id = 1');
      return rows[0]?.body;
    },

    async savePolicy(policy) {
      await db.exec('INSERT INTO retention_policy (id, body) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body', [JSON.stringify(policy)]);
    },

    async createHold(hold) {
      const n = await db.exec('INSERT INTO legal_holds (id, placed_at, released_at, body) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
        hold.id,
        requireMs(hold.placedAt, 'placedAt'),
        hold.releasedAt ?? null,
        JSON.stringify(hold),
      ]);
      if (n === 0) throw new AppError('conflict', `a legal hold with id ${hold.id} exists`);
    },

    async getHold(id) {
      const rows = await db.rows<{ body: LegalHold }>('SELECT body FROM legal_holds WHERE id = $1', [id]);
      return rows[0]?.body;
    },

    async listHolds(opts) {
      const where = opts.active ? 'WHERE released_at IS NULL' : '';
      const rows = await db.rows<{ body: LegalHold }>(`SELECT body FROM legal_holds ${where} ORDER BY placed_at DESC, id DESC`);
      return rows.map((r) => r.body);
    },

    async releaseHold(id, release) {
      const patch: Partial<LegalHold> = { releasedAt: release.releasedAt, releasedBy: release.releasedBy };
      if (release.releaseReason !== undefined) patch.releaseReason = release.releaseReason;
      const rows = await db.rows<{ body: LegalHold }>(
        'UPDATE legal_holds SET released_at = $2, body = body || $3::jsonb WHERE id = $1 AND released_at IS NULL RETURNING body',
        [id, requireMs(release.releasedAt, 'releasedAt'), JSON.stringify(patch)],
      );
      return rows[0]?.body;
    },

    async saveRun(run: RetentionRun) {
      await db.exec('INSERT INTO retention_runs (id, started_at, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body', [
        run.id,
        requireMs(run.startedAt, 'startedAt'),
        JSON.stringify(run),
      ]);
    },

    async listRuns(opts) {
      const rows = await db.rows<{ body: RetentionRun }>('SELECT body FROM retention_runs WHERE started_at >= $1 ORDER BY started_at DESC, id DESC LIMIT $2', [
        opts.since ?? Number.MIN_SAFE_INTEGER,
        opts.limit,
      ]);
      return rows.map((r) => r.body);
    },

    async deleteQuarantinedBefore(before: number, windows: TimeWindow[]) {
      return db.exec(`DELETE FROM quarantine WHERE received_at < $1 AND ${outsideWindows('received_at', 2)}`, [requireMs(before, 'before'), ...windowParams(windows)]);
    },

    async deleteEndedSessionsBefore(before: number) {
      return db.exec('DELETE FROM sessions WHERE least(revoked_at, expires_at) < $1', [requireMs(before, 'before')]);
    },
  };
}
