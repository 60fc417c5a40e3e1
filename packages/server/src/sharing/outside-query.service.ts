/**
 * The data owner's side of sharing: answers a partner agency's query of our reads under its
 * agreement. The agreement must be outbound, active and cover reads; the justification must pass
 * the same rules as ours and name an allowed offense type; the time window is clipped, plates of
 * other states are left out and results are capped. Every query, refused or answered, is written
 * to the audit trail with the requester, the agency and the justification.
 */
import { findProhibitedPurpose, validateJustification, type Justification, type JustificationPolicy, type PlateRead } from '@openrtcc/domain';
import { AppError, type ErrorCode } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { ReadSearchService } from '../search/read-search.service.ts';
import type { CameraService } from '../cameras/camera.service.ts';
import type { ReadQuery, ReadStore, SharingAgreement, SharingStore } from '../store/store.types.ts';
import { readView } from '../http/views.ts';
import { DAY_MS, agreementStatus } from './agreement.ts';
import type { OutsideAnswer, OutsideQuery, SharedRead } from './federation.wire.ts';

/** The audit action of a partner's query of our data. */
export const OUTSIDE_QUERY_ACTION = 'sharing.outside_query';
/** Reads scanned per page, and pages at most, when the agreement limits states. */
const SCAN_PAGE = 1000;
const MAX_SCAN_PAGES = 10;

export interface OutsideQueryDeps {
  agreements: SharingStore;
  reads: ReadStore;
  search: ReadSearchService;
  cameras: CameraService;
  audit: AuditService;
  agency: { name: string; ori?: string };
  /** Our justification rules: a partner's search meets the same ones as ours. */
  policy: JustificationPolicy;
  now?: () => number;
}

export class OutsideQueryService {
  private readonly deps: OutsideQueryDeps;
  private readonly now: () => number;

