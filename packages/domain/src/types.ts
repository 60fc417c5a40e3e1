/**
 * Core types shared by the server, the web console and the simulator.
 * Times are UTC epoch milliseconds inside the platform; ISO 8601 only at the API edge.
 * Coordinates are WGS84 in GeoJSON order: [lon, lat].
 */

export type LonLat = [lon: number, lat: number];

/** Where a read's position came from. */
export type LocationSource = 'device' | 'registry' | 'geocoded';

/** One alternative OCR reading of a plate, confidence 0–1. */
export interface PlateCandidate {
  plate: string;
  confidence: number;
}

/** Vehicle attributes a camera may report; each a best guess with confidence 0–1. */
export interface VehicleDescription {
  color?: string;
  make?: string;
  model?: string;
  bodyType?: string;
  year?: string;
  /** Direction of travel in degrees, when the source reports it. */
  heading?: number;
}

/**
 * An image of a read. Decoders hand the pipeline inline base64 (`jpegBase64`, JPEG or PNG bytes)
 * or a `url` on the source; the pipeline stores inline bytes in the image store and keeps only a
 * reference on the read (`ref`, `contentType`, `bytes`), so a stored read never holds base64.
 * The console fetches a stored image from `GET /api/v1/reads/{id}/images/{kind}`.
 */
export interface ReadImage {
  kind: ReadImageKind;
  url?: string;
  /** Inline image from a decoder; replaced by `ref` before the read is stored. */
  jpegBase64?: string;
  /** The image store's key for the bytes (opaque). */
  ref?: string;
  /** `image/jpeg` or `image/png`, with `ref`. */
  contentType?: ImageContentType;
  /** Size of the stored image, with `ref`. */
  bytes?: number;
}

export type ReadImageKind = 'plate' | 'vehicle' | 'overview';
export type ImageContentType = 'image/jpeg' | 'image/png';

/**
 * A plate read as decoded from a source, before the platform stores it.
 * `plate` is the normalized text (A–Z, 0–9); `plateRaw` what the source sent.
 */
export interface PlateReadInput {
  sourceSystem: string;
  sourceEventId: string;
  plate: string;
  plateRaw: string;
  /** Two-letter jurisdiction (US state / CA province), upper-case, or undefined when unknown. */
  state?: string;
  /** 0–1 */
  confidence: number;
  observedAt: number;
  cameraId?: string;
  /** Camera identifier as the source names it, resolved through the camera registry. */
  sourceCameraKey?: string;
  location?: LonLat;
  locationSource?: LocationSource;
  candidates?: PlateCandidate[];
  vehicle?: VehicleDescription;
  images?: ReadImage[];
}

/** A stored read. `id` is a time-sortable integer assigned at ingest. */
export interface PlateRead {
  id: string;
  sourceSystem: string;
  sourceEventId: string;
  plate: string;
  plateRaw: string;
  state?: string;
  confidence: number;
  observedAt: number;
  receivedAt: number;
  cameraId?: string;
  location?: LonLat;
  locationSource?: LocationSource;
  candidates?: PlateCandidate[];
  vehicle?: VehicleDescription;
  images?: ReadImage[];
}

export type HotlistKind = 'ncic' | 'state' | 'custom' | 'bolo';

export interface Hotlist {
  id: string;
  name: string;
  kind: HotlistKind;
  /** 1 (highest, e.g. AMBER) … 5 */
  priority: number;
  /** Which match kinds raise a hit for this list. */
  matchKinds: MatchKind[];
  description?: string;
  createdAt: number;
  /** Version counter bumped by every import. */
  version: number;
  lastImportAt?: number;
  entryCount: number;
}

export interface HotlistEntry {
  id: string;
  hotlistId: string;
  plate: string;
  plateRaw: string;
  state?: string;
  /** Why the plate is listed: "stolen vehicle", "wanted person", a BOLO text … */
  reason: string;
  /** NCIC file code (V, P, W, A …) when imported from NCIC-style files. */
  fileCode?: string;
  /** NCIC number or other record id of the source. */
  recordId?: string;
  /** Originating agency (ORI). */
  ori?: string;
  /** Date the source record was entered (epoch ms), to show its age. */
  enteredAt?: number;
  expiresAt?: number;
  vehicle?: VehicleDescription & { plateType?: string; plateYear?: string };
  /**
   * Import version that added the entry; a replacing import retires imported entries of older
   * versions. 0 marks an entry typed in by a person (a BOLO, a JSON add), which no import retires.
   */
  importVersion: number;
  createdAt: number;
  createdBy: string;
}

