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
  ImageContentType,
  IndexedEntry,
  Incident,
  Page,
  PlateRead,
  PlateReadInput,
  SearchArea,
  Unit,
  UnitPosition,
  VehicleFilter,
  VideoCamera,
  VideoOwnerKind,
} from '@openrtcc/domain';
import type { AuditRecordView, LegalHoldView, RetentionRunView, SharingDirection, SharingLimits, SharingScope } from '@openrtcc/domain';
import type { TrainingRun, TrainingScore } from '../training/training.types.ts';
import type { Role } from '../auth/permissions.ts';
import type { CfsMapping } from '../incidents/cfs-mapping.ts';
import type { DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookTarget } from '../webhooks/webhook.types.ts';

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
  /**
   * Only reads whose vehicle (as the camera described it) matches, by `matchesVehicle` of the
   * domain. Checked read by read over the reads the other filters select (at most
   * VEHICLE_CANDIDATES_MAX of them), so a search without it costs nothing more.
   */
  vehicle?: VehicleFilter;
  /** Page size, newest first. */
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

/**
 * How many reads a vehicle filter checks at most: more reads matching the plate, time, cameras
 * and area is a `validation_failed` asking to narrow them (the total stays exact).
 */
export const VEHICLE_CANDIDATES_MAX = 100_000;

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
  /**
   * The caller gives the read objects up: the store may complete each fresh one in place into
   * the stored read it returns (adding its id, rounding what the store rounds) instead of
   * building a copy. Set by the ingest pipeline, whose reads are each request's own.
   */
  handOver?: boolean;
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
  /**
   * Deletes every read observed before `before` whose id is not in `keep` and whose observation
   * time is in none of the `windows` (legal holds); returns the count. Whole day partitions are
   * dropped where nothing in them is kept.
   */
  deleteObservedBefore(before: number, keep?: Set<string>, windows?: TimeWindow[]): Promise<number>;
  count(): Promise<number>;
}

/**
 * Where a hotlist is re-imported from on a schedule: the newest file of a watched folder (the
 * state's hot-file drop) or a URL, with what the last checks found.
 */
export interface HotlistFeed {
  hotlistId: string;
  source: { kind: 'folder'; path: string; pattern?: string } | { kind: 'url'; url: string };
  /** An importer format (hotlists/importers). */
  format: string;
  mode: 'replace' | 'append';
  intervalMinutes: number;
  /** Imported records stop matching this long after their import unless a newer one replaces them. */
  staleAfterHours?: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  state: HotlistFeedState;
}

export interface HotlistFeedState {
  /** The last check, whatever it found. */
  lastCheckAt?: number;
  /** The last check that reached the file: the list is in sync with the source as of then. */
  lastSyncAt?: number;
  /** The last time the file had changed and was imported. */
  lastImportAt?: number;
  lastImportVersion?: number;
  /** sha256 of the last imported content; an unchanged file is not imported again. */
  lastHash?: string;
  lastFile?: string;
  etag?: string;
  lastModified?: string;
  lastError?: string;
  lastErrorAt?: number;
  /** Checks that failed in a row. */
  failures?: number;
}

