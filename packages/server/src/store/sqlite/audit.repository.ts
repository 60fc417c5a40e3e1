import type { DatabaseSync } from 'node:sqlite';
import type { Page } from '@openrtcc/domain';
import type { AuditRecord, AuditStore } from '../store.types.ts';
import { SqliteAuditFlagStore } from './audit-flags.repository.ts';
import { SqliteAuditRootStore } from './audit-roots.repository.ts';

/** Records per statement when streaming. */
const BATCH = 1000;

/**
 * The audit log: one JSON body per record, hash-chained by the caller. Triggers refuse UPDATE and
 * DELETE (migration), so changing a record takes dropping them first, which verification catches.
 */
export class SqliteAuditStore implements AuditStore {
  private readonly db: DatabaseSync;
  readonly roots: SqliteAuditRootStore;
  readonly flags: SqliteAuditFlagStore;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.roots = new SqliteAuditRootStore(db);
    this.flags = new SqliteAuditFlagStore(db);
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

  async *scan(opts: { action: string; fromSeq: number }): AsyncIterable<AuditRecord> {
    let after = opts.fromSeq - 1;
    for (;;) {
      const rows = this.db.prepare('SELECT seq, body FROM audit WHERE action = ? AND seq > ? ORDER BY seq LIMIT ?').all(opts.action, after, BATCH) as { seq: number; body: string }[];
      for (const r of rows) yield JSON.parse(r.body);
      if (rows.length < BATCH) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  async getMany(seqs: readonly number[]): Promise<AuditRecord[]> {
    const stmt = this.db.prepare('SELECT body FROM audit WHERE seq = ?');
    return [...new Set(seqs)]
      .sort((a, b) => a - b)
      .map((seq) => stmt.get(seq) as { body: string } | undefined)
      .filter((r): r is { body: string } => r !== undefined)
      .map((r) => JSON.parse(r.body));
  }

  async firstSeqAt(at: number): Promise<number | undefined> {
    const r = this.db.prepare('SELECT min(seq) AS seq FROM audit WHERE at >= ?').get(at) as { seq: number | null };
    return r.seq === null ? undefined : Number(r.seq);
  }

  async span(from: number, to: number): Promise<{ records: number; firstSeq: number; lastSeq: number; root: string } | undefined> {
    const r = this.db.prepare('SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM audit WHERE at >= ? AND at < ?').get(from, to) as { n: number; first: number | null; last: number | null };
    if (!r.n || r.first === null || r.last === null) return undefined;
    const last = this.db.prepare('SELECT body FROM audit WHERE seq = ?').get(r.last) as { body: string };
    return { records: Number(r.n), firstSeq: Number(r.first), lastSeq: Number(r.last), root: (JSON.parse(last.body) as AuditRecord).hash };
  }

  async firstAtBetween(from: number, to: number): Promise<number | undefined> {
    const r = this.db.prepare('SELECT min(at) AS at FROM audit WHERE at >= ? AND at < ?').get(from, to) as { at: number | null };
    return r.at === null ? undefined : Number(r.at);
  }
}
