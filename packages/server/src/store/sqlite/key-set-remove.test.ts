// Retention takes keys out of the idempotency set one by one: what is left is still found
// through the shifted probe runs, what was taken is new again, and its slot is reused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prng } from '../contract/fixtures.ts';
import { KeySet } from './key-set.ts';

test('remove forgets exactly the removed keys, keeps every other one findable, and frees the slots', () => {
  const rand = prng(3);
  // a small table, so probe runs are long and removals shift many entries back
  const set = new KeySet(16);
  const keyOf = new Map<number, string>();
  const idOf = new Map<string, number>();
  let next = 1;
  const add = (key: string): void => {
    set.add(key, next);
    keyOf.set(next, key);
    idOf.set(key, next);
    next++;
  };
  for (let i = 0; i < 60_000; i++) add(`${1 + (i % 3)}\u0000evt-${i}`);
  const lookup = (id: number) => keyOf.get(id);
  const bytes = set.bytes();
  for (let round = 0; round < 3; round++) {
    for (const [key, id] of [...idOf]) {
      if (rand() < 0.4) {
        assert.equal(set.remove(key, id), true);
        idOf.delete(key);
        keyOf.delete(id);
      }
    }
    assert.equal(set.remove('1\u0000never', 12), false);
    assert.equal(set.size, idOf.size);
    for (const [key, id] of idOf) assert.equal(set.find(key, lookup), id, `${key} after removals`);
    for (let i = 0; i < 60_000; i += 7) if (!idOf.has(`1\u0000evt-${i}`) && i % 3 === 0) assert.equal(set.find(`1\u0000evt-${i}`, lookup), 0);
    // the removed keys come back under new ids, in the slots they left
    for (let i = 0; i < 60_000; i++) {
      const key = `${1 + (i % 3)}\u0000evt-${i}`;
      if (!idOf.has(key) && rand() < 0.9) add(key);
    }
    for (const [key, id] of idOf) assert.equal(set.find(key, lookup), id, `${key} after adding back`);
  }
  assert.ok(set.bytes() <= bytes, `grew from ${bytes} to ${set.bytes()} bytes`);
});
