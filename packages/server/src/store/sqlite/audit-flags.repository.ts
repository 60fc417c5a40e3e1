import type { DatabaseSync } from 'node:sqlite';
import type { Page } from '@openrtcc/domain';
import { mergeFlag } from '../../governance/audit-flag.merge.ts';
import type { AuditFlag, AuditFlagHit, AuditFlagReview, AuditFlagStore } from '../store.types.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { transaction } from './database.ts';

const CURSOR = 'search-flags';

/** The supervisor review queue: one JSON document per flag beside the columns lists need. */
export class SqliteAuditFlagStore implements AuditFlagStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async merge(hit: AuditFlagHit): Promise<void> {
    transaction(this.db, () => {
      const { flag, changed } = mergeFlag(this.read(hit.id), hit);
      if (changed) this.write(flag);
    });
  }

  async get(id: string): Promise<AuditFlag | undefined> {
    return this.read(id);
  }

  async list(opts: Parameters<AuditFlagStore['list']>[0]): Promise<Page<AuditFlag>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.status && opts.status !== 'all') {
      where.push('status = ?');
      args.push(opts.status);
    }
    if (opts.kind) {
      where.push('kind = ?');
      args.push(opts.kind);
    }
    if (opts.actor) {
      where.push('actor = ?');
      args.push(opts.actor);
    }
    const clause = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
    const total = Number((this.db.prepare(`SELECT count(*) AS n FROM audit_flags ${clause(where)}`).get(...args) as { n: number }).n);
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor);
      where.push('(last_at < ? OR (last_at = ? AND id < ?))');
      args.push(c.ts, c.ts, c.id);
    }
    const rows = this.db.prepare(`SELECT body FROM audit_flags ${clause(where)} ORDER BY last_at DESC, id DESC LIMIT ?`).all(...args, opts.limit + 1) as { body: string }[];
    const items: AuditFlag[] = rows.slice(0, opts.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.lastAt, last.id) : null };
  }

  async review(id: string, review: AuditFlagReview): Promise<AuditFlag | undefined> {
    return transaction(this.db, () => {
      const current = this.read(id);
      if (!current) return undefined;
      const flag: AuditFlag = { ...current, status: 'reviewed', review };
      this.write(flag);
      return flag;
    });
  }

  async cursor(): Promise<number> {
    const row = this.db.prepare('SELECT value FROM audit_flag_state WHERE name = ?').get(CURSOR) as { value: number } | undefined;
    return row ? Number(row.value) : 0;
  }

  /** Never moves back, as in PostgreSQL. */
  async saveCursor(seq: number): Promise<void> {
    this.db.prepare('INSERT INTO audit_flag_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)').run(CURSOR, seq);
  }

  async knownIncidentNumbers(numbers: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    const stmt = this.db.prepare('SELECT 1 AS hit FROM incidents WHERE source_incident_id = ? LIMIT 1');
    for (const n of new Set(numbers)) if (stmt.get(n)) known.add(n);
    return known;
  }

  private read(id: string): AuditFlag | undefined {
    const row = this.db.prepare('SELECT body FROM audit_flags WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? JSON.parse(row.body) : undefined;
  }

  private write(f: AuditFlag): void {
    this.db
      .prepare('INSERT INTO audit_flags (id, kind, actor, status, last_at, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, last_at = excluded.last_at, body = excluded.body')
      .run(f.id, f.kind, f.actor, f.status, f.lastAt, JSON.stringify(f));
  }
}
