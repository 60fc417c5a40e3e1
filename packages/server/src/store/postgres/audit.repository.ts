/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), hash-chained by
 * the caller. The caller numbers records (`seq`); the primary key turns two nodes racing for the
 * same number into a conflict for one of them instead of a forked chain.
 */
import type { Page } from '@openrtcc/domain';
import type { AuditRecord, AuditStore } from '../store.types.ts';
import { num, requireMs, setIf } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db } from './pg.client.ts';
import { auditFlagRepository } from './audit-flags.repository.ts';
import { auditRootRepository } from './audit-roots.repository.ts';

interface AuditRow {
  seq: string;
  id: string;
  at: string;
  actor: string;
  action: string;
  from_addr: string | null;
  outcome: string;
  justification: AuditRecord['justification'] | null;
  query: unknown;
  result_count: number | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

function toRecord(r: AuditRow): AuditRecord {
  const rec: AuditRecord = {
    seq: num(r.seq),
    id: r.id,
    at: num(r.at),
    actor: r.actor,
    action: r.action,
    outcome: r.outcome as AuditRecord['outcome'],
    prevHash: r.prev_hash,
    hash: r.hash,
  };
  setIf(rec, 'from', r.from_addr);
  setIf(rec, 'justification', r.justification);
  setIf(rec, 'query', r.query);
  setIf(rec, 'resultCount', r.result_count);
  setIf(rec, 'details', r.details);
  return rec;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Records per round trip when streaming the whole log. */
const BATCH = 1_000;

/** The AuditStore over a migrated schema. */
export function auditRepository(db: Db): AuditStore {
  return {
    async append(r) {
      await db.exec(
        `INSERT INTO audit_log (seq, id, at, actor, action, from_addr, outcome, justification, query,
           result_count, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          requireMs(r.seq, 'seq'),
          r.id,
          requireMs(r.at, 'at'),
          r.actor,
          r.action,
          r.from ?? null,
          r.outcome,
          json(r.justification),
          json(r.query),
          r.resultCount ?? null,
          json(r.details),
          r.prevHash,
          r.hash,
        ],
      );
    },

    async last() {
      const rows = await db.rows<AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
      return rows[0] ? toRecord(rows[0]) : undefined;
    },

    async list({ limit, cursor, action }): Promise<Page<AuditRecord>> {
      const values: unknown[] = [];
      const conds: string[] = [];
      if (action !== undefined) {
        values.push(action);
        conds.push(`action = $${values.length}`);
      }
      const totalWhere = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
      const totalValues = [...values];
      if (cursor) {
        const [seq] = decodeCursor(cursor, 'n');
        values.push(seq);
        conds.push(`seq < $${values.length}`);
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<AuditRow>(
          `SELECT * FROM audit_log ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
            ORDER BY seq DESC LIMIT $${values.length}`,
          values,
        ),
        db.rows<{ n: string }>(`SELECT count(*) AS n FROM audit_log ${totalWhere}`, totalValues),
      ]);
      const items = rows.slice(0, limit).map(toRecord);
      const last = items[items.length - 1];
      return {
        items,
        total: num(total[0].n),
        nextCursor: rows.length > limit && last ? encodeCursor([last.seq]) : null,
      };
    },

    async *all() {
      // Keyset batches rather than one cursor: no connection is held while the caller hashes.
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = await db.rows<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
          after,
          BATCH,
        ]);
        for (const r of rows) yield toRecord(r);
        if (rows.length < BATCH) return;
        after = num(rows[rows.length - 1].seq);
      }
    },

    async *scan({ action, fromSeq }) {
      let after = fromSeq - 1;
      for (;;) {
        const rows = await db.rows<AuditRow>('SELECT * FROM audit_log WHERE action = $1 AND seq > $2 ORDER BY seq LIMIT $3', [action, after, BATCH]);
        for (const r of rows) yield toRecord(r);
        if (rows.length < BATCH) return;
        after = num(rows[rows.length - 1].seq);
      }
    },

    async getMany(seqs) {
      if (seqs.length === 0) return [];
      const rows = await db.rows<AuditRow>('SELECT * FROM audit_log WHERE seq = ANY($1::bigint[]) ORDER BY seq', [[...new Set(seqs)]]);
      return rows.map(toRecord);
    },

    async firstSeqAt(at) {
      const rows = await db.rows<{ seq: string | null }>('SELECT min(seq) AS seq FROM audit_log WHERE at >= $1', [at]);
      return rows[0].seq === null ? undefined : num(rows[0].seq);
    },

    async span(from, to) {
      const rows = await db.rows<{ n: string; first: string | null; last: string | null }>(
        'SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM audit_log WHERE at >= $1 AND at < $2',
        [from, to],
      );
      const r = rows[0];
      if (r.first === null || r.last === null) return undefined;
      const last = await db.rows<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [r.last]);
      return { records: num(r.n), firstSeq: num(r.first), lastSeq: num(r.last), root: last[0].hash };
    },

    async firstAtBetween(from, to) {
      const rows = await db.rows<{ at: string | null }>('SELECT min(at) AS at FROM audit_log WHERE at >= $1 AND at < $2', [from, to]);
      return rows[0].at === null ? undefined : num(rows[0].at);
    },

    roots: auditRootRepository(db),
    flags: auditFlagRepository(db),
  };
}
