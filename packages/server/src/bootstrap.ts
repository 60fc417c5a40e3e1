/**
 * The composition root: config → store → bus → services → pipeline. Handlers on the bus are
 * registered here, explicitly; no DI framework.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config/config.ts';
import type { AppContext } from './context.ts';
import { InProcessBus } from './bus/index.ts';
import type { Store } from './store/store.types.ts';
import { openSqliteStore, SqliteReadStore } from './store/sqlite/index.ts';
import type { ReadIndexOrigin } from './store/sqlite/read.repository.ts';
import { AuthService, newSecret, sha256Hex } from './auth/auth.service.ts';
import { AccountService } from './auth/account.service.ts';
import { SessionService } from './auth/session.service.ts';
import { OidcService } from './auth/oidc.service.ts';
import { IntegrationKeyService } from './auth/integration-key.service.ts';
import { HotlistFeedService } from './hotlists/hotlist-feed.service.ts';
import { SourceService } from './sources/source.service.ts';
import { CameraService } from './cameras/camera.service.ts';
import { HotlistService } from './hotlists/hotlist.service.ts';
import { HitService } from './alerts/hit.service.ts';
import { QuarantineService } from './ingest/quarantine.service.ts';
import { QuarantineReplayService } from './ingest/quarantine-replay.service.ts';
import { ReadImageService } from './images/read-image.service.ts';
import { RetentionService } from './retention/retention.service.ts';
import { AuditService } from './governance/audit.service.ts';
import { AuditReviewService } from './governance/audit-review.service.ts';
import { ReadSearchService } from './search/read-search.service.ts';
import { IngestPipeline } from './ingest/pipeline.ts';
import { DecodePool } from './ingest/decode-pool.ts';
import { SourceHealth } from './ingest/source-health.ts';
import { TrainingService } from './training/training.service.ts';
import { IncidentService } from './incidents/incident.service.ts';
import { UnitService } from './units/unit.service.ts';
import { VideoCameraService } from './video/video-camera.service.ts';
import { GunshotService } from './gunshots/gunshot.service.ts';
import { CfsMappingService } from './incidents/cfs-mapping.service.ts';
import { CfsImportService } from './incidents/cfs-import.service.ts';
import { WebhookDispatcher, WebhookService } from './webhooks/index.ts';
import { createSharing, partnerKeyLookup } from './sharing/index.ts';

export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./store/postgres/index.ts');
    return openPostgresStore(config.databaseUrl);
  }
  return openSqliteStore({ dataDir: config.dataDir, synchronous: config.sqliteSync });
}

/**
 * The admin token's hash: from RTCC_ADMIN_TOKEN, else from the data folder, else a new token
 * generated now and handed back once so the caller can print it.
 */
export function adminTokenHash(config: Config): { hash: string; generated?: string } {
  if (config.adminToken) return { hash: sha256Hex(config.adminToken) };
  const file = join(config.dataDir, 'admin-token.sha256');
  if (existsSync(file)) return { hash: readFileSync(file, 'utf8').trim() };
  const token = newSecret('rtcc_admin');
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, `${sha256Hex(token)}\n`, { mode: 0o600 });
  return { hash: sha256Hex(token), generated: token };
}

/** How long a start-up's two long steps took (seconds): what W7 measures, printed at start. */
export interface StartupTimes {
  /** Opening the store: for SQLite, loading (or rebuilding) the plate dictionary, search index and key set. */
  storeSeconds: number;
  /** Building the hotlist matcher from the stored entries; 0 when the module is off. */
  hotlistSeconds: number;
  /** SQLite: whether the search index was loaded from its snapshot or rebuilt from the tables. */
  readIndex?: ReadIndexOrigin;
}

