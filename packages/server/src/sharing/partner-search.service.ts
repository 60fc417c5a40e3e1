/**
 * The requesting side of sharing: a search that includes partner agencies. The local search runs
 * first (it checks the justification and is audited as every search is); then every chosen
 * partner is asked at once, each with its own timeout. A partner that refuses or fails is
 * reported beside the results and never fails the search. The federated search is audited here
 * with every partner asked and what each answered.
 */
import { validateJustification, type FederatedReadView, type JustificationPolicy, type PartnerOutcome, type PlateRead } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { ReadSearchInput, ReadSearchService, SearchActor } from '../search/read-search.service.ts';
import type { SharingAgreement, SharingStore } from '../store/store.types.ts';
import { readView } from '../http/views.ts';
import { agreementStatus } from './agreement.ts';
import { PartnerError, queryPartner, type PartnerAnswer } from './federation.client.ts';
import type { OutsideQuery } from './federation.wire.ts';

/** The audit action of a search of ours that included partner agencies. */
export const PARTNER_SEARCH_ACTION = 'sharing.partner_search';

/** `true`: every active inbound agreement; a list: those agreements only. */
export type PartnerChoice = true | string[];

/** The answer of a search that included partners: ours and theirs, newest first, tagged by agency. */
export interface FederatedPage {
  items: FederatedReadView[];
  /** Our own total (pages and cursors are ours; partners answer on the first page). */
  total: number;
  nextCursor: string | null;
  partners: PartnerOutcome[];
}

export interface PartnerSearchDeps {
  agreements: SharingStore;
  search: ReadSearchService;
  audit: AuditService;
  agency: { name: string; ori?: string };
  timeoutMs: number;
  policy: JustificationPolicy;
  now?: () => number;
}

export class PartnerSearchService {
  private readonly deps: PartnerSearchDeps;
  private readonly now: () => number;

  constructor(deps: PartnerSearchDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  async search(input: ReadSearchInput, actor: SearchActor, choice: PartnerChoice): Promise<FederatedPage> {
    const chosen = await this.choose(choice);
    const local = await this.deps.search.search(input, actor);
    const own = local.items.map((r) => this.tagOwn(r));
    // partners answer the first page only: their results are capped, not paged
    if (input.cursor) return { items: own, total: local.total, nextCursor: local.nextCursor, partners: [] };
    const query = this.outsideQuery(input, actor);
    const outcomes = await Promise.all(chosen.map((a) => this.ask(a, query)));
    const theirs = outcomes.flatMap((o) => o.items);
    const partners = outcomes.map((o) => o.outcome);
    // the local search accepted it, so it is valid: the cleaned copy goes on the record
    const j = validateJustification(query.justification, this.deps.policy.offenseTypes);
    await this.deps.audit.record({
      actor: actor.name,
      from: actor.from,
      action: PARTNER_SEARCH_ACTION,
      outcome: 'success',
      justification: j.ok ? j.value : undefined,
      query: query.search,
      resultCount: theirs.length,
      details: { partners: partners.map((p) => (p.ok ? { agreementId: p.agreementId, agency: p.agency, count: p.count } : { agreementId: p.agreementId, agency: p.agency, error: p.error.code })) },
    });
    const items = [...own, ...theirs].sort((a, b) => (a.observedAt < b.observedAt ? 1 : a.observedAt > b.observedAt ? -1 : 0));
    return { items, total: local.total, nextCursor: local.nextCursor, partners };
  }

  /** The inbound agreements to ask: an id that is not one is a mistake of the caller. */
  private async choose(choice: PartnerChoice): Promise<SharingAgreement[]> {
    const inbound = (await this.deps.agreements.list()).filter((a) => a.direction === 'inbound');
    if (choice === true) return inbound.filter((a) => agreementStatus(a, this.now()) === 'active');
    return [...new Set(choice)].map((id) => {
      const a = inbound.find((x) => x.id === id);
      if (!a) throw new AppError('validation_failed', `includePartners: ${id} is not an agreement under which a partner shares with us`, { details: { field: 'includePartners' } });
      return a;
    });
  }

  private outsideQuery(input: ReadSearchInput, actor: SearchActor): OutsideQuery {
    const requester: OutsideQuery['requester'] = { name: actor.name, agency: this.deps.agency.name };
    if (this.deps.agency.ori) requester.ori = this.deps.agency.ori;
    const { plate, fuzzy, from, to, area, vehicle, limit } = input;
    const search: OutsideQuery['search'] = { plate, fuzzy, from, to, area, limit };
    if (vehicle) search.vehicle = vehicle;
    return { requester, justification: input.justification, search };
  }

  private async ask(a: SharingAgreement, query: OutsideQuery): Promise<{ items: FederatedReadView[]; outcome: PartnerOutcome }> {
    const failed = (code: string, message: string) => ({ items: [], outcome: { agreementId: a.id, agency: a.partnerAgency, ok: false as const, error: { code, message } } });
    const status = agreementStatus(a, this.now());
    if (status !== 'active') return failed(`agreement_${status}`, `the agreement with ${a.partnerAgency} is ${status}`);
    if (!query.search.plate && !query.search.area) return failed('not_searchable', 'a partner agency can be searched by plate or area only; camera ids are ours');
    let answer: PartnerAnswer;
    try {
      answer = await queryPartner(a, query, this.deps.timeoutMs);
    } catch (e) {
      if (e instanceof PartnerError) return failed(e.code, e.message);
      return failed('internal', `asking ${a.partnerAgency} failed`);
    }
    const outcome: PartnerOutcome = { agreementId: a.id, agency: a.partnerAgency, ok: true, count: answer.items.length, truncated: answer.truncated };
    if (answer.windowFrom) outcome.windowFrom = answer.windowFrom;
    return { items: answer.items, outcome };
  }

  private tagOwn(r: PlateRead): FederatedReadView {
    return { ...readView(r), agency: this.deps.agency.name };
  }
}
