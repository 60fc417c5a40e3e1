/**
 * Everything the HTTP layer and jobs reach: built once by `createContext` (composition root).
 */
import type { Config } from './config/config.ts';
import type { Bus } from './bus/index.ts';
import type { ImageStore, Store } from './store/store.types.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { AccountService } from './auth/account.service.ts';
import type { SessionService } from './auth/session.service.ts';
import type { SourceService } from './sources/source.service.ts';
import type { CameraService } from './cameras/camera.service.ts';
import type { HotlistService } from './hotlists/hotlist.service.ts';
import type { HitService } from './alerts/hit.service.ts';
import type { QuarantineService } from './ingest/quarantine.service.ts';
import type { QuarantineReplayService } from './ingest/quarantine-replay.service.ts';
import type { ReadImageService } from './images/read-image.service.ts';
import type { AuditService } from './governance/audit.service.ts';
import type { AuditReviewService } from './governance/audit-review.service.ts';
import type { ReadSearchService } from './search/read-search.service.ts';
import type { IngestPipeline } from './ingest/pipeline.ts';
import type { SourceHealth } from './ingest/source-health.ts';
import type { TrainingService } from './training/training.service.ts';
import type { IncidentService } from './incidents/incident.service.ts';
import type { UnitService } from './units/unit.service.ts';
import type { GunshotService } from './gunshots/gunshot.service.ts';
import type { CfsMappingService } from './incidents/cfs-mapping.service.ts';
import type { CfsImportService } from './incidents/cfs-import.service.ts';
import type { WebhookDispatcher, WebhookService } from './webhooks/index.ts';
import type { RetentionService } from './retention/retention.service.ts';
import type { SharingService } from './sharing/index.ts';
import type { VideoCameraService } from './video/video-camera.service.ts';
import type { OidcService } from './auth/oidc.service.ts';
import type { IntegrationKeyService } from './auth/integration-key.service.ts';
import type { HotlistFeedService } from './hotlists/hotlist-feed.service.ts';

export interface AppContext {
  config: Config;
  store: Store;
  bus: Bus;
  auth: AuthService;
  /** User accounts (admins) and enrolment (the person). */
  accounts: AccountService;
  /** Sign-in, session tokens, sign-out. */
  sessions: SessionService;
  /** Single sign-on with the agency's identity provider: only when RTCC_OIDC_ISSUER is set. */
  oidc?: OidcService;
  /** Scoped, expiring, revocable API keys of integrations (RMS, SIEM, sync scripts). */
  integrationKeys: IntegrationKeyService;
  sources: SourceService;
  cameras: CameraService;
  hotlists: HotlistService;
  /** Scheduled re-imports of hotlists from a folder or URL: with the hotlists module. */
  hotlistFeeds?: HotlistFeedService;
  hits: HitService;
  quarantine: QuarantineService;
  /** Re-runs quarantined payloads through the current decoders. */
  quarantineReplay: QuarantineReplayService;
  /** Read images (the store's): retention calls `images.deleteBefore`. */
  images: ImageStore;
  /** Stores the images of incoming reads and serves them back, checked and audited. */
  readImages: ReadImageService;
  audit: AuditService;
  /** The supervisor review queue of flagged searches (always on). */
  auditReview: AuditReviewService;
  search: ReadSearchService;
  pipeline: IngestPipeline;
  health: SourceHealth;
  /** Training runs and scores: only on a training server (RTCC_TRAINING=true). */
  training?: TrainingService;
  /** Dispatch incidents and gunshot alerts: with the cad module. */
  incidents?: IncidentService;
  gunshots?: GunshotService;
  /** Calls-for-service files and their column mappings: with the cad module. */
  cfsMappings?: CfsMappingService;
  cfsImport?: CfsImportService;
  /** Outbound webhooks on verified hits, and the worker posting them: with the hotlists module. */
  webhooks?: WebhookService;
  webhookDispatcher?: WebhookDispatcher;
  /** Unit locations: with the avl module. */
  units?: UnitService;
  /** Retention policy, legal holds and the deletion job (always on). */
  retention: RetentionService;
  /** Live-view cameras and the community camera registry: with the video module. */
  video?: VideoCameraService;
  /** Agreements with other agencies, outside queries, searches with partners: with the sharing module. */
  sharing?: SharingService;
}
