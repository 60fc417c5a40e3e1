/**
 * The daily retention run: at the configured hour (server local time, RTCC_RETENTION_HOUR) the
 * job runs once, then waits for the same hour the next day. A run that fails is logged and the
 * next day's run goes ahead; the timer never keeps the process alive.
 */
import type { RetentionService } from './retention.service.ts';

const HOUR_MS = 3_600_000;

/**
 * Milliseconds from `now` to the next `hour`:00 local time (a full day when it is that minute
 * already, so a run is never repeated within the hour).
 * @example msUntilHour(new Date(2026, 0, 1, 2, 30).getTime(), 3) // 1_800_000
 */
export function msUntilHour(now: number, hour: number): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return Math.max(next.getTime() - now, HOUR_MS / 60);
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private readonly service: RetentionService;
  private readonly hour: number;
  private readonly log: (msg: string, err?: unknown) => void;

  constructor(service: RetentionService, hour: number, log: (msg: string, err?: unknown) => void) {
    this.service = service;
    this.hour = hour;
    this.log = log;
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.fire(), msUntilHour(Date.now(), this.hour));
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    try {
      if (!this.service.isRunning) {
        const run = await this.service.run('schedule', { name: 'system:retention' });
        if (run.status === 'failed') this.log(`retention run ${run.id} failed: ${run.error}`);
      }
    } catch (e) {
      this.log('retention run failed', e);
    } finally {
      if (this.timer) this.schedule();
    }
  }
}
