import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoWithZone } from './iso-time.ts';

test('the toISOString form is read exactly, leap days included', () => {
  for (const ms of [0, 951782400000, 1709164800000, 1768478401123, Date.UTC(2099, 11, 31, 23, 59, 59, 999)]) {
    assert.deepEqual(parseIsoWithZone(new Date(ms).toISOString()), { ms });
  }
});

test('impossible dates in the toISOString form are refused, not rolled over', () => {
  for (const text of ['2026-02-29T00:00:00.000Z', '2026-02-30T00:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-01-15T24:00:00.000Z', '2026-01-15T12:60:00.000Z', '2026-13-01T00:00:00.000Z', '2026-0a-01T00:00:00.000Z']) {
    assert.ok('problem' in parseIsoWithZone(text), text);
  }
});

test('offsets and shorter forms still go through the full parser', () => {
  assert.deepEqual(parseIsoWithZone('2026-01-15T12:00:01.123+01:00'), { ms: Date.UTC(2026, 0, 15, 11, 0, 1, 123) });
  assert.deepEqual(parseIsoWithZone('2026-01-15T12:00Z'), { ms: Date.UTC(2026, 0, 15, 12, 0) });
  assert.ok('problem' in parseIsoWithZone('2026-01-15T12:00:01.123'));
});
