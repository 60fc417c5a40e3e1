/**
 * Agreements with other agencies: checking what an admin asks for, an agreement's status at a
 * time, and the view the API shows (never the key, its hash or the partner's key).
 */
import { SHARING_SCOPES, normalizeState } from '@openrtcc/domain';
import type { SharingAgreementView, SharingDirection, SharingLimits, SharingScope, SharingStatus } from '@openrtcc/domain';
import { PARTNER_KEY_PREFIX } from '../auth/auth.service.ts';
import { AppError } from '../errors.ts';
import type { SharingAgreement } from '../store/store.types.ts';

export const DAY_MS = 86_400_000;
/** An agreement runs five years at most: sharing must be renewed on purpose, not left open. */
export const MAX_AGREEMENT_DAYS = 5 * 366;
export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS = 1000;
export const MAX_WINDOW_DAYS = 3650;

/** What an admin sends to create an agreement (see docs/sharing.md). */
export interface AgreementInput {
  direction: SharingDirection;
  partnerAgency: string;
  partnerOri?: string;
  partnerUrl?: string;
  scope?: string[];
  limits?: { states?: string[]; offenseTypes?: string[]; maxResults?: number; maxWindowDays?: number };
  expiresAt: string;
  basis?: string;
  /** Inbound: the key the partner agency issued to us. */
  partnerKey?: string;
}

/** An agreement's fields as checked, without id, creator or key. */
export type CheckedAgreement = Omit<SharingAgreement, 'id' | 'createdAt' | 'createdBy' | 'keyHash' | 'keyPrefix'>;

const invalid = (field: string, message: string): AppError => new AppError('validation_failed', `${field}: ${message}`, { details: { field } });
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The partner's base URL: https, or http on this machine only (plate data does not cross a
 * network in clear text). Trailing slashes are dropped so paths join cleanly.
 */
export function checkPartnerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('partnerUrl', `${JSON.stringify(raw)} is not a URL`);
  }
  const local = LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw invalid('partnerUrl', 'must be https:// (http:// only for a partner on this machine)');
  if (url.username || url.password || url.search || url.hash) throw invalid('partnerUrl', 'must be a plain base URL, without credentials, query or fragment');
  return url.toString().replace(/\/+$/, '');
}

function checkScope(raw: string[] | undefined): SharingScope[] {
  const scope = [...new Set(raw ?? ['reads'])];
  for (const s of scope) {
    if (!(SHARING_SCOPES as readonly string[]).includes(s)) throw invalid('scope', `${JSON.stringify(s)} is not shareable; choose from ${SHARING_SCOPES.join(', ')}`);
  }
  if (scope.length === 0) throw invalid('scope', 'name at least one kind of data');
  return scope as SharingScope[];
}

function checkLimits(raw: AgreementInput['limits'] = {}, offenses: ReadonlySet<string>): SharingLimits {
  const limits: SharingLimits = { maxResults: raw.maxResults ?? DEFAULT_MAX_RESULTS };
  if (!Number.isInteger(limits.maxResults) || limits.maxResults < 1 || limits.maxResults > MAX_RESULTS) throw invalid('limits.maxResults', `must be 1 to ${MAX_RESULTS}`);
  if (raw.states !== undefined) {
    if (raw.states.length === 0) throw invalid('limits.states', 'leave it out to allow every state, or name at least one');
    const states = new Set<string>();
    for (const s of raw.states) {
      const code = normalizeState(s);
      if (!code) throw invalid('limits.states', `${JSON.stringify(s)} is not a state or province code`);
      states.add(code);
    }
    limits.states = [...states].sort();
  }
  if (raw.offenseTypes !== undefined) {
    if (raw.offenseTypes.length === 0) throw invalid('limits.offenseTypes', 'leave it out to allow every offense type, or name at least one');
    for (const o of raw.offenseTypes) if (!offenses.has(o)) throw invalid('limits.offenseTypes', `${JSON.stringify(o)} is not an offense type (the codes of the search form, e.g. robbery, homicide)`);
    limits.offenseTypes = [...new Set(raw.offenseTypes)].sort();
  }
  if (raw.maxWindowDays !== undefined) {
    if (!Number.isInteger(raw.maxWindowDays) || raw.maxWindowDays < 1 || raw.maxWindowDays > MAX_WINDOW_DAYS) throw invalid('limits.maxWindowDays', `must be 1 to ${MAX_WINDOW_DAYS}`);
    limits.maxWindowDays = raw.maxWindowDays;
  }
  return limits;
}

