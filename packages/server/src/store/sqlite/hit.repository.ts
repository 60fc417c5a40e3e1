import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Hit, HitVerification, Page } from '@openrtcc/domain';
import type { HitFilter, HitKeep, HitStore } from '../store.types.ts';
import { outsideWindows, windowsParam } from './retention-sql.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { transaction } from './database.ts';

/**
 * Writes hits inside the caller's transaction (the read store's append commits a read's hits
 * with it). A re-delivered hit must not be raised twice, nor undo its verification.
 */
export function insertHits(db: DatabaseSync, hits: Hit[]): void {
  if (hits.length === 0) return;
  let stmt = insertStatements.get(db);
  if (!stmt) {
    stmt = db.prepare('INSERT OR IGNORE INTO hits (id, read_id, hotlist_id, status, raised_at, body) VALUES (?, ?, ?, ?, ?, ?)');
    insertStatements.set(db, stmt);
  }
  for (const h of hits) stmt.run(h.id, h.readId, h.hotlistId, h.status, h.raisedAt, JSON.stringify(h));
}

/** The insert prepared once per connection: preparing costs more than inserting a hit, once per commit with hits. */
const insertStatements = new WeakMap<DatabaseSync, StatementSync>();

export class SqliteHitStore implements HitStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async insertMany(hits: Hit[]): Promise<void> {
    if (hits.length === 0) return;
    transaction(this.db, () => insertHits(this.db, hits));
  }

  async get(id: string): Promise<Hit | undefined> {
    const r = this.db.prepare('SELECT body FROM hits WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(filter: HitFilter): Promise<Page<Hit>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const status = filter.status ?? 'all';
    if (status === 'open' || status === 'pending') where.push("status = 'pending'");
    if (status === 'verified') where.push("status <> 'pending'");
    if (filter.hotlistId) {
      where.push('hotlist_id = ?');
      args.push(filter.hotlistId);
    }
    const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((this.db.prepare(`SELECT count(*) AS n FROM hits ${base}`).get(...args) as { n: number }).n);
    const pageWhere = [...where];
    const pageArgs = [...args];
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      pageWhere.push('(raised_at < ? OR (raised_at = ? AND id < ?))');
      pageArgs.push(c.ts, c.ts, c.id);
    }
    const rows = this.db
      .prepare(`SELECT body FROM hits ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY raised_at DESC, id DESC LIMIT ?`)
      .all(...pageArgs, filter.limit + 1) as { body: string }[];
    const items: Hit[] = rows.slice(0, filter.limit).map((r) => JSON.parse(r.body));
    const last = items[items.length - 1];
    return { items, total, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.raisedAt, last.id) : null };
  }

  async verify(id: string, verification: HitVerification): Promise<{ hit: Hit; changed: boolean } | undefined> {
    return transaction(this.db, () => {
      const r = this.db.prepare('SELECT body FROM hits WHERE id = ?').get(id) as { body: string } | undefined;
      if (!r) return undefined;
      const hit = JSON.parse(r.body) as Hit;
      if (hit.status !== 'pending') return { hit, changed: false };
      hit.status = verification.disposition;
      hit.verification = verification;
      this.db.prepare('UPDATE hits SET status = ?, body = ? WHERE id = ?').run(hit.status, JSON.stringify(hit), id);
      return { hit, changed: true };
    });
  }

  async readIdsWithHits(): Promise<Set<string>> {
    const rows = this.db.prepare('SELECT DISTINCT read_id FROM hits').all() as { read_id: string }[];
    return new Set(rows.map((r) => r.read_id));
  }

  async deleteRaisedBefore(before: number, keep: HitKeep): Promise<number> {
    const observed = "json_extract(body, '$.observedAt')";
    const plates = JSON.stringify(keep.plates.map((p) => [p.plate, p.window?.from ?? null, p.window?.to ?? null]));
    const r = this.db
      .prepare(
        `DELETE FROM hits WHERE raised_at < ?
           AND id NOT IN (SELECT value FROM json_each(?))
           AND read_id NOT IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (
             SELECT 1 FROM json_each(?) p
              WHERE (p.value ->> 0) IN (json_extract(body, '$.entryPlate'), json_extract(body, '$.readPlate'))
                AND ((p.value ->> 1) IS NULL OR (${observed} >= (p.value ->> 1) AND ${observed} < (p.value ->> 2))))
           AND ${outsideWindows(observed)}`,
      )
      .run(before, JSON.stringify([...keep.ids]), JSON.stringify([...keep.readIds]), plates, windowsParam(keep.windows));
    return Number(r.changes);
  }
}
