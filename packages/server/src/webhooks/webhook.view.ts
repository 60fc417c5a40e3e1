/**
 * Webhook targets and deliveries as the API shows them: ISO times, never the secret.
 */
import type { DeliveryStatus, WebhookDelivery, WebhookEvent, WebhookTarget } from './webhook.types.ts';

const iso = (t: number): string => new Date(t).toISOString();

export interface WebhookTargetView {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
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