function checkExpiry(raw: string, now: number): number {
  const t = Date.parse(raw);
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(raw) || Number.isNaN(t)) throw invalid('expiresAt', 'must be an ISO 8601 time with a zone, e.g. 2027-06-30T23:59:59Z');
  if (t <= now) throw invalid('expiresAt', 'must be in the future');
  if (t > now + MAX_AGREEMENT_DAYS * DAY_MS) throw invalid('expiresAt', `an agreement runs at most ${MAX_AGREEMENT_DAYS} days; renew it with a new one`);
  return t;
}

/**
 * Checks an admin's request for a new agreement and returns the agreement to store.
 * `offenseCodes`: the offense types our searches may be justified by (config.justification).
 * @example checkAgreement({ direction: 'outbound', partnerAgency: 'Travis County SO', expiresAt: '2027-01-01T00:00:00Z' }, now, codes)
 */
export function checkAgreement(input: AgreementInput, now: number, offenseCodes: ReadonlySet<string>): CheckedAgreement {
  if (input.direction !== 'outbound' && input.direction !== 'inbound') throw invalid('direction', 'must be outbound (we share with them) or inbound (they share with us)');
  const partnerAgency = input.partnerAgency?.trim().replace(/\s+/g, ' ');
  if (!partnerAgency) throw invalid('partnerAgency', 'name the partner agency');
  const out: CheckedAgreement = {
    direction: input.direction,
    partnerAgency,
    scope: checkScope(input.scope),
    limits: checkLimits(input.limits, offenseCodes),
    expiresAt: checkExpiry(input.expiresAt, now),
  };
  if (input.partnerOri) {
    const ori = input.partnerOri.trim().toUpperCase();
    if (!/^[A-Z]{2}[A-Z0-9]{7}$/.test(ori)) throw invalid('partnerOri', 'must be an ORI: 2 letters, then 7 letters or digits');
    out.partnerOri = ori;
  }
  if (input.basis?.trim()) out.basis = input.basis.trim();
  if (input.partnerUrl) out.partnerUrl = checkPartnerUrl(input.partnerUrl);
  if (input.direction === 'inbound') {
    if (!out.partnerUrl) throw invalid('partnerUrl', 'an inbound agreement needs the partner\'s URL: our searches go there');
    const key = input.partnerKey?.trim();
    if (!key || !key.startsWith(`${PARTNER_KEY_PREFIX}_`)) throw invalid('partnerKey', `paste the key the partner agency issued to you (it starts with ${PARTNER_KEY_PREFIX}_)`);
    out.partnerKey = key;
  } else if (input.partnerKey !== undefined) {
    throw invalid('partnerKey', 'an outbound agreement issues its own key; send partnerKey only for inbound agreements');
  }
  return out;
}

/** Whether an agreement is in force at `now`; revocation wins over expiry. */
export function agreementStatus(a: SharingAgreement, now: number): SharingStatus {
  if (a.revokedAt !== undefined) return 'revoked';
  return a.expiresAt <= now ? 'expired' : 'active';
}

const iso = (t: number): string => new Date(t).toISOString();

/** The agreement as the API shows it. */
export function agreementView(a: SharingAgreement, now: number): SharingAgreementView {
  const v: SharingAgreementView = {
    id: a.id,
    direction: a.direction,
    partnerAgency: a.partnerAgency,
    scope: a.scope,
    limits: a.limits,
    status: agreementStatus(a, now),
    expiresAt: iso(a.expiresAt),
    createdAt: iso(a.createdAt),
    createdBy: a.createdBy,
  };
  if (a.partnerOri) v.partnerOri = a.partnerOri;
  if (a.partnerUrl) v.partnerUrl = a.partnerUrl;
  if (a.basis) v.basis = a.basis;
  if (a.revokedAt !== undefined) v.revokedAt = iso(a.revokedAt);
  if (a.revokedBy) v.revokedBy = a.revokedBy;
  if (a.keyPrefix) v.keyPrefix = a.keyPrefix;
  return v;
}
