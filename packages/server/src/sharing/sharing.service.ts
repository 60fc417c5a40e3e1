/**
 * Sharing with other agencies (the sharing module): the agreements an admin makes, the partner
 * keys they issue, the searches that include partners and the answers to partners' queries.
 * Every change to an agreement is audited; the data owner sees every outside query.
 */
import { randomUUID } from 'node:crypto';
import type { OutsideQueryView, Page, SharingAgreementView } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import { PARTNER_KEY_PREFIX, newSecret, sha256Hex, type PartnerKeyLookup } from '../auth/auth.service.ts';
import { PARTNER_ONLY } from '../auth/permissions.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { AuditRecord, SharingAgreement, SharingStore } from '../store/store.types.ts';
import type { ReadSearchInput, SearchActor } from '../search/read-search.service.ts';
import { agreementStatus, agreementView, checkAgreement, type AgreementInput } from './agreement.ts';
import type { OutsideAnswer, OutsideQuery } from './federation.wire.ts';
import { OUTSIDE_QUERY_ACTION, type OutsideQueryService } from './outside-query.service.ts';
import type { FederatedPage, PartnerChoice, PartnerSearchService } from './partner-search.service.ts';

export interface SharingDeps {
  agreements: SharingStore;
  audit: AuditService;
  outside: OutsideQueryService;
  partners: PartnerSearchService;
  /** The offense types our searches may be justified by: an agreement may limit a partner to some. */
  offenseCodes: ReadonlySet<string>;
  now?: () => number;
}

export interface Actor {
  name: string;
  from?: string;
}

export class SharingService {
  private readonly deps: SharingDeps;
  private readonly now: () => number;

  constructor(deps: SharingDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /**
   * Records a new agreement. An outbound one issues the partner's key, returned here once and
   * stored only as its hash; an inbound one keeps the key the partner issued to us.
   */
  async create(input: AgreementInput, by: Actor): Promise<{ agreement: SharingAgreementView; key?: string }> {
    const now = this.now();
    const checked = checkAgreement(input, now, this.deps.offenseCodes);
    const agreement: SharingAgreement = { ...checked, id: randomUUID(), createdAt: now, createdBy: by.name };
    let key: string | undefined;
    if (agreement.direction === 'outbound') {
      key = newSecret(PARTNER_KEY_PREFIX);
      agreement.keyHash = sha256Hex(key);
      agreement.keyPrefix = key.slice(0, 13);
    }
    await this.deps.agreements.create(agreement);
    const view = agreementView(agreement, now);
    await this.deps.audit.record({ actor: by.name, from: by.from, action: 'sharing.agreement_create', outcome: 'success', details: { agreement: view } });
    return key ? { agreement: view, key } : { agreement: view };
  }

  async list(): Promise<SharingAgreementView[]> {
    const now = this.now();
    return (await this.deps.agreements.list()).map((a) => agreementView(a, now));
  }

  async get(id: string): Promise<SharingAgreementView> {
    const a = await this.deps.agreements.get(id);
    if (!a) throw new AppError('not_found_or_forbidden', `agreement ${id} not found`);
    return agreementView(a, this.now());
  }

  /** Ends an agreement at once: its key is refused from the next query on. Revoking twice is harmless. */
  async revoke(id: string, by: Actor): Promise<SharingAgreementView> {
    const changed = await this.deps.agreements.revoke(id, this.now(), by.name);
    const a = await this.deps.agreements.get(id);
    if (!a) throw new AppError('not_found_or_forbidden', `agreement ${id} not found`);
    if (changed) {
      await this.deps.audit.record({ actor: by.name, from: by.from, action: 'sharing.agreement_revoke', outcome: 'success', details: { agreementId: id, partnerAgency: a.partnerAgency, direction: a.direction } });
    }
    return agreementView(a, this.now());
  }

  /**
   * The agencies we share with now, for the public transparency page: only the agency, what is
   * shared and until when, never keys, limits or URLs.
   */
  async agreementsForTransparency(): Promise<{ agency: string; scope: string[]; expiresAt?: number }[]> {
    const now = this.now();
    return (await this.deps.agreements.list())
      .filter((a) => a.direction === 'outbound' && agreementStatus(a, now) === 'active')
      .map((a) => ({ agency: a.partnerAgency, scope: [...a.scope], expiresAt: a.expiresAt }));
  }

  /** A partner's query of our reads, under the agreement its key belongs to. */
  answerOutsideQuery(agreementId: string, query: OutsideQuery, from?: string): Promise<OutsideAnswer> {
    return this.deps.outside.answer(agreementId, query, from);
  }

  /** Our search, with the partner agencies chosen. */
  searchWithPartners(input: ReadSearchInput, actor: SearchActor, choice: PartnerChoice): Promise<FederatedPage> {
    return this.deps.partners.search(input, actor, choice);
  }

  /** Every query other agencies made of our data, newest first, refused ones included. */
  async outsideQueries(opts: { limit: number; cursor?: string }): Promise<Page<OutsideQueryView>> {
    const page = await this.deps.audit.list({ ...opts, action: OUTSIDE_QUERY_ACTION });
    return { ...page, items: page.items.map(outsideQueryView) };
  }
}

function outsideQueryView(r: AuditRecord): OutsideQueryView {
  const d = (r.details ?? {}) as { agreementId?: string; agency?: string; requester?: string; reason?: string };
  const v: OutsideQueryView = {
    id: r.id,
    at: new Date(r.at).toISOString(),
    agreementId: d.agreementId ?? '',
    agency: d.agency ?? '',
    requester: d.requester ?? r.actor,
    query: r.query,
    outcome: r.outcome,
  };
  if (r.justification) v.justification = r.justification;
  if (r.resultCount !== undefined) v.resultCount = r.resultCount;
  if (d.reason) v.reason = d.reason;
  if (r.from) v.from = r.from;
  return v;
}

/**
 * Resolves a partner key to its principal: revoked and expired agreements too, so the federation
 * route can refuse them by name (and audit the attempt); the principal opens that route only.
 */
export function partnerKeyLookup(agreements: SharingStore): PartnerKeyLookup {
  return async (keyHash) => {
    const a = await agreements.findByKeyHash(keyHash);
    if (!a || a.direction !== 'outbound') return undefined;
    return { kind: 'partner', id: a.id, name: `partner:${a.partnerAgency}`, permissions: PARTNER_ONLY, agreementId: a.id };
  };
}
