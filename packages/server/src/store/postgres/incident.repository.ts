/**
 * Dispatch incidents. An update locks the incident's row (`FOR UPDATE`) while the merge runs, so
 * two updates of one incident arriving at two nodes both land; two first sights racing to create
 * it meet the unique source key, and the loser merges into the winner's row.
 */
import type { Incident, Page } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { IncidentStore, TimeWindow } from '../store.types.ts';
import { outsideWindows, windowParams } from './retention-sql.ts';
import { asStored, sameJson } from '../same-json.ts';
import { num } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db } from './pg.client.ts';

/** The IncidentStore over a migrated schema. */
export function incidentRepository(db: Db): IncidentStore {
  const attempt = (sourceSystem: string, sourceIncidentId: string, merge: (current: Incident | undefined) => Incident) =>
    db.tx(async (sql) => {
      const rows = await sql.rows<{ body: Incident }>('SELECT body FROM incidents WHERE source_system = $1 AND source_incident_id = $2 FOR UPDATE', [sourceSystem, sourceIncidentId]);
      const current = rows[0]?.body;
      const next = asStored(merge(current));
      if (current && sameJson(current, next)) return { incident: current, created: false, changed: false };
      if (current) {
        const updated = { ...next, id: current.id };
        await sql.exec('UPDATE incidents SET status = $2, opened_at = $3, body = $4 WHERE id = $1', [current.id, updated.status, updated.openedAt, JSON.stringify(updated)]);
        return { incident: updated, created: false, changed: true };
      }
      await sql.exec('INSERT INTO incidents (id, source_system, source_incident_id, status, opened_at, body) VALUES ($1, $2, $3, $4, $5, $6)', [
        next.id,
        sourceSystem,
        sourceIncidentId,
        next.status,
        next.openedAt,
        JSON.stringify(next),
      ]);
      return { incident: next, created: true, changed: true };
    });

  return {
    async upsert(sourceSystem, sourceIncidentId, merge) {
      try {
        return await attempt(sourceSystem, sourceIncidentId, merge);
      } catch (e) {
        // another node created the incident first: merge into its row
        if (e instanceof AppError && e.code === 'conflict') return attempt(sourceSystem, sourceIncidentId, merge);
        throw e;
      }
    },

    async get(id) {
      const rows = await db.rows<{ body: Incident }>('SELECT body FROM incidents WHERE id = $1', [id]);
      return rows[0]?.body;
    },

    async findBySource(sourceSystem, sourceIncidentId) {
      const rows = await db.rows<{ body: Incident }>('SELECT body FROM incidents WHERE source_system = $1 AND source_incident_id = $2', [sourceSystem, sourceIncidentId]);
      return rows[0]?.body;
    },

    async list({ status, limit, cursor }): Promise<Page<Incident>> {
      const filter: string[] = [];
      const values: unknown[] = [];
      if (status && status !== 'all') {
        values.push(status);
        filter.push(`status = $${values.length}`);
      }
      const countSql = `SELECT count(*) AS n FROM incidents ${filter.length ? `WHERE ${filter.join(' AND ')}` : ''}`;
      const countValues = [...values];
      if (cursor) {
        const [ts, id] = decodeCursor(cursor, 'ns');
        values.push(ts, id);
        filter.push(`(opened_at, id) < ($${values.length - 1}, $${values.length})`);
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<{ body: Incident }>(`SELECT body FROM incidents ${filter.length ? `WHERE ${filter.join(' AND ')}` : ''} ORDER BY opened_at DESC, id DESC LIMIT $${values.length}`, values),
        db.rows<{ n: string }>(countSql, countValues),
      ]);
      const items = rows.slice(0, limit).map((r) => r.body);
      const last = items[items.length - 1];
      return { items, total: num(total[0].n), nextCursor: rows.length > limit && last ? encodeCursor([last.openedAt, last.id]) : null };
    },

    async deleteClosedBefore(before: number, windows: TimeWindow[]) {
      return db.exec(
        `DELETE FROM incidents WHERE status = 'closed' AND opened_at < $1
           AND coalesce((body->>'closedAt')::bigint, (body->>'updatedAt')::bigint) < $1
           AND ${outsideWindows('opened_at', 2)}`,
        [before, ...windowParams(windows)],
      );
    },
  };
}