  constructor(deps: OutsideQueryDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Answers the query a partner's key (`agreementId`) sent from `from`; audited either way. */
  async answer(agreementId: string, q: OutsideQuery, from?: string): Promise<OutsideAnswer> {
    const agreement = await this.deps.agreements.get(agreementId);
    const requester = q.requester.name.trim();
    const agency = agreement?.partnerAgency ?? 'unknown agency';
    const record = (outcome: 'success' | 'denied', extra: { justification?: Justification; resultCount?: number; reason?: string; problems?: unknown; windowFrom?: number }) =>
      this.deps.audit.record({
        actor: `${agency}: ${requester}`,
        from,
        action: OUTSIDE_QUERY_ACTION,
        outcome,
        justification: extra.justification,
        query: q.search,
        resultCount: extra.resultCount,
        details: { agreementId, agency, requester, claimedAgency: q.requester.agency, reason: extra.reason, problems: extra.problems, windowFrom: extra.windowFrom },
      });
    const refuse = async (code: ErrorCode, reason: string, message: string, extra: { justification?: Justification; problems?: unknown } = {}): Promise<never> => {
      await record('denied', { ...extra, reason });
      throw new AppError(code, message, { details: extra.problems ?? { reason } });
    };

    if (!agreement || agreement.direction !== 'outbound') return refuse('forbidden', 'no_agreement', 'this key belongs to no agreement to share data');
    const refusal = this.agreementRefusal(agreement);
    if (refusal) return refuse('forbidden', refusal.reason, refusal.message);
    const { offenseTypes, prohibitedPurposes } = this.deps.policy;
    const prohibited = findProhibitedPurpose(q.justification, prohibitedPurposes, offenseTypes);
    if (prohibited) {
      return refuse('prohibited_purpose', 'prohibited_purpose', `this search is refused: its justification reveals a prohibited purpose, ${prohibited.label} ("${prohibited.phrase}" in ${prohibited.field}); ${this.deps.agency.name} shares no plate data for it`, { problems: prohibited });
    }
    const j = validateJustification(q.justification, offenseTypes);
    if (!j.ok) {
      return refuse('justification_required', 'justification', `a search of ${this.deps.agency.name}'s plate data needs a justification: ${j.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { problems: j.problems });
    }
    const allowed = agreement.limits.offenseTypes;
    if (allowed && !allowed.includes(j.value.offenseType)) {
      return refuse('forbidden', 'purpose_not_allowed', `the agreement with ${this.deps.agency.name} allows searches for ${allowed.join(', ')} only, not ${j.value.offenseType}`, { justification: j.value });
    }
    const want = Math.min(q.search.limit ?? agreement.limits.maxResults, agreement.limits.maxResults);
    let query: ReadQuery;
    try {
      query = this.deps.search.compile({ ...q.search, limit: want });
    } catch (e) {
      if (e instanceof AppError) return refuse(e.code, 'invalid_query', e.message, { justification: j.value });
      throw e;
    }
    const windowFrom = this.windowStart(agreement, query);
    const found = windowFrom === null ? { reads: [], truncated: false } : await this.collect({ ...query, from: windowFrom ?? query.from }, agreement.limits.states, want);
    await record('success', { justification: j.value, resultCount: found.reads.length, windowFrom: windowFrom ?? undefined });
    const answer: OutsideAnswer = { agency: this.deps.agency.name, items: found.reads.map((r) => this.shared(r)), count: found.reads.length, truncated: found.truncated };
    if (this.deps.agency.ori) answer.ori = this.deps.agency.ori;
    if (windowFrom) answer.windowFrom = new Date(windowFrom).toISOString();
    return answer;
  }

  private agreementRefusal(a: SharingAgreement): { reason: string; message: string } | undefined {
    const status = agreementStatus(a, this.now());
    const owner = this.deps.agency.name;
    if (status === 'revoked') return { reason: 'agreement_revoked', message: `${owner} revoked the sharing agreement ${a.id} on ${new Date(a.revokedAt!).toISOString()}; no data is shared under it` };
    if (status === 'expired') return { reason: 'agreement_expired', message: `the sharing agreement ${a.id} with ${owner} expired on ${new Date(a.expiresAt).toISOString()}; ask ${owner} to renew it` };
    if (!a.scope.includes('reads')) return { reason: 'out_of_scope', message: `the agreement with ${owner} does not cover plate reads` };
    return undefined;
  }

  /**
   * The start of the window the agreement allows, when it clips the search (undefined: no
   * clipping; null: the whole search lies before the window, so nothing can match).
   */
  private windowStart(a: SharingAgreement, q: ReadQuery): number | undefined | null {
    if (a.limits.maxWindowDays === undefined) return undefined;
    const earliest = this.now() - a.limits.maxWindowDays * DAY_MS;
    if (q.to !== undefined && q.to <= earliest) return null;
    return q.from === undefined || q.from < earliest ? earliest : undefined;
  }

  /** Newest first, at most `want` reads, only of the allowed states (unknown state: left out). */
  private async collect(query: ReadQuery, states: string[] | undefined, want: number): Promise<{ reads: PlateRead[]; truncated: boolean }> {
    if (!states) {
      const page = await this.deps.reads.search({ ...query, limit: want, cursor: undefined });
      return { reads: page.items, truncated: page.total > page.items.length };
    }
    const allowed = new Set(states);
    const out: PlateRead[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_SCAN_PAGES; i++) {
      const page = await this.deps.reads.search({ ...query, limit: SCAN_PAGE, cursor });
      for (const [k, r] of page.items.entries()) {
        if (!r.state || !allowed.has(r.state)) continue;
        out.push(r);
        if (out.length === want) return { reads: out, truncated: k < page.items.length - 1 || !!page.nextCursor };
      }
      if (!page.nextCursor) return { reads: out, truncated: false };
      cursor = page.nextCursor ?? undefined;
    }
    return { reads: out, truncated: true };
  }

  private shared(r: PlateRead): SharedRead {
    const { images: _withheld, ...v } = readView(r);
    const name = r.cameraId ? this.deps.cameras.get(r.cameraId)?.name : undefined;
    return name ? { ...v, cameraName: name } : v;
  }
}