export async function createContext(
  config: Config,
  opts: { store?: Store; log?: (msg: string, err?: unknown) => void } = {},
): Promise<AppContext & { generatedAdminToken?: string; startup: StartupTimes }> {
  const log = opts.log ?? ((msg, err) => console.error(msg, err));
  const storeStart = performance.now();
  const store = opts.store ?? (await openStore(config));
  const storeSeconds = (performance.now() - storeStart) / 1000;
  const bus = new InProcessBus((name, err) => log(`bus handler for ${name} failed`, err));
  const token = adminTokenHash(config);
  const audit = new AuditService(store.audit);
  const sessions = new SessionService({ users: store.users, sessions: store.sessions, audit, bus });
  const accounts = new AccountService({ users: store.users, sessions: store.sessions, audit, bus });
  const sharingOn = config.modules.includes('sharing');
  const integrationKeys = new IntegrationKeyService({ store: store.integrationKeys, audit });
  const auth = new AuthService(token.hash, store.sources, {
    sessions,
    partners: sharingOn ? partnerKeyLookup(store.sharing) : undefined,
    integrations: (hash) => integrationKeys.authenticate(hash),
  });
  // the flow cookie's key: derived from secrets every node shares, so any node takes the callback
  const oidc = config.oidc
    ? new OidcService({ config: config.oidc, sessions, cookieKey: createHash('sha256').update(`openrtcc-oidc-flow\0${config.oidc.clientSecret}\0${token.hash}`).digest() })
    : undefined;
  const cameras = new CameraService(store.cameras);
  await cameras.load();
  const hotlistsOn = config.modules.includes('hotlists');
  const hotlists = new HotlistService(store.hotlists, bus, { oneEdit: config.matchOneEdit });
  // with the module off nothing matches, so the (possibly million-entry) index is never built
  const hotlistStart = performance.now();
  if (hotlistsOn) await hotlists.load();
  const hotlistSeconds = hotlistsOn ? (performance.now() - hotlistStart) / 1000 : 0;
  const hotlistFeeds = hotlistsOn ? new HotlistFeedService({ store: store.hotlistFeeds, hotlists, audit, hotlistDir: config.hotlistDir, maxBytes: config.maxImportBytes, log }) : undefined;
  const hits = new HitService(store.hits, hotlists, bus);
  const quarantine = new QuarantineService(store.quarantine);
  const health = new SourceHealth();
  const match = hotlistsOn ? { hits } : undefined;
  const readImages = new ReadImageService({ store: store.images, reads: store.reads, audit, maxBytes: config.maxImageBytes });
  const decodePool = new DecodePool({ threads: config.decodeThreads });
  const pipeline = new IngestPipeline({ reads: store.reads, cameras, match, quarantine, bus, health, images: readImages, decodePool });
  const intake = { quarantine, health };
  const units = config.modules.includes('avl') ? new UnitService(store.units, bus, intake) : undefined;
  const cadOn = config.modules.includes('cad');
  const incidents = cadOn ? new IncidentService({ store: store.incidents, bus, intake, units }) : undefined;
  const gunshots = cadOn ? new GunshotService(store.gunshots, bus, intake) : undefined;
  const cfsMappings = incidents ? new CfsMappingService(store.cfsMappings, audit) : undefined;
  const cfsImport = incidents && cfsMappings ? new CfsImportService({ mappings: cfsMappings, incidents, audit, maxBytes: config.maxImportBytes }) : undefined;
  // webhooks tell the CAD about verified hits, so they exist where hits do
  const webhookDispatcher = hotlistsOn
    ? new WebhookDispatcher(store.webhooks, { timeoutMs: config.webhookTimeoutMs, maxAttempts: config.webhookMaxAttempts, baseDelayMs: config.webhookRetryBaseMs, allowLocal: config.webhookAllowLocal }, (m, e) => log(m, e))
    : undefined;
  const webhooks = webhookDispatcher
    ? new WebhookService({
        store: store.webhooks,
        dispatcher: webhookDispatcher,
        audit,
        facts: async (hit) => ({ hit, read: (await store.reads.getMany([hit.readId]))[0], entry: await hotlists.getEntry(hit.entryId), camera: hit.cameraId ? cameras.get(hit.cameraId) : undefined }),
      })
    : undefined;
  if (webhooks) bus.subscribe('hit.verified', ({ hit }) => webhooks.onHitDispositioned(hit));
  const video = config.modules.includes('video') ? new VideoCameraService(store.videoCameras, audit) : undefined;
  const training = config.training ? new TrainingService({ runs: store.trainingRuns, hits: store.hits, reads: store.reads, audit, hotlists, modules: config.modules }) : undefined;
  const search = new ReadSearchService(store.reads, audit, config.justification);
  const agency = { name: config.agencyName ?? 'this agency', ori: config.agencyOri };
  const sharing = sharingOn
    ? createSharing({ agreements: store.sharing, reads: store.reads, search, cameras, audit, agency, timeoutMs: config.sharingTimeoutMs, policy: config.justification })
    : undefined;
  const sources = new SourceService(store.sources, auth);
  const quarantineReplay = new QuarantineReplayService({
    store: store.quarantine,
    pipeline,
    sources,
    audit,
    reads: config.modules.includes('lpr'),
    incidents,
    gunshots,
    units,
  });
  return {
    config,
    store,
    bus,
    auth,
    accounts,
    sessions,
    oidc,
    integrationKeys,
    sources,
    cameras,
    hotlists,
    hotlistFeeds,
    hits,
    quarantine,
    quarantineReplay,
    images: store.images,
    readImages,
    audit,
    auditReview: new AuditReviewService({ store: store.audit, audit, settings: config.auditReview, cadIncidents: config.modules.includes('cad') }),
    search,
    pipeline,
    health,
    training,
    incidents,
    gunshots,
    cfsMappings,
    cfsImport,
    webhooks,
    webhookDispatcher,
    units,
    video,
    sharing,
    retention: new RetentionService({ store, audit, images: () => store.images }),
    generatedAdminToken: token.generated,
    startup: { storeSeconds, hotlistSeconds, readIndex: store.reads instanceof SqliteReadStore ? store.reads.origin : undefined },
  };
}
