/**
 * The embedded store: one SQLite file under the data folder, WAL mode, with two connections: the
 * read store's (big page cache; its commits are synced off the main thread, see WalSync) and
 * the other stores' (small tables, each commit synced as RTCC_SQLITE_SYNC says). A worker thread
 * checkpoints the WAL (Checkpointer), so no commit on the main thread does.
 */
import { join } from 'node:path';
import type { Store } from '../store.types.ts';
import { databasePath, openDatabase, openReadsConnection, type SqliteOptions } from './database.ts';
import { SqliteAuditStore } from './audit.repository.ts';
import { SqliteCameraStore } from './camera.repository.ts';
import { SqliteHitStore } from './hit.repository.ts';
import { SqliteHotlistStore } from './hotlist.repository.ts';
import { SqliteHotlistFeedStore } from './hotlist-feed.repository.ts';
import { SqliteQuarantineStore } from './quarantine.repository.ts';
import { SqliteReadStore } from './read.repository.ts';
import { SqliteSourceStore } from './source.repository.ts';
import { WalSync } from './wal-sync.ts';
import { SqliteCfsMappingStore } from './cfs-mapping.repository.ts';
import { SqliteWebhookStore } from './webhook.repository.ts';
import { Checkpointer } from './checkpointer.ts';
import { SqliteTrainingRunStore } from './training-run.repository.ts';
import { SqliteIncidentStore } from './incident.repository.ts';
import { SqliteUnitStore } from './unit.repository.ts';
import { SqliteGunshotStore } from './gunshot.repository.ts';
import { SqliteVideoCameraStore } from './video-camera.repository.ts';
import { SqliteIntegrationKeyStore } from './integration-key.repository.ts';
import { SqliteUserStore } from './user.repository.ts';
import { SqliteSessionStore } from './session.repository.ts';
import { SqliteRetentionStore } from './retention.repository.ts';
import { FileImageStore } from './image.repository.ts';
import { SqliteSharingStore } from './sharing.repository.ts';

/** The search index saved at a clean close, beside the database file (SqliteReadStore). */
export const READ_INDEX_SNAPSHOT = 'read-index.snapshot';

export interface SqliteStore extends Store {
  reads: SqliteReadStore;
}

export async function openSqliteStore(opts: SqliteOptions & { maxBatch?: number }): Promise<SqliteStore> {
  const db = openDatabase(opts);
  const readsDb = openReadsConnection(opts, db);
  const wal = readsDb !== db && opts.synchronous !== 'normal' ? new WalSync(`${databasePath(opts)}-wal`) : undefined;
  const checkpointer =
    readsDb !== db
      ? new Checkpointer(databasePath(opts), [db, readsDb], { onError: (message) => process.emitWarning(message, 'SqliteCheckpoint') })
      : undefined;
  const reads = new SqliteReadStore(readsDb, {
    maxBatch: opts.maxBatch,
    durable: wal && (() => wal.sync()),
    snapshotPath: opts.dataDir === ':memory:' ? undefined : join(opts.dataDir, READ_INDEX_SNAPSHOT),
    syncSnapshot: opts.synchronous !== 'normal',
  });
  // images live beside the database as files (an in-memory database gets a throwaway folder)
  const imageOpts = { durable: opts.synchronous !== 'normal', reads };
  const tempImages = opts.dataDir === ':memory:' ? FileImageStore.temporary(imageOpts) : undefined;
  const images = tempImages ?? new FileImageStore(join(opts.dataDir, 'images'), imageOpts);
  return {
    kind: 'sqlite',
    reads,
    hotlists: new SqliteHotlistStore(db, readsDb),
    hotlistFeeds: new SqliteHotlistFeedStore(db),
    hits: new SqliteHitStore(db),
    cameras: new SqliteCameraStore(db),
    sources: new SqliteSourceStore(db),
    quarantine: new SqliteQuarantineStore(db),
    audit: new SqliteAuditStore(db),
    trainingRuns: new SqliteTrainingRunStore(db),
    incidents: new SqliteIncidentStore(db),
    units: new SqliteUnitStore(db),
    gunshots: new SqliteGunshotStore(db),
    videoCameras: new SqliteVideoCameraStore(db),
    users: new SqliteUserStore(db),
    integrationKeys: new SqliteIntegrationKeyStore(db),
    sessions: new SqliteSessionStore(db),
    cfsMappings: new SqliteCfsMappingStore(db),
    webhooks: new SqliteWebhookStore(db),
    images,
    retention: new SqliteRetentionStore(db),
    sharing: new SqliteSharingStore(db),
    async close() {
      await reads.close();
      await tempImages?.close();
      await wal?.close();
      await checkpointer?.close();
      if (readsDb !== db) readsDb.close();
      db.close();
    },
  };
}

export { SqliteReadStore };
