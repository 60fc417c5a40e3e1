/**
 * Hotlists, their entries and import history. `entry_count` is kept on the list row, recounted
 * in the transaction that changes entries, so listing lists never counts a million entries.
 */
import type { Hotlist, HotlistEntry, HotlistKind, IndexedEntry, MatchKind, Page } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { HotlistImportRecord, HotlistStore } from '../store.types.ts';
import { num, optNum, requireMs, setIf } from './column.codec.ts';
import type { Db, Sql } from './pg.client.ts';

interface HotlistRow {
  id: string;
  name: string;
  kind: string;
  priority: number;
  match_kinds: string[];
  description: string | null;
  created_at: string;
  version: number;
  last_import_at: string | null;
  entry_count: number;
}

interface EntryRow {
  id: string;
  hotlist_id: string;
  plate: string;
  plate_raw: string;
  state: string | null;
  reason: string;
  file_code: string | null;
  record_id: string | null;
  ori: string | null;
  entered_at: string | null;
  expires_at: string | null;
  vehicle: HotlistEntry['vehicle'] | null;
  import_version: number;
  created_at: string;
  created_by: string;
}

type ActiveEntryRow = Pick<EntryRow, 'id' | 'hotlist_id' | 'plate' | 'state' | 'expires_at'>;

interface ImportRow {
  id: string;
  hotlist_id: string;
  version: number;
  format: string;
  mode: string;
  imported_at: string;
  imported_by: string;
  accepted: number;
  rejected: number;
  expired_skipped: number;
  rejections: HotlistImportRecord['rejections'];
}

function toHotlist(r: HotlistRow): Hotlist {
  const h: Hotlist = {
    id: r.id,
    name: r.name,
    kind: r.kind as HotlistKind,
    priority: r.priority,
    matchKinds: r.match_kinds as MatchKind[],
    createdAt: num(r.created_at),
    version: r.version,
    entryCount: r.entry_count,
  };
  setIf(h, 'description', r.description);
  setIf(h, 'lastImportAt', optNum(r.last_import_at));
  return h;
}

function toEntry(r: EntryRow): HotlistEntry {
  const e: HotlistEntry = {
    id: r.id,
    hotlistId: r.hotlist_id,
    plate: r.plate,
    plateRaw: r.plate_raw,
    reason: r.reason,
    importVersion: r.import_version,
    createdAt: num(r.created_at),
    createdBy: r.created_by,
  };
  setIf(e, 'state', r.state);
  setIf(e, 'fileCode', r.file_code);
  setIf(e, 'recordId', r.record_id);
  setIf(e, 'ori', r.ori);
  setIf(e, 'enteredAt', optNum(r.entered_at));
  setIf(e, 'expiresAt', optNum(r.expires_at));
  setIf(e, 'vehicle', r.vehicle);
  return e;
}

function toIndexedEntry(r: ActiveEntryRow): IndexedEntry {
  const e: IndexedEntry = { id: r.id, hotlistId: r.hotlist_id, plate: r.plate };
  setIf(e, 'state', r.state);
  setIf(e, 'expiresAt', optNum(r.expires_at));
  return e;
}

function toImport(r: ImportRow): HotlistImportRecord {
  return {
    id: r.id,
    hotlistId: r.hotlist_id,
    version: r.version,
    format: r.format,
    mode: r.mode as HotlistImportRecord['mode'],
    importedAt: num(r.imported_at),
    importedBy: r.imported_by,
    accepted: r.accepted,
    rejected: r.rejected,
    expiredSkipped: r.expired_skipped,
    rejections: r.rejections,
  };
}

const ENTRY_COLUMNS =
  'id, hotlist_id, plate, plate_raw, state, reason, file_code, record_id, ori, entered_at, expires_at, ' +
  'vehicle, import_version, created_at, created_by';

/** Large imports go in slices so one statement's parameter arrays stay a few MB. */
const CHUNK = 5_000;

