/**
 * Outbound webhooks: targets (a CAD bridge or any URL) and the durable log of deliveries to them.
 */

import type { DeliveryStatus, WebhookEvent } from '@openrtcc/domain';

export { WEBHOOK_EVENTS } from '@openrtcc/domain';
export type { DeliveryStatus, WebhookEvent } from '@openrtcc/domain';
/** A target's events (`WEBHOOK_EVENTS`), and `webhook.test`, sent only by the test-send route. */
export type DeliveryEvent = WebhookEvent | 'webhook.test';

export interface WebhookTarget {
  id: string;
  name: string;
  url: string;
  /** HMAC-SHA256 key of the signature header; shown once, when the target is created. */
  secret: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
}

export interface WebhookAttempt {
  at: number;
  durationMs: number;
  /** The receiver's HTTP status, when it answered. */
  statusCode?: number;
  /** Why the attempt failed (timeout, refused, 503 …), absent on success. */
  error?: string;
}


export interface WebhookDelivery {
  id: string;
  targetId: string;
  event: DeliveryEvent;
  /** What the delivery is about (the hit id), so one hit is queued once per target and event. */
  subjectId: string;
  /** The JSON body, fixed when queued, so every retry sends the same bytes. */
  body: string;
  status: DeliveryStatus;
  attempts: WebhookAttempt[];
  /** When the next attempt is due (pending), or the lease of the attempt in progress. */
  nextAttemptAt?: number;
  createdAt: number;
  deliveredAt?: number;
}
