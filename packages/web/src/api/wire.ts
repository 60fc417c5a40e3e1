/**
 * Wire shapes the console reads. Hits, reads, stream messages, hotlists and cameras come from
 * `@openrtcc/domain`; the few answers the domain package has no view type for yet are written
 * here from the domain types (ISO times at the edge) and docs/api.md.
 */
import type { Camera, Hotlist, HotlistEntry } from '@openrtcc/domain';

export type { HitView, ReadView, StreamMessage, Page, Disposition, MatchKind, LonLat, SearchArea, Justification, SourceHealthView, SourceList, SourceListItem } from '@openrtcc/domain';

type Iso<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

export type CameraView = Iso<Camera, 'createdAt'>;
export type HotlistView = Omit<Hotlist, 'createdAt' | 'lastImportAt'> & { createdAt: string; lastImportAt?: string };
export type HotlistEntryView = Omit<HotlistEntry, 'createdAt' | 'enteredAt' | 'expiresAt'> & { createdAt: string; enteredAt?: string; expiresAt?: string };

export interface ImportReport {
  id?: string;
  hotlistId: string;
  version: number;
  format: string;
  mode: 'replace' | 'append';
  importedAt: string;
  importedBy: string;
  accepted: number;
  rejected: number;
  expiredSkipped: number;
  rejections: { line: number; reason: string; text: string }[];
}

export interface QuarantineView {
  id: string;
  sourceSystem: string;
  sourceId?: string;
  route: string;
  contentType?: string;
  receivedAt: string;
  reason: string;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  /** OsmAnd's fields, when the request carried them in the query string. */
  query?: string;
  /** `replayed` once a replay decoded it (kept for the record). */
  status: 'quarantined' | 'replayed';
  replay?: QuarantineReplayView;
}

/** The last replay of a quarantined payload (POST /api/v1/quarantine/{id}/replay). */
export interface QuarantineReplayView {
  outcome: 'replayed' | 'failed';
  at: string;
  by: string;
  attempts: number;
  reason?: string;
  result?: Record<string, unknown>;
}

/** The answer of a bulk replay (POST /api/v1/quarantine/replay). */
export interface BulkReplayView {
  attempted: number;
  replayed: number;
  failed: number;
  more: boolean;
  items: QuarantineView[];
}

export interface ModuleView {
  name: string;
  enabled: boolean;
  available: boolean;
  description: string;
}

export interface Health {
  status: string;
  store: string;
  mode: 'live' | 'training';
  modules: string[];
  time: string;
}

/** `GET /api/v1/map`: what the server knows about the map (docs/console.md). */
export interface MapConfig {
  /** The agency's own basemap, when RTCC_MAP_TILES is set. */
  tiles: { kind: 'raster'; url: string } | { kind: 'pmtiles'; url: string } | { kind: 'style'; url: string } | null;
  /** True when RTCC_MAP_STREETS names a streets file (GET /api/v1/map/streets). */
  streets: boolean;
}
