/**
 * Gunshot alerts in the embedded store, unique on (vendor, vendor's id), listed by detection time.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { GunshotAlert, GunshotOutcome, Page } from '@openrtcc/domain';
import type { GunshotStore, TimeWindow } from '../store.types.ts';
import { outsideWindows, windowsParam } from './retention-sql.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { mergeGunshot } from '../gunshot-rules.ts';
import { asStored } from '../same-json.ts';
import { transaction } from './database.ts';

export class SqliteGunshotStore implements GunshotStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async upsert(alert: GunshotAlert): Promise<{ alert: GunshotAlert; created: boolean; changed: boolean }> {
    return transaction(this.db, () => {
      const row = this.db.prepare('SELECT body FROM gunshots WHERE vendor = ? AND source_event_id = ?').get(alert.vendor, alert.sourceEventId) as { body: string } | undefined;
      if (!row) {
        const stored = asStored(alert);
        this.db
          .prepare('INSERT INTO gunshots (id, vendor, source_event_id, detected_at, body) VALUES (?, ?, ?, ?, ?)')
          .run(stored.id, stored.vendor, stored.sourceEventId, stored.detectedAt, JSON.stringify(stored));
        return { alert: stored, created: true, changed: true };
      }
      const current = JSON.parse(row.body) as GunshotAlert;
      const next = mergeGunshot(current, alert);
      if (!next) return { alert: current, created: false, changed: false };
      this.db.prepare('UPDATE gunshots SET detected_at = ?, body = ? WHERE id = ?').run(next.detectedAt, JSON.stringify(next), current.id);
      return { alert: next, created: false, changed: true };
    });
  }

  async get(id: string): Promise<GunshotAlert | undefined> {
    const r = this.db.prepare('SELECT body FROM gunshots WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(opts: { limit: number; cursor?: string; from?: number }): Promise<Page<GunshotAlert>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.from !== undefined) {
      where.push('detected_at >= ?');
      args.push(opts.from);
    }
    const total = Number((this.db.prepare(`SELECT count(*) AS n FROM gunshots ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(...args) as { n: number }).n);
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor);
      where.push('(detected_at < ? OR (detected_at = ? AND id < ?))');
      args.push(c.ts, c.ts, c.id);
    }
    const rows = this.db
      .prepare(`SELECT body FROM gunshots ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY detected_at DESC, id DESC LIMIT ?`)
      .all(...args, opts.limit + 1) as { body: string }[];
    const items: GunshotAlert[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.detectedAt, last.id) : null };
  }

  async setOutcome(id: string, outcome: GunshotOutcome): Promise<GunshotAlert | undefined> {
    return transaction(this.db, () => {
      const r = this.db.prepare('SELECT body FROM gunshots WHERE id = ?').get(id) as { body: string } | undefined;
      if (!r) return undefined;
      const next = asStored({ ...(JSON.parse(r.body) as GunshotAlert), outcome });
      this.db.prepare('UPDATE gunshots SET body = ? WHERE id = ?').run(JSON.stringify(next), id);
      return next;
    });
  }

  async deleteDetectedBefore(before: number, windows: TimeWindow[]): Promise<number> {
    const r = this.db.prepare(`DELETE FROM gunshots WHERE detected_at < ? AND ${outsideWindows('detected_at')}`).run(before, windowsParam(windows));
    return Number(r.changes);
  }
}
