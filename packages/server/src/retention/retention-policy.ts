/**
 * Retention rules as pure functions: the data types retention deletes, the presets an agency
 * starts from (state LPR laws where we are sure of the limit, otherwise plain "N days"), and the
 * effective policy (preset plus per-type overrides) with its validation.
 */
import { RETENTION_DATA_TYPES, type RetentionDataType, type RetentionDays } from '@openrtcc/domain';

export type { RetentionDays } from '@openrtcc/domain';

export const DAY_MS = 86_400_000;

/** The record types the retention job deletes. Audit records are not among them: never deleted. */
export const DATA_TYPES = RETENTION_DATA_TYPES;
export type DataType = RetentionDataType;

/** Days to keep a type; null keeps it until someone changes the policy. */
export type Days = number | null;

export const DATA_TYPE_LABELS: Record<DataType, string> = {
  reads: 'LPR reads not tied to a hit or a legal hold',
  readsWithHits: 'LPR reads tied to a hit',
  hits: 'Hotlist hits',
  incidents: 'CAD incidents (closed)',
  unitPositions: 'Unit positions (AVL tracks)',
  gunshots: 'Gunshot alerts',
  quarantine: 'Quarantined payloads',
  sessions: 'Ended sign-in sessions',
};

/** The types that hold plate-read data: a state LPR law's limit applies to all three. */
export const LPR_TYPES: readonly DataType[] = ['reads', 'readsWithHits', 'hits'];

/**
 * CJIS Security Policy AU-11: audit records are kept at least one year. OpenRTCC never deletes
 * them; this figure is what the policy view reports as the floor.
 */
export const AUDIT_MINIMUM_DAYS = 365;

/** The largest number of days a policy may name (100 years). */
export const MAX_DAYS = 36_500;

/** The defaults: 30 days for reads not tied to a hit or case (DESIGN.md), a year for most records. */
export const STANDARD_DAYS: RetentionDays = {
  reads: 30,
  readsWithHits: 365,
  hits: 365,
  incidents: 365,
  unitPositions: 90,
  gunshots: 365,
  quarantine: 30,
  sessions: 365,
};

export interface RetentionPreset {
  id: string;
  label: string;
  description: string;
  days: RetentionDays;
  /** A statute's limit on plate-read data: overrides of the LPR types may not exceed it. */
  maxLprDays?: number;
  statute?: string;
}

/** A state law's preset: the statute's limit on every type that holds plate-read data. */
function statePreset(id: string, label: string, days: number, statute: string, scope: string): RetentionPreset {
  return {
    id,
    label,
    description: `${statute}: ${scope} may keep plate-read data at most ${days} days unless it is evidence (place a legal hold). Applied to reads, reads tied to hits, and hits.`,
    days: { ...STANDARD_DAYS, reads: days, readsWithHits: days, hits: days },
    maxLprDays: days,
    statute,
  };
}

/** A generic preset: reads not tied to a hit kept `days`; reads tied to a hit at least as long. */
function daysPreset(days: number): RetentionPreset {
  return {
    id: `days-${days}`,
    label: `${days} days`,
    description: `Reads not tied to a hit or a legal hold are kept ${days} days; other records as the standard policy.`,
    days: { ...STANDARD_DAYS, reads: days, readsWithHits: Math.max(days, STANDARD_DAYS.readsWithHits ?? days) },
  };
}

/**
 * The presets. State laws are named only where the limit and its statute are well established;
 * an agency confirms with its counsel (laws change, and some apply to one agency only).
 */
export const PRESETS: readonly RetentionPreset[] = [
  {
    id: 'standard',
    label: 'OpenRTCC standard (reads 30 days)',
    description: 'Reads not tied to a hit or a legal hold: 30 days. Hits and the reads they point at: 1 year.',
    days: STANDARD_DAYS,
  },
  statePreset('maine-21', 'Maine: 21 days', 21, '29-A M.R.S. §2117-A', 'an agency in Maine'),
  statePreset('california-chp-60', 'California Highway Patrol: 60 days', 60, 'Cal. Vehicle Code §2413', 'the California Highway Patrol'),
  statePreset('tennessee-90', 'Tennessee: 90 days', 90, 'Tenn. Code Ann. §55-10-302', 'a governmental entity in Tennessee'),
  statePreset('arkansas-150', 'Arkansas: 150 days', 150, 'Ark. Code Ann. §12-12-1804', 'an agency in Arkansas'),
  ...[7, 14, 21, 60, 90, 150, 180, 365].map(daysPreset),
];

export const DEFAULT_PRESET = 'standard';

export function findPreset(id: string): RetentionPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A problem with a proposed policy, named by the field it concerns. */
export interface PolicyProblem {
  field: string;
  message: string;
}

const isDataType = (k: string): k is DataType => (DATA_TYPES as readonly string[]).includes(k);
const forever = (d: Days): number => (d === null ? Infinity : d);

/**
 * The days in force for a preset and overrides; an override (a number, or null for "keep")
 * replaces the preset's value for its type.
 * @example effectiveDays('maine-21', { incidents: 730 }).reads // 21
 */
export function effectiveDays(presetId: string, overrides: Partial<Record<string, Days>>): RetentionDays {
  const base = findPreset(presetId)?.days ?? STANDARD_DAYS;
  const out = { ...base };
  for (const [k, v] of Object.entries(overrides)) if (isDataType(k) && v !== undefined) out[k] = v;
  return out;
}

/**
 * Checks a proposed policy: a known preset, known types, whole days from 1 to MAX_DAYS (or
 * null), reads tied to a hit kept at least as long as other reads (else the untied ones would go
 * with them), and a state preset's limit on plate-read data respected.
 * @returns every problem found; empty when the policy is valid
 */
export function validatePolicy(presetId: unknown, overrides: unknown): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const preset = typeof presetId === 'string' ? findPreset(presetId) : undefined;
  if (!preset) problems.push({ field: 'preset', message: `must be one of ${PRESETS.map((p) => p.id).join(', ')}` });
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    problems.push({ field: 'overrides', message: 'must be an object of data type to days (or null)' });
    return problems;
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (!isDataType(k)) problems.push({ field: `overrides.${k}`, message: `is not a data type; use one of ${DATA_TYPES.join(', ')}` });
    else if (v !== null && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_DAYS)) {
      problems.push({ field: `overrides.${k}`, message: `must be a whole number of days from 1 to ${MAX_DAYS}, or null to keep` });
    }
  }
  if (!preset || problems.length > 0) return problems;
  const days = effectiveDays(preset.id, overrides as Record<string, Days>);
  if (forever(days.readsWithHits) < forever(days.reads)) {
    problems.push({ field: 'overrides.readsWithHits', message: 'reads tied to a hit must be kept at least as long as other reads' });
  }
  if (preset.maxLprDays !== undefined) {
    for (const t of LPR_TYPES) {
      if (forever(days[t]) > preset.maxLprDays) {
        problems.push({ field: `overrides.${t}`, message: `${preset.statute} allows at most ${preset.maxLprDays} days; keep evidence with a legal hold instead` });
      }
    }
  }
  return problems;
}

/** The cutoff for `days` at `now`: records older than it are expired; undefined when kept. */
export function cutoffFor(days: Days, now: number): number | undefined {
  return days === null ? undefined : now - days * DAY_MS;
}