export type MatchKind = 'exact' | 'ocr-equivalent' | 'one-edit';

export type Disposition =
  | 'confirmed'
  | 'misread'
  | 'wrong_state'
  | 'vehicle_mismatch'
  | 'record_stale'
  | 'dismissed';

export const DISPOSITIONS: readonly Disposition[] = [
  'confirmed',
  'misread',
  'wrong_state',
  'vehicle_mismatch',
  'record_stale',
  'dismissed',
];

export type HitStatus = 'pending' | Disposition;

/** A read that matched a hotlist entry. Never actionable until a person verifies it. */
export interface Hit {
  id: string;
  readId: string;
  hotlistId: string;
  hotlistName: string;
  priority: number;
  entryId: string;
  /** The hotlist plate that matched. */
  entryPlate: string;
  entryState?: string;
  entryReason: string;
  /** Age of the hotlist record at the time of the read, in ms (from enteredAt, else entry createdAt). */
  recordAgeMs: number;
  /** The read text (or candidate) that produced the match. */
  readPlate: string;
  matchedCandidate: boolean;
  matchKind: MatchKind;
  confidence: number;
  /** true: states agree; false: disagree; null: one side unknown. */
  stateMatches: boolean | null;
  /** The vehicle on the hotlist record, when it lists one. */
  entryVehicle?: VehicleDescription;
  /** The read's vehicle against the record's, field by field (absent on hits raised before it existed). */
  vehicleAgreement?: VehicleAgreement;
  observedAt: number;
  cameraId?: string;
  location?: LonLat;
  status: HitStatus;
  raisedAt: number;
  verification?: HitVerification;
}

/** Make, colour and year of the read's vehicle against the record's, where both sides state them. */
export interface VehicleAgreement {
  /** true: every compared field agrees; false: at least one disagrees; null: nothing to compare. */
  matches: boolean | null;
  fields: { field: 'make' | 'color' | 'year'; read: string; record: string; agrees: boolean }[];
}

export interface HitVerification {
  disposition: Disposition;
  verifiedBy: string;
  verifiedAt: number;
  note?: string;
}

export interface Camera {
  id: string;
  name: string;
  /** Fixed position; mobile cameras leave it empty and send positions with each read. */
  location?: LonLat;
  heading?: number;
  /** IANA time zone for sources that send local time. */
  timeZone: string;
  /** How sources name this camera: `${sourceSystem}:${sourceCameraKey}`. */
  sourceKeys: string[];
  createdAt: number;
}

export interface Justification {
  offenseType: string;
  caseNumber: string;
  note?: string;
}

/** A search of stored reads; plate patterns use `?` for one character and `*` for a run. */
export interface ReadSearchQuery {
  plate?: string;
  fuzzy?: boolean;
  from?: number;
  to?: number;
  cameraIds?: string[];
  area?: SearchArea;
  limit?: number;
  cursor?: string;
}

export type SearchArea =
  | { type: 'Polygon'; coordinates: LonLat[][] }
  | { center: LonLat; radiusMeters: number };

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** A sender with its own ingest key, as the API shows it; the key itself is shown once, when created. */
export interface SourceView {
  id: string;
  name: string;
  kind: string;
  keyPrefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  /** IANA zone the source's zone-less times are read in (Genetec); absent when not set. */
  timeZone?: string;
}

/** What the server saw of a source lately (kept in memory): shown beside it on the sources list. */
export interface SourceHealthView {
  key: string;
  family?: string;
  lastMessageAt?: string;
  lastHeartbeatAt?: string;
  reads: number;
  errors: number;
  /** Reads and errors per minute over the last 15 minutes (since the server started). */
  readsPerMinute: number;
  errorsPerMinute: number;
  lastError?: string;
  /** The cameras an agent's heartbeat listed. */
  cameras?: { sourceCameraKey: string; name?: string; isStreaming?: boolean; location?: LonLat }[];
  /** Detections the source reported that are not reads (a Frigate event without a plate). */
  cameraEvents?: number;
  /** A feed the server connects to itself (Frigate over MQTT): whether it is connected now. */
  connection?: 'connected' | 'disconnected';
}

/** `GET /api/v1/sources`: keyed sources with their health, and the feeds the server subscribes to itself. */
export interface SourceList {
  items: SourceListItem[];
  feeds: SourceHealthView[];
  /** The kinds (decoder families) a source can be created for. */
  kinds: string[];
}

/** An entry of `GET /api/v1/sources`. */
export interface SourceListItem extends SourceView {
  health: SourceHealthView | null;
}