/**
 * Upserts entries into `hotlistId` (the list id given wins over the entries' own), with
 * `importVersion` forced when `version` is given.
 */
async function upsertEntries(sql: Sql, hotlistId: string, entries: HotlistEntry[], version?: number): Promise<void> {
  for (let at = 0; at < entries.length; at += CHUNK) {
    const part = entries.slice(at, at + CHUNK);
    await sql.exec(
      `INSERT INTO hotlist_entries (${ENTRY_COLUMNS})
       SELECT u.id, $2::text, u.plate, u.plate_raw, u.state, u.reason, u.file_code, u.record_id, u.ori,
              u.entered_at, u.expires_at, u.vehicle, u.import_version, u.created_at, u.created_by
         FROM unnest($1::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::bigint[], $11::bigint[], $12::jsonb[], $13::int[], $14::bigint[], $15::text[])
           AS u(id, plate, plate_raw, state, reason, file_code, record_id, ori, entered_at, expires_at,
                vehicle, import_version, created_at, created_by)
       ON CONFLICT (id) DO UPDATE SET
         hotlist_id = EXCLUDED.hotlist_id, plate = EXCLUDED.plate, plate_raw = EXCLUDED.plate_raw,
         state = EXCLUDED.state, reason = EXCLUDED.reason, file_code = EXCLUDED.file_code,
         record_id = EXCLUDED.record_id, ori = EXCLUDED.ori, entered_at = EXCLUDED.entered_at,
         expires_at = EXCLUDED.expires_at, vehicle = EXCLUDED.vehicle,
         import_version = EXCLUDED.import_version, created_at = EXCLUDED.created_at,
         created_by = EXCLUDED.created_by`,
      [
        part.map((e) => e.id),
        hotlistId,
        part.map((e) => e.plate),
        part.map((e) => e.plateRaw),
        part.map((e) => e.state ?? null),
        part.map((e) => e.reason),
        part.map((e) => e.fileCode ?? null),
        part.map((e) => e.recordId ?? null),
        part.map((e) => e.ori ?? null),
        part.map((e) => e.enteredAt ?? null),
        part.map((e) => e.expiresAt ?? null),
        part.map((e) => (e.vehicle ? JSON.stringify(e.vehicle) : null)),
        part.map((e) => version ?? e.importVersion),
        part.map((e) => e.createdAt),
        part.map((e) => e.createdBy),
      ],
    );
  }
}

/** Locks the list row for the transaction; throws when the list does not exist. */
async function lockList(sql: Sql, hotlistId: string): Promise<void> {
  const rows = await sql.rows('SELECT 1 FROM hotlists WHERE id = $1 FOR UPDATE', [hotlistId]);
  if (rows.length === 0) throw new AppError('not_found_or_forbidden', `hotlist ${hotlistId} not found`);
}

async function recount(sql: Sql, hotlistId: string): Promise<void> {
  await sql.exec(
    'UPDATE hotlists SET entry_count = (SELECT count(*) FROM hotlist_entries WHERE hotlist_id = $1) WHERE id = $1',
    [hotlistId],
  );
}

