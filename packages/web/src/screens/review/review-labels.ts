/** How the review screen names flag kinds and dispositions. */
import type { AuditFlagKind, ReviewDisposition } from '@openrtcc/domain';

export const KIND_LABELS: Record<AuditFlagKind, string> = {
  repeat_plate: 'Same plate again and again',
  outside_case: 'Outside any case',
  off_hours: 'Off-hours searching',
  bulk: 'Bulk querying',
};

export const DISPOSITION_LABELS: Record<ReviewDisposition, { label: string; hint: string }> = {
  justified: { label: 'Justified', hint: 'checked: the searches served the case or incident' },
  follow_up: { label: 'Needs follow-up', hint: 'asked the user or their supervisor; not settled yet' },
  referred: { label: 'Referred as possible misuse', hint: 'sent to internal affairs / the CJIS officer' },
};