/** Messages on the live WebSocket (`GET /api/v1/stream`). */
export type StreamMessage =
  | {
      type: 'snapshot';
      openHits: HitView[];
      serverTime: string;
      /** With the cad module: open incidents, newest first. */
      openIncidents?: IncidentView[];
      /** With the cad module: gunshot alerts of the last 24 hours, newest first. */
      recentGunshots?: GunshotView[];
      /** With the avl module: every known unit with its latest position. */
      units?: UnitView[];
    }
  | { type: 'hit.raised'; hit: HitView }
  | { type: 'hit.verified'; hit: HitView }
  | { type: 'read.ingested'; reads: ReadView[] }
  | { type: 'incident.updated'; incident: IncidentView }
  /** Units whose latest position changed since the last frame (one frame every 250 ms). */
  | { type: 'unit.moved'; units: UnitView[] }
  | { type: 'gunshot.detected'; gunshot: GunshotView }
  /** Someone recorded (or corrected) what was found on scene: every console updates the alert. */
  | { type: 'gunshot.outcomeRecorded'; gunshot: GunshotView }
  /** The answer to a console message the server could not take; nothing changed. */
  | { type: 'error'; error: { code: string; message: string } };

/** A read as the API shows it: ISO times. */
export interface ReadView {
  id: string;
  plate: string;
  plateRaw: string;
  state?: string;
  confidence: number;
  observedAt: string;
  receivedAt: string;
  cameraId?: string;
  location?: LonLat;
  locationSource?: LocationSource;
  sourceSystem: string;
  sourceEventId: string;
  candidates?: PlateCandidate[];
  vehicle?: VehicleDescription;
  images?: ReadImage[];
}

export interface HitView extends Omit<Hit, 'observedAt' | 'raisedAt' | 'verification'> {
  observedAt: string;
  raisedAt: string;
  /** Always false until a person has confirmed the hit. */
  actionable: boolean;
  verification?: Omit<HitVerification, 'verifiedAt'> & { verifiedAt: string };
}

// ---------------------------------------------------------------------------------------------
// Dispatch (CAD) incidents, units (AVL) and gunshot alerts

/** A civic address as PIDF-LO carries it (RFC 5139 element names: country, A1, A3, RD, HNO …). */
export type CivicAddress = Record<string, string>;

/** Where an incident is: a point, a civic address, or both (and a reference URL when only that came). */
export interface IncidentLocation {
  point?: LonLat;
  /** Uncertainty radius in meters, when the source gave one. */
  radiusMeters?: number;
  civic?: CivicAddress;
  /** The civic address as one line ("42 W Cellular Street, Wilmington, DE, US"). */
  address?: string;
  /** The source's location type (EIDO `locationTypeDescriptionRegistryText`). */
  locationType?: string;
  /** A location the source gave by reference only (EIDO `locationByReferenceUrl`). */
  referenceUrl?: string;
  /**
   * True when the address is only block-level: a hundred block or a house number the source
   * masked (`11XX BATES ST`). The address is then kept verbatim, never turned into a house number.
   */
  blockLevel?: boolean;
}

export interface IncidentNote {
  /** The source's id for the note ($id), so a resent note is kept once. */
  id: string;
  text: string;
  at: number;
  author?: string;
}

export interface IncidentDisposition {
  code: string;
  primary?: boolean;
  category?: string;
  description?: string;
  at: number;
}

/** A unit assigned to an incident, with its status as dispatch last reported it. */
export interface IncidentUnit {
  unitId: string;
  name?: string;
  type?: string;
  status?: string;
  secondaryStatus?: string[];
  at: number;
}

/**
 * A vehicle dispatch linked to an incident (EIDO vehicle component): its plate, when the caller or
 * an officer gave one, is what an analyst searches and what a BOLO is made from.
 */
export interface IncidentVehicle {
  /** The component's `$id`. */
  id: string;
  /** How it is involved (`Suspect`, `Involved`, `Victim` … from the Vehicle Relationship Type registry). */
  relationship: string[];
  /** Normalized plate (A–Z, 0–9) and as dispatch typed it. */
  plate?: string;
  plateRaw?: string;
  state?: string;
  make?: string;
  model?: string;
  color?: string;
  year?: number;
  style?: string;
  vin?: string;
  description?: string;
  at: number;
}

/**
 * A person linked to an incident (EIDO person component), kept as their role and a description
 * only: names, dates of birth and contact details stay in the CAD and RMS, never in the crime
 * center's copy.
 */
