/**
 * Embedded read store: append-only day partitions (`reads_YYYYMMDD`, by UTC day of receipt,
 * so each holds one contiguous id range and retention drops whole tables), no secondary
 * B-trees on disk, and the in-memory ReadIndex for search. Appends are group-committed: every
 * append waiting when the flush runs shares one transaction, and each promise resolves only
 * after COMMIT, so an acknowledged read is durable.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { matchesVehicle, type Page, type PlateRead, type VehicleFilter } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import { VEHICLE_CANDIDATES_MAX, type AppendOptions, type AppendResult, type NewRead, type ReadQuery, type ReadStore, type TimeWindow } from '../store.types.ts';
import { outsideWindows, overlapsAny, windowsParam } from './retention-sql.ts';
import { readTableSql } from './database.ts';
import { insertHits } from './hit.repository.ts';
import { KeySet, eventKeyHash } from './key-set.ts';
import { ReadIndex, type IndexQuery } from './read-index.ts';
import { SnapshotError, SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { COL, freshRead, handedOverRead, rowKeys, rowToRead, readToRow, ROW_COLUMNS, type ReadRow } from './read-row.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { checkNewReads } from '../new-read.check.ts';
import { pageAfterCursor, tooManyVehicleCandidates, type VehicleMatch } from '../vehicle-filter.ts';

const DAY = 86_400_000;
const KEPT = 'reads_kept';
const LOC_SOURCES = ['device', 'registry', 'geocoded'] as const;

interface Partition {
  name: string;
  day: number;
  minId: number;
}

interface Job {
  reads: NewRead[];
  opts: AppendOptions;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

export interface SqliteReadStoreOptions {
  /** Largest number of reads in one commit; more waiting reads take further commits. */
  maxBatch?: number;
  /**
   * Resolves once what was committed is on disk (WalSync), when the connection's own commits do
   * not sync; appends are acknowledged only after it.
   */
  durable?: () => Promise<void>;
  /**
   * Where the search index is saved at a clean close and loaded from at the next open (with the
   * reads stored after it added), instead of being rebuilt from every stored read. None: always rebuilt.
   */
  snapshotPath?: string;
  /** Sync the saved index before it counts as saved (false only with RTCC_SQLITE_SYNC=normal). */
  syncSnapshot?: boolean;
}

/** How the store's in-memory index came to be at open: loaded from its snapshot, or rebuilt from the tables. */
export interface ReadIndexOrigin {
  from: 'snapshot' | 'tables';
  /** Reads added from the tables: every read when rebuilt, those stored after the snapshot when loaded. */
  readsFromTables: number;
  /** Why a snapshot on disk was not used. */
  snapshotRefused?: string;
}

/** The `meta` row naming the snapshot that belongs to this database; deleted when the reads change other than by appending. */
const SNAPSHOT_META = 'read_index_snapshot';

/**
 * Up to this many ids in one day table are fetched by rowid one at a time; more by one
 * set-valued query (`json_each`), which costs more to start but less per row.
 */
const POINT_LOOKUPS_MAX = 4;

/** Rows per multi-row INSERT: one statement call per 32 reads instead of one per read. */
const ROWS_PER_INSERT = 32;

/** Gathers the rows of one commit into multi-row INSERTs, per partition, in order. */
class RowWriter {
  private table = '';
  private rows: ReadRow[] = [];
  private readonly write: (table: string, rows: ReadRow[]) => void;

  constructor(write: (table: string, rows: ReadRow[]) => void) {
    this.write = write;
  }

  add(table: string, row: ReadRow): void {
    if (table !== this.table) this.end();
    this.table = table;
    this.rows.push(row);
    if (this.rows.length === ROWS_PER_INSERT) {
      this.write(table, this.rows);
      this.rows = [];
    }
  }

  /** Writes what is left, one row per statement (sizes other than 1 and 32 are never prepared). */
  end(): void {
    for (const row of this.rows) this.write(this.table, [row]);
    this.rows = [];
  }
}

