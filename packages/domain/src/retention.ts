/**
 * Retention as the API shows it (`/api/v1/retention/*`): the policy with its presets, legal
 * holds and the runs of the deletion job, times as ISO 8601. The server builds these; the
 * console reads them.
 */

/** The record types the retention job deletes. Audit records are not among them: never deleted. */
export const RETENTION_DATA_TYPES = ['reads', 'readsWithHits', 'hits', 'incidents', 'unitPositions', 'gunshots', 'quarantine', 'sessions'] as const;
export type RetentionDataType = (typeof RETENTION_DATA_TYPES)[number];

/** Days to keep each type; null keeps it until someone changes the policy. */
export type RetentionDays = Record<RetentionDataType, number | null>;

export interface RetentionPresetView {
  id: string;
  label: string;
  description: string;
  days: RetentionDays;
  /** A statute's limit on plate-read data: overrides of the LPR types may not exceed it. */
  maxLprDays: number | null;
  statute: string | null;
}

/** `GET /api/v1/retention/policy`, and the answer of `PUT`. */
export interface RetentionPolicyView {
  preset: string;
  /** Data type → days, or null to keep; a type left out follows the preset. */
  overrides: Partial<Record<RetentionDataType, number | null>>;
  /** The days in force per type, in `RETENTION_DATA_TYPES` order. */
  dataTypes: { dataType: RetentionDataType; label: string; days: number | null; overridden: boolean }[];
  audit: { deleted: false; minimumDays: number; note: string };
  updatedAt: string | null;
  updatedBy: string | null;
  presets: RetentionPresetView[];
}

/** The body of `PUT /api/v1/retention/policy`: overrides are days (1–36500) or null to keep. */
export interface RetentionPolicyInput {
  preset: string;
  overrides?: Record<string, number | null>;
}

/** A legal hold: data it selects is never deleted by retention until it is released. */
export interface LegalHoldView {
  id: string;
  caseNumber: string;
  reason: string;
  /** Normalized plates: their reads and hits (inside `window` when one is given). */
  plates: string[];
  readIds: string[];
  hitIds: string[];
  /** Without plates: every record of every type inside the window. With plates: limits them. */
  window?: { from: string; to: string };
  placedAt: string;
  placedBy: string;
  releasedAt?: string;
  releasedBy?: string;
  releaseReason?: string;
}

/** The body of `POST /api/v1/retention/holds`; window times are ISO 8601 with a zone. */
export interface LegalHoldInput {
  caseNumber: string;
  reason: string;
  plates?: string[];
  readIds?: string[];
  hitIds?: string[];
  window?: { from: string; to: string };
}

/** One run of the retention job: when, why, and how much of each type it deleted. */
export interface RetentionRunView {
  id: string;
  trigger: 'schedule' | 'manual';
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'failed';
  /** Deleted count per data type (and `readImages`). */
  deleted: Record<string, number>;
  /** The cutoff applied per data type. */
  cutoffs: Record<string, string>;
  error?: string;
}