export interface IncidentPerson {
  id: string;
  /** `Caller`, `Suspect`, `Victim`, `Witness` … (Person Incident Role registry). */
  roles: string[];
  /** What an officer looks for: sex, age, height, build, clothing, free description. */
  description?: string;
  at: number;
}

export type IncidentStatus = 'open' | 'closed';

/**
 * A dispatch incident (call for service). Identified by (`sourceSystem`, `sourceIncidentId`): a
 * later update from the source merges into it, never beside it.
 */
export interface Incident {
  id: string;
  sourceSystem: string;
  /** The source's id (EIDO `$id`). */
  sourceIncidentId: string;
  /** Registry incident type (EIDO `incidentTypeCommonRegistryText`). */
  type?: string;
  /** The local CAD code and text. */
  typeCode?: string;
  typeText?: string;
  /** For an incident known only from its call: the call type (`emergency`, `non-emergency` …). */
  callType?: string;
  priority?: number;
  priorityText?: string;
  status: IncidentStatus;
  /** The source's status values as sent. */
  statusText?: string[];
  beat?: string;
  openedAt: number;
  /** The source's last update time of what is stored. */
  updatedAt: number;
  closedAt?: number;
  location?: IncidentLocation;
  notes: IncidentNote[];
  dispositions: IncidentDisposition[];
  units: IncidentUnit[];
  /** Vehicles and people dispatch linked to it (EIDO); absent on incidents that never had any. */
  vehicles?: IncidentVehicle[];
  persons?: IncidentPerson[];
  receivedAt: number;
}

export interface IncidentView extends Omit<Incident, 'openedAt' | 'updatedAt' | 'closedAt' | 'receivedAt' | 'notes' | 'dispositions' | 'units' | 'vehicles' | 'persons'> {
  openedAt: string;
  updatedAt: string;
  closedAt?: string;
  receivedAt: string;
  notes: (Omit<IncidentNote, 'at'> & { at: string })[];
  dispositions: (Omit<IncidentDisposition, 'at'> & { at: string })[];
  units: (Omit<IncidentUnit, 'at'> & { at: string })[];
  vehicles?: (Omit<IncidentVehicle, 'at'> & { at: string })[];
  persons?: (Omit<IncidentPerson, 'at'> & { at: string })[];
}

/** One position report of a unit (AVL). Speed in m/s, heading in degrees from north. */
export interface UnitPosition {
  location: LonLat;
  /** The fix time, epoch ms. */
  at: number;
  heading?: number;
  speedMps?: number;
  altitude?: number;
  accuracy?: number;
  /** Battery level 0–100, when the device reports it. */
  battery?: number;
  sourceSystem: string;
  receivedAt: number;
}

/**
 * A unit (patrol car, officer, ambulance) by the id the agency uses for it everywhere: the call
 * sign CAD names it by, which is also the device identifier its phone or tracker reports.
 */
export interface Unit {
  id: string;
  name?: string;
  type?: string;
  status?: string;
  /** When dispatch last reported the status. */
  statusAt?: number;
  /** The platform id of the incident the unit is assigned to. */
  incidentId?: string;
  position?: UnitPosition;
  updatedAt: number;
}

export interface UnitView extends Omit<Unit, 'statusAt' | 'updatedAt' | 'position'> {
  statusAt?: string;
  updatedAt: string;
  position?: Omit<UnitPosition, 'at' | 'receivedAt'> & { at: string; receivedAt: string };
}

/** What an agency found where a gunshot alert sent officers. */
export interface GunshotOutcome {
  evidenceFound: boolean;
  note?: string;
  incidentId?: string;
  recordedBy: string;
  recordedAt: number;
}

/** An acoustic gunshot detection, with its provenance (vendor, vendor id, source key). */
export interface GunshotAlert {
  id: string;
  vendor: string;
  /** The vendor's id for the alert: a resend with the same id updates, never duplicates. */
  sourceEventId: string;
  sourceId?: string;
  detectedAt: number;
  location: LonLat;
  address?: string;
  rounds?: number;
  /** 0–1 */
  confidence?: number;
  /** Whether a person at the vendor reviewed the detection before it was sent. */
  humanReviewed: boolean;
  classification?: string;
  sensorCount?: number;
  receivedAt: number;
  /** The vendor's last update of this alert. */
  updatedAt: number;
  outcome?: GunshotOutcome;
}

export interface GunshotView extends Omit<GunshotAlert, 'detectedAt' | 'receivedAt' | 'updatedAt' | 'outcome'> {
  detectedAt: string;
  receivedAt: string;
  updatedAt: string;
  outcome?: Omit<GunshotOutcome, 'recordedAt'> & { recordedAt: string };
}
