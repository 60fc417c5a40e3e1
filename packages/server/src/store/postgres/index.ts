/**
 * The PostgreSQL store: the scale-out engine, shared by every node. Opening it migrates the
 * schema (safe when several nodes start at once) and returns the repositories over one pool.
 */
import pg from 'pg';
import type { Store } from '../store.types.ts';
import { auditRepository } from './audit.repository.ts';
import { cameraRepository } from './camera.repository.ts';
import { hitRepository } from './hit.repository.ts';
import { hotlistRepository } from './hotlist.repository.ts';
import { migrate, quoteIdent } from './migrate.runner.ts';
import { dbOn } from './pg.client.ts';
import { quarantineRepository } from './quarantine.repository.ts';
import { readRepository } from './read.repository.ts';
import { sourceRepository } from './source.repository.ts';
import { trainingRunRepository } from './training-run.repository.ts';
import { incidentRepository } from './incident.repository.ts';
import { unitRepository } from './unit.repository.ts';
import { gunshotRepository } from './gunshot.repository.ts';
import { videoCameraRepository } from './video-camera.repository.ts';
import { hotlistFeedRepository } from './hotlist-feed.repository.ts';
import { integrationKeyRepository } from './integration-key.repository.ts';
import { userRepository } from './user.repository.ts';
import { sessionRepository } from './session.repository.ts';
import { cfsMappingRepository } from './cfs-mapping.repository.ts';
import { webhookRepository } from './webhook.repository.ts';
import { retentionRepository } from './retention.repository.ts';
import { imageRepository } from './image.repository.ts';
import { sharingRepository } from './sharing.repository.ts';

export interface PostgresStoreOptions {
  /** PostgreSQL schema to create and use (default `public`); tests use a fresh one per run. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
}

/**
 * Opens (and migrates) the PostgreSQL store at `url`.
 * @example const store = await openPostgresStore('postgres://rtcc@db/rtcc', { schema: 'rtcc' });
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const schema = opts.schema ?? 'public';
  const searchPath = await migrate(url, schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    // Every connection resolves unqualified names in our schema, then where the extensions live.
    options: `-c search_path=${searchPath.map(quoteIdent).join(',')}`,
  });
  // An idle connection the server dropped: the pool discards it and the next query reconnects.
  // Without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  const db = dbOn(pool);
  const reads = readRepository(db);
  return {
    kind: 'postgres',
    reads,
    hotlists: hotlistRepository(db),
    hotlistFeeds: hotlistFeedRepository(db),
    hits: hitRepository(db),
    cameras: cameraRepository(db),
    sources: sourceRepository(db),
    quarantine: quarantineRepository(db),
    audit: auditRepository(db),
    trainingRuns: trainingRunRepository(db),
    incidents: incidentRepository(db),
    units: unitRepository(db),
    gunshots: gunshotRepository(db),
    videoCameras: videoCameraRepository(db),
    users: userRepository(db),
    integrationKeys: integrationKeyRepository(db),
    sessions: sessionRepository(db),
    cfsMappings: cfsMappingRepository(db),
    webhooks: webhookRepository(db),
    images: imageRepository(db, reads),
    retention: retentionRepository(db),
    sharing: sharingRepository(db),
    close: () => db.close(),
  };
}
