import type { DatabaseSync } from 'node:sqlite';
import type { AuditRoot, AuditRootStore } from '../store.types.ts';

interface RootRow {
  day: string;
  records: number;
  first_seq: number;
  last_seq: number;
  root: string;
  published_at: number;
}

const toRoot = (r: RootRow): AuditRoot => ({ day: r.day, records: Number(r.records), firstSeq: Number(r.first_seq), lastSeq: Number(r.last_seq), root: r.root, publishedAt: Number(r.published_at) });

/** Published daily roots; triggers refuse UPDATE and DELETE, so a day is published once. */
export class SqliteAuditRootStore implements AuditRootStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async publish(r: AuditRoot): Promise<boolean> {
    const res = this.db
      .prepare('INSERT INTO audit_roots (day, records, first_seq, last_seq, root, published_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING')
      .run(r.day, r.records, r.firstSeq, r.lastSeq, r.root, r.publishedAt);
    return Number(res.changes) === 1;
  }

  async latest(): Promise<AuditRoot | undefined> {
    const row = this.db.prepare('SELECT * FROM audit_roots ORDER BY day DESC LIMIT 1').get() as RootRow | undefined;
    return row ? toRoot(row) : undefined;
  }

  async list(fromDay?: string): Promise<AuditRoot[]> {
    const rows = this.db.prepare('SELECT * FROM audit_roots WHERE day >= ? ORDER BY day').all(fromDay ?? '') as unknown as RootRow[];
    return rows.map(toRoot);
  }
}
