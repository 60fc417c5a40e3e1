/**
 * The public transparency report, computed from live data and kept for a minute, so the page
 * stays current without letting the public load the server: every request within the minute
 * (and every request that arrives while one is being computed) gets the same report.
 *
 * Each section reads one provider. A provider that is missing (another module's service not
 * built here) or that fails makes that section say it is not available; the rest still shows.
 */
import { readFile } from 'node:fs/promises';
import type { Hit } from '@openrtcc/domain';
import type { AuditRecord } from '../store/store.types.ts';
import { OUTSIDE_QUERY_ACTION } from '../sharing/outside-query.service.ts';
import { cameraSection, collectedFor, countHits, countSearches, notCollectedFor } from './transparency.stats.ts';
import type { AgreementItem, AuditRootItem, DeletionItem, HitSection, RetentionItem, SearchSection, Section, TransparencyReport, TransparencySources } from './transparency.types.ts';

export const PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;
/** How long a report is served before it is computed again. */
export const CACHE_MS = 60_000;
const PAGE = 500;
/** At most this many records of each kind are read per report; beyond, counts are marked truncated. */
const MAX_RECORDS = 200_000;
const POLICY_MAX_CHARS = 50_000;

const unavailable = (reason: string) => ({ available: false as const, reason });
const iso = (ms: number | string | null | undefined): string | null => {
  if (ms === null || ms === undefined) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

/** `readImages`, `read_images` → `Read images`: for a data type the policy view does not label. */
function humanize(t: string): string {
  const words = t.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Runs one section; a provider that throws leaves that section unavailable, not the page. */
async function section<T>(compute: () => Promise<Section<T>>): Promise<Section<T>> {
  try {
    return await compute();
  } catch {
    return unavailable('This section could not be computed just now; it is retried within a minute.');
  }
}

export class TransparencyService {
  private readonly src: TransparencySources;
  private readonly now: () => number;
  private cached: { at: number; report: Promise<TransparencyReport> } | undefined;

  constructor(src: TransparencySources, now: () => number = Date.now) {
    this.src = src;
    this.now = now;
  }

  /** The report, from the cache when it is less than a minute old. */
  report(): Promise<TransparencyReport> {
    const now = this.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.report;
    const report = this.compute(now);
    this.cached = { at: now, report };
    report.catch(() => {
      if (this.cached?.report === report) this.cached = undefined;
    });
    return report;
  }

  private async compute(now: number): Promise<TransparencyReport> {
    const since = now - PERIOD_DAYS * DAY_MS;
    const { config } = this.src;
    const [searches, hits, retention, deletions, sharing, auditRoots, policy] = await Promise.all([
      section(() => this.searches(since)),
      section(() => this.hits(since)),
      section(() => this.retention()),
      section(() => this.deletions(since)),
      section(() => this.sharing()),
      section(() => this.auditRoots()),
      section(() => this.policy()),
    ]);
    return {
      generatedAt: new Date(now).toISOString(),
      mode: config.training ? 'training' : 'live',
      agency: config.agencyName ?? null,
      periodDays: PERIOD_DAYS,
      periodStart: new Date(since).toISOString(),
      collected: collectedFor(config.modules),
      notCollected: notCollectedFor(config.modules),
      cameras: cameraSection(this.src.cameras.list(), config.transparency.cameraMap),
      justificationPolicy: {
        offenseCategories: [...new Set(config.justification.offenseTypes.map((o) => o.category))].sort((a, b) => a.localeCompare(b)),
        prohibitedPurposes: config.justification.prohibitedPurposes.map((p) => ({ code: p.code, label: p.label })),
      },
      searches,
      hits,
      retention,
      deletions,
      sharing,
      auditRoots,
      policy,
    };
  }

  /** Newest first, page by page, until the items are older than `since` or the cap is reached. */
  private async collect<T>(next: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, at: (t: T) => number, since: number) {
    const items: T[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await next(cursor);
      for (const it of page.items) {
        if (at(it) < since) return { items, truncated: false };
        items.push(it);
      }
      if (!page.nextCursor) return { items, truncated: false };
      if (items.length >= MAX_RECORDS) return { items, truncated: true };
      cursor = page.nextCursor;
    }
  }

  private async searches(since: number): Promise<Section<SearchSection>> {
    const own = await this.auditRecords('reads.search', since);
    const partners = this.src.config.modules.includes('sharing') ? await this.auditRecords(OUTSIDE_QUERY_ACTION, since) : null;
    const partnerQueries = partners && {
      total: partners.items.length,
      answered: partners.items.filter((r) => r.outcome === 'success').length,
      refused: partners.items.filter((r) => r.outcome === 'denied').length,
    };
    return { available: true, ...countSearches(own.items, this.src.config.justification), truncated: own.truncated || partners?.truncated === true, partnerQueries };
  }

  private auditRecords(action: string, since: number) {
    return this.collect<AuditRecord>((cursor) => this.src.audit.list({ limit: PAGE, cursor, action }), (r) => r.at, since);
  }

  private async hits(since: number): Promise<Section<HitSection>> {
    const hits = this.src.hits;
    if (!hits) return unavailable('Hotlists are not switched on: no hits are raised.');
    const { items, truncated } = await this.collect<Hit>((cursor) => hits.list({ status: 'all', limit: PAGE, cursor }), (h) => h.raisedAt, since);
    return { available: true, ...countHits(items), truncated };
  }

  private async retention(): Promise<Section<{ items: RetentionItem[] }>> {
    const r = this.src.retention;
    if (!r) return unavailable('Retention periods are not available on this server yet.');
    const items = (await r.policyView()).map((p) => ({ dataType: String(p.dataType), label: String(p.label), days: typeof p.days === 'number' ? p.days : null }));
    return { available: true, items };
  }

  private async deletions(since: number): Promise<Section<{ items: DeletionItem[] }>> {
    const r = this.src.retention;
    if (!r) return unavailable('Deletion counts are not available on this server yet.');
    const [totals, view] = await Promise.all([r.deletionTotals(since), r.policyView()]);
    const label = (t: string) => view.find((v) => v.dataType === t)?.label ?? humanize(t);
    return { available: true, items: totals.map((t) => ({ dataType: String(t.dataType), label: String(label(t.dataType)), deleted: Number(t.deleted) || 0 })) };
  }

  private async sharing(): Promise<Section<{ items: AgreementItem[] }>> {
    const s = this.src.sharing;
    if (!s) {
      return this.src.config.modules.includes('sharing')
        ? unavailable('The list of sharing agreements is not available on this server yet.')
        : { available: true, items: [] };
    }
    const items = (await s.agreementsForTransparency())
      .map((a) => ({ agency: String(a.agency), scope: a.scope.map(String), expiresAt: iso(a.expiresAt) }))
      .sort((a, b) => a.agency.localeCompare(b.agency));
    return { available: true, items };
  }

  private async auditRoots(): Promise<Section<{ items: AuditRootItem[] }>> {
    const audit = this.src.audit;
    if (typeof audit.dailyRoots !== 'function') return unavailable('Daily audit roots are not published by this server yet.');
    const roots = await audit.dailyRoots({ days: PERIOD_DAYS });
    const items = roots.map((r) => ({ day: String(r.day), records: r.records, firstSeq: r.firstSeq, lastSeq: r.lastSeq, root: String(r.root), publishedAt: iso(r.publishedAt) }));
    return { available: true, items };
  }

  private async policy(): Promise<Section<{ text: string }>> {
    const file = this.src.config.transparency.policyFile;
    if (!file) return unavailable('The agency has not published its policy on this page.');
    const text = (await readFile(file, 'utf8')).slice(0, POLICY_MAX_CHARS);
    return { available: true, text };
  }
}
