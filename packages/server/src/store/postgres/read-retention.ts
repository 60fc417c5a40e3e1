/**
 * Retention for reads: whole day partitions are dropped rather than rows deleted, so expiring a
 * day costs one catalog change instead of a million-row DELETE and its vacuum.
 */
import type { Db } from './pg.client.ts';
import { isReadId, num, requireMs } from './column.codec.ts';
import { quoteIdent } from './migrate.runner.ts';
import { READ_COLUMNS } from './read-row.mapper.ts';
import { listDayPartitions, lockPartitions, type DayPartition, type PartitionManager } from './read-partition.manager.ts';
import type { TimeWindow } from '../store.types.ts';
import { outsideWindows, overlapsAny, windowParams } from './retention-sql.ts';

/**
 * Deletes every read observed before `before` whose id is not in `keep` and whose time is in
 * none of the held `windows`, with its idempotency key; returns how many reads were deleted.
 * A day a window touches is not dropped: its reads outside the window go row by row.
 */
export async function deleteReadsBefore(
  db: Db,
  partitions: PartitionManager,
  before: number,
  keep: Set<string> = new Set(),
  windows: TimeWindow[] = [],
): Promise<number> {
  requireMs(before, 'before');
  const keepIds = [...keep].filter(isReadId);
  let count = 0;
  for (const part of await listDayPartitions(db)) {
    if (part.to > before || overlapsAny(part.from, part.to, windows)) continue;
    count += await dropDay(db, part, keepIds);
    partitions.forget(part.from);
  }
  // The day `before` falls in, days a window touches, and anything the default partition holds.
  const rows = await db.tx((sql) =>
    sql.rows<{ n: string }>(
      `WITH gone AS (
         DELETE FROM reads WHERE observed_at < $1 AND NOT (id = ANY($2::bigint[])) AND ${outsideWindows('observed_at', 3)}
         RETURNING source_system, source_event_id
       ), keys AS (
         DELETE FROM read_keys k USING gone
          WHERE k.source_system = gone.source_system AND k.source_event_id = gone.source_event_id
       )
       SELECT count(*) AS n FROM gone`,
      [before, keepIds, ...windowParams(windows)],
    ),
  );
  return count + num(rows[0].n);
}

/**
 * Drops one day partition in one transaction. Kept reads move to the default partition first
 * (a detached day no longer routes rows to itself), so a hit's read outlives its day.
 *
 * Keys are deleted before the detach, so the parent table is locked only briefly. A read for
 * that day committed in between would be dropped with its key left behind, so a resend would be
 * reported as a duplicate; such a read is already past retention.
 */
async function dropDay(db: Db, part: DayPartition, keepIds: string[]): Promise<number> {
  const table = quoteIdent(part.name);
  return db.tx(async (sql) => {
    await lockPartitions(sql);
    const still = await listDayPartitions(sql);
    if (!still.some((p) => p.name === part.name)) return 0; // another node dropped it
    const [{ n }] = await sql.rows<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    await sql.exec(
      `DELETE FROM read_keys k USING ${table} r
        WHERE k.source_system = r.source_system AND k.source_event_id = r.source_event_id
          AND NOT (r.id = ANY($1::bigint[]))`,
      [keepIds],
    );
    await sql.exec(`ALTER TABLE reads DETACH PARTITION ${table}`);
    const kept =
      keepIds.length === 0
        ? 0
        : await sql.exec(
            `INSERT INTO reads (${READ_COLUMNS}) SELECT ${READ_COLUMNS} FROM ${table} WHERE id = ANY($1::bigint[])`,
            [keepIds],
          );
    await sql.exec(`DROP TABLE ${table}`);
    return num(n) - kept;
  });
}
