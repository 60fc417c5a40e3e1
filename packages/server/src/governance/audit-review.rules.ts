/**
 * The patterns in plate-search audit records that a supervisor should look at, as pure logic
 * fed one record at a time in sequence order:
 * - repeat_plate: one user searching the same plate RTCC_AUDIT_REPEAT_SEARCHES times within the
 *   window (a following page of one search is not a new search);
 * - outside_case: a case number that matches neither the agency's pattern nor a CAD incident;
 * - off_hours: a search outside RTCC_AUDIT_WORKING_HOURS;
 * - bulk: many searches, or many matching reads in all, by one user within a short span.
 * Flag ids are derived from what the flag is about (kind, user, plate or case number, local day),
 * never from when the job ran, so recomputing finds the same flag and adds to it.
 */
import { createHash } from 'node:crypto';
import type { AuditFlagHit, AuditRecord } from '../store/store.types.ts';
import type { AuditReviewSettings } from './audit-review.settings.ts';

/** What the rules read from a successful `reads.search` record. */
export interface SearchEvent {
  seq: number;
  at: number;
  actor: string;
  /** The plate or pattern searched, upper-case, spaces and dashes removed. */
  plate?: string;
  caseNumber?: string;
  resultCount: number;
  /** A following page of an earlier search (it carries a cursor). */
  nextPage: boolean;
}

/** The search event of an audit record, or undefined for anything but a successful plate search. */
export function searchEventOf(r: AuditRecord): SearchEvent | undefined {
  if (r.action !== 'reads.search' || r.outcome !== 'success') return undefined;
  const q = (r.query ?? {}) as { plate?: unknown; cursor?: unknown };
  const plate = typeof q.plate === 'string' ? q.plate.toUpperCase().replace(/[\s-]/g, '') : '';
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    plate: plate || undefined,
    caseNumber: r.justification?.caseNumber,
    resultCount: r.resultCount ?? 0,
    nextPage: typeof q.cursor === 'string' && q.cursor !== '',
  };
}

/** A stable flag id: the same kind, user and subject (and day) always give the same id. */
export function flagId(...parts: string[]): string {
  return `flag_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** One formatter per zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local day, weekday and minute of a time in `timeZone`. */
export function localTime(at: number, timeZone: string): { day: string; weekday: number; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day: `${get('year')}-${get('month')}-${get('day')}`, weekday, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether a local time falls outside the working hours (a wrapping span belongs to the day it starts). */
export function offHours(t: { weekday: number; minute: number }, hours: NonNullable<AuditReviewSettings['workingHours']>): boolean {
  if (hours.start < hours.end) return !hours.days.has(t.weekday) || t.minute < hours.start || t.minute >= hours.end;
  if (t.minute >= hours.start) return !hours.days.has(t.weekday);
  if (t.minute < hours.end) return !hours.days.has((t.weekday + 6) % 7);
  return true;
}

interface Seen {
  seq: number;
  at: number;
  results: number;
}

/** Keeps the entries of a sliding window no older than `windowMs` before `at`. */
function slide(list: Seen[], at: number, windowMs: number): Seen[] {
  let i = 0;
  while (i < list.length && list[i].at <= at - windowMs) i++;
  return i === 0 ? list : list.slice(i);
}

const hours = (ms: number) => `${Math.round(ms / 3_600_000)} h`;
const mins = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * Runs the rules over search events in sequence order. `observe` with `emit: false` only fills
 * the windows (records the job has already looked at, replayed for context).
 */
export class SearchFlagger {
  private readonly s: AuditReviewSettings;
  private readonly repeats = new Map<string, Seen[]>();
  private readonly bulk = new Map<string, Seen[]>();

  constructor(settings: AuditReviewSettings) {
    this.s = settings;
  }

  /**
   * @param caseKnown whether the case number is one the agency issues (pattern or CAD incident);
   *   undefined when neither is configured, so the check is off
   */
  observe(e: SearchEvent, caseKnown: boolean | undefined, emit: boolean): AuditFlagHit[] {
    const hits: AuditFlagHit[] = [];
    const local = localTime(e.at, this.s.timeZone);
    const push = (h: AuditFlagHit | undefined) => emit && h && hits.push(h);
    if (!e.nextPage) {
      push(this.repeatHit(e, local.day));
      push(this.bulkHit(e, local.day));
    }
    if (this.s.workingHours && offHours(local, this.s.workingHours)) {
      push({ id: flagId('off_hours', e.actor, local.day), kind: 'off_hours', actor: e.actor, subject: local.day, reason: `searches outside working hours (${this.s.workingHours.text}, ${this.s.timeZone})`, seqs: [e.seq], firstAt: e.at, at: e.at });
    }
    if (caseKnown === false && e.caseNumber) {
      push({ id: flagId('outside_case', e.actor, e.caseNumber), kind: 'outside_case', actor: e.actor, subject: e.caseNumber, reason: `case number "${e.caseNumber}" matches neither the agency's case-number format nor a CAD incident`, seqs: [e.seq], firstAt: e.at, at: e.at });
    }
    return hits;
  }

  private repeatHit(e: SearchEvent, day: string): AuditFlagHit | undefined {
    if (!e.plate) return undefined;
    const key = `${e.actor}\u0000${e.plate}`;
    const list = [...slide(this.repeats.get(key) ?? [], e.at, this.s.repeatWindowMs), { seq: e.seq, at: e.at, results: e.resultCount }];
    this.repeats.set(key, list);
    if (list.length < this.s.repeatSearches) return undefined;
    return { id: flagId('repeat_plate', e.actor, e.plate, day), kind: 'repeat_plate', actor: e.actor, subject: e.plate, reason: `${list.length} searches of ${e.plate} within ${hours(this.s.repeatWindowMs)} (threshold ${this.s.repeatSearches})`, seqs: list.map((x) => x.seq), firstAt: list[0].at, at: e.at };
  }

  private bulkHit(e: SearchEvent, day: string): AuditFlagHit | undefined {
    const list = [...slide(this.bulk.get(e.actor) ?? [], e.at, this.s.bulkWindowMs), { seq: e.seq, at: e.at, results: e.resultCount }];
    this.bulk.set(e.actor, list);
    const results = list.reduce((n, x) => n + x.results, 0);
    if (list.length < this.s.bulkSearches && results < this.s.bulkResults) return undefined;
    const why = list.length >= this.s.bulkSearches ? `${list.length} searches within ${mins(this.s.bulkWindowMs)} (threshold ${this.s.bulkSearches})` : `searches matching ${results} reads within ${mins(this.s.bulkWindowMs)} (threshold ${this.s.bulkResults})`;
    return { id: flagId('bulk', e.actor, day), kind: 'bulk', actor: e.actor, subject: day, reason: `bulk querying: ${why}`, seqs: list.map((x) => x.seq), firstAt: list[0].at, at: e.at };
  }

  /** Drops windows that can no longer reach `at`, so memory follows activity, not history. */
  prune(at: number): void {
    for (const [map, w] of [[this.repeats, this.s.repeatWindowMs], [this.bulk, this.s.bulkWindowMs]] as const) {
      for (const [k, list] of map) if (list[list.length - 1].at <= at - w) map.delete(k);
    }
  }
}
