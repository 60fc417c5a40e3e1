import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { msUntilHour } from './retention.job.ts';

describe('retention job schedule', () => {
  it('waits for the next configured local hour, a day when it has just passed', () => {
    assert.equal(msUntilHour(new Date(2026, 0, 1, 2, 30).getTime(), 3), 30 * 60_000);
    assert.equal(msUntilHour(new Date(2026, 0, 1, 3, 0).getTime(), 3), new Date(2026, 0, 2, 3, 0).getTime() - new Date(2026, 0, 1, 3, 0).getTime());
    assert.equal(msUntilHour(new Date(2026, 0, 1, 23, 0).getTime(), 0), 3_600_000);
  });
});
