/**
 * Opens the embedded SQLite database (WAL) and applies the numbered, forward-only migrations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type SqliteSync = 'full' | 'normal';

export interface SqliteOptions {
  /** Folder holding `rtcc.db`; ':memory:' for a throwaway in-memory database. */
  dataDir: string;
  /** `full` fsyncs every commit (durable against power loss); `normal` only against process crashes. */
  synchronous?: SqliteSync;
}

const MIGRATIONS: string[] = [
  // 1: the schema of the first release
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE plates (id INTEGER PRIMARY KEY, plate TEXT NOT NULL);
  CREATE TABLE camera_keys (id INTEGER PRIMARY KEY, camera_id TEXT NOT NULL UNIQUE);
  CREATE TABLE source_systems (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE read_partitions (name TEXT PRIMARY KEY, day INTEGER NOT NULL UNIQUE, min_id INTEGER NOT NULL);
  CREATE TABLE hotlists (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, priority INTEGER NOT NULL,
    match_kinds TEXT NOT NULL, description TEXT, created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0, last_import_at INTEGER, entry_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE hotlist_entries (
    id TEXT PRIMARY KEY, hotlist_id TEXT NOT NULL, plate TEXT NOT NULL, import_version INTEGER NOT NULL,
    expires_at INTEGER, body TEXT NOT NULL
  );
  CREATE INDEX hotlist_entries_by_list ON hotlist_entries (hotlist_id, import_version);
  CREATE TABLE hotlist_imports (
    id TEXT PRIMARY KEY, hotlist_id TEXT NOT NULL, imported_at INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX hotlist_imports_by_list ON hotlist_imports (hotlist_id, imported_at);
  CREATE TABLE hits (
    id TEXT PRIMARY KEY, read_id TEXT NOT NULL, hotlist_id TEXT NOT NULL, status TEXT NOT NULL,
    raised_at INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX hits_by_time ON hits (raised_at, id);
  CREATE INDEX hits_by_status ON hits (status, raised_at);
  CREATE TABLE cameras (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE TABLE sources (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE TABLE quarantine (id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX quarantine_by_time ON quarantine (received_at, id);
  CREATE TABLE audit (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, at INTEGER NOT NULL, action TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX audit_by_action ON audit (action, seq);
  `,
  // 2: training runs (training servers only)
  `
  CREATE TABLE training_runs (id TEXT PRIMARY KEY, started_at INTEGER NOT NULL, finished_at INTEGER, body TEXT NOT NULL);
  CREATE INDEX training_runs_by_start ON training_runs (started_at, id);
  `,
  // 3: dispatch incidents, units with their recent positions, gunshot alerts (cad and avl modules)
  `
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY, source_system TEXT NOT NULL, source_incident_id TEXT NOT NULL,
    status TEXT NOT NULL, opened_at INTEGER NOT NULL, body TEXT NOT NULL,
    UNIQUE (source_system, source_incident_id)
  );
  CREATE INDEX incidents_by_opened ON incidents (opened_at, id);
  CREATE INDEX incidents_by_status ON incidents (status, opened_at, id);
  CREATE TABLE units (id TEXT PRIMARY KEY, body TEXT NOT NULL);
  CREATE TABLE unit_positions (
    unit_id TEXT NOT NULL, source_system TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (unit_id, source_system, at)
  );
  CREATE INDEX unit_positions_by_time ON unit_positions (unit_id, at);
  CREATE TABLE gunshots (
    id TEXT PRIMARY KEY, vendor TEXT NOT NULL, source_event_id TEXT NOT NULL,
    detected_at INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (vendor, source_event_id)
  );
  CREATE INDEX gunshots_by_time ON gunshots (detected_at, id);
  `,
  // 4: user accounts and their sessions (people and access)
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, enrolment_hash TEXT UNIQUE,
    created_at INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    from_addr TEXT, revoked_at INTEGER, end_reason TEXT
  );
  CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
  `,
  // sharing agreements with other agencies (sharing module); the outbound key hash is unique
  `
  CREATE TABLE sharing_agreements (
    id TEXT PRIMARY KEY, key_hash TEXT UNIQUE, created_at INTEGER NOT NULL, body TEXT NOT NULL
  );
  `,
  // live-view cameras (video module): agency and community-registered, listed by area
  `
  CREATE TABLE video_cameras (
    id TEXT PRIMARY KEY, owner_kind TEXT NOT NULL, active INTEGER NOT NULL,
    lon REAL NOT NULL, lat REAL NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX video_cameras_by_position ON video_cameras (lon, lat);
  `,
  // retention: the policy (one row), legal holds, and the runs of the retention job
  `
  CREATE TABLE retention_policy (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
  CREATE TABLE legal_holds (id TEXT PRIMARY KEY, placed_at INTEGER NOT NULL, released_at INTEGER, body TEXT NOT NULL);
  CREATE INDEX legal_holds_by_placed ON legal_holds (placed_at, id);
  CREATE TABLE retention_runs (id TEXT PRIMARY KEY, started_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX retention_runs_by_start ON retention_runs (started_at, id);
  `,
  // audit: published daily roots (append-only, like the log itself), the supervisor review
  // queue's flags, and the index by time that daily roots and the flag job read through
  `
  CREATE INDEX audit_by_at ON audit (at);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TABLE audit_roots (
    day TEXT PRIMARY KEY, records INTEGER NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
    root TEXT NOT NULL, published_at INTEGER NOT NULL
  );
  CREATE TRIGGER audit_roots_no_update BEFORE UPDATE ON audit_roots BEGIN SELECT RAISE(ABORT, 'audit_roots is append-only'); END;
  CREATE TRIGGER audit_roots_no_delete BEFORE DELETE ON audit_roots BEGIN SELECT RAISE(ABORT, 'audit_roots is append-only'); END;
  CREATE TABLE audit_flags (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, actor TEXT NOT NULL, status TEXT NOT NULL,
    last_at INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX audit_flags_by_status ON audit_flags (status, last_at, id);
  CREATE TABLE audit_flag_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE INDEX incidents_by_source_number ON incidents (source_incident_id);
  `,
  // calls-for-service column mappings; outbound webhook targets and their delivery queue and log
  `
  CREATE TABLE cfs_mappings (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL);
  CREATE TABLE webhook_targets (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY, target_id TEXT NOT NULL, event TEXT NOT NULL, subject_id TEXT NOT NULL,
    status TEXT NOT NULL, next_attempt_at INTEGER, created_at INTEGER NOT NULL, body TEXT NOT NULL,
    UNIQUE (target_id, event, subject_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  CREATE INDEX webhook_deliveries_by_target ON webhook_deliveries (target_id, created_at, id);
  `,
  // integration API keys: scoped, expiring, revocable (auth/integration-key.service.ts)
  `CREATE TABLE integration_keys (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, body TEXT NOT NULL);`,
  // hotlist feeds: scheduled re-import of a list from a watched folder or a URL
  `CREATE TABLE hotlist_feeds (hotlist_id TEXT PRIMARY KEY, body TEXT NOT NULL);`,
  // an entry's state beside its plate, so a start-up loads the matcher without parsing a body
  `ALTER TABLE hotlist_entries ADD COLUMN state TEXT;
   UPDATE hotlist_entries SET state = body ->> '$.state';`,
];

/** The columns of a read partition (`reads_YYYYMMDD`, by UTC day of receipt) and of `reads_kept`. */
export function readTableSql(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (
    id INTEGER PRIMARY KEY,
    observed_at INTEGER NOT NULL,
    received_delta INTEGER NOT NULL,
    plate_id INTEGER NOT NULL,
    camera INTEGER,
    lon_e6 INTEGER,
    lat_e6 INTEGER,
    loc_src INTEGER,
    confidence INTEGER NOT NULL,
    state TEXT,
    source INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    plate_raw TEXT,
    extra TEXT
  )`;
}

export function databasePath(opts: SqliteOptions): string {
  return opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, 'rtcc.db');
}

/** The connection of every store but the reads': small tables, each commit synced as set. */
export function openDatabase(opts: SqliteOptions): DatabaseSync {
  const memory = opts.dataDir === ':memory:';
  if (!memory) mkdirSync(opts.dataDir, { recursive: true });
  const db = connect(databasePath(opts), opts.synchronous === 'normal' ? 'NORMAL' : 'FULL', memory ? 256 : 32);
  migrate(db);
  db.exec(readTableSql('reads_kept'));
  return db;
}

/**
 * The read store's own connection to the migrated file, with the big page cache. Its commits
 * do not sync (`NORMAL`): with `synchronous: 'full'` the store syncs the WAL itself, off the
 * main thread, before acknowledging (WalSync). In memory there is one connection only.
 */
export function openReadsConnection(opts: SqliteOptions, main: DatabaseSync): DatabaseSync {
  return opts.dataDir === ':memory:' ? main : connect(databasePath(opts), 'NORMAL', 256);
}

function connect(path: string, synchronous: 'FULL' | 'NORMAL', cacheMiB: number): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec(`PRAGMA cache_size = -${cacheMiB * 1024}`);
  db.exec('PRAGMA temp_store = MEMORY');
  return db;
}

function migrate(db: DatabaseSync): void {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[v]);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw new Error(`SQLite migration ${v + 1} failed`, { cause: e });
    }
  }
}

/** Runs `fn` inside one IMMEDIATE transaction. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
