/**
 * Dispatch incidents in the embedded store: one row per incident, the incident as JSON, with the
 * columns the list needs (status, opened time) and a unique source key for merging updates.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Incident, Page } from '@openrtcc/domain';
import type { IncidentStore, TimeWindow } from '../store.types.ts';
import { outsideWindows, windowsParam } from './retention-sql.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { asStored, sameJson } from '../same-json.ts';
import { transaction } from './database.ts';

export class SqliteIncidentStore implements IncidentStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async upsert(sourceSystem: string, sourceIncidentId: string, merge: (current: Incident | undefined) => Incident): Promise<{ incident: Incident; created: boolean; changed: boolean }> {
    return transaction(this.db, () => {
      const row = this.db.prepare('SELECT body FROM incidents WHERE source_system = ? AND source_incident_id = ?').get(sourceSystem, sourceIncidentId) as { body: string } | undefined;
      const current = row ? (JSON.parse(row.body) as Incident) : undefined;
      const next = asStored(merge(current));
      if (current && sameJson(current, next)) return { incident: current, created: false, changed: false };
      if (current) {
        this.db.prepare('UPDATE incidents SET status = ?, opened_at = ?, body = ? WHERE id = ?').run(next.status, next.openedAt, JSON.stringify(next), current.id);
        return { incident: { ...next, id: current.id }, created: false, changed: true };
      }
      this.db
        .prepare('INSERT INTO incidents (id, source_system, source_incident_id, status, opened_at, body) VALUES (?, ?, ?, ?, ?, ?)')
        .run(next.id, sourceSystem, sourceIncidentId, next.status, next.openedAt, JSON.stringify(next));
      return { incident: next, created: true, changed: true };
    });
  }

  async get(id: string): Promise<Incident | undefined> {
    const r = this.db.prepare('SELECT body FROM incidents WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async findBySource(sourceSystem: string, sourceIncidentId: string): Promise<Incident | undefined> {
    const r = this.db.prepare('SELECT body FROM incidents WHERE source_system = ? AND source_incident_id = ?').get(sourceSystem, sourceIncidentId) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(opts: { status?: 'open' | 'closed' | 'all'; limit: number; cursor?: string }): Promise<Page<Incident>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.status && opts.status !== 'all') {
      where.push('status = ?');
      args.push(opts.status);
    }
    const total = Number((this.db.prepare(`SELECT count(*) AS n FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(...args) as { n: number }).n);
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor);
      where.push('(opened_at < ? OR (opened_at = ? AND id < ?))');
      args.push(c.ts, c.ts, c.id);
    }
    const rows = this.db
      .prepare(`SELECT body FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, id DESC LIMIT ?`)
      .all(...args, opts.limit + 1) as { body: string }[];
    const items: Incident[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.openedAt, last.id) : null };
  }

  async deleteClosedBefore(before: number, windows: TimeWindow[]): Promise<number> {
    const r = this.db
      .prepare(
        `DELETE FROM incidents WHERE status = 'closed' AND opened_at < ?
           AND coalesce(json_extract(body, '$.closedAt'), json_extract(body, '$.updatedAt')) < ?
           AND ${outsideWindows('opened_at')}`,
      )
      .run(before, before, windowsParam(windows));
    return Number(r.changes);
  }
}
