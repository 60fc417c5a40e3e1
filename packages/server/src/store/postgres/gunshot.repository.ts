/**
 * Gunshot alerts, unique on (vendor, vendor's id). A resend locks the stored alert while it is
 * merged; two first sights racing meet the unique key and the loser merges into the winner.
 */
import type { GunshotAlert, Page } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { GunshotStore, TimeWindow } from '../store.types.ts';
import { outsideWindows, windowParams } from './retention-sql.ts';
import { mergeGunshot } from '../gunshot-rules.ts';
import { asStored } from '../same-json.ts';
import { num } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db } from './pg.client.ts';

/** The GunshotStore over a migrated schema. */
export function gunshotRepository(db: Db): GunshotStore {
  const attempt = (alert: GunshotAlert) =>
    db.tx(async (sql) => {
      const rows = await sql.rows<{ body: GunshotAlert }>('SELECT body FROM gunshots WHERE vendor = $1 AND source_event_id = $2 FOR UPDATE', [alert.vendor, alert.sourceEventId]);
      const current = rows[0]?.body;
      if (!current) {
        const stored = asStored(alert);
        await sql.exec('INSERT INTO gunshots (id, vendor, source_event_id, detected_at, body) VALUES ($1, $2, $3, $4, $5)', [
          stored.id,
          stored.vendor,
          stored.sourceEventId,
          stored.detectedAt,
          JSON.stringify(stored),
        ]);
        return { alert: stored, created: true, changed: true };
      }
      const next = mergeGunshot(current, alert);
      if (!next) return { alert: current, created: false, changed: false };
      await sql.exec('UPDATE gunshots SET detected_at = $2, body = $3 WHERE id = $1', [current.id, next.detectedAt, JSON.stringify(next)]);
      return { alert: next, created: false, changed: true };
    });

  return {
    async upsert(alert) {
      try {
        return await attempt(alert);
      } catch (e) {
        if (e instanceof AppError && e.code === 'conflict') return attempt(alert);
        throw e;
      }
    },

    async get(id) {
      const rows = await db.rows<{ body: GunshotAlert }>('SELECT body FROM gunshots WHERE id = $1', [id]);
      return rows[0]?.body;
    },

    async list({ limit, cursor, from }): Promise<Page<GunshotAlert>> {
      const filter: string[] = [];
      const values: unknown[] = [];
      if (from !== undefined) {
        values.push(from);
        filter.push(`detected_at >= $${values.length}`);
      }
      const countSql = `SELECT count(*) AS n FROM gunshots ${filter.length ? `WHERE ${filter.join(' AND ')}` : ''}`;
      const countValues = [...values];
      if (cursor) {
        const [ts, id] = decodeCursor(cursor, 'ns');
        values.push(ts, id);
        filter.push(`(detected_at, id) < ($${values.length - 1}, $${values.length})`);
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<{ body: GunshotAlert }>(`SELECT body FROM gunshots ${filter.length ? `WHERE ${filter.join(' AND ')}` : ''} ORDER BY detected_at DESC, id DESC LIMIT $${values.length}`, values),
        db.rows<{ n: string }>(countSql, countValues),
      ]);
      const items = rows.slice(0, limit).map((r) => r.body);
      const last = items[items.length - 1];
      return { items, total: num(total[0].n), nextCursor: rows.length > limit && last ? encodeCursor([last.detectedAt, last.id]) : null };
    },

    async setOutcome(id, outcome) {
      const rows = await db.rows<{ body: GunshotAlert }>("UPDATE gunshots SET body = jsonb_set(body, '{outcome}', $2::jsonb) WHERE id = $1 RETURNING body", [id, JSON.stringify(asStored(outcome))]);
      return rows[0]?.body;
    },

    async deleteDetectedBefore(before: number, windows: TimeWindow[]) {
      return db.exec(`DELETE FROM gunshots WHERE detected_at < $1 AND ${outsideWindows('detected_at', 2)}`, [before, ...windowParams(windows)]);
    },
  };
}
