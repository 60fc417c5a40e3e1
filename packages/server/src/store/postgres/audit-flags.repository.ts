import type { Page } from '@openrtcc/domain';
import { mergeFlag } from '../../governance/audit-flag.merge.ts';
import type { AuditFlag, AuditFlagStore } from '../store.types.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db, Sql } from './pg.client.ts';

const CURSOR = 'search-flags';

async function write(sql: Sql, f: AuditFlag): Promise<void> {
  await sql.exec(
    `INSERT INTO audit_flags (id, kind, actor, status, last_at, body) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, last_at = excluded.last_at, body = excluded.body`,
    [f.id, f.kind, f.actor, f.status, f.lastAt, JSON.stringify(f)],
  );
}

async function readLocked(sql: Sql, id: string): Promise<AuditFlag | undefined> {
  const rows = await sql.rows<{ body: AuditFlag }>('SELECT body FROM audit_flags WHERE id = $1 FOR UPDATE', [id]);
  return rows[0]?.body;
}

/** The supervisor review queue: one jsonb document per flag; merges lock the row so two nodes' jobs add up. */
export function auditFlagRepository(db: Db): AuditFlagStore {
  return {
    async merge(hit) {
      await db.tx(async (sql) => {
        const { flag, changed } = mergeFlag(await readLocked(sql, hit.id), hit);
        if (changed) await write(sql, flag);
      });
    },
    async get(id) {
      const rows = await db.rows<{ body: AuditFlag }>('SELECT body FROM audit_flags WHERE id = $1', [id]);
      return rows[0]?.body;
    },
    async list({ status, kind, actor, limit, cursor }): Promise<Page<AuditFlag>> {
      const values: unknown[] = [];
      const conds: string[] = [];
      const add = (cond: (p: string) => string, v: unknown) => {
        values.push(v);
        conds.push(cond(`$${values.length}`));
      };
      if (status && status !== 'all') add((p) => `status = ${p}`, status);
      if (kind) add((p) => `kind = ${p}`, kind);
      if (actor) add((p) => `actor = ${p}`, actor);
      const totalWhere = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
      const totalValues = [...values];
      if (cursor) {
        const [at, id] = decodeCursor(cursor, 'ns');
        values.push(at, id);
        conds.push(`(last_at, id) < ($${values.length - 1}, $${values.length})`);
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<{ body: AuditFlag }>(`SELECT body FROM audit_flags ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY last_at DESC, id DESC LIMIT $${values.length}`, values),
        db.rows<{ n: string }>(`SELECT count(*) AS n FROM audit_flags ${totalWhere}`, totalValues),
      ]);
      const items = rows.slice(0, limit).map((r) => r.body);
      const last = items[items.length - 1];
      return { items, total: Number(total[0].n), nextCursor: rows.length > limit && last ? encodeCursor([last.lastAt, last.id]) : null };
    },
    async review(id, review) {
      return db.tx(async (sql) => {
        const current = await readLocked(sql, id);
        if (!current) return undefined;
        const flag: AuditFlag = { ...current, status: 'reviewed', review };
        await write(sql, flag);
        return flag;
      });
    },
    async cursor() {
      const rows = await db.rows<{ value: string }>('SELECT value FROM audit_flag_state WHERE name = $1', [CURSOR]);
      return rows[0] ? Number(rows[0].value) : 0;
    },
    async saveCursor(seq) {
      // GREATEST: a slower node finishing late never moves the cursor back
      await db.exec(
        `INSERT INTO audit_flag_state (name, value) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET value = GREATEST(audit_flag_state.value, excluded.value)`,
        [CURSOR, seq],
      );
    },
    async knownIncidentNumbers(numbers) {
      if (numbers.length === 0) return new Set();
      const rows = await db.rows<{ n: string }>('SELECT DISTINCT source_incident_id AS n FROM incidents WHERE source_incident_id = ANY($1::text[])', [[...new Set(numbers)]]);
      return new Set(rows.map((r) => r.n));
    },
  };
}
