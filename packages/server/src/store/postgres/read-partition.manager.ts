/**
 * Day partitions of `reads`: created on demand before an append, dropped whole by retention.
 *
 * Creation and dropping take one advisory lock per schema so two nodes never race on the same
 * partition. The default partition is the safety net: a day whose rows already sit in it (a day
 * retention emptied but kept hit-linked reads of, or a node that missed a partition) is left
 * there, because PostgreSQL refuses a new partition whose range the default already holds.
 */
import type { Db, Sql } from './pg.client.ts';
import { num } from './column.codec.ts';
import { quoteIdent } from './migrate.runner.ts';

export const DAY_MS = 86_400_000;

export interface DayPartition {
  name: string;
  from: number;
  to: number;
}

/** Start of the UTC day holding `t`. */
export function dayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** `reads_p20240131` for ordinary dates; a day-number name outside years 1000–9999. */
export function partitionName(day: number): string {
  const iso = new Date(day).toISOString();
  if (/^[1-9][0-9]{3}-/.test(iso)) return `reads_p${iso.slice(0, 10).replaceAll('-', '')}`;
  const n = Math.floor(day / DAY_MS);
  return n < 0 ? `reads_dm${-n}` : `reads_d${n}`;
}

/** The day partitions that exist now (the default partition excluded), oldest first. */
export async function listDayPartitions(sql: Sql): Promise<DayPartition[]> {
  const rows = await sql.rows<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'reads'::regclass`,
  );
  const out: DayPartition[] = [];
  for (const r of rows) {
    const m = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(r.bound);
    if (m) out.push({ name: r.name, from: num(m[1]), to: num(m[2]) });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Takes the schema's partition lock for the rest of the transaction. */
export async function lockPartitions(sql: Sql): Promise<void> {
  await sql.rows(`SELECT pg_advisory_xact_lock(hashtext('openrtcc:partitions:' || current_schema()))`);
}

export interface PartitionManager {
  /** Makes sure a partition exists for the day of each time (idempotent, cached). */
  ensure(times: number[]): Promise<void>;
  /** Forgets a dropped day so a later append checks again. */
  forget(day: number): void;
}

/** A partition manager for one store; it caches the days it has already seen. */
export function partitionManager(db: Db): PartitionManager {
  const known = new Set<number>();
  return {
    async ensure(times) {
      const days = [...new Set(times.map(dayStart))].filter((d) => !known.has(d));
      if (days.length === 0) return;
      await db.tx(async (sql) => {
        await lockPartitions(sql);
        const existing = new Set((await listDayPartitions(sql)).map((p) => p.from));
        for (const day of days) {
          if (!existing.has(day)) {
            const inDefault = await sql.rows(
              'SELECT 1 FROM reads_default WHERE observed_at >= $1 AND observed_at < $2 LIMIT 1',
              [day, day + DAY_MS],
            );
            if (inDefault.length === 0) {
              await sql.exec(
                `CREATE TABLE ${quoteIdent(partitionName(day))} PARTITION OF reads
                   FOR VALUES FROM (${day}) TO (${day + DAY_MS})`,
              );
            }
          }
        }
      });
      // Only after commit: a rolled-back creation must be retried by the next append.
      for (const day of days) known.add(day);
    },
    forget(day) {
      known.delete(day);
    },
  };
}
