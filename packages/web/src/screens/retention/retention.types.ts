/**
 * The retention API's JSON as the console reads it (server: http/routes/retention.routes.ts).
 * To move to @openrtcc/domain with the server's views, so both sides share one definition.
 */
export interface RetentionPreset {
  id: string;
  label: string;
  description: string;
  days: Record<string, number | null>;
  maxLprDays: number | null;
  statute: string | null;
}

export interface RetentionPolicy {
  preset: string;
  overrides: Record<string, number | null>;
  dataTypes: { dataType: string; label: string; days: number | null; overridden: boolean }[];
  audit: { deleted: false; minimumDays: number; note: string };
  updatedAt: string | null;
  updatedBy: string | null;
  presets: RetentionPreset[];
}

export interface LegalHold {
  id: string;
  caseNumber: string;
  reason: string;
  plates: string[];
  readIds: string[];
  hitIds: string[];
  window?: { from: string; to: string };
  placedAt: string;
  placedBy: string;
  releasedAt?: string;
  releasedBy?: string;
  releaseReason?: string;
}

export interface RetentionRun {
  id: string;
  trigger: 'schedule' | 'manual';
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'failed';
  deleted: Record<string, number>;
  cutoffs: Record<string, string>;
  error?: string;
}

/** "30 days", "kept". */
export function daysText(days: number | null): string {
  return days === null ? 'kept' : `${days} day${days === 1 ? '' : 's'}`;
}

/** A time for a table cell, in the browser's zone. */
export function when(iso: string | undefined | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}
