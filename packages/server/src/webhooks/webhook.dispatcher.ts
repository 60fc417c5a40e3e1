/**
 * Posts queued deliveries and retries failures. The queue is the deliveries table, so a restart
 * loses nothing: `start` picks up whatever is pending, including a delivery whose attempt was cut
 * short (its lease runs out and it comes due again).
 *
 * A failed attempt (no answer, timeout, 5xx, 408, 429) is tried again after an exponential
 * backoff with jitter: base × 2^(attempt−1), capped, then a random point in its upper half, so
 * many deliveries failing together do not retry together. After `maxAttempts` the delivery is
 * `failed`; a 4xx or a redirect fails it at once, since sending the same request again cannot help.
 */
import type { WebhookStore } from '../store/store.types.ts';
import type { WebhookDelivery } from './webhook.types.ts';
import { postWebhook, type SendOutcome } from './webhook-sender.ts';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.ts';

export interface DispatcherOptions {
  /** Per attempt. */
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often the queue is looked at when nothing kicks it. */
  pollMs: number;
  allowLocal: boolean;
  /** 0 ≤ r < 1; tests pin it. */
  random?: () => number;
}

export const DEFAULT_DISPATCH: DispatcherOptions = {
  timeoutMs: 10_000,
  maxAttempts: 8,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  pollMs: 2_000,
  allowLocal: false,
};

const BATCH = 20;

/** The wait before attempt `n + 1` after `n` failed ones. */
export function backoffMs(failed: number, o: Pick<DispatcherOptions, 'baseDelayMs' | 'maxDelayMs'>, random: number): number {
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, failed - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export class WebhookDispatcher {
  private readonly store: WebhookStore;
  private readonly o: DispatcherOptions;
  private readonly log: (msg: string, err?: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(store: WebhookStore, opts: Partial<DispatcherOptions> = {}, log: (msg: string, err?: unknown) => void = () => undefined) {
    this.store = store;
    this.o = { ...DEFAULT_DISPATCH, ...opts };
    this.log = log;
  }

  get options(): Readonly<DispatcherOptions> {
    return this.o;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Looks at the queue now (after a delivery was queued), or right after the current pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops polling and waits for attempts in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const now = Date.now();
        const due = await this.store.claimDue(now, now + this.o.timeoutMs + 5_000, BATCH);
        if (due.length === 0) return;
        await Promise.all(due.map((d) => this.attempt(d)));
        if (this.stopped || due.length < BATCH) return;
      }
    } catch (e) {
      this.log('webhook dispatch failed; retrying on the next poll', e);
    }
  }

  /** One attempt of one delivery, recorded in its log. */
  async attempt(d: WebhookDelivery): Promise<WebhookDelivery | undefined> {
    const target = await this.store.getTarget(d.targetId);
    const at = Date.now();
    if (!target || !target.active) {
      return this.store.recordAttempt(d.id, { at, durationMs: 0, error: target ? 'the target was switched off' : 'the target was deleted' }, { status: 'failed' });
    }
    const headers = {
      'x-rtcc-event': d.event,
      'x-rtcc-delivery': d.id,
      [SIGNATURE_HEADER]: signatureHeader(target.secret, Math.floor(at / 1000), d.body),
    };
    const sent = await postWebhook(target.url, d.body, headers, { timeoutMs: this.o.timeoutMs, allowLocal: this.o.allowLocal });
    const outcome = this.outcome(d, sent, at);
    const recorded = await this.store.recordAttempt(d.id, attemptOf(at, sent), outcome);
    if (outcome.nextAttemptAt !== undefined) this.wakeAt(outcome.nextAttemptAt);
    return recorded;
  }

  /** Looks at the queue when a retry comes due, sooner than the next poll would. */
  private wakeAt(t: number): void {
    if (this.stopped) return;
    setTimeout(() => this.kick(), Math.max(0, t - Date.now()) + 5).unref();
  }

  private outcome(d: WebhookDelivery, sent: SendOutcome, at: number): { status: WebhookDelivery['status']; nextAttemptAt?: number; deliveredAt?: number } {
    if (sent.error === undefined) return { status: 'delivered', deliveredAt: at + sent.durationMs };
    const failed = d.attempts.length + 1;
    const limit = d.event === 'webhook.test' ? 1 : this.o.maxAttempts;
    if (!sent.retryable || failed >= limit) return { status: 'failed' };
    return { status: 'pending', nextAttemptAt: Date.now() + backoffMs(failed, this.o, (this.o.random ?? Math.random)()) };
  }
}

function attemptOf(at: number, sent: SendOutcome): WebhookDelivery['attempts'][number] {
  const a: WebhookDelivery['attempts'][number] = { at, durationMs: sent.durationMs };
  if (sent.statusCode !== undefined) a.statusCode = sent.statusCode;
  if (sent.error !== undefined) a.error = sent.error;
  return a;
}
