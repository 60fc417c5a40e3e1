/**
 * Store interfaces, one per aggregate. Each has a SQLite implementation (the default, embedded)
 * and a PostgreSQL one; `store.contract.ts` is the single test suite both must pass.
 * Only files under `store/` build SQL.
 */
import type {
  Camera,
  GunshotAlert,
  GunshotOutcome,
  Hit,
  HitVerification,
  Hotlist,
  HotlistEntry,
  Incident,
  Page,
  PlateRead,
  PlateReadInput,
  SearchArea,
  Unit,
  UnitPosition,
} from '@openrtcc/domain';
import type { TrainingRun, TrainingScore } from '../training/training.types.ts';
import type { Role } from '../auth/permissions.ts';

/** A read ready to be stored: decoded, located, with its receive time. */
export interface NewRead extends PlateReadInput {
  receivedAt: number;
}

/**
 * Which plates a search wants, resolved by the search service.
 * `plates` lists exact normalized plates; `pattern` is a `?`/`*` pattern over normalized text
 * (substring searches arrive as `*ABC*`); `fuzzy` asks for every plate within one edit or OCR
 * confusion of `fuzzy`.
 */
export type PlateFilter =
  | { kind: 'exact'; plate: string }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'fuzzy'; plate: string }
  | { kind: 'any' };

