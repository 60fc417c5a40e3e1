import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeySet, eventKeyHash, hash32 } from './key-set.ts';

test('finds every key through many resizes, and nothing that was never added', () => {
  const set = new KeySet(16);
  const keyOf = new Map<number, string>();
  for (let id = 1; id <= 200_000; id++) {
    const key = `cam\u0000evt-${id * 7919}`;
    set.add(key, id);
    keyOf.set(id, key);
  }
  assert.equal(set.size, 200_000);
  const lookup = (id: number) => keyOf.get(id);
  for (let id = 1; id <= 200_000; id += 97) assert.equal(set.find(`cam\u0000evt-${id * 7919}`, lookup), id);
  assert.equal(set.find('cam\u0000evt-never', lookup), 0);
});

test('eventKeyHash is hash32 of the key string it avoids building', () => {
  for (const [source, eventId] of [[1, 'evt-1'], [12, ''], [3, 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f0'], [7, 'ünïcode\u0000x']] as const) {
    assert.equal(eventKeyHash(source, eventId), hash32(`${source}\u0000${eventId}`));
  }
});
