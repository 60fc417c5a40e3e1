/**
 * Simulated time with speed control: real time, 10× or 100× (any positive factor works). Changing
 * the speed keeps the simulated time continuous, so a scenario never jumps.
 */

/** A simulated clock driven by a real one. */
export class SimClock {
  private simAtAnchor: number;
  private realAtAnchor: number;
  private factor: number;
  private readonly realNow: () => number;

  /**
   * @param startMs simulated time at creation, UTC epoch ms
   * @param speed simulated seconds per real second
   * @param realNow the real clock; tests pass a fake one
   * @example
   * const clock = new SimClock(Date.UTC(2026, 2, 10, 13), 10);
   * clock.now(); // advances ten times faster than the wall clock
   */
  constructor(startMs: number, speed = 1, realNow: () => number = Date.now) {
    if (!Number.isFinite(startMs)) throw new RangeError('start must be a time in epoch milliseconds');
    this.realNow = realNow;
    this.simAtAnchor = startMs;
    this.realAtAnchor = realNow();
    this.factor = SimClock.checkSpeed(speed);
  }

  private static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) throw new RangeError('speed must be a number above 0 and at most 10000');
    return speed;
  }

  /** The simulated time now, UTC epoch ms. */
  now(): number {
    return Math.floor(this.simAtAnchor + (this.realNow() - this.realAtAnchor) * this.factor);
  }

  get speed(): number {
    return this.factor;
  }

  /** Changes the speed from this instant on. */
  setSpeed(speed: number): void {
    const s = SimClock.checkSpeed(speed);
    this.simAtAnchor = this.now();
    this.realAtAnchor = this.realNow();
    this.factor = s;
  }
}
