/**
 * Wire shapes of the webhook routes (docs/api.md, "Outbound webhooks"), written from the API
 * until the domain package carries them.
 */
export const WEBHOOK_EVENTS = [
  ['hit.verified', 'Hit confirmed (actionable)'],
  ['hit.dispositioned', 'Any disposition'],
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number][0];

export interface WebhookTargetView {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** Only in the answer that created the target or rotated its secret. */
  secret?: string;
}

export interface WebhookDeliveryView {
  id: string;
  targetId: string;
  event: string;
  subjectId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: { at: string; durationMs: number; statusCode?: number; error?: string }[];
  nextAttemptAt?: string;
  createdAt: string;
  deliveredAt?: string;
  payload: unknown;
}
