import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, isLocked, LOCKOUT_DURATION_MS, LOCKOUT_WINDOW_MS, type LockoutState } from './lockout.ts';

const MIN = 60_000;

function fail(times: number[], start: LockoutState = { failedAttempts: [] }): { state: LockoutState; lockedAt?: number } {
  let state = start;
  let lockedAt: number | undefined;
  for (const t of times) {
    const r = afterFailure(state, t);
    state = r.state;
    if (r.lockedNow) lockedAt = t;
  }
  return { state, lockedAt };
}

describe('lockout window', () => {
  it('locks on the fifth failure inside 15 minutes, for 30 minutes', () => {
    const t = 1_000_000_000;
    const { state, lockedAt } = fail([t, t + MIN, t + 2 * MIN, t + 3 * MIN, t + 14 * MIN]);
    assert.equal(lockedAt, t + 14 * MIN);
    assert.equal(state.lockedUntil, t + 14 * MIN + LOCKOUT_DURATION_MS);
    assert.equal(isLocked(state, t + 14 * MIN + LOCKOUT_DURATION_MS - 1), true);
    assert.equal(isLocked(state, t + 14 * MIN + LOCKOUT_DURATION_MS), false);
  });

  it('does not lock four failures, nor five spread over more than 15 minutes', () => {
    const t = 1_000_000_000;
    assert.equal(fail([t, t + 1, t + 2, t + 3]).lockedAt, undefined);
    const spread = fail([t, t + 4 * MIN, t + 8 * MIN, t + 12 * MIN, t + LOCKOUT_WINDOW_MS]);
    assert.equal(spread.lockedAt, undefined, 'the first failure left the window as the fifth arrived');
    assert.equal(spread.state.failedAttempts.length, 4);
    assert.equal(isLocked(spread.state, t + LOCKOUT_WINDOW_MS), false);
  });

  it('starts a fresh count after a lock runs out', () => {
    const t = 1_000_000_000;
    const locked = fail([t, t + 1, t + 2, t + 3, t + 4]).state;
    const later = t + 4 + LOCKOUT_DURATION_MS + 1;
    const after = fail([later], locked).state;
    assert.deepEqual(after, { failedAttempts: [later] });
  });
});