export interface ReadQuery {
  plate: PlateFilter;
  /** Inclusive lower bound, epoch ms. */
  from?: number;
  /** Exclusive upper bound, epoch ms. */
  to?: number;
  /** Restrict to these cameras (an area search resolves to cameras plus located reads). */
  cameraIds?: string[];
  /**
   * Only reads located inside this area (a read's own device position, or its camera's
   * registry position stored at ingest). Exact: totals count only reads inside.
   */
  area?: SearchArea;
  /** @deprecated superseded by `area`; a bounding box [minLon, minLat, maxLon, maxLat]. */
  bbox?: [number, number, number, number];
  /** Page size, newest first. */
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface AppendResult {
  /** Reads newly stored, in input order, with their ids. */
  stored: PlateRead[];
  /** Inputs skipped because (sourceSystem, sourceEventId) was already stored; the stored id. */
  duplicates: { index: number; id: string }[];
  /** Hits the fresh reads raised (see `RaiseHits`), committed with them. */
  hits: Hit[];
}

/**
 * Builds the hits a freshly stored read raised, once the read has its id; `index` is the read's
 * position in the append's input. The store calls it inside the append's transaction, for new
 * reads only (never for duplicates), and commits the hits with the reads: a crash keeps both or
 * neither, so a sender retrying after a crash still raises the hit, and an alert waits for one
 * commit, not two. It must be synchronous and must not throw.
 */
export type RaiseHits = (read: PlateRead, index: number) => Hit[];

export interface AppendOptions {
  /** Builds the hits of the fresh reads, committed in the same transaction. */
  raise?: RaiseHits;
  /**
   * Called once the append's transaction has committed, possibly before the promise resolves:
   * a store that syncs after committing (SQLite's WalSync) acknowledges only after the sync, but
   * what was committed survives a crash of the process already, and a hit's alert should not
   * wait for the disk. Must not throw.
   */
  committed?: (result: AppendResult) => void;
}

export interface ReadStore {
  /**
   * Stores reads durably (committed when the promise resolves). Idempotent on
   * (sourceSystem, sourceEventId): a repeat returns the id already stored. See AppendOptions
   * for the hits of the fresh reads and the moment of the commit.
   */
  append(reads: NewRead[], opts?: AppendOptions): Promise<AppendResult>;
  get(id: string): Promise<PlateRead | undefined>;
  getMany(ids: string[]): Promise<PlateRead[]>;
  /** Newest first, a page at a time, with the exact total of matching reads. */
  search(query: ReadQuery): Promise<Page<PlateRead>>;
  /** Deletes every read observed before `before` whose id is not in `keep`; returns the count. */
  deleteObservedBefore(before: number, keep?: Set<string>): Promise<number>;
  count(): Promise<number>;
}

export interface HotlistStore {
  create(list: Omit<Hotlist, 'version' | 'entryCount' | 'lastImportAt'>): Promise<Hotlist>;
  get(id: string): Promise<Hotlist | undefined>;
  list(): Promise<Hotlist[]>;
  /** Adds entries to a list (a BOLO or a JSON add). */
  addEntries(hotlistId: string, entries: HotlistEntry[]): Promise<void>;
  /**
   * Replaces the list's entries with `entries` as version `version` in one transaction:
   * older-version entries are removed, the list's version and lastImportAt updated.
   */
  replaceEntries(hotlistId: string, version: number, entries: HotlistEntry[], at: number): Promise<void>;
  /** Sets the list's version and lastImportAt without touching entries (an appending import). */
  setVersion(hotlistId: string, version: number, at: number): Promise<void>;
  removeEntry(hotlistId: string, entryId: string): Promise<boolean>;
  getEntry(entryId: string): Promise<HotlistEntry | undefined>;
  listEntries(hotlistId: string, opts: { limit: number; offset: number }): Promise<Page<HotlistEntry>>;
  /**
   * Every entry not expired at `now`, across all lists or of one, for building the in-memory
   * index. Streamed: a million entries held at once would outlive the young generation and leave
   * the heap a large old-space collection to pay for later, in the middle of live traffic.
   */
  activeEntries(now: number, hotlistId?: string): AsyncIterable<HotlistEntry>;
  /** Records an import's report for history. */
  recordImport(report: HotlistImportRecord): Promise<void>;
  listImports(hotlistId: string): Promise<HotlistImportRecord[]>;
}

export interface HotlistImportRecord {
  id: string;
  hotlistId: string;
  version: number;
  format: string;
  mode: 'replace' | 'append';
  importedAt: number;
  importedBy: string;
  accepted: number;
  rejected: number;
  expiredSkipped: number;
  /** First rejected lines with their reasons (bounded). */
  rejections: { line: number; reason: string; text: string }[];
}

export interface HitFilter {
  status?: 'open' | 'pending' | 'verified' | 'all';
  hotlistId?: string;
  limit: number;
  cursor?: string;
}

export interface HitStore {
  insertMany(hits: Hit[]): Promise<void>;
  get(id: string): Promise<Hit | undefined>;
  list(filter: HitFilter): Promise<Page<Hit>>;
  /** Sets the verification if the hit is still pending; returns the updated hit, or undefined if not found. */
  verify(id: string, verification: HitVerification): Promise<{ hit: Hit; changed: boolean } | undefined>;
  /** Read ids referenced by any hit (kept from retention). */
  readIdsWithHits(): Promise<Set<string>>;
}

export interface CameraStore {
  create(camera: Camera): Promise<Camera>;
  update(camera: Camera): Promise<Camera>;
  get(id: string): Promise<Camera | undefined>;
  list(): Promise<Camera[]>;
}

export interface Source {
  id: string;
  name: string;
  /** The decoder family: 'rtcc', 'openalpr', … */
  kind: string;
  /** sha256 hex of the key; the key itself is shown once at creation. */
  keyHash: string;
  keyPrefix: string;
  createdAt: number;
  createdBy: string;
  revokedAt?: number;
}

export interface SourceStore {
  create(source: Source): Promise<Source>;
  list(): Promise<Source[]>;
  get(id: string): Promise<Source | undefined>;
  findByKeyHash(keyHash: string): Promise<Source | undefined>;
  revoke(id: string, at: number): Promise<boolean>;
}

export interface QuarantineItem {
  id: string;
  sourceSystem: string;
  sourceId?: string;
  route: string;
  contentType?: string;
  receivedAt: number;
  reason: string;
  /** The bytes as received, base64 when not valid UTF-8. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
}

export interface QuarantineStore {
  insert(item: QuarantineItem): Promise<void>;
  list(opts: { limit: number; cursor?: string }): Promise<Page<QuarantineItem>>;
  get(id: string): Promise<QuarantineItem | undefined>;
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: number;
  actor: string;
  action: string;
  /** Remote address. */
  from?: string;
  outcome: 'success' | 'denied' | 'failed';
  justification?: { offenseType: string; caseNumber: string; note?: string };
  query?: unknown;
  resultCount?: number;
  details?: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditStore {
  /** Appends in order; the caller computed `hash` over the record and `prevHash`. */
  append(record: AuditRecord): Promise<void>;
  last(): Promise<AuditRecord | undefined>;
  list(opts: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditRecord>>;
  /** Every record in sequence order, for chain verification. */
  all(): AsyncIterable<AuditRecord>;
}

/** Training runs (training servers only): the expected outcome, and the score frozen at finish. */
export interface TrainingRunStore {
  /** Stores a new run; a run with the same id is a `conflict`. */
  create(run: TrainingRun): Promise<void>;
  get(id: string): Promise<TrainingRun | undefined>;
  /** Newest started first, a page at a time, with the total. */
  list(opts: { limit: number; cursor?: string }): Promise<Page<TrainingRun>>;
  /** Finishes a running run once; a finished one comes back unchanged (`changed: false`); undefined if not found. */
  finish(id: string, end: { finishedAt: number; finishedBy: string; result: TrainingScore }): Promise<{ run: TrainingRun; changed: boolean } | undefined>;
}

/**
 * Dispatch incidents, keyed by (sourceSystem, sourceIncidentId). `merge` is a pure function from
 * the stored incident (or undefined) to the new one; the store runs it under a lock on that key,
 * so two updates of one incident arriving together both land.
 */
export interface IncidentStore {
  upsert(sourceSystem: string, sourceIncidentId: string, merge: (current: Incident | undefined) => Incident): Promise<{ incident: Incident; created: boolean; changed: boolean }>;
  get(id: string): Promise<Incident | undefined>;
  findBySource(sourceSystem: string, sourceIncidentId: string): Promise<Incident | undefined>;
  /** Newest opened first, with the exact total of matching incidents. */
  list(opts: { status?: 'open' | 'closed' | 'all'; limit: number; cursor?: string }): Promise<Page<Incident>>;
}

/** A unit's dispatch status from CAD (EIDO emergency resources). */
export interface UnitStatusUpdate {
  unitId: string;
  name?: string;
  type?: string;
  status?: string;
  /** Platform incident id; null clears the assignment. */
  incidentId?: string | null;
  at: number;
}

export interface UnitPositionInput extends UnitPosition {
  unitId: string;
}

/** Units, their latest position and a bounded recent track (the newest `UNIT_TRACK_MAX` positions). */
export interface UnitStore {
  /**
   * Records positions durably. Idempotent on (unitId, sourceSystem, at): a resent position is a
   * duplicate. A position older than the unit's latest joins the track without moving the unit.
   * @returns the units whose latest position changed, in input order of their last change
   */
  recordPositions(positions: UnitPositionInput[]): Promise<{ moved: Unit[]; duplicates: number; stale: number }>;
  /** Applies dispatch status updates that are newer than the stored status; returns the changed units. */
  updateStatus(updates: UnitStatusUpdate[]): Promise<Unit[]>;
  get(id: string): Promise<Unit | undefined>;
  /** Every unit, by id. */
  list(): Promise<Unit[]>;
  /** The unit's recent positions, newest first. */
  track(id: string, limit: number): Promise<UnitPosition[]>;
}

/** Recent positions kept per unit. */
export const UNIT_TRACK_MAX = 200;

/** Gunshot alerts, keyed by (vendor, sourceEventId). */
export interface GunshotStore {
  /**
   * Stores a new alert, or updates the vendor's fields of the stored one (the id, receive time,
   * source and recorded outcome stay). An update older than the stored one changes nothing.
   */
  upsert(alert: GunshotAlert): Promise<{ alert: GunshotAlert; created: boolean; changed: boolean }>;
  get(id: string): Promise<GunshotAlert | undefined>;
  /** Newest detected first; `from` (inclusive, epoch ms) limits to recent alerts. */
  list(opts: { limit: number; cursor?: string; from?: number }): Promise<Page<GunshotAlert>>;
  /** Records (or corrects) the outcome; undefined when there is no such alert. */
  setOutcome(id: string, outcome: GunshotOutcome): Promise<GunshotAlert | undefined>;
}

/** A person's account. `username` is stored lower-case and is unique. */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: number;
  createdBy: string;
  /** Argon2id PHC string; absent until the person enrols. */
  passwordHash?: string;
  /** Base32 TOTP secret: pending while `enrolment` is open, confirmed once `enrolledAt` is set. */
  totpSecret?: string;
  /** The step of the last TOTP code accepted: a code is never accepted twice. */
  lastTotpStep?: number;
  /** An open enrolment: the sha256 of its one-time code and when it stops working. */
  enrolment?: { codeHash: string; expiresAt: number };
  enrolledAt?: number;
  disabledAt?: number;
  disabledBy?: string;
  /** Recent failed sign-ins and the lock they caused (auth/lockout.ts). */
  failedAttempts: number[];
  lockedUntil?: number;
  lastSignInAt?: number;
  updatedAt: number;
}

export interface UserStore {
  /** Stores a new account; a taken id or username is a `conflict`. */
  create(user: UserAccount): Promise<void>;
  get(id: string): Promise<UserAccount | undefined>;
  findByUsername(username: string): Promise<UserAccount | undefined>;
  /** Finds the account whose open enrolment has this code hash. */
  findByEnrolmentHash(codeHash: string): Promise<UserAccount | undefined>;
  /** Every account, by username. */
  list(): Promise<UserAccount[]>;
  /**
   * Changes one account under a lock on it: `change` gets the stored account and returns the new
   * one, or undefined to leave it as it is (two sign-ins failing together both count). Returns
   * what is stored afterwards, or undefined when there is no such account. `change` must be
   * synchronous and must not change `id` or `username`.
   */
  update(id: string, change: (current: UserAccount) => UserAccount | undefined): Promise<UserAccount | undefined>;
}

/** A signed-in session. The bearer token itself is never stored, only its sha256. */
export interface Session {
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end of the session. */
  expiresAt: number;
  from?: string;
  revokedAt?: number;
  /** Why it ended: 'signed_out', 'idle', 'expired', 'disabled', 'mfa_reset'. */
  endReason?: string;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | undefined>;
  get(id: string): Promise<Session | undefined>;
  /** Moves lastSeenAt forward to `at` (never back) on a session that has not ended. */
  touch(id: string, at: number): Promise<void>;
  /** Ends a session once; the first end stands. False if it had ended already or does not exist. */
  revoke(id: string, at: number, reason: string): Promise<boolean>;
  /** Ends every open session of a user; returns how many. */
  revokeAllForUser(userId: string, at: number, reason: string): Promise<number>;
  /** Sessions of a user that have not been revoked, newest first. */
  listOpenForUser(userId: string): Promise<Session[]>;
}

/** Everything a node persists. */
export interface Store {
  kind: 'sqlite' | 'postgres';
  reads: ReadStore;
  hotlists: HotlistStore;
  hits: HitStore;
  cameras: CameraStore;
  sources: SourceStore;
  quarantine: QuarantineStore;
  audit: AuditStore;
  trainingRuns: TrainingRunStore;
  incidents: IncidentStore;
  units: UnitStore;
  gunshots: GunshotStore;
  users: UserStore;
  sessions: SessionStore;
  close(): Promise<void>;
}
