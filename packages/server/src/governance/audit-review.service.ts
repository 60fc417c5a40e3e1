/**
 * The supervisor review queue: flags computed from the search audit records (see
 * audit-review.rules.ts), kept in the store, reviewed by a supervisor whose decision is itself an
 * audit record. The computation is incremental: each run reads the search records after the last
 * one it looked at, replaying the window before them so counts span runs and restarts.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AUDIT_FLAG_KINDS, REVIEW_DISPOSITIONS as DOMAIN_REVIEW_DISPOSITIONS, type Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditFlag, AuditFlagHit, AuditFlagKind, AuditFlagReview, AuditRecord, AuditStore } from '../store/store.types.ts';
import type { AuditService } from './audit.service.ts';
import type { AuditReviewSettings } from './audit-review.settings.ts';
import { SearchFlagger, searchEventOf, type SearchEvent } from './audit-review.rules.ts';

/** The API's lists (`@openrtcc/domain`), typed by the store's unions so the two stay in step. */
export const FLAG_KINDS: readonly AuditFlagKind[] = AUDIT_FLAG_KINDS;
export const REVIEW_DISPOSITIONS: readonly AuditFlagReview['disposition'][] = DOMAIN_REVIEW_DISPOSITIONS;

/** A flag with (some of) the audit records behind it. */
export type AuditFlagWithRecords = AuditFlag & { records: AuditRecord[] };

/** Search records handled per store round trip (case numbers are looked up per batch). */
const BATCH = 500;
/** Records shown with each flag in the queue; the flag itself lists up to 200. */
const RECORDS_IN_LIST = 20;

export interface AuditReviewDeps {
  store: AuditStore;
  audit: AuditService;
  settings: AuditReviewSettings;
  /** The cad module is on: case numbers are also checked against CAD incident numbers. */
  cadIncidents: boolean;
}

export class AuditReviewService {
  private readonly d: AuditReviewDeps;
  private running: Promise<{ examined: number; flagged: number }> | undefined;

  constructor(deps: AuditReviewDeps) {
    this.d = deps;
  }

