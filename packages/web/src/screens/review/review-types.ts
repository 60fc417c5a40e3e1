/**
 * Wire shapes of the audit review routes (docs/api.md, "Audit"): the domain package has no view
 * types for them yet, so they are written here from the server's answers (ISO times at the edge).
 */
export type FlagKind = 'repeat_plate' | 'outside_case' | 'off_hours' | 'bulk';
export type ReviewDisposition = 'justified' | 'follow_up' | 'referred';

export interface AuditRecordView {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  from?: string;
  outcome: 'success' | 'denied' | 'failed';
  justification?: { offenseType: string; caseNumber: string; note?: string };
  query?: { plate?: string; fuzzy?: boolean; from?: string; to?: string; cameraIds?: string[]; area?: unknown; cursor?: string };
  resultCount?: number;
}

export interface FlagView {
  id: string;
  kind: FlagKind;
  actor: string;
  subject: string;
  reason: string;
  firstAt: string;
  lastAt: string;
  seqs: number[];
  count: number;
  status: 'open' | 'reviewed';
  review?: { by: string; at: string; disposition: ReviewDisposition; note: string };
  records: AuditRecordView[];
}

export interface VerifyView {
  ok: boolean;
  records: number;
  lastSeq?: number;
  lastAt?: string;
  rootsChecked: number;
  latestRootDay?: string;
  broken?: { seq: number; id?: string; at?: string; reason: string };
}

export const KIND_LABELS: Record<FlagKind, string> = {
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
