import type { DatabaseSync } from 'node:sqlite';
import type { Page } from '@openrtcc/domain';
import type { QuarantineItem, QuarantineReplay, QuarantineReplayQuery, QuarantineStore } from '../store.types.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';

export class SqliteQuarantineStore implements QuarantineStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async insert(item: QuarantineItem): Promise<void> {
    this.db.prepare('INSERT INTO quarantine (id, received_at, body) VALUES (?, ?, ?)').run(item.id, item.receivedAt, JSON.stringify(item));
  }

  async list(opts: { limit: number; cursor?: string }): Promise<Page<QuarantineItem>> {
    const total = Number((this.db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number }).n);
    const c = opts.cursor ? decodeCursor(opts.cursor) : undefined;
    const rows = (
      c
        ? this.db
            .prepare('SELECT body FROM quarantine WHERE received_at < ? OR (received_at = ? AND id < ?) ORDER BY received_at DESC, id DESC LIMIT ?')
            .all(c.ts, c.ts, c.id, opts.limit + 1)
        : this.db.prepare('SELECT body FROM quarantine ORDER BY received_at DESC, id DESC LIMIT ?').all(opts.limit + 1)
    ) as { body: string }[];
    const items: QuarantineItem[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.receivedAt, last.id) : null };
  }

  async get(id: string): Promise<QuarantineItem | undefined> {
    const r = this.db.prepare('SELECT body FROM quarantine WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async pendingReplay(q: QuarantineReplayQuery): Promise<QuarantineItem[]> {
    const rows = this.db
      .prepare(
        `SELECT body FROM quarantine
         WHERE received_at >= ? AND received_at < ? AND (? IS NULL OR json_extract(body, '$.sourceSystem') = ?)
           AND coalesce(json_extract(body, '$.replay.outcome'), '') <> 'replayed'
         ORDER BY received_at, id LIMIT ?`,
      )
      .all(q.from ?? Number.MIN_SAFE_INTEGER, q.to ?? Number.MAX_SAFE_INTEGER, q.sourceSystem ?? null, q.sourceSystem ?? null, q.limit) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body));
  }

  async recordReplay(id: string, replay: QuarantineReplay): Promise<QuarantineItem | undefined> {
    this.db.prepare(`UPDATE quarantine SET body = json_set(body, '$.replay', json(?)) WHERE id = ?`).run(JSON.stringify(replay), id);
    return this.get(id);
  }
}
