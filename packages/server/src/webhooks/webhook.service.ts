/**
 * Webhook targets (admins only) and the queueing of deliveries when a hit is dispositioned.
 * The secret is shown once, when a target is created or its secret rotated; views never carry it.
 * Every change to a target is audited, and so is a test send.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hit, Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { WebhookStore } from '../store/store.types.ts';
import type { WebhookDispatcher } from './webhook.dispatcher.ts';
import { testBody, webhookBody, type HitFacts } from './webhook-payload.ts';
import { checkTargetUrl } from './webhook-url.ts';
import { WEBHOOK_EVENTS, type WebhookDelivery, type WebhookEvent, type WebhookTarget } from './webhook.types.ts';
import { deliveryView, targetView, type WebhookDeliveryView, type WebhookTargetView } from './webhook.view.ts';

export interface WebhookInput {
  name: string;
  url: string;
  events: WebhookEvent[];
  active?: boolean;
  /** At least 16 characters; generated when absent. */
  secret?: string;
}

export interface WebhookActor {
  name: string;
  from?: string;
}

export interface WebhookServiceDeps {
  store: WebhookStore;
  dispatcher: WebhookDispatcher;
  audit: AuditService;
  /** The read, record and camera behind a hit, for the body (absent parts are left out). */
  facts: (hit: Hit) => Promise<HitFacts>;
}

export class WebhookService {
  private readonly d: WebhookServiceDeps;

  constructor(deps: WebhookServiceDeps) {
    this.d = deps;
  }

  async list(): Promise<WebhookTargetView[]> {
    return (await this.d.store.listTargets()).map(targetView);
  }

  async get(id: string): Promise<WebhookTargetView> {
    return targetView(await this.target(id));
  }

  async create(input: WebhookInput, by: WebhookActor): Promise<WebhookTargetView & { secret: string }> {
    const now = Date.now();
    const checked = this.check(input);
    const t: WebhookTarget = { id: randomUUID(), ...checked, secret: input.secret ?? newSecret(), active: input.active ?? true, createdAt: now, updatedAt: now, createdBy: by.name };
    await this.d.store.createTarget(t);
    await this.record(by, 'webhooks.create', t);
    return { ...targetView(t), secret: t.secret };
  }

  /** Replaces name, URL, events and active; `rotateSecret` makes a new secret, shown in the answer. */
  async update(id: string, input: WebhookInput & { rotateSecret?: boolean }, by: WebhookActor): Promise<WebhookTargetView & { secret?: string }> {
    const cur = await this.target(id);
    const checked = this.check(input);
    const secret = input.secret ?? (input.rotateSecret ? newSecret() : cur.secret);
    const t: WebhookTarget = { ...cur, ...checked, secret, active: input.active ?? cur.active, updatedAt: Date.now() };
    await this.d.store.updateTarget(t);
    await this.record(by, 'webhooks.update', t, { secretChanged: secret !== cur.secret });
    return secret !== cur.secret ? { ...targetView(t), secret } : targetView(t);
  }

  async delete(id: string, by: WebhookActor): Promise<void> {
    const t = await this.target(id);
    await this.d.store.deleteTarget(id);
    await this.record(by, 'webhooks.delete', t);
  }

  async deliveries(id: string, opts: { limit: number; cursor?: string }): Promise<Page<WebhookDeliveryView>> {
    await this.target(id);
    const page = await this.d.store.listDeliveries(id, opts);
    return { ...page, items: page.items.map(deliveryView) };
  }

  /** Sends a `webhook.test` delivery now (once, no retries) and answers its logged outcome. */
  async testSend(id: string, by: WebhookActor): Promise<WebhookDeliveryView> {
    const t = await this.target(id);
    const now = Date.now();
    const d: WebhookDelivery = { id: randomUUID(), targetId: t.id, event: 'webhook.test', subjectId: randomUUID(), body: testBody(t.id, now), status: 'pending', attempts: [], createdAt: now };
    // queued without a due time: only this attempt sends it, the dispatcher never picks it up
    await this.d.store.enqueue(d);
    const done = (await this.d.dispatcher.attempt(d)) ?? d;
    await this.record(by, 'webhooks.test', t, { deliveryId: d.id, status: done.status });
    return deliveryView(done);
  }

  /**
   * Queues a delivery to every active target that wants this disposition: `hit.verified` for
   * a confirmed hit, `hit.dispositioned` for any. Registered on the bus's `hit.verified`.
   */
  async onHitDispositioned(hit: Hit): Promise<void> {
    const events: WebhookEvent[] = hit.status === 'confirmed' ? ['hit.verified', 'hit.dispositioned'] : ['hit.dispositioned'];
    const targets = (await this.d.store.listTargets()).filter((t) => t.active && t.events.some((e) => events.includes(e)));
    if (targets.length === 0) return;
    const facts = await this.d.facts(hit);
    const now = Date.now();
    for (const t of targets) {
      for (const event of events.filter((e) => t.events.includes(e))) {
        await this.d.store.enqueue({ id: randomUUID(), targetId: t.id, event, subjectId: hit.id, body: webhookBody(event, facts, now), status: 'pending', attempts: [], nextAttemptAt: now, createdAt: now });
      }
    }
    this.d.dispatcher.kick();
  }

  private check(input: WebhookInput): Pick<WebhookTarget, 'name' | 'url' | 'events'> {
    const name = input.name?.trim() ?? '';
    if (name === '' || name.length > 200) throw new AppError('validation_failed', 'name must be 1 to 200 characters', { details: [{ field: 'name', message: '1 to 200 characters' }] });
    const events = [...new Set(input.events ?? [])];
    if (events.length === 0 || events.some((e) => !WEBHOOK_EVENTS.includes(e))) {
      throw new AppError('validation_failed', `events must list one or more of ${WEBHOOK_EVENTS.join(', ')}`, { details: [{ field: 'events', message: 'unknown or empty' }] });
    }
    if (input.secret !== undefined && (input.secret.length < 16 || input.secret.length > 200)) {
      throw new AppError('validation_failed', 'secret must be 16 to 200 characters (or leave it out to have one generated)', { details: [{ field: 'secret', message: '16 to 200 characters' }] });
    }
    return { name, url: checkTargetUrl(input.url, this.d.dispatcher.options.allowLocal), events };
  }

  private async target(id: string): Promise<WebhookTarget> {
    const t = await this.d.store.getTarget(id);
    if (!t) throw new AppError('not_found_or_forbidden', `webhook ${id} not found`);
    return t;
  }

  private async record(by: WebhookActor, action: string, t: WebhookTarget, extra: Record<string, unknown> = {}): Promise<void> {
    await this.d.audit.record({ actor: by.name, from: by.from, action, outcome: 'success', details: { webhookId: t.id, name: t.name, url: t.url, events: t.events, active: t.active, ...extra } });
  }
}

const newSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;
