/**
 * The SQLite peer, set up as reference/benchmarks.md describes: one rowid table of reads in WAL
 * mode, btree (plate, ts) and btree (camera_id, ts), and an FTS5 trigram table over the distinct
 * plates. Driven through Node's built-in `node:sqlite` (it has FTS5 with the trigram tokenizer).
 *
 * Plate-pattern queries resolve the distinct plates first (FTS5, or a JS scan for fuzzy), then
 * fetch the newest reads and the exact count by `plate IN (…)` over the (plate, ts) btree.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { STATES, type Dataset, type ReadColumns } from '../generate.ts';
import type { Query } from '../data/queries.ts';
import { ocrKey, withinOneEdit } from '../fuzzy.ts';
import type { QueryAnswer, QueryMode, Subject, SubjectFactory } from '../subjects/subject.types.ts';
import { phaseTimer } from '../stats.ts';

const TX_ROWS = 10_000;
const COLS = 'plate, state, camera_id, ts, confidence';

/** Opens an SQLite file for reads with the peer's pragmas; shared with the floor's raw append. */
export function openSqlite(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  // FULL syncs the WAL at every commit: durable like PostgreSQL's synchronous_commit = on.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA cache_size = -262144');
  db.exec(
    'CREATE TABLE IF NOT EXISTS reads (plate TEXT NOT NULL, state TEXT, camera_id INTEGER NOT NULL, ts INTEGER NOT NULL, confidence INTEGER NOT NULL)',
  );
  return db;
}

/**
 * Appends `cols[from, to)` with one prepared INSERT per row, `TX_ROWS` rows per transaction.
 * Stops early (returning the rows written) once `deadline` (performance.now ms) has passed.
 */
export function appendRows(
  db: DatabaseSync,
  data: Dataset,
  cols: ReadColumns,
  deadline = Infinity,
  onNewPlate?: (plate: string) => void,
): number {
  const insert = db.prepare(`INSERT INTO reads (${COLS}) VALUES (?, ?, ?, ?, ?)`);
  let done = 0;
  while (done < cols.length && performance.now() < deadline) {
    const end = Math.min(cols.length, done + TX_ROWS);
    db.exec('BEGIN');
    for (let i = done; i < end; i++) {
      const p = cols.plate[i];
      const plate = data.plates[p];
      insert.run(plate, STATES[data.plateState[p]], cols.camera[i], cols.ts[i], cols.conf[i]);
      onNewPlate?.(plate);
    }
    db.exec('COMMIT');
    done = end;
  }
  return done;
}

/** Size of the database file after a checkpoint folded the WAL back into it. */
export function sqliteFileBytes(db: DatabaseSync, file: string): number {
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  let bytes = statSync(file).size;
  try {
    bytes += statSync(file + '-wal').size;
  } catch {
    // no WAL left: nothing to add
  }
  return bytes;
}

/** Removes an SQLite database and its WAL/SHM files. */
export function removeSqlite(file: string): void {
  for (const f of [file, file + '-wal', file + '-shm']) rmSync(f, { force: true });
}

