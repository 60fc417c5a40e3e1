// Source health: counts, last message, and the rate of reads and errors over the last 15 minutes,
// which forgets what is older.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SourceHealth } from './source-health.ts';

const T = Date.UTC(2026, 11, 1, 20, 0, 0);
const MIN = 60_000;

it('gives reads and errors per minute over the last 15 minutes and forgets older minutes', () => {
  const h = new SourceHealth();
  for (let m = 0; m < 15; m++) h.sawReads('cam-1', 'genetec', 30, T + m * MIN + 5_000);
  h.sawError('cam-1', 'genetec', 'bad date', T + 14 * MIN);
  h.sawError('cam-1', 'genetec', 'bad date', T + 14 * MIN + 1_000);
  const now = T + 14 * MIN + 30_000;
  const v = h.get('cam-1', now)!;
  assert.equal(v.reads, 450);
  assert.equal(v.readsPerMinute, 30);
  assert.equal(v.errorsPerMinute, 0.1);
  assert.equal(v.lastError, 'bad date');
  // ten quiet minutes later only the last five minutes of traffic count
  assert.equal(h.get('cam-1', now + 10 * MIN)!.readsPerMinute, 10);
  // after a quiet quarter hour the rate is zero, the totals stay
  const later = h.get('cam-1', now + 16 * MIN)!;
  assert.equal(later.readsPerMinute, 0);
  assert.equal(later.reads, 450);
});

it('counts a source that only failed, and an unknown source has no health', () => {
  const h = new SourceHealth();
  h.sawError(undefined, 'hikvision', 'not XML', T);
  assert.equal(h.get('admin:hikvision', T)!.errorsPerMinute, 0.1);
  assert.equal(h.get('admin:hikvision', T)!.readsPerMinute, 0);
  assert.equal(h.get('nope', T), undefined);
});
