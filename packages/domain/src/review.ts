/**
 * The audit trail and the supervisor review queue as the API shows them (`/api/v1/audit/*`):
 * audit records, review flags and the chain check, times as ISO 8601. The server builds these;
 * the console reads them.
 */

/** The search patterns the flag job looks for. */
export const AUDIT_FLAG_KINDS = ['repeat_plate', 'outside_case', 'off_hours', 'bulk'] as const;
export type AuditFlagKind = (typeof AUDIT_FLAG_KINDS)[number];

/** A supervisor's decision on a flag. */
export const REVIEW_DISPOSITIONS = ['justified', 'follow_up', 'referred'] as const;
export type ReviewDisposition = (typeof REVIEW_DISPOSITIONS)[number];

export interface AuditRecordView {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  /** Remote address. */
  from?: string;
  outcome: 'success' | 'denied' | 'failed';
  justification?: { offenseType: string; caseNumber: string; note?: string };
  /** What was asked; for `reads.search`, an `AuditSearchQuery`. */
  query?: unknown;
  resultCount?: number;
  details?: unknown;
  prevHash: string;
  hash: string;
}

/** The query of a `reads.search` record: the search body without its justification. */
export interface AuditSearchQuery {
  plate?: string;
  fuzzy?: boolean;
  from?: string;
  to?: string;
  cameraIds?: string[];
  area?: unknown;
  cursor?: string;
}

/** A pattern in the search audit records that a supervisor should look at. */
export interface AuditFlagView {
  id: string;
  kind: AuditFlagKind;
  actor: string;
  /** The plate, case number or local day the flag is about. */
  subject: string;
  reason: string;
  firstAt: string;
  lastAt: string;
  /** The audit records behind the flag (at most 200, oldest first). */
  seqs: number[];
  /** Records counted, including those past the kept seqs. */
  count: number;
  status: 'open' | 'reviewed';
  /** The latest review; a reviewed flag that gains records is open again and keeps it. */
  review?: { by: string; at: string; disposition: ReviewDisposition; note: string };
}

/** A flag with (some of) its records: the queue's items and `GET /api/v1/audit/review/{id}`. */
export type AuditFlagWithRecordsView = AuditFlagView & { records: AuditRecordView[] };

/** The body of `POST /api/v1/audit/review/{id}`. */
export interface AuditReviewInput {
  disposition: ReviewDisposition;
  note: string;
}

/** `GET /api/v1/audit/verify`: the chain check, naming the first broken record. */
export interface AuditVerifyView {
  ok: boolean;
  /** Records read (up to the first break). */
  records: number;
  firstSeq?: number;
  lastSeq?: number;
  lastAt?: string;
  /** The hash of the last record read: today's running root. */
  lastHash?: string;
  /** Published roots compared with the chain. */
  rootsChecked: number;
  /** The newest day whose published root was compared. */
  latestRootDay?: string;
  /** `id`/`at` are absent for a record that is missing. */
  broken?: { seq: number; id?: string; at?: string; reason: string };
  /** The first version's fields: `broken.seq` and `broken.reason`. */
  brokenAt?: number;
  reason?: string;
}
