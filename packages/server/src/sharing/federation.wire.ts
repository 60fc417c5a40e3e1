/**
 * What two OpenRTCC instances send each other: a partner's search (who asks, why, what) and
 * the owner's answer. Both sides speak this shape; the requesting side checks every field of
 * an answer, since it comes from outside.
 */
import type { FederatedReadView } from '@openrtcc/domain';
import type { ReadSearchInput } from '../search/read-search.service.ts';

/** The search part of an outside query: cameras are left out, their ids mean nothing outside. */
export type SharedSearch = Pick<ReadSearchInput, 'plate' | 'fuzzy' | 'from' | 'to' | 'area' | 'vehicle' | 'limit'>;

/** `POST /api/v1/federation/search`, sent with the partner key. */
export interface OutsideQuery {
  requester: { name: string; agency?: string; ori?: string };
  justification: unknown;
  search: SharedSearch;
}

/** A read as the owner shares it: no images, its camera named. */
export type SharedRead = Omit<FederatedReadView, 'agency' | 'agreementId' | 'images'>;

/** The owner's answer to an outside query. */
export interface OutsideAnswer {
  agency: string;
  ori?: string;
  items: SharedRead[];
  count: number;
  /** The owner stopped before the end: more reads may match than the agreement lets it return. */
  truncated: boolean;
  /** When the agreement's time window clipped the search: the earliest time searched. */
  windowFrom?: string;
}
