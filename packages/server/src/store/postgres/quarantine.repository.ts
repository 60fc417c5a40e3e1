/**
 * Quarantined payloads: bodies that could not be decoded, kept byte for byte with the reason.
 * The body column is bytea; `bodyEncoding` says how the API string maps to those bytes.
 */
import type { Page } from '@openrtcc/domain';
import type { QuarantineItem, QuarantineReplay, QuarantineStore } from '../store.types.ts';
import { num, requireMs, setIf } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db } from './pg.client.ts';

interface QuarantineRow {
  id: string;
  source_system: string;
  source_id: string | null;
  route: string;
  content_type: string | null;
  received_at: string;
  reason: string;
  body: Buffer;
  body_encoding: string;
  query: string | null;
  replay: QuarantineReplay | null;
}

function toItem(r: QuarantineRow): QuarantineItem {
  const encoding = r.body_encoding === 'base64' ? 'base64' : 'utf8';
  const item: QuarantineItem = {
    id: r.id,
    sourceSystem: r.source_system,
    route: r.route,
    receivedAt: num(r.received_at),
    reason: r.reason,
    body: r.body.toString(encoding),
    bodyEncoding: encoding,
  };
  setIf(item, 'sourceId', r.source_id);
  setIf(item, 'contentType', r.content_type);
  setIf(item, 'query', r.query);
  setIf(item, 'replay', r.replay);
  return item;
}

/** The QuarantineStore over a migrated schema. */
export function quarantineRepository(db: Db): QuarantineStore {
  return {
    async insert(q) {
      await db.exec(
        `INSERT INTO quarantine (id, source_system, source_id, route, content_type, received_at, reason, body, body_encoding, query, replay)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          q.id,
          q.sourceSystem,
          q.sourceId ?? null,
          q.route,
          q.contentType ?? null,
          requireMs(q.receivedAt, 'receivedAt'),
          q.reason,
          Buffer.from(q.body, q.bodyEncoding === 'base64' ? 'base64' : 'utf8'),
          q.bodyEncoding,
          q.query ?? null,
          q.replay ? JSON.stringify(q.replay) : null,
        ],
      );
    },

    async list({ limit, cursor }): Promise<Page<QuarantineItem>> {
      const values: unknown[] = [];
      let where = '';
      if (cursor) {
        const [at, id] = decodeCursor(cursor, 'ns');
        values.push(at, id);
        where = 'WHERE (received_at, id) < ($1::bigint, $2::text)';
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<QuarantineRow>(
          `SELECT * FROM quarantine ${where} ORDER BY received_at DESC, id DESC LIMIT $${values.length}`,
          values,
        ),
        db.rows<{ n: string }>('SELECT count(*) AS n FROM quarantine'),
      ]);
      const items = rows.slice(0, limit).map(toItem);
      const last = items[items.length - 1];
      return {
        items,
        total: num(total[0].n),
        nextCursor: rows.length > limit && last ? encodeCursor([last.receivedAt, last.id]) : null,
      };
    },

    async get(id) {
      const rows = await db.rows<QuarantineRow>('SELECT * FROM quarantine WHERE id = $1', [id]);
      return rows[0] ? toItem(rows[0]) : undefined;
    },

    async pendingReplay({ sourceSystem, from, to, limit }) {
      const rows = await db.rows<QuarantineRow>(
        `SELECT * FROM quarantine
         WHERE received_at >= $1 AND received_at < $2 AND ($3::text IS NULL OR source_system = $3)
           AND (replay IS NULL OR replay->>'outcome' <> 'replayed')
         ORDER BY received_at, id LIMIT $4`,
        [from ?? Number.MIN_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER, sourceSystem ?? null, limit],
      );
      return rows.map(toItem);
    },

    async recordReplay(id, replay) {
      const rows = await db.rows<QuarantineRow>('UPDATE quarantine SET replay = $2 WHERE id = $1 RETURNING *', [id, JSON.stringify(replay)]);
      return rows[0] ? toItem(rows[0]) : undefined;
    },
  };
}
