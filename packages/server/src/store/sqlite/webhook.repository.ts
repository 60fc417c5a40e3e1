/**
 * Webhook targets and deliveries in the embedded store. One process owns the file, so a claim
 * is one transaction moving the due deliveries' next attempt time to the lease's end.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Page } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { WebhookDelivery, WebhookTarget } from '../../webhooks/webhook.types.ts';
import type { WebhookStore } from '../store.types.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { transaction } from './database.ts';

type Row = { body: string };

export class SqliteWebhookStore implements WebhookStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async createTarget(t: WebhookTarget): Promise<void> {
    try {
      this.db.prepare('INSERT INTO webhook_targets (id, created_at, body) VALUES (?, ?, ?)').run(t.id, t.createdAt, JSON.stringify(t));
    } catch (e) {
      if (/UNIQUE/i.test(String((e as Error).message))) throw new AppError('conflict', `webhook ${t.id} already exists`, { cause: e });
      throw e;
    }
  }

  async updateTarget(t: WebhookTarget): Promise<void> {
    const r = this.db.prepare('UPDATE webhook_targets SET body = ? WHERE id = ?').run(JSON.stringify(t), t.id);
    if (Number(r.changes) === 0) throw new AppError('not_found_or_forbidden', `webhook ${t.id} not found`);
  }

  async getTarget(id: string): Promise<WebhookTarget | undefined> {
    const r = this.db.prepare('SELECT body FROM webhook_targets WHERE id = ?').get(id) as Row | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async listTargets(): Promise<WebhookTarget[]> {
    return (this.db.prepare('SELECT body FROM webhook_targets ORDER BY created_at, id').all() as Row[]).map((r) => JSON.parse(r.body));
  }

  async deleteTarget(id: string): Promise<boolean> {
    return transaction(this.db, () => {
      this.db.prepare('DELETE FROM webhook_deliveries WHERE target_id = ?').run(id);
      return Number(this.db.prepare('DELETE FROM webhook_targets WHERE id = ?').run(id).changes) > 0;
    });
  }

  async enqueue(d: WebhookDelivery): Promise<boolean> {
    const r = this.db
      .prepare(
        `INSERT INTO webhook_deliveries (id, target_id, event, subject_id, status, next_attempt_at, created_at, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (target_id, event, subject_id) DO NOTHING`,
      )
      .run(d.id, d.targetId, d.event, d.subjectId, d.status, d.nextAttemptAt ?? null, d.createdAt, JSON.stringify(d));
    return Number(r.changes) > 0;
  }

  async claimDue(now: number, leaseUntil: number, limit: number): Promise<WebhookDelivery[]> {
    return transaction(this.db, () => {
      const rows = this.db
        .prepare("SELECT body FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
        .all(now, limit) as Row[];
      return rows.map((r) => {
        const d: WebhookDelivery = { ...JSON.parse(r.body), nextAttemptAt: leaseUntil };
        this.db.prepare('UPDATE webhook_deliveries SET next_attempt_at = ?, body = ? WHERE id = ?').run(leaseUntil, JSON.stringify(d), d.id);
        return d;
      });
    });
  }

  async recordAttempt(id: string, attempt: WebhookDelivery['attempts'][number], outcome: { status: WebhookDelivery['status']; nextAttemptAt?: number; deliveredAt?: number }): Promise<WebhookDelivery | undefined> {
    return transaction(this.db, () => {
      const r = this.db.prepare('SELECT body FROM webhook_deliveries WHERE id = ?').get(id) as Row | undefined;
      if (!r) return undefined;
      const cur = JSON.parse(r.body) as WebhookDelivery;
      const { nextAttemptAt: _lease, ...rest } = cur;
      const d: WebhookDelivery = { ...rest, attempts: [...cur.attempts, attempt], status: outcome.status };
      if (outcome.nextAttemptAt !== undefined) d.nextAttemptAt = outcome.nextAttemptAt;
      if (outcome.deliveredAt !== undefined) d.deliveredAt = outcome.deliveredAt;
      this.db.prepare('UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, body = ? WHERE id = ?').run(d.status, d.nextAttemptAt ?? null, JSON.stringify(d), id);
      return d;
    });
  }

  async getDelivery(id: string): Promise<WebhookDelivery | undefined> {
    const r = this.db.prepare('SELECT body FROM webhook_deliveries WHERE id = ?').get(id) as Row | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async listDeliveries(targetId: string, opts: { limit: number; cursor?: string }): Promise<Page<WebhookDelivery>> {
    const total = Number((this.db.prepare('SELECT count(*) AS n FROM webhook_deliveries WHERE target_id = ?').get(targetId) as { n: number }).n);
    const args: (string | number)[] = [targetId];
    let where = 'target_id = ?';
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor);
      where += ' AND (created_at < ? OR (created_at = ? AND id < ?))';
      args.push(c.ts, c.ts, c.id);
    }
    const rows = this.db.prepare(`SELECT body FROM webhook_deliveries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...args, opts.limit + 1) as Row[];
    const items: WebhookDelivery[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
}
