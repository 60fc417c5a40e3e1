/**
 * Everything the HTTP layer and jobs reach: built once by `createContext` (composition root).
 */
import type { Config } from './config/config.ts';
import type { Bus } from './bus/index.ts';
import type { Store } from './store/store.types.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { AccountService } from './auth/account.service.ts';
import type { SessionService } from './auth/session.service.ts';
import type { SourceService } from './sources/source.service.ts';
import type { CameraService } from './cameras/camera.service.ts';
import type { HotlistService } from './hotlists/hotlist.service.ts';
import type { HitService } from './alerts/hit.service.ts';
import type { QuarantineService } from './ingest/quarantine.service.ts';
import type { AuditService } from './governance/audit.service.ts';
import type { ReadSearchService } from './search/read-search.service.ts';
import type { IngestPipeline } from './ingest/pipeline.ts';
import type { SourceHealth } from './ingest/source-health.ts';
import type { TrainingService } from './training/training.service.ts';
import type { IncidentService } from './incidents/incident.service.ts';
import type { UnitService } from './units/unit.service.ts';
import type { GunshotService } from './gunshots/gunshot.service.ts';

export interface AppContext {
  config: Config;
  store: Store;
  bus: Bus;
  auth: AuthService;
  /** User accounts (admins) and enrolment (the person). */
  accounts: AccountService;
  /** Sign-in, session tokens, sign-out. */
  sessions: SessionService;
  sources: SourceService;
  cameras: CameraService;
  hotlists: HotlistService;
  hits: HitService;
  quarantine: QuarantineService;
  audit: AuditService;
  search: ReadSearchService;
  pipeline: IngestPipeline;
  health: SourceHealth;
  /** Training runs and scores: only on a training server (RTCC_TRAINING=true). */
  training?: TrainingService;
  /** Dispatch incidents and gunshot alerts: with the cad module. */
  incidents?: IncidentService;
  gunshots?: GunshotService;
  /** Unit locations: with the avl module. */
  units?: UnitService;
}
