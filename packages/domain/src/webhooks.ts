/**
 * Outbound webhooks as the API shows them (`/api/v1/webhooks`): targets without their secret,
 * deliveries with every attempt. The server builds these; the console reads them.
 */

/**
 * `hit.verified`: a person confirmed a hit (disposition `confirmed`), the moment it becomes
 * actionable. `hit.dispositioned`: any disposition, for systems that track misreads too.
 */
export const WEBHOOK_EVENTS = ['hit.verified', 'hit.dispositioned'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

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
  status: DeliveryStatus;
  attempts: { at: string; durationMs: number; statusCode?: number; error?: string }[];
  nextAttemptAt?: string;
  createdAt: string;
  deliveredAt?: string;
  /** The JSON body as sent. */
  payload: unknown;
}
