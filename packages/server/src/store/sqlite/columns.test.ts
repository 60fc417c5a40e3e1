import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkedFloat64, ChunkedUint } from './columns.ts';

describe('chunked columns', () => {
  it('ChunkedUint keeps two bytes a value until a value needs more, then widens only that chunk', () => {
    const col = new ChunkedUint();
    col.set(0, 65_535);
    col.set(70_000, 12);
    assert.equal(col.bytes(), 2 * 2 * 65_536);
    col.set(70_001, 65_536);
    col.set(70_002, 4_000_000_000);
    assert.equal(col.bytes(), 2 * 65_536 + 4 * 65_536);
    assert.deepEqual([col.get(0), col.get(70_000), col.get(70_001), col.get(70_002), col.get(5)], [65_535, 12, 65_536, 4_000_000_000, 0]);
    col.set(200_000, 70_000); // a chunk that did not exist starts wide
    assert.equal(col.get(200_000), 70_000);
    assert.equal(col.get(200_001), 0);
  });

  it('reads a fill value where nothing was set, and releases leading chunks', () => {
    const col = new ChunkedFloat64(NaN);
    col.set(3, 1.5);
    col.set(140_000, 2.5);
    assert.ok(Number.isNaN(col.get(4)));
    col.releaseBelow(131_072);
    assert.ok(Number.isNaN(col.get(3)));
    assert.equal(col.get(140_000), 2.5);
  });
});
