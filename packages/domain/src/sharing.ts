/**
 * Sharing with other agencies: the agreements an agency makes with another OpenRTCC instance
 * and the wire shapes the console reads. Nothing is shared without an active agreement.
 */
import type { ReadView } from './types.ts';

/** The kinds of data an agreement can open to the partner. */
export const SHARING_SCOPES = ['reads'] as const;
export type SharingScope = (typeof SHARING_SCOPES)[number];

/**
 * `outbound`: we share with them (the partner may query our data under the agreement's limits);
 * `inbound`: they share with us (our analysts may include the partner in a search).
 */
export type SharingDirection = 'outbound' | 'inbound';

/** What the data owner allows: enforced by the owner on every outside query. */
export interface SharingLimits {
  /** Only plates of these states (upper-case codes); unset: any state. */
  states?: string[];
  /** Only searches justified by these offense types; unset: any offense type. */
  offenseTypes?: string[];
  /** At most this many reads per query. */
  maxResults: number;
  /** Only reads observed in the last this many days; unset: as far back as retention keeps. */
  maxWindowDays?: number;
}

export type SharingStatus = 'active' | 'expired' | 'revoked';

/** An agreement as the API shows it: never the key or its hash. */
export interface SharingAgreementView {
  id: string;
  direction: SharingDirection;
  partnerAgency: string;
  partnerOri?: string;
  /** The partner's base URL (inbound: where our searches go). */
  partnerUrl?: string;
  scope: SharingScope[];
  limits: SharingLimits;
  /** The legal basis or memorandum this agreement rests on. */
  basis?: string;
  status: SharingStatus;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
  /** Outbound: the first characters of the partner key, to recognise it. */
  keyPrefix?: string;
}

/** A read from a partner agency (or our own, in a search that included partners); partners share no images. */
export type FederatedReadView = ReadView & {
  /** The agency that owns the read. */
  agency: string;
  /** The inbound agreement it came through; absent for our own reads. */
  agreementId?: string;
  /** The owner's name for the camera, since its id means nothing here. */
  cameraName?: string;
};

/** How one partner answered a search that included partners. */
export type PartnerOutcome =
  | { agreementId: string; agency: string; ok: true; count: number; truncated: boolean; windowFrom?: string }
  | { agreementId: string; agency: string; ok: false; error: { code: string; message: string } };

/** One query another agency made of our data, as the data owner sees it. */
export interface OutsideQueryView {
  id: string;
  at: string;
  agreementId: string;
  agency: string;
  requester: string;
  justification?: { offenseType: string; caseNumber: string; note?: string };
  query: unknown;
  outcome: 'success' | 'denied' | 'failed';
  resultCount?: number;
  reason?: string;
  from?: string;
}