  /** Looks at the search records appended since the last run; concurrent callers share one run. */
  refresh(): Promise<{ examined: number; flagged: number }> {
    this.running ??= this.compute().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Resolves when no computation is running (for shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** The queue, newest activity first, each flag with its latest records. Brings flags up to date first. */
  async list(opts: { status?: 'open' | 'reviewed' | 'all'; kind?: AuditFlagKind; actor?: string; limit: number; cursor?: string }): Promise<Page<AuditFlagWithRecords>> {
    await this.refresh();
    const page = await this.d.store.flags.list({ ...opts, status: opts.status ?? 'open' });
    const items = await Promise.all(page.items.map(async (f) => ({ ...f, records: await this.d.store.getMany(f.seqs.slice(-RECORDS_IN_LIST)) })));
    return { ...page, items };
  }

  /** One flag with every record it keeps. */
  async get(id: string): Promise<AuditFlagWithRecords> {
    const flag = await this.d.store.flags.get(id);
    if (!flag) throw new AppError('not_found_or_forbidden', `no review flag ${id}`);
    return { ...flag, records: await this.d.store.getMany(flag.seqs) };
  }

  /**
   * Records a supervisor's decision. Nobody reviews a flag about their own searches; the
   * decision, with its note, goes into the audit chain before the flag changes.
   */
  async review(id: string, input: { disposition: AuditFlagReview['disposition']; note: string }, by: { name: string; from?: string }): Promise<AuditFlag> {
    const flag = await this.d.store.flags.get(id);
    if (!flag) throw new AppError('not_found_or_forbidden', `no review flag ${id}`);
    if (flag.actor === by.name) throw new AppError('forbidden', 'a flag about your own searches is reviewed by another supervisor');
    const note = input.note.trim();
    if (note.length < 5) throw new AppError('validation_failed', 'write a note of at least 5 characters saying what was checked', { details: [{ field: 'note', message: 'at least 5 characters' }] });
    const rec = await this.d.audit.record({ actor: by.name, from: by.from, action: 'audit.review', outcome: 'success', details: { flagId: id, kind: flag.kind, flaggedUser: flag.actor, subject: flag.subject, disposition: input.disposition, note, records: flag.count } });
    const reviewed = await this.d.store.flags.review(id, { by: by.name, at: rec.at, disposition: input.disposition, note });
    if (!reviewed) throw new AppError('not_found_or_forbidden', `no review flag ${id}`);
    return reviewed;
  }

  private async compute(): Promise<{ examined: number; flagged: number }> {
    const { store } = this.d;
    const cursor = await store.flags.cursor();
    const lastSeq = (await store.last())?.seq ?? 0;
    if (lastSeq <= cursor) return { examined: 0, flagged: 0 };
    const flagger = new SearchFlagger(this.d.settings);
    const fromSeq = await this.contextStart(cursor);
    let batch: SearchEvent[] = [];
    const totals = { examined: 0, flagged: 0 };
    for await (const r of store.scan({ action: 'reads.search', fromSeq })) {
      if (r.seq > lastSeq) break;
      const e = searchEventOf(r);
      if (e) batch.push(e);
      if (batch.length >= BATCH) {
        await this.flagBatch(flagger, batch, cursor, totals);
        batch = [];
      }
    }
    await this.flagBatch(flagger, batch, cursor, totals);
    await store.flags.saveCursor(lastSeq);
    return totals;
  }

  /** Where to start reading: far enough before the cursor for the longest window to fill. */
  private async contextStart(cursor: number): Promise<number> {
    if (cursor === 0) return 1;
    const [at] = await this.d.store.getMany([cursor]);
    if (!at) return cursor + 1;
    const back = Math.max(this.d.settings.repeatWindowMs, this.d.settings.bulkWindowMs);
    return (await this.d.store.firstSeqAt(at.at - back)) ?? cursor + 1;
  }

  private async flagBatch(flagger: SearchFlagger, events: SearchEvent[], cursor: number, totals: { examined: number; flagged: number }): Promise<void> {
    if (events.length === 0) return;
    const known = await this.knownCases(events.filter((e) => e.seq > cursor));
    const byId = new Map<string, AuditFlagHit>();
    for (const e of events) {
      const emit = e.seq > cursor;
      if (emit) totals.examined++;
      const caseKnown = emit ? known(e.caseNumber) : true;
      for (const hit of flagger.observe(e, caseKnown, emit)) {
        const prev = byId.get(hit.id);
        byId.set(hit.id, prev ? { ...hit, seqs: [...prev.seqs, ...hit.seqs], firstAt: Math.min(prev.firstAt, hit.firstAt), at: Math.max(prev.at, hit.at) } : hit);
      }
    }
    flagger.prune(events[events.length - 1].at);
    for (const hit of byId.values()) await this.d.store.flags.merge(hit);
    totals.flagged += byId.size;
    // SQLite answers synchronously: let the server's requests through between batches
    await nextTurn();
  }

  /** A case-number check for these events: pattern or CAD incident; undefined when neither is set up. */
  private async knownCases(events: SearchEvent[]): Promise<(n: string | undefined) => boolean | undefined> {
    const pattern = this.d.settings.caseNumberPattern;
    if (!pattern && !this.d.cadIncidents) return () => undefined;
    const numbers = [...new Set(events.map((e) => e.caseNumber).filter((n): n is string => n !== undefined && !pattern?.test(n)))];
    const cad = this.d.cadIncidents && numbers.length > 0 ? await this.d.store.flags.knownIncidentNumbers(numbers) : new Set<string>();
    return (n) => (n === undefined ? undefined : (pattern?.test(n) ?? false) || cad.has(n));
  }
}

/** Brings the review queue up to date every few minutes, so flags wait for a supervisor, not for a page load. */
export class AuditReviewJob {
  private readonly review: AuditReviewService;
  private readonly onError: (err: unknown) => void;
  private readonly everyMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(review: AuditReviewService, onError: (err: unknown) => void, everyMs = 5 * 60_000) {
    this.review = review;
    this.onError = onError;
    this.everyMs = everyMs;
  }

  start(): void {
    const run = () => void this.review.refresh().catch(this.onError);
    run();
    this.timer = setInterval(run, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.review.idle();
  }
}
