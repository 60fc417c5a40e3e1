/**
 * Publishes each finished UTC day's root into the append-only `audit_roots` table: once at start
 * (catching up on every unpublished past day) and then shortly after each UTC midnight. A day is
 * published only once it is over by GRACE_MS, so a record stamped just before midnight and
 * appended a moment later still belongs to the root it should.
 */
import type { AuditRoot, AuditStore } from '../store/store.types.ts';
import { DAY_MS, dayStart, utcDay } from './audit-hash.ts';

/** How long after midnight a day counts as finished. */
export const GRACE_MS = 5 * 60_000;

/**
 * Publishes the roots of every finished day after the newest published one (days without any
 * record have no root). Safe to run on several nodes at once: a day is inserted once.
 * @returns the roots this call published, oldest first
 */
export async function publishDueRoots(audit: AuditStore, now = Date.now()): Promise<AuditRoot[]> {
  const latest = await audit.roots.latest();
  // the first day that is not over yet (by the grace period) bounds what may be published
  const openFrom = dayStart(utcDay(now - GRACE_MS));
  let from = latest ? dayStart(latest.day) + DAY_MS : 0;
  const published: AuditRoot[] = [];
  while (from < openFrom) {
    const at = await audit.firstAtBetween(from, openFrom);
    if (at === undefined) break;
    const day = utcDay(at);
    const start = dayStart(day);
    const span = await audit.span(start, start + DAY_MS);
    if (span) {
      const root: AuditRoot = { day, ...span, publishedAt: Date.now() };
      if (await audit.roots.publish(root)) published.push(root);
    }
    from = start + DAY_MS;
  }
  return published;
}

/** The timer around `publishDueRoots`: runs at start, then a little after every UTC midnight. */
export class DailyRootsJob {
  private readonly audit: AuditStore;
  private readonly onError: (err: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(audit: AuditStore, onError: (err: unknown) => void) {
    this.audit = audit;
    this.onError = onError;
  }

  start(): void {
    this.stopped = false;
    this.run();
  }

  /** Stops the timer and waits for a run in progress, so the store can close after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private run(): void {
    this.running = publishDueRoots(this.audit)
      .catch(this.onError)
      .finally(() => this.schedule());
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = Date.now();
    const next = dayStart(utcDay(now)) + DAY_MS + GRACE_MS + 1000;
    this.timer = setTimeout(() => this.run(), next - now);
    this.timer.unref();
  }
}