export class SqliteReadStore implements ReadStore {
  private readonly db: DatabaseSync;
  /** The search index (replaced whole when a snapshot is loaded). */
  index = new ReadIndex();
  private keys = new KeySet();
  private partitions: Partition[] = [];
  private readonly inserts = new Map<string, StatementSync>();
  /** The bound values of one multi-row INSERT (insertInto). */
  private readonly insertValues: SQLInputValue[] = new Array(ROWS_PER_INSERT * ROW_COLUMNS.length).fill(null);
  /** Prepared statements by SQL text: preparing costs tens of µs, more than running most of them. */
  private readonly statements = new Map<string, StatementSync>();
  private readonly cameraIds = new Map<string, number>();
  private cameraNames: string[] = [];
  private readonly sourceIds = new Map<string, number>();
  private sourceNames: string[] = [];
  private nextId = 1;
  private queue: Job[] = [];
  private scheduled = false;
  private readonly maxBatch: number;
  private unsavedPlates: number[] = [];
  /** Plate ids whose text retention erased from the `plates` table (erasePlatesWithoutReads). */
  private readonly erasedPlates = new Set<number>();
  /** Erased plates written back in the transaction being built (re-queued if it rolls back). */
  private rewrittenPlates: number[] = [];
  private closed = false;
  private readonly durable?: () => Promise<void>;
  /** Commits whose appends wait for `durable`. */
  private syncing = 0;
  private readonly snapshotPath?: string;
  private readonly syncSnapshot: boolean;
  /** How the index was built at open. */
  origin: ReadIndexOrigin = { from: 'tables', readsFromTables: 0 };
  /** What the last `close` saved of the index (bytes of the file, seconds taken), if anything. */
  saved?: { bytes: number; seconds: number };
  /** Counts retention steps that deleted reads: a save begun before the last one is stale. */
  private deletions = 0;
  /** The index being saved in the background after retention (`saveInBackground`). */
  private saving?: Promise<void>;

  constructor(db: DatabaseSync, opts: SqliteReadStoreOptions = {}) {
    this.db = db;
    this.maxBatch = opts.maxBatch ?? 20_000;
    this.durable = opts.durable;
    this.snapshotPath = opts.snapshotPath;
    this.syncSnapshot = opts.syncSnapshot ?? true;
    this.load();
  }

