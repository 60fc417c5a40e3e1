/**
 * The webhook events as the console names them; the wire shapes are the domain package's.
 */
import type { WebhookEvent } from '@openrtcc/domain';

export type { WebhookDeliveryView, WebhookEvent, WebhookTargetView } from '@openrtcc/domain';

export const WEBHOOK_EVENTS: readonly (readonly [WebhookEvent, string])[] = [
  ['hit.verified', 'Hit confirmed (actionable)'],
  ['hit.dispositioned', 'Any disposition'],
];
