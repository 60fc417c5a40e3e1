/**
 * Training runs in the embedded store: one row per run, the run itself as JSON, and the start
 * time for newest-first pages.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Page } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { TrainingRun, TrainingScore } from '../../training/training.types.ts';
import type { TrainingRunStore } from '../store.types.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { transaction } from './database.ts';

export class SqliteTrainingRunStore implements TrainingRunStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(run: TrainingRun): Promise<void> {
    const r = this.db
      .prepare('INSERT OR IGNORE INTO training_runs (id, started_at, finished_at, body) VALUES (?, ?, ?, ?)')
      .run(run.id, run.startedAt, run.finishedAt ?? null, JSON.stringify(run));
    if (Number(r.changes) === 0) throw new AppError('conflict', `training run ${run.id} already exists`);
  }

  async get(id: string): Promise<TrainingRun | undefined> {
    const r = this.db.prepare('SELECT body FROM training_runs WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(opts: { limit: number; cursor?: string }): Promise<Page<TrainingRun>> {
    const total = Number((this.db.prepare('SELECT count(*) AS n FROM training_runs').get() as { n: number }).n);
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor);
      where.push('(started_at < ? OR (started_at = ? AND id < ?))');
      args.push(c.ts, c.ts, c.id);
    }
    const rows = this.db
      .prepare(`SELECT body FROM training_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ?`)
      .all(...args, opts.limit + 1) as { body: string }[];
    const items: TrainingRun[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.startedAt, last.id) : null };
  }

  async finish(id: string, end: { finishedAt: number; finishedBy: string; result: TrainingScore }): Promise<{ run: TrainingRun; changed: boolean } | undefined> {
    return transaction(this.db, () => {
      const r = this.db.prepare('SELECT body FROM training_runs WHERE id = ?').get(id) as { body: string } | undefined;
      if (!r) return undefined;
      const run = JSON.parse(r.body) as TrainingRun;
      if (run.finishedAt !== undefined) return { run, changed: false };
      const done: TrainingRun = { ...run, finishedAt: end.finishedAt, finishedBy: end.finishedBy, result: end.result };
      this.db.prepare('UPDATE training_runs SET finished_at = ?, body = ? WHERE id = ?').run(end.finishedAt, JSON.stringify(done), id);
      return { run: done, changed: true };
    });
  }
}
