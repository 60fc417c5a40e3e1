import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LegalHold } from '../store/store.types.ts';
import { checkHold, heldSelection } from './hold-rules.ts';

const base = { caseNumber: ' 2026-1 ', reason: 'burglary series evidence' };

describe('legal hold rules', () => {
  it('normalizes plates, trims the case number, dedupes ids', () => {
    const r = checkHold({ ...base, plates: ['abc 123', 'ABC123', 'xy-9'], readIds: ['5', '5'] });
    assert.ok(r.ok);
    assert.deepEqual(r.value, { caseNumber: '2026-1', reason: 'burglary series evidence', plates: ['ABC123', 'XY9'], readIds: ['5'], hitIds: [] });
  });

  it('needs something to hold, and a window in order', () => {
    const none = checkHold(base);
    assert.ok(!none.ok && none.problems[0].field === 'body');
    const backwards = checkHold({ ...base, window: { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' } });
    assert.ok(!backwards.ok && backwards.problems[0].field === 'window');
    const noZone = checkHold({ ...base, window: { from: '2026-01-01T00:00:00', to: '2026-01-02T00:00:00Z' } });
    assert.ok(!noZone.ok);
  });

  it('folds active holds: plates carry their hold window, a window without plates holds everything', () => {
    const hold = (over: Partial<LegalHold>): LegalHold => ({ id: 'h', caseNumber: 'c', reason: 'r', plates: [], readIds: [], hitIds: [], placedAt: 0, placedBy: 'x', ...over });
    const w = { from: 10, to: 20 };
    const s = heldSelection([
      hold({ plates: ['AAA1'], window: w }),
      hold({ window: { from: 30, to: 40 }, readIds: ['7'] }),
      hold({ plates: ['BBB2'], hitIds: ['hit-1'] }),
      hold({ readIds: ['8'], releasedAt: 5 }),
    ]);
    assert.deepEqual(s.plates, [{ plate: 'AAA1', window: w }, { plate: 'BBB2' }]);
    assert.deepEqual(s.windows, [{ from: 30, to: 40 }]);
    assert.deepEqual([...s.readIds], ['7']);
    assert.deepEqual([...s.hitIds], ['hit-1']);
  });
});