export const createSqlitePeer: SubjectFactory = async ({ workDir }) => {
  const file = join(workDir, 'peer-sqlite.db');
  removeSqlite(file);
  const db = openSqlite(file);
  let data: Dataset | undefined;
  let loaded = 0;
  // The distinct plates in JS memory: the fuzzy scan and the ingest's "new plate?" check use them.
  let plates: string[] = [];
  let folded: string[] = [];
  let known = new Set<string>();
  const stmts = new Map<string, StatementSync>();
  const stmt = (sql: string): StatementSync => {
    let s = stmts.get(sql);
    if (!s) stmts.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const page = (where: string, args: (string | number)[], limit: number): QueryAnswer => {
    const rows = stmt(`SELECT ${COLS} FROM reads WHERE ${where} ORDER BY ts DESC LIMIT ?`).all(...args, limit);
    const { n } = stmt(`SELECT count(*) AS n FROM reads WHERE ${where}`).get(...args) as { n: number };
    return { rows: rows.length, total: n };
  };
  const byPlates = (list: string[], limit: number): QueryAnswer => ({
    ...page('plate IN (SELECT value FROM json_each(?))', [JSON.stringify(list)], limit),
    plates: list,
  });
  const ftsPlates = (glob: string): string[] =>
    (stmt('SELECT plate FROM plates_fts WHERE plate GLOB ?').all(glob) as { plate: string }[]).map((r) => r.plate);

  const subject: Subject = {
    name: 'sqlite',
    async settings() {
      const get = (sql: string): string => String(Object.values(db.prepare(sql).get() ?? {})[0]);
      return {
        driver: `node:sqlite (Node ${process.versions.node})`,
        sqlite: get('SELECT sqlite_version()'),
        journal_mode: get('PRAGMA journal_mode'),
        synchronous: get('PRAGMA synchronous') + ' (2 = FULL)',
        cache_size: get('PRAGMA cache_size') + ' (KiB when negative)',
        page_size: get('PRAGMA page_size'),
        indexes: 'btree (plate, ts), btree (camera_id, ts), FTS5 trigram over distinct plates',
        insert: `one prepared INSERT per row, ${TX_ROWS} rows per transaction`,
      };
    },

    async load({ data: d, log }) {
      data = d;
      const { phases, phase, seconds } = phaseTimer('sqlite', log);
      loaded = appendRows(db, d, d.base);
      phase('insert, no index');
      db.exec('CREATE INDEX reads_plate_ts ON reads (plate, ts)');
      phase('btree (plate, ts)');
      db.exec('CREATE INDEX reads_camera_ts ON reads (camera_id, ts)');
      phase('btree (camera_id, ts)');
      db.exec("CREATE VIRTUAL TABLE plates_fts USING fts5(plate, tokenize = 'trigram')");
      db.exec('INSERT INTO plates_fts (plate) SELECT DISTINCT plate FROM reads');
      phase('FTS5 trigram over distinct plates');
      db.exec('ANALYZE');
      plates = (db.prepare('SELECT plate FROM plates_fts').all() as { plate: string }[]).map((r) => r.plate);
      folded = plates.map(ocrKey);
      known = new Set(plates);
      phase('analyze + distinct plates into memory');
      return { rows: loaded, seconds: seconds(), phases };
    },

    queryModes(): QueryMode[] {
      return [
        { class: 'exact', mode: 'btree', how: 'plate = ? over btree (plate, ts), then count(*)' },
        { class: 'wildcard', mode: 'fts5', how: 'FTS5 trigram GLOB over distinct plates, then plate IN (…)' },
        { class: 'wildcard', mode: 'glob', how: 'plate GLOB ? over the reads (btree range when the first character is known)' },
        { class: 'substring', mode: 'fts5', how: "FTS5 trigram GLOB '*abc*' over distinct plates, then plate IN (…)" },
        { class: 'fuzzy', mode: 'js-scan', how: 'JS scan of the distinct plates in memory (fold OCR classes, edit distance ≤ 1), then plate IN (…)' },
        { class: 'camera', mode: 'btree', how: 'camera_id IN (10) AND ts range over btree (camera_id, ts)' },
      ];
    },

    async query(q: Query, mode: string) {
      switch (q.class) {
        case 'exact':
          return { ...page('plate = ?', [q.plate], q.limit), plates: [q.plate] };
        case 'wildcard':
          return mode === 'glob' ? page('plate GLOB ?', [q.pattern], q.limit) : byPlates(ftsPlates(q.pattern), q.limit);
        case 'substring':
          return byPlates(ftsPlates(`*${q.text}*`), q.limit);
        case 'fuzzy': {
          const key = ocrKey(q.plate);
          const list: string[] = [];
          for (let i = 0; i < folded.length; i++) if (withinOneEdit(key, folded[i])) list.push(plates[i]);
          return byPlates(list, q.limit);
        }
        case 'camera': {
          const marks = q.cameras.map(() => '?').join(', ');
          return page(`camera_id IN (${marks}) AND ts >= ? AND ts < ?`, [...q.cameras, q.from, q.to], q.limit);
        }
      }
    },

    async storage() {
      return { bytes: sqliteFileBytes(db, file), reads: loaded, what: 'database file after wal_checkpoint(TRUNCATE)' };
    },

    async ingest(rows, deadline) {
      if (!data) throw new Error('sqlite peer: ingest before load');
      const addPlate = db.prepare('INSERT INTO plates_fts (plate) VALUES (?)');
      const t0 = performance.now();
      // A plate never seen before goes into the FTS5 table in the same transaction as its read.
      const done = appendRows(db, data, rows, deadline, (plate) => {
        if (known.has(plate)) return;
        known.add(plate);
        addPlate.run(plate);
      });
      return { rows: done, seconds: (performance.now() - t0) / 1000, truncated: done < rows.length };
    },

    async close() {
      db.close();
      removeSqlite(file);
    },
  };
  return subject;
};
