/**
 * Webhook targets and deliveries as the API shows them: ISO times, never the secret.
 */
import type { WebhookDeliveryView, WebhookTargetView } from '@openrtcc/domain';
import type { WebhookDelivery, WebhookTarget } from './webhook.types.ts';

export type { WebhookDeliveryView, WebhookTargetView };

const iso = (t: number): string => new Date(t).toISOString();

export function targetView(t: WebhookTarget): WebhookTargetView {
  return { id: t.id, name: t.name, url: t.url, events: t.events, active: t.active, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt), createdBy: t.createdBy };
}

export function deliveryView(d: WebhookDelivery): WebhookDeliveryView {
  const v: WebhookDeliveryView = {
    id: d.id,
    targetId: d.targetId,
    event: d.event,
    subjectId: d.subjectId,
    status: d.status,
    attempts: d.attempts.map((a) => ({ ...a, at: iso(a.at) })),
    createdAt: iso(d.createdAt),
    payload: JSON.parse(d.body),
  };
  if (d.status === 'pending' && d.nextAttemptAt !== undefined) v.nextAttemptAt = iso(d.nextAttemptAt);
  if (d.deliveredAt !== undefined) v.deliveredAt = iso(d.deliveredAt);
  return v;
}
