export { WebhookService, type WebhookInput, type WebhookActor } from './webhook.service.ts';
export { WebhookDispatcher, DEFAULT_DISPATCH, backoffMs, type DispatcherOptions } from './webhook.dispatcher.ts';
export { signatureHeader, verifySignature, SIGNATURE_HEADER } from './webhook-signature.ts';
export { WEBHOOK_EVENTS, type WebhookEvent, type WebhookTarget, type WebhookDelivery } from './webhook.types.ts';
