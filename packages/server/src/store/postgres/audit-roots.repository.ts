import type { AuditRoot, AuditRootStore } from '../store.types.ts';
import { num } from './column.codec.ts';
import type { Db } from './pg.client.ts';

interface RootRow {
  day: string;
  records: number;
  first_seq: string;
  last_seq: string;
  root: string;
  published_at: string;
}

const toRoot = (r: RootRow): AuditRoot => ({ day: r.day, records: Number(r.records), firstSeq: num(r.first_seq), lastSeq: num(r.last_seq), root: r.root, publishedAt: num(r.published_at) });

/** Published daily roots; a trigger refuses UPDATE, DELETE and TRUNCATE. Two nodes publishing the same day: the first wins. */
export function auditRootRepository(db: Db): AuditRootStore {
  return {
    async publish(r) {
      const n = await db.exec(
        `INSERT INTO audit_roots (day, records, first_seq, last_seq, root, published_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (day) DO NOTHING`,
        [r.day, r.records, r.firstSeq, r.lastSeq, r.root, r.publishedAt],
      );
      return n === 1;
    },
    async latest() {
      const rows = await db.rows<RootRow>('SELECT * FROM audit_roots ORDER BY day DESC LIMIT 1');
      return rows[0] ? toRoot(rows[0]) : undefined;
    },
    async list(fromDay) {
      const rows = await db.rows<RootRow>('SELECT * FROM audit_roots WHERE day >= $1 ORDER BY day', [fromDay ?? '']);
      return rows.map(toRoot);
    },
  };
}
