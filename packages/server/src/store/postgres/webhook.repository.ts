/**
 * Webhook targets and deliveries. Nodes share the queue: a claim takes due rows with
 * `FOR UPDATE SKIP LOCKED` and moves their next attempt time to the lease's end in one statement,
 * so two nodes never post one delivery at once, and a node that dies mid-attempt leaves the
 * delivery to be retried when the lease runs out.
 */
import type { Page } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { WebhookDelivery, WebhookTarget } from '../../webhooks/webhook.types.ts';
import type { WebhookStore } from '../store.types.ts';
import { num } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db } from './pg.client.ts';

/** The WebhookStore over a migrated schema. */
export function webhookRepository(db: Db): WebhookStore {
  return {
    async createTarget(t) {
      await db.exec('INSERT INTO webhook_targets (id, created_at, body) VALUES ($1, $2, $3)', [t.id, t.createdAt, JSON.stringify(t)]);
    },

    async updateTarget(t) {
      const n = await db.exec('UPDATE webhook_targets SET body = $2 WHERE id = $1', [t.id, JSON.stringify(t)]);
      if (n === 0) throw new AppError('not_found_or_forbidden', `webhook ${t.id} not found`);
    },

    async getTarget(id) {
      return (await db.rows<{ body: WebhookTarget }>('SELECT body FROM webhook_targets WHERE id = $1', [id]))[0]?.body;
    },

    async listTargets() {
      return (await db.rows<{ body: WebhookTarget }>('SELECT body FROM webhook_targets ORDER BY created_at, id')).map((r) => r.body);
    },

    async deleteTarget(id) {
      return db.tx(async (sql) => {
        await sql.exec('DELETE FROM webhook_deliveries WHERE target_id = $1', [id]);
        return (await sql.exec('DELETE FROM webhook_targets WHERE id = $1', [id])) > 0;
      });
    },

    async enqueue(d) {
      const n = await db.exec(
        `INSERT INTO webhook_deliveries (id, target_id, event, subject_id, status, next_attempt_at, created_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (target_id, event, subject_id) DO NOTHING`,
        [d.id, d.targetId, d.event, d.subjectId, d.status, d.nextAttemptAt ?? null, d.createdAt, JSON.stringify(d)],
      );
      return n > 0;
    },

    async claimDue(now, leaseUntil, limit) {
      const rows = await db.rows<{ body: WebhookDelivery }>(
        `UPDATE webhook_deliveries d
            SET next_attempt_at = $2, body = jsonb_set(d.body, '{nextAttemptAt}', to_jsonb($2::bigint))
          WHERE d.id IN (SELECT id FROM webhook_deliveries
                          WHERE status = 'pending' AND next_attempt_at <= $1
                          ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING d.body`,
        [now, leaseUntil, limit],
      );
      return rows.map((r) => r.body).sort((a, b) => (a.createdAt - b.createdAt) || (a.id < b.id ? -1 : 1));
    },

    async recordAttempt(id, attempt, outcome) {
      return db.tx(async (sql) => {
        const cur = (await sql.rows<{ body: WebhookDelivery }>('SELECT body FROM webhook_deliveries WHERE id = $1 FOR UPDATE', [id]))[0]?.body;
        if (!cur) return undefined;
        const { nextAttemptAt: _lease, ...rest } = cur;
        const d: WebhookDelivery = { ...rest, attempts: [...cur.attempts, attempt], status: outcome.status };
        if (outcome.nextAttemptAt !== undefined) d.nextAttemptAt = outcome.nextAttemptAt;
        if (outcome.deliveredAt !== undefined) d.deliveredAt = outcome.deliveredAt;
        await sql.exec('UPDATE webhook_deliveries SET status = $2, next_attempt_at = $3, body = $4 WHERE id = $1', [id, d.status, d.nextAttemptAt ?? null, JSON.stringify(d)]);
        return d;
      });
    },

    async getDelivery(id) {
      return (await db.rows<{ body: WebhookDelivery }>('SELECT body FROM webhook_deliveries WHERE id = $1', [id]))[0]?.body;
    },

    async listDeliveries(targetId, { limit, cursor }): Promise<Page<WebhookDelivery>> {
      const values: unknown[] = [targetId];
      let where = 'target_id = $1';
      if (cursor) {
        const [ts, id] = decodeCursor(cursor, 'ns');
        values.push(ts, id);
        where += ' AND (created_at, id) < ($2, $3)';
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<{ body: WebhookDelivery }>(`SELECT body FROM webhook_deliveries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`, values),
        db.rows<{ n: string }>('SELECT count(*) AS n FROM webhook_deliveries WHERE target_id = $1', [targetId]),
      ]);
      const items = rows.slice(0, limit).map((r) => r.body);
      const last = items[items.length - 1];
      return { items, total: num(total[0].n), nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null };
    },
  };
}
