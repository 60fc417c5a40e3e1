import type { DatabaseSync } from 'node:sqlite';
import type { Page } from '@openrtcc/domain';
import type { AuditRecord, AuditStore } from '../store.types.ts';

export class SqliteAuditStore implements AuditStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async append(record: AuditRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO audit (seq, id, at, action, body) VALUES (?, ?, ?, ?, ?)')
      .run(record.seq, record.id, record.at, record.action, JSON.stringify(record));
  }

  async last(): Promise<AuditRecord | undefined> {
    const r = this.db.prepare('SELECT body FROM audit ORDER BY seq DESC LIMIT 1').get() as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(opts: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditRecord>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.action) {
      where.push('action = ?');
      args.push(opts.action);
    }
    const total = Number((this.db.prepare(`SELECT count(*) AS n FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(...args) as { n: number }).n);
    if (opts.cursor) {
      where.push('seq < ?');
      args.push(Number(opts.cursor));
    }
    const rows = this.db
      .prepare(`SELECT seq, body FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`)
      .all(...args, opts.limit + 1) as { seq: number; body: string }[];
    const items: AuditRecord[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? String(last.seq) : null };
  }

  async *all(): AsyncIterable<AuditRecord> {
    let after = 0;
    for (;;) {
      const rows = this.db.prepare('SELECT seq, body FROM audit WHERE seq > ? ORDER BY seq LIMIT 1000').all(after) as { seq: number; body: string }[];
      if (rows.length === 0) return;
      for (const r of rows) yield JSON.parse(r.body);
      after = Number(rows[rows.length - 1].seq);
    }
  }
}
