/**
 * Plate reads in PostgreSQL. Idempotency across nodes rests on `read_keys`: an append claims
 * each (source_system, source_event_id) with INSERT … ON CONFLICT DO NOTHING, and only the
 * claims it won become reads, in the same transaction, so a crash never leaves a key without
 * its read. A concurrent claim of the same key waits for the other transaction and then sees
 * its row.
 */
import type { PlateRead } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { AppendOptions, AppendResult, NewRead, ReadStore } from '../store.types.ts';
import { insertHits } from './hit.repository.ts';
import { isReadId, num } from './column.codec.ts';
import { checkNewReads } from '../new-read.check.ts';
import type { Db } from './pg.client.ts';
import { partitionManager } from './read-partition.manager.ts';
import { deleteReadsBefore } from './read-retention.ts';
import { INSERT_READS_SQL, READ_COLUMNS, toColumnArrays, toPlateRead, toReadRow, type ReadRow } from './read-row.mapper.ts';
import { searchReads } from './read-search.query.ts';

interface KeyRow {
  source_system: string;
  source_event_id: string;
  read_id: string;
}

// NUL cannot occur in PostgreSQL text, so it cannot occur in either half of a stored key.
const keyOf = (system: string, eventId: string): string => `${system}\u0000${eventId}`;

/** The ReadStore over a migrated schema. */
export function readRepository(db: Db): ReadStore {
  const partitions = partitionManager(db);

  return {
    async append(reads: NewRead[], opts: AppendOptions = {}): Promise<AppendResult> {
      const { raise } = opts;
      if (reads.length === 0) return { stored: [], duplicates: [], hits: [] };
      checkNewReads(reads);
      // The first occurrence of a key in the batch is the candidate; later ones are duplicates of it.
      const first = new Map<string, number>();
      const candidates: number[] = [];
      for (let i = 0; i < reads.length; i++) {
        const k = keyOf(reads[i].sourceSystem, reads[i].sourceEventId);
        if (!first.has(k)) {
          first.set(k, i);
          candidates.push(i);
        }
      }
      await partitions.ensure(candidates.map((i) => reads[i].observedAt));

      const systems = candidates.map((i) => reads[i].sourceSystem);
      const eventIds = candidates.map((i) => reads[i].sourceEventId);
      const { won, existing, stored, hits } = await db.tx(async (sql) => {
        const claimed = await sql.rows<KeyRow>(
          `INSERT INTO read_keys (source_system, source_event_id, read_id)
           SELECT s, e, nextval('read_id_seq') FROM unnest($1::text[], $2::text[]) AS k(s, e)
           ON CONFLICT DO NOTHING
           RETURNING source_system, source_event_id, read_id`,
          [systems, eventIds],
        );
        const won = new Map(claimed.map((r) => [keyOf(r.source_system, r.source_event_id), r.read_id]));
        const existing = new Map<string, string>();
        if (claimed.length < candidates.length) {
          const lost = candidates.filter((i) => !won.has(keyOf(reads[i].sourceSystem, reads[i].sourceEventId)));
          const found = await sql.rows<KeyRow>(
            `SELECT k.source_system, k.source_event_id, k.read_id
               FROM read_keys k JOIN unnest($1::text[], $2::text[]) AS q(s, e)
                 ON k.source_system = q.s AND k.source_event_id = q.e`,
            [lost.map((i) => reads[i].sourceSystem), lost.map((i) => reads[i].sourceEventId)],
          );
          for (const r of found) existing.set(keyOf(r.source_system, r.source_event_id), r.read_id);
        }
        const rows: ReadRow[] = [];
        const inputIndex: number[] = [];
        for (const i of candidates) {
          const id = won.get(keyOf(reads[i].sourceSystem, reads[i].sourceEventId));
          if (id !== undefined) {
            rows.push(toReadRow(id, reads[i]));
            inputIndex.push(i);
          }
        }
        if (rows.length > 0) await sql.exec(INSERT_READS_SQL, toColumnArrays(rows));
        const stored = rows.map(toPlateRead);
        const hits = raise ? stored.flatMap((read, k) => raise(read, inputIndex[k])) : [];
        await insertHits(sql, hits);
        return { won, existing, stored, hits };
      });

      const duplicates: AppendResult['duplicates'] = [];
      for (let i = 0; i < reads.length; i++) {
        const k = keyOf(reads[i].sourceSystem, reads[i].sourceEventId);
        const isCandidate = first.get(k) === i;
        if (isCandidate && won.has(k)) continue;
        const id = won.get(k) ?? existing.get(k);
        if (id === undefined) {
          // The key vanished between the claim and the lookup (retention ran): ask for a retry.
          throw new AppError('unavailable', 'read key changed during append; retry');
        }
        duplicates.push({ index: i, id });
      }
      const result = { stored, duplicates, hits };
      opts.committed?.(result);
      return result;
    },

    async get(id: string): Promise<PlateRead | undefined> {
      if (!isReadId(id)) return undefined;
      const rows = await db.rows<ReadRow>(`SELECT ${READ_COLUMNS} FROM reads WHERE id = $1`, [id]);
      return rows[0] ? toPlateRead(rows[0]) : undefined;
    },

    async getMany(ids: string[]): Promise<PlateRead[]> {
      const valid = [...new Set(ids.filter(isReadId))];
      if (valid.length === 0) return [];
      const rows = await db.rows<ReadRow>(`SELECT ${READ_COLUMNS} FROM reads WHERE id = ANY($1::bigint[])`, [valid]);
      const byId = new Map(rows.map((r) => [r.id, toPlateRead(r)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    search: (query) => searchReads(db, query),

    deleteObservedBefore: (before, keep, windows) => deleteReadsBefore(db, partitions, before, keep, windows),

    async count(): Promise<number> {
      const rows = await db.rows<{ n: string }>('SELECT count(*) AS n FROM reads');
      return num(rows[0].n);
    },
  };
}
