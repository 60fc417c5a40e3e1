/**
 * The settings of the supervisor review queue (RTCC_CASE_NUMBER_PATTERN, RTCC_AUDIT_*): what
 * counts as a repeated plate, a bulk query, working hours, and a case number the agency issues.
 * Parsed here and listed in config.ts's SETTINGS, so docs/configuration.md shows them.
 */
import type { SettingDoc } from '../config/config.ts';

export interface WorkingHours {
  /** Minutes after local midnight; `end` < `start` wraps past midnight. */
  start: number;
  end: number;
  /** Weekdays it applies to, 0 = Sunday … 6 = Saturday; any other day is off-hours all day. */
  days: ReadonlySet<number>;
  /** As written, for messages. */
  text: string;
}

export interface AuditReviewSettings {
  /** The agency's case-number format, matched against the whole number. */
  caseNumberPattern?: RegExp;
  /** The IANA zone working hours and flag days are read in. */
  timeZone: string;
  workingHours?: WorkingHours;
  repeatSearches: number;
  repeatWindowMs: number;
  bulkSearches: number;
  bulkResults: number;
  bulkWindowMs: number;
}

export const AUDIT_REVIEW_SETTINGS: SettingDoc[] = [
  { env: 'RTCC_CASE_NUMBER_PATTERN', default: '(unset)', description: 'The agency\'s case-number format as a regular expression matched against the whole number (`\\d{4}-\\d{6}` for 2026-004817). A search whose case number matches neither it nor any incident number the CAD sent (cad module) is flagged for supervisor review as outside any case. Unset: only CAD incident numbers count as known when the cad module is on; with neither, that check is off.' },
  { env: 'RTCC_AUDIT_TIMEZONE', default: 'UTC', description: 'The IANA time zone (`America/Chicago`) in which working hours are read and review flags are grouped by day.' },
  { env: 'RTCC_AUDIT_WORKING_HOURS', default: '(unset: no off-hours flag)', description: 'When plate searches are expected, as `HH:MM-HH:MM` (every day) or `Mon-Fri HH:MM-HH:MM`; an end before the start wraps past midnight (`22:00-06:00`). A search outside them is flagged for supervisor review. Leave unset for a center staffed around the clock.' },
  { env: 'RTCC_AUDIT_REPEAT_SEARCHES', default: '5', description: 'A user searching the same plate this many times within RTCC_AUDIT_REPEAT_WINDOW_HOURS is flagged for supervisor review (next pages of one search do not count).' },
  { env: 'RTCC_AUDIT_REPEAT_WINDOW_HOURS', default: '24', description: 'The window of RTCC_AUDIT_REPEAT_SEARCHES, in hours (1–720).' },
  { env: 'RTCC_AUDIT_BULK_SEARCHES', default: '30', description: 'A user running this many searches within RTCC_AUDIT_BULK_WINDOW_MINUTES is flagged for supervisor review as bulk querying.' },
  { env: 'RTCC_AUDIT_BULK_RESULTS', default: '5000', description: 'A user whose searches within RTCC_AUDIT_BULK_WINDOW_MINUTES match this many reads in all (one search can be enough) is flagged for supervisor review as bulk querying.' },
  { env: 'RTCC_AUDIT_BULK_WINDOW_MINUTES', default: '15', description: 'The span of the bulk-query checks, in minutes (1–1440).' },
];

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function minutes(hhmm: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 && h * 60 + min <= 1440 ? h * 60 + min : undefined;
}

/** `Mon-Fri 07:00-19:00`, `Sat,Sun 09:00-17:00` or `07:00-19:00`; undefined when it does not parse. */
export function parseWorkingHours(raw: string): WorkingHours | undefined {
  const m = /^(?:([A-Za-z,\- ]+?)\s+)?(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(raw.trim());
  if (!m) return undefined;
  const start = minutes(m[2]);
  const end = minutes(m[3]);
  if (start === undefined || end === undefined || start === end) return undefined;
  const days = m[1] ? parseDays(m[1]) : new Set([0, 1, 2, 3, 4, 5, 6]);
  return days ? { start, end, days, text: raw.trim() } : undefined;
}

function parseDays(text: string): Set<number> | undefined {
  const days = new Set<number>();
  for (const part of text.toLowerCase().split(',').map((p) => p.trim())) {
    const [a, b] = part.split('-').map((d) => DAY_NAMES.indexOf(d.trim().slice(0, 3)));
    if (a === undefined || a < 0 || (b !== undefined && b < 0)) return undefined;
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (b === undefined || d === b) break;
    }
  }
  return days;
}

/** Reads the review settings from `env`, adding a message to `problems` for each bad one. */
export function parseAuditReviewSettings(env: NodeJS.ProcessEnv, problems: string[], int: (name: string, dflt: number, min: number, max: number) => number): AuditReviewSettings {
  const settings: AuditReviewSettings = {
    timeZone: env.RTCC_AUDIT_TIMEZONE?.trim() || 'UTC',
    repeatSearches: int('RTCC_AUDIT_REPEAT_SEARCHES', 5, 2, 10_000),
    repeatWindowMs: int('RTCC_AUDIT_REPEAT_WINDOW_HOURS', 24, 1, 720) * 3_600_000,
    bulkSearches: int('RTCC_AUDIT_BULK_SEARCHES', 30, 2, 100_000),
    bulkResults: int('RTCC_AUDIT_BULK_RESULTS', 5000, 1, 1_000_000_000),
    bulkWindowMs: int('RTCC_AUDIT_BULK_WINDOW_MINUTES', 15, 1, 1440) * 60_000,
  };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone });
  } catch {
    problems.push(`RTCC_AUDIT_TIMEZONE=${JSON.stringify(settings.timeZone)} is not an IANA time zone (for example America/Chicago)`);
    settings.timeZone = 'UTC';
  }
  const hours = env.RTCC_AUDIT_WORKING_HOURS?.trim();
  if (hours) {
    const parsed = parseWorkingHours(hours);
    if (parsed) settings.workingHours = parsed;
    else problems.push(`RTCC_AUDIT_WORKING_HOURS=${JSON.stringify(hours)} must be HH:MM-HH:MM, optionally after days (Mon-Fri 07:00-19:00)`);
  }
  const pattern = env.RTCC_CASE_NUMBER_PATTERN?.trim();
  if (pattern) {
    try {
      settings.caseNumberPattern = new RegExp(`^(?:${pattern})$`);
    } catch (e) {
      problems.push(`RTCC_CASE_NUMBER_PATTERN is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return settings;
}
