/**
 * The embedded store: one SQLite file under the data folder, WAL mode.
 */
import type { Store } from '../store.types.ts';
import { openDatabase, type SqliteOptions } from './database.ts';
import { SqliteAuditStore } from './audit.repository.ts';
import { SqliteCameraStore } from './camera.repository.ts';
import { SqliteHitStore } from './hit.repository.ts';
import { SqliteHotlistStore } from './hotlist.repository.ts';
import { SqliteQuarantineStore } from './quarantine.repository.ts';
import { SqliteReadStore } from './read.repository.ts';
import { SqliteSourceStore } from './source.repository.ts';

export interface SqliteStore extends Store {
  reads: SqliteReadStore;
}

export async function openSqliteStore(opts: SqliteOptions & { maxBatch?: number }): Promise<SqliteStore> {
  const db = openDatabase(opts);
  const reads = new SqliteReadStore(db, { maxBatch: opts.maxBatch });
  return {
    kind: 'sqlite',
    reads,
    hotlists: new SqliteHotlistStore(db),
    hits: new SqliteHitStore(db),
    cameras: new SqliteCameraStore(db),
    sources: new SqliteSourceStore(db),
    quarantine: new SqliteQuarantineStore(db),
    audit: new SqliteAuditStore(db),
    async close() {
      await reads.close();
      db.close();
    },
  };
}

export { SqliteReadStore };
