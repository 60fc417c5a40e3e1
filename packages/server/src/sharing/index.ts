/**
 * The sharing module's face: build it with `createSharing` in the composition root.
 */
import type { AuditService } from '../governance/audit.service.ts';
import type { CameraService } from '../cameras/camera.service.ts';
import type { ReadSearchService } from '../search/read-search.service.ts';
import type { JustificationPolicy } from '@openrtcc/domain';
import type { ReadStore, SharingStore } from '../store/store.types.ts';
import { OutsideQueryService } from './outside-query.service.ts';
import { PartnerSearchService } from './partner-search.service.ts';
import { SharingService } from './sharing.service.ts';

export { SharingService, partnerKeyLookup } from './sharing.service.ts';
export type { AgreementInput } from './agreement.ts';
export type { OutsideAnswer, OutsideQuery } from './federation.wire.ts';
export type { FederatedPage, PartnerChoice } from './partner-search.service.ts';

export interface SharingParts {
  agreements: SharingStore;
  reads: ReadStore;
  search: ReadSearchService;
  cameras: CameraService;
  audit: AuditService;
  agency: { name: string; ori?: string };
  timeoutMs: number;
  policy: JustificationPolicy;
}

/** The sharing service over its two sides: answering partners, and asking them. */
export function createSharing(p: SharingParts): SharingService {
  const outside = new OutsideQueryService({ agreements: p.agreements, reads: p.reads, search: p.search, cameras: p.cameras, audit: p.audit, agency: p.agency, policy: p.policy });
  const partners = new PartnerSearchService({ agreements: p.agreements, search: p.search, audit: p.audit, agency: p.agency, timeoutMs: p.timeoutMs, policy: p.policy });
  return new SharingService({ agreements: p.agreements, audit: p.audit, outside, partners, offenseCodes: new Set(p.policy.offenseTypes.map((o) => o.code)) });
}