/** The HotlistStore over a migrated schema. */
export function hotlistRepository(db: Db): HotlistStore {
  return {
    async create(list) {
      requireMs(list.createdAt, 'createdAt');
      const rows = await db.rows<HotlistRow>(
        `INSERT INTO hotlists (id, name, kind, priority, match_kinds, description, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [list.id, list.name, list.kind, list.priority, list.matchKinds, list.description ?? null, list.createdAt],
      );
      return toHotlist(rows[0]);
    },

    async get(id) {
      const rows = await db.rows<HotlistRow>('SELECT * FROM hotlists WHERE id = $1', [id]);
      return rows[0] ? toHotlist(rows[0]) : undefined;
    },

    async list() {
      const rows = await db.rows<HotlistRow>('SELECT * FROM hotlists ORDER BY priority, name, id');
      return rows.map(toHotlist);
    },

    async addEntries(hotlistId, entries) {
      await db.tx(async (sql) => {
        await lockList(sql, hotlistId);
        await upsertEntries(sql, hotlistId, entries);
        await recount(sql, hotlistId);
      });
    },

    async replaceEntries(hotlistId, version, entries, at) {
      requireMs(at, 'at');
      await db.tx(async (sql) => {
        await lockList(sql, hotlistId);
        await sql.exec('DELETE FROM hotlist_entries WHERE hotlist_id = $1 AND import_version > 0 AND import_version < $2', [hotlistId, version]);
        await upsertEntries(sql, hotlistId, entries, version);
        await sql.exec('UPDATE hotlists SET version = $2, last_import_at = $3 WHERE id = $1', [hotlistId, version, at]);
        await recount(sql, hotlistId);
      });
    },

    async setVersion(hotlistId, version, at) {
      const n = await db.exec('UPDATE hotlists SET version = $2, last_import_at = $3 WHERE id = $1', [
        hotlistId,
        version,
        requireMs(at, 'at'),
      ]);
      if (n === 0) throw new AppError('not_found_or_forbidden', `hotlist ${hotlistId} not found`);
    },

    async removeEntry(hotlistId, entryId) {
      return db.tx(async (sql) => {
        const n = await sql.exec('DELETE FROM hotlist_entries WHERE hotlist_id = $1 AND id = $2', [hotlistId, entryId]);
        if (n > 0) await sql.exec('UPDATE hotlists SET entry_count = entry_count - $2 WHERE id = $1', [hotlistId, n]);
        return n > 0;
      });
    },

    async getEntry(entryId) {
      const rows = await db.rows<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM hotlist_entries WHERE id = $1`, [entryId]);
      return rows[0] ? toEntry(rows[0]) : undefined;
    },

    async listEntries(hotlistId, { limit, offset }): Promise<Page<HotlistEntry>> {
      const [rows, total] = await Promise.all([
        db.rows<EntryRow>(
          `SELECT ${ENTRY_COLUMNS} FROM hotlist_entries WHERE hotlist_id = $1
            ORDER BY plate, id LIMIT $2 OFFSET $3`,
          [hotlistId, limit, offset],
        ),
        db.rows<{ n: string }>('SELECT count(*) AS n FROM hotlist_entries WHERE hotlist_id = $1', [hotlistId]),
      ]);
      const n = num(total[0].n);
      return { items: rows.map(toEntry), total: n, nextCursor: offset + rows.length < n ? String(offset + rows.length) : null };
    },

    async *activeEntries(now, hotlistId) {
      // keyset pages by id: a bounded batch in memory at a time, whatever the list size
      let after = '';
      for (;;) {
        const rows = await db.rows<ActiveEntryRow>(
          `SELECT id, hotlist_id, plate, state, expires_at FROM hotlist_entries
            WHERE (expires_at IS NULL OR expires_at > $1) AND id > $2 AND ($3::text IS NULL OR hotlist_id = $3)
            ORDER BY id LIMIT 10000`,
          [requireMs(now, 'now'), after, hotlistId ?? null],
        );
        if (rows.length > 0) yield rows.map(toIndexedEntry);
        if (rows.length < 10000) return;
        after = rows[rows.length - 1].id;
      }
    },

    async recordImport(r) {
      await db.exec(
        `INSERT INTO hotlist_imports (id, hotlist_id, version, format, mode, imported_at, imported_by,
           accepted, rejected, expired_skipped, rejections)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          r.id, r.hotlistId, r.version, r.format, r.mode, r.importedAt, r.importedBy,
          r.accepted, r.rejected, r.expiredSkipped, JSON.stringify(r.rejections),
        ],
      );
    },

    async listImports(hotlistId) {
      const rows = await db.rows<ImportRow>(
        'SELECT * FROM hotlist_imports WHERE hotlist_id = $1 ORDER BY version DESC, imported_at DESC',
        [hotlistId],
      );
      return rows.map(toImport);
    },
  };
}