  append(reads: NewRead[], opts: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'store is closed'));
    if (reads.length === 0) return Promise.resolve({ stored: [], duplicates: [], hits: [] });
    try {
      checkNewReads(reads);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ reads, opts, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async get(id: string): Promise<PlateRead | undefined> {
    return (await this.getMany([id]))[0];
  }

  async getMany(ids: string[]): Promise<PlateRead[]> {
    const nums = ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    const rows = this.fetchRows(nums);
    const out: PlateRead[] = [];
    for (const n of nums) {
      const row = rows.get(n);
      if (row) out.push(this.toRead(row));
    }
    return out;
  }

  async search(q: ReadQuery): Promise<Page<PlateRead>> {
    let plateIds: ArrayLike<number> | undefined;
    const f = q.plate;
    if (f.kind === 'exact') {
      const id = this.index.plates.id(f.plate);
      plateIds = id === undefined ? [] : [id];
    } else if (f.kind === 'pattern') {
      plateIds = this.index.plates.matchPattern(f.pattern);
    } else if (f.kind === 'fuzzy') {
      plateIds = this.index.plates.matchFuzzy(f.plate);
    }
    let cameras: number[] | undefined;
    if (q.cameraIds) {
      cameras = [];
      for (const c of q.cameraIds) {
        const k = this.cameraIds.get(c);
        if (k !== undefined) cameras.push(k - 1);
      }
    }
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (q.vehicle) {
      const base = { plateIds, cameras, from: q.from ?? -Infinity, to: q.to ?? Infinity, area: q.area };
      return this.searchByVehicle(q.vehicle, base, before ? { ts: before.ts, id: Number(before.id) } : undefined, q.limit);
    }
    const res = this.index.search({
      plateIds,
      cameras,
      from: q.from ?? -Infinity,
      to: q.to ?? Infinity,
      area: q.area,
      limit: q.limit,
      before: before ? { ts: before.ts, id: Number(before.id) } : undefined,
    });
    const rows = this.fetchRows(res.ids);
    const items: PlateRead[] = [];
    for (const id of res.ids) {
      const row = rows.get(id);
      if (row) items.push(this.toRead(row));
    }
    const more = res.last !== undefined && res.remaining > res.ids.length;
    return {
      items,
      total: res.total,
      nextCursor: more && res.last ? encodeCursor(res.last.ts, String(res.last.id)) : null,
    };
  }

  /** The vehicle filter over every read the other filters select, checked row by row (store/vehicle-filter.ts). */
  private searchByVehicle(vehicle: VehicleFilter, base: Omit<IndexQuery, 'limit' | 'before'>, before: { ts: number; id: number } | undefined, limit: number): Page<PlateRead> {
    const all = this.index.search({ ...base, limit: VEHICLE_CANDIDATES_MAX });
    if (all.total > VEHICLE_CANDIDATES_MAX) throw tooManyVehicleCandidates(all.total);
    const matches: VehicleMatch<number>[] = [];
    for (let i = 0; i < all.ids.length; i += 2000) {
      const chunk = all.ids.slice(i, i + 2000);
      const rows = this.fetchRows(chunk);
      for (const id of chunk) {
        const row = rows.get(id);
        if (row && matchesVehicle(this.toRead(row).vehicle, vehicle)) matches.push({ ts: this.index.observedAt(id), id });
      }
    }
    const { page, more } = pageAfterCursor(matches, before, limit);
    const rows = this.fetchRows(page.map((m) => m.id));
    const items = page.flatMap((m) => (rows.has(m.id) ? [this.toRead(rows.get(m.id)!)] : []));
    const last = page[page.length - 1];
    return { items, total: matches.length, nextCursor: more && last ? encodeCursor(last.ts, String(last.id)) : null };
  }

  async deleteObservedBefore(before: number, keep: Set<string> = new Set(), windows: TimeWindow[] = []): Promise<number> {
    await this.drain();
    const keepJson = JSON.stringify([...keep].map(Number).filter(Number.isSafeInteger));
    const heldJson = windowsParam(windows);
    // a read inside a held window is deleted by rows, never by dropping its day
    const doomed = `observed_at < ? AND id NOT IN (SELECT value FROM json_each(?)) AND ${outsideWindows('observed_at')}`;
    // what the index and the key set need to forget a read, from the rows themselves: no kept read is read again
    const gone = 'id, plate_id, lon_e6, lat_e6, source, event_id';
    let deleted = 0;
    const parts = this.partitions;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p];
      const maxId = p + 1 < parts.length ? parts[p + 1].minId - 1 : this.nextId - 1;
      let newest = -Infinity;
      let oldest = Infinity;
      for (let id = part.minId; id <= maxId; id++) {
        const t = this.index.observedAt(id);
        if (Number.isNaN(t)) continue;
        if (t > newest) newest = t;
        if (t < oldest) oldest = t;
      }
      if (newest < before && !overlapsAny(oldest, newest, windows)) {
        deleted += this.retentionTransaction(() => {
          this.db
            .prepare(`INSERT OR IGNORE INTO ${KEPT} SELECT * FROM ${part.name} WHERE id IN (SELECT value FROM json_each(?))`)
            .run(keepJson);
          const n = this.forgetRows(this.db.prepare(`SELECT ${gone} FROM ${part.name} WHERE id NOT IN (SELECT value FROM json_each(?))`), keepJson);
          this.db.exec(`DROP TABLE ${part.name}`);
          this.db.prepare('DELETE FROM read_partitions WHERE name = ?').run(part.name);
          return n;
        });
        this.partitions = this.partitions.filter((x) => x !== part);
        for (const key of this.inserts.keys()) if (key.startsWith(`${part.name}:`)) this.inserts.delete(key);
        for (const sql of this.statements.keys()) if (sql.includes(` ${part.name} `)) this.statements.delete(sql);
        continue;
      }
      if (oldest < before) {
        deleted += this.retentionTransaction(() =>
          this.forgetRows(this.stmt(`DELETE FROM ${part.name} WHERE ${doomed} RETURNING ${gone}`), before, keepJson, heldJson),
        );
      }
    }
    deleted += this.retentionTransaction(() => this.forgetRows(this.stmt(`DELETE FROM ${KEPT} WHERE ${doomed} RETURNING ${gone}`), before, keepJson, heldJson));
    if (deleted > 0) {
      this.index.reclaim();
      this.erasePlatesWithoutReads();
      this.saveInBackground();
    }
    return deleted;
  }

  /**
   * Runs one retention step in a transaction. The step forgets reads in memory as it deletes
   * them; if it fails, the rollback brings them back on disk, so the index is rebuilt from disk.
   */
  private retentionTransaction(step: () => number): number {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const n = step();
      // the saved index still holds these reads: it no longer belongs to the database
      if (n > 0) this.stmt(`DELETE FROM meta WHERE key = '${SNAPSHOT_META}'`).run();
      this.db.exec('COMMIT');
      if (n > 0) {
        this.deletions++;
        this.removeSnapshotFile();
      }
      return n;
    } catch (e) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // the transaction may already be gone
      }
      this.rebuildIndex();
      throw e;
    }
  }

  /** Forgets each read `stmt` returns (as `id, plate_id, lon_e6, lat_e6, source, event_id`) in the index and the key set; returns how many. */
  private forgetRows(stmt: StatementSync, ...params: (string | number)[]): number {
    stmt.setReturnArrays(true);
    let n = 0;
    for (const r of stmt.iterate(...params) as Iterable<unknown[]>) {
      const id = Number(r[0]);
      this.index.forget(id, Number(r[1]), r[2] == null ? NaN : Number(r[2]) / 1e6, r[3] == null ? NaN : Number(r[3]) / 1e6);
      this.keys.remove(`${r[4]}\u0000${r[5]}`, id);
      n++;
    }
    return n;
  }

  /**
   * After retention: the text of every plate no stored read has any more is erased from the
   * `plates` table (its id stays, empty, so later ids keep their numbers), so a deleted read
   * leaves no trace of its plate in the database file's live tables. The in-memory dictionary
   * keeps the text until the next start, so a later read of that plate reuses the id and writes
   * the text back (`plateKey`).
   */
  private erasePlatesWithoutReads(): void {
    const erase = this.stmt("UPDATE plates SET plate = '' WHERE id = ? AND plate <> ''");
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (let id = 0; id < this.index.plates.size; id++) {
        if (this.index.plateCount(id) > 0 || this.erasedPlates.has(id) || this.index.plates.plate(id) === '') continue;
        erase.run(id);
        this.erasedPlates.add(id);
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  async count(): Promise<number> {
    await this.drain();
    return this.index.size;
  }

  /** Waits until every append queued so far has been committed (and synced) or failed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled || this.syncing > 0) await new Promise((r) => setImmediate(r));
  }

  /** Stops taking appends once those queued are stored, then saves the search index (`saveSnapshot`). */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    await this.saving;
    this.saveSnapshot();
  }

  /** Resolves once the index being saved in the background after retention (if any) is saved or given up. */
  async snapshotSaved(): Promise<void> {
    while (this.saving) await this.saving;
  }

  /**
   * Bytes of the in-memory search structures, for benchmarks and health: the index's per-read
   * structures, its per-plate arrays, the plate dictionary, the idempotency keys.
   */
  memory(): { indexBytes: number; indexPlateBytes: number; plateDictionaryBytes: number; keySetBytes: number; reads: number; plates: number } {
    return {
      indexBytes: this.index.bytes(),
      indexPlateBytes: this.index.plateBytes(),
      plateDictionaryBytes: this.index.plates.memoryBytes(),
      keySetBytes: this.keys.bytes(),
      reads: this.index.size,
      plates: this.index.plates.size,
    };
  }

  // --- group commit ---------------------------------------------------------------------

  private flush(): void {
    this.scheduled = false;
    const jobs: Job[] = [];
    let n = 0;
    while (this.queue.length > 0 && (n === 0 || n + this.queue[0].reads.length <= this.maxBatch)) {
      const job = this.queue.shift()!;
      jobs.push(job);
      n += job.reads.length;
    }
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const firstId = this.nextId;
    // this commit's rows (row k has id firstId + k); their keys enter the key set as they are
    // built, so a repeat later in the same commit is found there too
    const rows: ReadRow[] = [];
    const results: AppendResult[] = jobs.map(() => ({ stored: [], duplicates: [], hits: [] }));
    // the key being looked up, compared only when a hash is already taken
    let source = 0;
    let eventId = '';
    const isKey = (id: number): boolean => {
      if (id < firstId) return this.keyOf(id) === `${source}\u0000${eventId}`;
      const row = rows[id - firstId];
      return row[COL.source] === source && row[COL.eventId] === eventId;
    };
    const plateMark = this.index.plates.size;
    this.rewrittenPlates = [];
    const cameraMark = this.cameraNames.length;
    const sourceMark = this.sourceNames.length;
    const writer = new RowWriter((table, rows) => this.insertInto(table, rows));
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.saveUnsavedPlates();
      for (let j = 0; j < jobs.length; j++) {
        const reads = jobs[j].reads;
        for (let i = 0; i < reads.length; i++) {
          const r = reads[i];
          source = this.sourceKey(r.sourceSystem);
          eventId = r.sourceEventId;
          const hash = eventKeyHash(source, eventId);
          const existing = this.keys.findHash(hash, isKey);
          if (existing) {
            results[j].duplicates.push({ index: i, id: String(existing) });
            continue;
          }
          const id = this.nextId++;
          const plateId = this.plateKey(r.plate, plateMark);
          const camera = r.cameraId ? this.cameraKey(r.cameraId) : 0;
          const row = readToRow(id, r, plateId, camera, source);
          writer.add(this.partitionFor(r.receivedAt, id), row);
          rows.push(row);
          this.keys.addHash(hash, id);
          const read = jobs[j].opts.handOver ? handedOverRead(r, row) : freshRead(r, row, r.cameraId);
          results[j].stored.push(read);
          const raise = jobs[j].opts.raise;
          if (raise) for (const h of raise(read, i)) results[j].hits.push(h);
        }
      }
      writer.end();
      for (const res of results) insertHits(this.db, res.hits);
      this.stmt("INSERT INTO meta (key, value) VALUES ('read_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(this.nextId));
      this.db.exec('COMMIT');
    } catch (e) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // the transaction may already be gone; nothing else to undo on disk
      }
      this.nextId = firstId;
      for (let k = 0; k < rows.length; k++) this.keys.removeHash(eventKeyHash(rows[k][COL.source] as number, rows[k][COL.eventId] as string), firstId + k);
      for (let p = plateMark; p < this.index.plates.size; p++) this.unsavedPlates.push(p);
      this.unsavedPlates.push(...this.rewrittenPlates);
      // Camera and source keys added in this transaction were rolled back with it: forget them,
      // or a later read would point at a key that is not on disk and lose its name on reopen.
      for (const c of this.cameraNames.splice(cameraMark)) this.cameraIds.delete(c);
      for (const n of this.sourceNames.splice(sourceMark)) this.sourceIds.delete(n);
      this.partitions = this.partitions.filter((p) => p.minId < firstId);
      for (const job of jobs) job.reject(new AppError('unavailable', 'could not store reads', { cause: e }));
      return;
    }
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      this.index.add({
        id: firstId + k,
        ts: row[COL.observedAt] as number,
        plateId: row[COL.plateId] as number,
        camera: (row[COL.camera] as number | null) ?? 0,
        lon: row[COL.lon] == null ? NaN : (row[COL.lon] as number) / 1e6,
        lat: row[COL.lat] == null ? NaN : (row[COL.lat] as number) / 1e6,
      });
    }
    for (let j = 0; j < jobs.length; j++) jobs[j].opts.committed?.(results[j]);
    const acknowledge = (): void => {
      for (let j = 0; j < jobs.length; j++) jobs[j].resolve(results[j]);
    };
    if (!this.durable) return acknowledge();
    // searchable now; acknowledged once on disk, while the event loop takes the next requests
    this.syncing++;
    this.durable()
      .then(acknowledge, (e: unknown) => {
        for (const job of jobs) job.reject(new AppError('unavailable', 'could not make the reads durable', { cause: e }));
      })
      .finally(() => this.syncing--);
  }

  private plateKey(plate: string, mark: number): number {
    const known = this.index.plates.id(plate);
    if (known !== undefined) {
      // seen again after retention erased its text: write it back for the next start
      if (this.erasedPlates.delete(known)) {
        this.stmt('INSERT OR REPLACE INTO plates (id, plate) VALUES (?, ?)').run(known, plate);
        this.rewrittenPlates.push(known);
      }
      return known;
    }
    const id = this.index.plates.add(plate);
    if (id >= mark) this.stmt('INSERT OR REPLACE INTO plates (id, plate) VALUES (?, ?)').run(id, plate);
    return id;
  }

  private saveUnsavedPlates(): void {
    if (this.unsavedPlates.length === 0) return;
    const stmt = this.stmt('INSERT OR REPLACE INTO plates (id, plate) VALUES (?, ?)');
    for (const id of this.unsavedPlates) stmt.run(id, this.index.plates.plate(id));
    this.unsavedPlates = [];
  }

  /** Camera key ids are 1-based in rows (0 = none). */
  private cameraKey(cameraId: string): number {
    let k = this.cameraIds.get(cameraId);
    if (k === undefined) {
      k = this.cameraNames.length + 1;
      this.db.prepare('INSERT INTO camera_keys (id, camera_id) VALUES (?, ?)').run(k, cameraId);
      this.cameraIds.set(cameraId, k);
      this.cameraNames.push(cameraId);
    }
    return k;
  }

  private sourceKey(name: string): number {
    let k = this.sourceIds.get(name);
    if (k === undefined) {
      k = this.sourceNames.length + 1;
      this.db.prepare('INSERT INTO source_systems (id, name) VALUES (?, ?)').run(k, name);
      this.sourceIds.set(name, k);
      this.sourceNames.push(name);
    }
    return k;
  }

  private keyOf(id: number): string | undefined {
    const row = this.fetchRows([id]).get(id);
    return row ? `${rowKeys(row).source}\u0000${row[COL.eventId]}` : undefined;
  }

  private partitionFor(receivedAt: number, id: number): string {
    const day = Math.floor(receivedAt / DAY);
    const last = this.partitions[this.partitions.length - 1];
    // a clock step backwards keeps writing the newest partition: ids must stay contiguous per table
    if (last && day <= last.day) return last.name;
    const d = new Date(day * DAY);
    const name = `reads_${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    this.db.exec(readTableSql(name));
    this.db.prepare('INSERT INTO read_partitions (name, day, min_id) VALUES (?, ?, ?)').run(name, day, id);
    this.partitions.push({ name, day, minId: id });
    return name;
  }

  /** Writes `rows` (1 or ROWS_PER_INSERT of them) into a partition with a cached statement. */
  private insertInto(table: string, rows: ReadRow[]): void {
    const key = `${table}:${rows.length}`;
    let s = this.inserts.get(key);
    if (!s) {
      const one = `(${ROW_COLUMNS.map(() => '?').join(', ')})`;
      s = this.db.prepare(`INSERT INTO ${table} (${ROW_COLUMNS.join(', ')}) VALUES ${Array(rows.length).fill(one).join(', ')}`);
      this.inserts.set(key, s);
    }
    if (rows.length === 1) {
      s.run(...rows[0]);
      return;
    }
    // one array of every bound value, reused: not a fresh one per statement
    const values = this.insertValues;
    let at = 0;
    for (const row of rows) for (let c = 0; c < ROW_COLUMNS.length; c++) values[at++] = row[c] ?? null;
    s.run(...values);
  }

  private tableOf(id: number): string | undefined {
    let lo = 0;
    let hi = this.partitions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.partitions[mid].minId <= id) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : this.partitions[found].name;
  }

  /**
   * The rows of `ids`, by id, in one read transaction: outside one, every statement takes and
   * drops the WAL read lock on its own, which measured about 10 µs a statement, as much as
   * fetching several rows (a page of reads spread over 30 day tables runs 30 statements).
   * Inside the group commit's write transaction the fetch simply joins it.
   */
  private fetchRows(ids: number[]): Map<number, ReadRow> {
    const out = new Map<number, ReadRow>();
    if (ids.length === 0) return out;
    const byTable = new Map<string, number[]>();
    for (const id of ids) {
      const t = this.tableOf(id);
      if (t) (byTable.get(t) ?? byTable.set(t, []).get(t)!).push(id);
    }
    const missing = new Set(ids);
    const fetch = (table: string, list: number[]) => {
      if (list.length <= POINT_LOOKUPS_MAX) {
        const one = this.stmt(`SELECT * FROM ${table} WHERE id = ?`);
        one.setReturnArrays(true);
        for (const id of list) {
          const row = one.get(id) as unknown as ReadRow | undefined;
          if (!row) continue;
          out.set(id, row);
          missing.delete(id);
        }
        return;
      }
      const stmt = this.stmt(`SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`);
      stmt.setReturnArrays(true);
      for (const row of stmt.all(JSON.stringify(list)) as unknown as ReadRow[]) {
        out.set(Number(row[COL.id]), row);
        missing.delete(Number(row[COL.id]));
      }
    };
    const own = !this.db.isTransaction;
    if (own) this.stmt('BEGIN').run();
    try {
      for (const [table, list] of byTable) fetch(table, list);
      if (missing.size > 0) fetch(KEPT, [...missing]);
    } finally {
      if (own) this.stmt('COMMIT').run();
    }
    return out;
  }

  private stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private toRead(row: ReadRow): PlateRead {
    const k = rowKeys(row);
    return rowToRead(row, {
      plate: this.index.plates.plate(k.plateId),
      cameraId: k.camera ? this.cameraNames[k.camera - 1] : undefined,
      sourceSystem: this.sourceNames[k.source - 1] ?? 'unknown',
      locationSource: k.locSrc == null ? undefined : LOC_SOURCES[k.locSrc],
    });
  }

  // --- start-up ---------------------------------------------------------------------------

  private load(): void {
    for (const r of this.db.prepare('SELECT id, name FROM source_systems ORDER BY id').all() as { id: number; name: string }[]) {
      this.sourceIds.set(r.name, Number(r.id));
      this.sourceNames[Number(r.id) - 1] = r.name;
    }
    for (const r of this.db.prepare('SELECT id, camera_id FROM camera_keys ORDER BY id').all() as { id: number; camera_id: string }[]) {
      this.cameraIds.set(r.camera_id, Number(r.id));
      this.cameraNames[Number(r.id) - 1] = r.camera_id;
    }
    this.partitions = (this.db.prepare('SELECT name, day, min_id FROM read_partitions ORDER BY min_id').all() as {
      name: string;
      day: number;
      min_id: number;
    }[]).map((p) => ({ name: p.name, day: Number(p.day), minId: Number(p.min_id) }));
    const seq = this.db.prepare("SELECT value FROM meta WHERE key = 'read_seq'").get() as { value: string } | undefined;
    this.nextId = seq ? Number(seq.value) : 1;
    const refused = this.loadSnapshot();
    if (refused === undefined) return;
    this.index = new ReadIndex();
    this.loadPlates(0);
    this.rebuildIndex();
    this.origin = { from: 'tables', readsFromTables: this.index.size, snapshotRefused: refused || undefined };
  }

  /** Adds the plates from id `from` on to the dictionary, in id order (erased ones keep their place, empty). */
  private loadPlates(from: number): void {
    const plates = this.db.prepare('SELECT id, plate FROM plates WHERE id >= ? ORDER BY id');
    for (const r of plates.iterate(from) as Iterable<{ id: number; plate: string }>) {
      const got = r.plate === '' ? this.index.plates.reserve() : this.index.plates.add(r.plate);
      if (got !== Number(r.id)) throw new Error(`plate dictionary out of step at id ${r.id}`);
    }
  }

  private rebuildIndex(): void {
    this.index.clear();
    this.keys = new KeySet(1 << 12);
    for (const table of [KEPT, ...this.partitions.map((p) => p.name)]) this.addRowsFrom(table, 0);
  }

  /** Adds the reads of `table` with ids from `fromId` on to the index and the key set; returns how many. */
  private addRowsFrom(table: string, fromId: number): number {
    const stmt = this.db.prepare(`SELECT id, observed_at, plate_id, camera, lon_e6, lat_e6, source, event_id FROM ${table} WHERE id >= ? ORDER BY id`);
    stmt.setReturnArrays(true);
    let n = 0;
    for (const r of stmt.iterate(fromId) as Iterable<unknown[]>) {
      const id = Number(r[0]);
      this.index.add({
        id,
        ts: Number(r[1]),
        plateId: Number(r[2]),
        camera: r[3] == null ? 0 : Number(r[3]),
        lon: r[4] == null ? NaN : Number(r[4]) / 1e6,
        lat: r[5] == null ? NaN : Number(r[5]) / 1e6,
      });
      this.keys.addHash(eventKeyHash(Number(r[6]), String(r[7])), id);
      if (id >= this.nextId) this.nextId = id + 1;
      n++;
    }
    return n;
  }

  // --- the saved index ----------------------------------------------------------------------

  /**
   * Loads the index, the plate dictionary and the key set from the snapshot that the last clean
   * close saved, then adds what was stored after it (plates and reads with higher ids: the tables
   * only ever grew since, or the `meta` row naming the snapshot would be gone).
   * @returns undefined when loaded; else why not ('' when there is simply none)
   */
  private loadSnapshot(): string | undefined {
    if (!this.snapshotPath) return '';
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = '${SNAPSHOT_META}'`).get() as { value: string } | undefined;
    let reader: SnapshotReader | undefined;
    try {
      reader = SnapshotReader.open(this.snapshotPath);
      if (!reader) return '';
      const mark = row ? (JSON.parse(row.value) as { token?: string }) : undefined;
      if (!mark || reader.string('token') !== mark.token) {
        // saved before the reads changed (retention), or for another database file
        reader.close();
        reader = undefined;
        this.removeSnapshotFile();
        return 'it does not belong to the database as it is now';
      }
      const plates = reader.number('plates.count');
      const nextId = reader.number('nextId');
      this.index.restore(reader);
      this.keys = KeySet.restore(reader, 'keys');
      this.loadPlates(plates);
      let newer = 0;
      // ids only grow, and a day table holds one contiguous range: the tables that can hold newer ids
      for (let p = 0; p < this.partitions.length; p++) {
        const end = p + 1 < this.partitions.length ? this.partitions[p + 1].minId : Infinity;
        if (end > nextId) newer += this.addRowsFrom(this.partitions[p].name, nextId);
      }
      if (nextId > this.nextId) this.nextId = nextId;
      this.origin = { from: 'snapshot', readsFromTables: newer };
      return undefined;
    } catch (e) {
      if (!(e instanceof SnapshotError) && !(e instanceof RangeError) && !(e instanceof SyntaxError)) throw e;
      this.removeSnapshotFile();
      return e.message;
    } finally {
      reader?.close();
    }
  }

  /**
   * Saves the index, the plate dictionary and the key set for the next open (at close: nothing
   * is appended meanwhile). The file is written first, then the `meta` row that names it, so
   * a crash in between leaves a file the next open refuses. Skipped when a plate of a failed
   * commit is still waiting to be written (the dictionary is ahead of the table).
   */
  private saveSnapshot(): void {
    if (!this.snapshotPath || this.unsavedPlates.length > 0) return;
    try {
      const t0 = performance.now();
      const { w, token } = this.snapshotWriter(false);
      const bytes = w.write(this.snapshotPath, this.syncSnapshot);
      this.nameSnapshot(token);
      this.saved = { bytes, seconds: (performance.now() - t0) / 1000 };
    } catch (e) {
      this.removeSnapshotFile();
      process.emitWarning(`the search index was not saved (the next start rebuilds it): ${e instanceof Error ? e.message : String(e)}`, 'ReadIndexSnapshot');
    }
  }

  /**
   * After a retention run deleted reads (which removed the saved index): saves it again, so a
   * crash later still starts from a snapshot rather than rebuilding. The arrays are copied at once
   * (the event loop holds for the copy, about a second per 10M reads on a slow machine, not for
   * the write); the file is written in the background and named in `meta` only if no deletion
   * came in between.
   */
  private saveInBackground(): void {
    if (!this.snapshotPath || this.unsavedPlates.length > 0 || this.closed) return;
    const path = this.snapshotPath;
    const deletions = this.deletions;
    const current = (this.saving ?? Promise.resolve())
      .then(async () => {
        // the close saves it anyway; a plate of a failed commit not yet written: the next save
        if (this.closed || this.unsavedPlates.length > 0 || deletions !== this.deletions) return;
        const { w, token } = this.snapshotWriter(true);
        const fresh = (): boolean => deletions === this.deletions;
        const bytes = await w.writeInBackground(path, this.syncSnapshot, fresh);
        if (bytes === 0) return;
        if (fresh()) this.nameSnapshot(token);
        else this.removeSnapshotFile();
      })
      .catch((e: unknown) => {
        this.removeSnapshotFile();
        process.emitWarning(`the search index was not saved after retention (a crash now means a rebuild): ${e instanceof Error ? e.message : String(e)}`, 'ReadIndexSnapshot');
      })
      .finally(() => {
        if (this.saving === current) this.saving = undefined;
      });
    this.saving = current;
  }

  /** A writer holding the index, the plate dictionary and the key set as they are now, and its token. */
  private snapshotWriter(copy: boolean): { w: SnapshotWriter; token: string } {
    const token = randomUUID();
    const w = new SnapshotWriter({ copy });
    w.value('token', token);
    w.value('nextId', this.nextId);
    this.index.save(w, this.erasedPlates);
    this.keys.save(w, 'keys');
    return { w, token };
  }

  /** Records in the database which saved index belongs to it. */
  private nameSnapshot(token: string): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SNAPSHOT_META, JSON.stringify({ token, savedAt: new Date().toISOString() }));
  }

  private removeSnapshotFile(): void {
    if (this.snapshotPath) rmSync(this.snapshotPath, { force: true });
  }
}
