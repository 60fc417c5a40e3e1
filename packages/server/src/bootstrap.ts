/**
 * The composition root: config → store → bus → services → pipeline. Handlers on the bus are
 * registered here, explicitly; no DI framework.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config/config.ts';
import type { AppContext } from './context.ts';
import { InProcessBus } from './bus/index.ts';
import type { Store } from './store/store.types.ts';
import { openSqliteStore } from './store/sqlite/index.ts';
import { AuthService, newSecret, sha256Hex } from './auth/auth.service.ts';
import { AccountService } from './auth/account.service.ts';
import { SessionService } from './auth/session.service.ts';
import { SourceService } from './sources/source.service.ts';
import { CameraService } from './cameras/camera.service.ts';
import { HotlistService } from './hotlists/hotlist.service.ts';
import { HitService } from './alerts/hit.service.ts';
import { QuarantineService } from './ingest/quarantine.service.ts';
import { AuditService } from './governance/audit.service.ts';
import { ReadSearchService } from './search/read-search.service.ts';
import { IngestPipeline } from './ingest/pipeline.ts';
import { SourceHealth } from './ingest/source-health.ts';
import { TrainingService } from './training/training.service.ts';
import { IncidentService } from './incidents/incident.service.ts';
import { UnitService } from './units/unit.service.ts';
import { GunshotService } from './gunshots/gunshot.service.ts';

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

export async function createContext(config: Config, opts: { store?: Store; log?: (msg: string, err?: unknown) => void } = {}): Promise<AppContext & { generatedAdminToken?: string }> {
  const log = opts.log ?? ((msg, err) => console.error(msg, err));
  const store = opts.store ?? (await openStore(config));
  const bus = new InProcessBus((name, err) => log(`bus handler for ${name} failed`, err));
  const token = adminTokenHash(config);
  const audit = new AuditService(store.audit);
  const sessions = new SessionService({ users: store.users, sessions: store.sessions, audit });
  const accounts = new AccountService({ users: store.users, sessions: store.sessions, audit });
  const auth = new AuthService(token.hash, store.sources, sessions);
  const cameras = new CameraService(store.cameras);
  await cameras.load();
  const hotlistsOn = config.modules.includes('hotlists');
  const hotlists = new HotlistService(store.hotlists, bus, { oneEdit: config.matchOneEdit });
  // with the module off nothing matches, so the (possibly million-entry) index is never built
  if (hotlistsOn) await hotlists.load();
  const hits = new HitService(store.hits, hotlists, bus);
  const quarantine = new QuarantineService(store.quarantine);
  const health = new SourceHealth();
  const match = hotlistsOn ? { hits } : undefined;
  const pipeline = new IngestPipeline({ reads: store.reads, cameras, match, quarantine, bus, health });
  const intake = { quarantine, health };
  const units = config.modules.includes('avl') ? new UnitService(store.units, bus, intake) : undefined;
  const cadOn = config.modules.includes('cad');
  const incidents = cadOn ? new IncidentService({ store: store.incidents, bus, intake, units }) : undefined;
  const gunshots = cadOn ? new GunshotService(store.gunshots, bus, intake) : undefined;
  const training = config.training ? new TrainingService({ runs: store.trainingRuns, hits: store.hits, reads: store.reads, audit, hotlists, modules: config.modules }) : undefined;
  return {
    config,
    store,
    bus,
    auth,
    accounts,
    sessions,
    sources: new SourceService(store.sources, auth),
    cameras,
    hotlists,
    hits,
    quarantine,
    audit,
    search: new ReadSearchService(store.reads, audit),
    pipeline,
    health,
    training,
    incidents,
    gunshots,
    units,
    generatedAdminToken: token.generated,
  };
}