export interface HotlistFeedStore {
  /** Creates or replaces the feed of a list. */
  put(feed: HotlistFeed): Promise<void>;
  get(hotlistId: string): Promise<HotlistFeed | undefined>;
  list(): Promise<HotlistFeed[]>;
  /** False when the list had no feed. */
  delete(hotlistId: string): Promise<boolean>;
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
   * Every entry not expired at `now`, across all lists or of one, as the in-memory matcher holds
   * it (id, list, plate, state, expiry: never the record's body), for building that matcher.
   * Streamed in batches: a million entries held at once would outlive the young generation and
   * leave the heap a large old-space collection to pay for later, in the middle of live traffic.
   */
  activeEntries(now: number, hotlistId?: string): AsyncIterable<IndexedEntry[]>;
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
  /** Deletes hits raised before `before` that `keep` does not hold; returns the count. */
  deleteRaisedBefore(before: number, keep: HitKeep): Promise<number>;
}

/** A span of time held from retention: `from` inclusive, `to` exclusive, epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * The hits retention must leave: by id, by the read they point at, by plate (the hotlist plate
 * or the plate read, normalized), or read (observed) inside a window. `plateWindows` limits a
 * plate to a window (a hold on plates within a time window); a plate without one is held always.
 */
export interface HitKeep {
  ids: Set<string>;
  readIds: Set<string>;
  plates: { plate: string; window?: TimeWindow }[];
  windows: TimeWindow[];
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
  /** IANA zone of a sender whose times carry no zone (Genetec's split date and time). */
  timeZone?: string;
}

export interface SourceStore {
  create(source: Source): Promise<Source>;
  list(): Promise<Source[]>;
  get(id: string): Promise<Source | undefined>;
  findByKeyHash(keyHash: string): Promise<Source | undefined>;
  revoke(id: string, at: number): Promise<boolean>;
}

/** An image to keep: the decoded bytes, checked by the caller (images/image-check.ts). */
export interface NewImage {
  bytes: Buffer;
  contentType: ImageContentType;
  /** When the read was observed, epoch ms: images are kept, and dropped, by UTC day of observation. */
  observedAt: number;
}

/** A stored image's bytes and what to serve them as. */
export interface StoredImage {
  bytes: Buffer;
  contentType: ImageContentType;
}

/**
 * Read images, kept apart from the reads (a read holds only the `ref` it got from `put`).
 * Content-addressed per UTC day of observation: the same bytes of the same day are stored once,
 * so a sender retrying an event never stores a second copy, and retention drops whole days.
 */
export interface ImageStore {
  /** Stores the image durably (on disk or committed when the promise resolves); returns its ref. */
  put(image: NewImage): Promise<string>;
  /** The image under `ref`, or undefined (unknown, malformed or deleted ref). */
  get(ref: string): Promise<StoredImage | undefined>;
  /**
   * Deletes every image observed before `before` except those of the reads in `keepReadIds`
   * (reads with hits are kept, and so are their images); returns how many images it deleted.
   */
  deleteBefore(before: number, keepReadIds: Set<string>): Promise<number>;
  /** How many images are stored. */
  count(): Promise<number>;
}

/** Where a replayed quarantine item stands: decoded now (with what it produced), or failing still. */
export interface QuarantineReplay {
  outcome: 'replayed' | 'failed';
  at: number;
  by: string;
  /** How many times the item has been replayed. */
  attempts: number;
  /** The decoder's error on the last failed replay. */
  reason?: string;
  /** What the replay produced: the route's own answer (reads accepted, duplicates, incidents…). */
  result?: Record<string, unknown>;
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
  /** The request's query string (OsmAnd sends its fields there), when there was one. */
  query?: string;
  /** The last replay, once an administrator replayed the item. */
  replay?: QuarantineReplay;
}

/** Which items a bulk replay takes: not yet replayed, oldest first, of a family and/or a receive window. */
export interface QuarantineReplayQuery {
  sourceSystem?: string;
  /** Inclusive lower bound on receivedAt, epoch ms. */
  from?: number;
  /** Exclusive upper bound on receivedAt, epoch ms. */
  to?: number;
  limit: number;
}

export interface QuarantineStore {
  insert(item: QuarantineItem): Promise<void>;
  list(opts: { limit: number; cursor?: string }): Promise<Page<QuarantineItem>>;
  get(id: string): Promise<QuarantineItem | undefined>;
  /** Items not replayed successfully yet, oldest received first (so a source's events replay in order). */
  pendingReplay(query: QuarantineReplayQuery): Promise<QuarantineItem[]>;
  /** Records the outcome of a replay; undefined when there is no such item. */
  recordReplay(id: string, replay: QuarantineReplay): Promise<QuarantineItem | undefined>;
}

/** An audit record as stored and hashed: the view with its time in epoch ms. */
export interface AuditRecord extends Omit<AuditRecordView, 'at'> {
  at: number;
}

export interface AuditStore {
  /** Appends in order; the caller computed `hash` over the record and `prevHash`. */
  append(record: AuditRecord): Promise<void>;
  last(): Promise<AuditRecord | undefined>;
  list(opts: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditRecord>>;
  /** Every record in sequence order, for chain verification. */
  all(): AsyncIterable<AuditRecord>;
  /** Records of one action from `fromSeq` on, in sequence order, streamed in batches. */
  scan(opts: { action: string; fromSeq: number }): AsyncIterable<AuditRecord>;
  /** The records with these sequence numbers, in sequence order (missing ones left out). */
  getMany(seqs: readonly number[]): Promise<AuditRecord[]>;
  /** The smallest seq of a record with `at` at or after `at`, if any. */
  firstSeqAt(at: number): Promise<number | undefined>;
  /** Records whose `at` is in [from, to): count, first and last seq, and the last one's hash. */
  span(from: number, to: number): Promise<{ records: number; firstSeq: number; lastSeq: number; root: string } | undefined>;
  /** The earliest `at` in [from, to), to skip days without records. */
  firstAtBetween(from: number, to: number): Promise<number | undefined>;
  /** The published daily roots (append-only). */
  roots: AuditRootStore;
  /** The supervisor review queue's flags and the flag job's progress. */
  flags: AuditFlagStore;
}

/**
 * One UTC day's published root: the hash of the day's last record, which commits to the whole
 * chain up to it, with the day's record count and first and last seq.
 */
export interface AuditRoot {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  records: number;
  firstSeq: number;
  lastSeq: number;
  root: string;
  publishedAt: number;
}

export interface AuditRootStore {
  /** Appends a day's root; false when that day was already published (left as it was). */
  publish(root: AuditRoot): Promise<boolean>;
  /** The newest published day. */
  latest(): Promise<AuditRoot | undefined>;
  /** Published roots of days at or after `fromDay` (all when absent), oldest first. */
  list(fromDay?: string): Promise<AuditRoot[]>;
}

export type AuditFlagKind = 'repeat_plate' | 'outside_case' | 'off_hours' | 'bulk';

/** A supervisor's decision on a flag. */
export interface AuditFlagReview {
  by: string;
  at: number;
  disposition: 'justified' | 'follow_up' | 'referred';
  note: string;
}

/** A pattern in the search audit records that a supervisor should look at. */
export interface AuditFlag {
  /** Stable: derived from the kind and what it is about, so recomputing finds the same flag. */
  id: string;
  kind: AuditFlagKind;
  actor: string;
  /** The plate, case number or local day the flag is about. */
  subject: string;
  reason: string;
  firstAt: number;
  lastAt: number;
  /** The audit records behind the flag (at most AUDIT_FLAG_MAX_SEQS, oldest first). */
  seqs: number[];
  /** Records counted, including those past the kept seqs. */
  count: number;
  status: 'open' | 'reviewed';
  /** The latest review; a reviewed flag that gains records is open again and keeps it. */
  review?: AuditFlagReview;
}

/** What the flag job adds to a flag: created when new, merged (and reopened) when known. */
export type AuditFlagHit = Pick<AuditFlag, 'id' | 'kind' | 'actor' | 'subject' | 'reason'> & { seqs: number[]; firstAt: number; at: number };

export const AUDIT_FLAG_MAX_SEQS = 200;

export interface AuditFlagStore {
  merge(hit: AuditFlagHit): Promise<void>;
  get(id: string): Promise<AuditFlag | undefined>;
  /** Newest activity first, with the exact total of matching flags. */
  list(opts: { status?: 'open' | 'reviewed' | 'all'; kind?: AuditFlagKind; actor?: string; limit: number; cursor?: string }): Promise<Page<AuditFlag>>;
  /** Marks a flag reviewed; undefined when there is no such flag. */
  review(id: string, review: AuditFlagReview): Promise<AuditFlag | undefined>;
  /** The last audit seq the flag job has looked at (0 before the first run). */
  cursor(): Promise<number>;
  saveCursor(seq: number): Promise<void>;
  /** Which of `numbers` are incident numbers the CAD sent (an incident's source id). */
  knownIncidentNumbers(numbers: readonly string[]): Promise<Set<string>>;
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
  /**
   * Deletes closed incidents opened and last changed (closed) before `before`, except those
   * opened inside a held window; open incidents are never deleted. Returns the count.
   */
  deleteClosedBefore(before: number, windows: TimeWindow[]): Promise<number>;
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
  /** Deletes track positions fixed before `before`, except inside held windows; returns the count. */
  deletePositionsBefore(before: number, windows: TimeWindow[]): Promise<number>;
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
  /** Deletes alerts detected before `before`, except inside held windows; returns the count. */
  deleteDetectedBefore(before: number, windows: TimeWindow[]): Promise<number>;
}

/** Which live-view cameras a list wants. */
export interface VideoCameraFilter {
  /** [minLon, minLat, maxLon, maxLat]; a camera on the edge is inside. */
  bbox?: [number, number, number, number];
  ownerKind?: VideoOwnerKind;
  /** Inactive cameras too (the registry view); the map wants active ones only. */
  includeInactive?: boolean;
}

/** Live-view cameras (video module): agency-owned and community-registered. */
export interface VideoCameraStore {
  /** Stores a new camera; a taken id is a `conflict`. */
  create(camera: VideoCamera): Promise<void>;
  get(id: string): Promise<VideoCamera | undefined>;
  /** Matching cameras by name, then id. */
  list(filter: VideoCameraFilter): Promise<VideoCamera[]>;
  /**
   * Changes one camera under a lock on it: `change` gets the stored camera and returns the new one
   * (same id). Returns what is stored afterwards, or undefined when there is no such camera.
   */
  update(id: string, change: (current: VideoCamera) => VideoCamera): Promise<VideoCamera | undefined>;
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
  /**
   * The identity provider's subject this account is linked to (single sign-on): set by the first
   * sign-in through the provider; from then on only that subject signs in as this account.
   */
  sso?: { issuer: string; subject: string; linkedAt: number };
  disabledAt?: number;
  disabledBy?: string;
  /** Recent failed sign-ins and the lock they caused (auth/lockout.ts). */
  failedAttempts: number[];
  lockedUntil?: number;
  lastSignInAt?: number;
  updatedAt: number;
}

/**
 * An API key for an integration that is neither a person nor a camera (an RMS pulling verified
 * hits, a SIEM reading the audit trail, a script keeping a custom hotlist in sync): the
 * permissions it holds are chosen at creation, it expires, and it can be revoked.
 */
export interface IntegrationKey {
  id: string;
  name: string;
  /** sha256 hex of the key; the key itself is shown once at creation. */
  keyHash: string;
  keyPrefix: string;
  /** Permission names (auth/permissions.ts), a subset of those integration keys may hold. */
  scopes: string[];
  createdAt: number;
  createdBy: string;
  expiresAt: number;
  revokedAt?: number;
  revokedBy?: string;
  /** The last time it was used (written at most once a minute). */
  lastUsedAt?: number;
}

export interface IntegrationKeyStore {
  /** A taken id or key hash is a `conflict`. */
  create(key: IntegrationKey): Promise<void>;
  /** Every key, newest first. */
  list(): Promise<IntegrationKey[]>;
  get(id: string): Promise<IntegrationKey | undefined>;
  /** Revoked and expired keys too: the caller tells them from unknown ones. */
  findByKeyHash(keyHash: string): Promise<IntegrationKey | undefined>;
  /** False when there is no such key or it was already revoked. */
  revoke(id: string, at: number, by: string): Promise<boolean>;
  /** Moves `lastUsedAt` forward only. */
  touch(id: string, at: number): Promise<void>;
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
/**
 * A sharing agreement with another agency (see docs/sharing.md). Outbound agreements carry the
 * hash of the key the partner presents; inbound ones carry the key the partner issued to us,
 * which we must send and so keep as it is (never shown by the API).
 */
export interface SharingAgreement {
  id: string;
  direction: SharingDirection;
  partnerAgency: string;
  partnerOri?: string;
  partnerUrl?: string;
  scope: SharingScope[];
  limits: SharingLimits;
  basis?: string;
  expiresAt: number;
  createdAt: number;
  createdBy: string;
  revokedAt?: number;
  revokedBy?: string;
  /** Outbound: sha256 hex of the partner key, and its first characters. */
  keyHash?: string;
  keyPrefix?: string;
  /** Inbound: the partner's key for us. */
  partnerKey?: string;
}

export interface SharingStore {
  /** Stores a new agreement; an outbound key hash already in use is a `conflict`. */
  create(agreement: SharingAgreement): Promise<void>;
  get(id: string): Promise<SharingAgreement | undefined>;
  /** Every agreement, newest first, revoked and expired ones included. */
  list(): Promise<SharingAgreement[]>;
  /** The outbound agreement whose key hashes to `keyHash`, revoked or not. */
  findByKeyHash(keyHash: string): Promise<SharingAgreement | undefined>;
  /** Revokes once: the first revocation stands; false when not found or already revoked. */
  revoke(id: string, at: number, by: string): Promise<boolean>;
}

export interface Store {
  kind: 'sqlite' | 'postgres';
  reads: ReadStore;
  hotlists: HotlistStore;
  /** Scheduled re-imports of hotlists from a folder or URL (hotlists/hotlist-feed.service.ts). */
  hotlistFeeds: HotlistFeedStore;
  hits: HitStore;
  cameras: CameraStore;
  sources: SourceStore;
  quarantine: QuarantineStore;
  audit: AuditStore;
  trainingRuns: TrainingRunStore;
  incidents: IncidentStore;
  units: UnitStore;
  gunshots: GunshotStore;
  videoCameras: VideoCameraStore;
  users: UserStore;
  sessions: SessionStore;
  /** Scoped API keys of integrations (RMS, BI, SIEM …): auth/integration-key.service.ts. */
  integrationKeys: IntegrationKeyStore;
  sharing: SharingStore;
  /** Read images (SQLite: files under the data folder; PostgreSQL: a shared table). */
  images: ImageStore;
  /** Retention policy, legal holds, runs (retention/). */
  retention: RetentionStore;
  /** Saved column mappings of calls-for-service files (cad module). */
  cfsMappings: CfsMappingStore;
  /** Outbound webhook targets and their delivery log. */
  webhooks: WebhookStore;
  close(): Promise<void>;
}

/** The stored retention policy: a preset and per-type overrides (null: keep forever). */
export interface StoredRetentionPolicy {
  preset: string;
  overrides: Record<string, number | null>;
  updatedAt: number;
  updatedBy: string;
}

/** A legal hold as stored: the view with its window and times in epoch ms. */
export interface LegalHold extends Omit<LegalHoldView, 'window' | 'placedAt' | 'releasedAt'> {
  window?: TimeWindow;
  placedAt: number;
  releasedAt?: number;
}

/** One run of the retention job as stored: the view with its times in epoch ms. */
export interface RetentionRun extends Omit<RetentionRunView, 'startedAt' | 'finishedAt' | 'cutoffs'> {
  startedAt: number;
  finishedAt?: number;
  /** The cutoff applied per data type, epoch ms. */
  cutoffs: Record<string, number>;
}

/**
 * Retention bookkeeping (policy, holds, runs) and the deletion of the small record types that
 * have no store of their own to carry it (quarantined payloads, ended sessions).
 */
export interface RetentionStore {
  getPolicy(): Promise<StoredRetentionPolicy | undefined>;
  savePolicy(policy: StoredRetentionPolicy): Promise<void>;
  createHold(hold: LegalHold): Promise<void>;
  getHold(id: string): Promise<LegalHold | undefined>;
  /** Holds, newest placed first; `active` leaves out released ones. */
  listHolds(opts: { active: boolean }): Promise<LegalHold[]>;
  /** Releases an active hold once; returns it, or undefined when there is no active hold with that id. */
  releaseHold(id: string, release: { releasedAt: number; releasedBy: string; releaseReason?: string }): Promise<LegalHold | undefined>;
  /** Stores a new run or replaces it (same id) when it finishes. */
  saveRun(run: RetentionRun): Promise<void>;
  /** Runs, newest started first. */
  listRuns(opts: { limit: number; since?: number }): Promise<RetentionRun[]>;
  /** Deletes quarantined payloads received before `before`, except inside held windows. */
  deleteQuarantinedBefore(before: number, windows: TimeWindow[]): Promise<number>;
  /** Deletes sessions that ended (signed out, revoked or past their absolute end) before `before`. */
  deleteEndedSessionsBefore(before: number): Promise<number>;
}

/** Saved column mappings for calls-for-service imports (built-in presets are not stored). */
export interface CfsMappingStore {
  /** Stores a new mapping; a taken id is a `conflict`. */
  create(mapping: CfsMapping): Promise<void>;
  /** Replaces a stored mapping; `not_found_or_forbidden` when there is none. */
  update(mapping: CfsMapping): Promise<void>;
  get(id: string): Promise<CfsMapping | undefined>;
  /** Every saved mapping, by name. */
  list(): Promise<CfsMapping[]>;
  /** False when there was no such mapping. */
  delete(id: string): Promise<boolean>;
}

/** What an attempt changed on a delivery. */
export interface DeliveryOutcome {
  status: DeliveryStatus;
  nextAttemptAt?: number;
  deliveredAt?: number;
}

/**
 * Webhook targets and the durable queue and log of deliveries. A delivery is claimed with a
 * lease (its next attempt time moves past the attempt's timeout), so a node that dies mid-attempt
 * leaves it to be retried, and two nodes never post the same delivery at once.
 */
export interface WebhookStore {
  createTarget(target: WebhookTarget): Promise<void>;
  /** `not_found_or_forbidden` when there is no such target. */
  updateTarget(target: WebhookTarget): Promise<void>;
  getTarget(id: string): Promise<WebhookTarget | undefined>;
  /** Every target, oldest first. */
  listTargets(): Promise<WebhookTarget[]>;
  /** Removes the target and its deliveries; false when there was none. */
  deleteTarget(id: string): Promise<boolean>;
  /** Queues a delivery; false (nothing stored) when one for the same target, event and subject exists. */
  enqueue(delivery: WebhookDelivery): Promise<boolean>;
  /** Pending deliveries due at `now`, oldest due first, each leased until `leaseUntil`. */
  claimDue(now: number, leaseUntil: number, limit: number): Promise<WebhookDelivery[]>;
  /** Appends an attempt and sets the outcome; undefined when the delivery is gone. */
  recordAttempt(id: string, attempt: WebhookAttempt, outcome: DeliveryOutcome): Promise<WebhookDelivery | undefined>;
  getDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** A target's deliveries, newest queued first. */
  listDeliveries(targetId: string, opts: { limit: number; cursor?: string }): Promise<Page<WebhookDelivery>>;
}
