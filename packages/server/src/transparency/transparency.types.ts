/**
 * What the public transparency page shows, and the narrow views of the services it reads.
 * Every field here is an aggregate or a published fact (a count, a label, a rounded position,
 * a hash): the page is built only from these types, so no plate, person, user name or internal
 * identifier can reach it, even if a service it reads grows new fields.
 */
import type { Camera, Hit, Page } from '@openrtcc/domain';
import type { Config } from '../config/config.ts';
import type { AuditRecord } from '../store/store.types.ts';
import type { HitFilter } from '../store/store.types.ts';

/** A section the server could not compute: the provider is absent or failed. */
export interface Unavailable {
  available: false;
  reason: string;
}

export type Section<T> = ({ available: true } & T) | Unavailable;

export interface CollectedItem {
  module: string;
  what: string;
}

export interface CameraPoint {
  lon: number;
  lat: number;
  cameras: number;
}

export interface CameraSection {
  total: number;
  fixed: number;
  /** Cameras without a fixed position (on vehicles): they report a position with each read. */
  mobile: number;
  map: { precision: 'off' } | { precision: 'approximate' | 'exact'; points: CameraPoint[] };
}

export interface CountBy {
  key: string;
  label: string;
  count: number;
}

export interface SearchSection {
  total: number;
  justified: number;
  refused: number;
  byCategory: CountBy[];
  refusedByReason: CountBy[];
  /** True when the period held more searches than the page reads at once (counts are a lower bound). */
  truncated: boolean;
  /** Partner agencies' searches of this agency's data (sharing module), or null without it. */
  partnerQueries: { total: number; answered: number; refused: number } | null;
}

export interface HitSection {
  total: number;
  pending: number;
  verified: number;
  byDisposition: CountBy[];
  /** Misreads among verified hits, 0–1; null before any hit is verified. */
  misreadRate: number | null;
  truncated: boolean;
}

export interface RetentionItem {
  dataType: string;
  label: string;
  days: number | null;
}

export interface DeletionItem {
  dataType: string;
  label: string;
  deleted: number;
}

export interface AgreementItem {
  agency: string;
  scope: string[];
  expiresAt: string | null;
}

export interface AuditRootItem {
  day: string;
  records: number;
  firstSeq: number;
  lastSeq: number;
  root: string;
  publishedAt: string | null;
}

/** The whole public report, as `GET /api/v1/public/transparency` returns it. */
export interface TransparencyReport {
  generatedAt: string;
  /** `training`: a training server's simulated data, never to be mistaken for an agency's. */
  mode: 'live' | 'training';
  agency: string | null;
  periodDays: number;
  periodStart: string;
  collected: CollectedItem[];
  notCollected: string[];
  cameras: CameraSection;
  justificationPolicy: { offenseCategories: string[]; prohibitedPurposes: { code: string; label: string }[] };
  searches: Section<SearchSection>;
  hits: Section<HitSection>;
  retention: Section<{ items: RetentionItem[] }>;
  deletions: Section<{ items: DeletionItem[] }>;
  sharing: Section<{ items: AgreementItem[] }>;
  auditRoots: Section<{ items: AuditRootItem[] }>;
  policy: Section<{ text: string }>;
}

/** `ctx.audit.dailyRoots`: the audit chain's root hash per day, as published. */
export interface DailyRoot {
  day: string;
  records: number;
  firstSeq: number;
  lastSeq: number;
  root: string;
  publishedAt?: number | string | null;
}

/** `ctx.retention`: what is kept how long, and how much was deleted. */
export interface RetentionView {
  policyView(): RetentionItem[] | Promise<RetentionItem[]>;
  deletionTotals(sinceMs: number): { dataType: string; deleted: number }[] | Promise<{ dataType: string; deleted: number }[]>;
}

/** `ctx.sharing`: the live agreements, as the public may see them. */
export interface SharingView {
  agreementsForTransparency(): { agency: string; scope: string[]; expiresAt?: number }[] | Promise<{ agency: string; scope: string[]; expiresAt?: number }[]>;
}

/** Everything the transparency service reads; each optional provider may be missing at runtime. */
export interface TransparencySources {
  config: Pick<Config, 'modules' | 'agencyName' | 'justification' | 'transparency' | 'training'>;
  cameras: { list(): Camera[] };
  audit: {
    list(opts: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditRecord>>;
    dailyRoots?(opts: { days: number }): DailyRoot[] | Promise<DailyRoot[]>;
  };
  /** Present when the hotlists module is on. */
  hits?: { list(filter: HitFilter): Promise<Page<Hit>> };
  retention?: RetentionView;
  sharing?: SharingView;
}
