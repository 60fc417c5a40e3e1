import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewRead } from '../store.types.ts';
import { freshRead, handedOverRead, readToRow, rowKeys, rowToRead } from './read-row.ts';

const base: NewRead = {
  sourceSystem: 'rtcc',
  sourceEventId: 'e1',
  plate: 'ABC1234',
  plateRaw: 'ABC-1234',
  state: 'TX',
  confidence: 0.91234,
  observedAt: 1_764_000_000_123,
  receivedAt: 1_764_000_001_000,
  cameraId: 'cam-1',
  location: [-97.7431234567, 30.2671234567],
  locationSource: 'registry',
};

/** The stored read as the table gives it back, for a read given as `r`. */
function storedAs(r: NewRead): unknown {
  const row = readToRow(7, r, 3, r.cameraId ? 1 : 0, 1);
  const k = rowKeys(row);
  return rowToRead(row, { plate: r.plate, cameraId: r.cameraId, sourceSystem: r.sourceSystem, locationSource: k.locSrc == null ? undefined : r.locationSource });
}

describe('handedOverRead', () => {
  const cases: [string, NewRead][] = [
    ['a located camera read', base],
    ['a read without camera or state', { ...base, cameraId: undefined, state: undefined, location: undefined, locationSource: undefined }],
    ['a read whose position needs no rounding', { ...base, location: [-97.5, 30.25] }],
    ['a read with candidates and a vehicle', { ...base, candidates: [{ plate: 'ABC1284', confidence: 0.4 }], vehicle: { make: 'Ford', color: 'blue' } }],
    ['a read with images (refs kept, inline bytes dropped)', { ...base, images: [{ kind: 'plate', ref: 'img1', jpegBase64: 'AAAA' }] as NewRead['images'] }],
    ['a read with an empty candidate list', { ...base, candidates: [] }],
    ['a read with an empty vehicle', { ...base, vehicle: {} }],
    ['a read with a null state', { ...base, state: null as unknown as string }],
    ['a read still carrying its camera key', { ...base, sourceCameraKey: 'k1' }],
    ['a location source without a location', { ...base, location: undefined }],
  ];
  for (const [name, input] of cases) {
    it(`gives what the table gives back, and what freshRead gives: ${name}`, () => {
      const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as unknown as NewRead;
      const expected = storedAs(clean);
      const copy = freshRead(clean, readToRow(7, clean, 3, clean.cameraId ? 1 : 0, 1), clean.cameraId);
      assert.deepStrictEqual(copy, expected);
      const mine = structuredClone(clean);
      const got = handedOverRead(mine, readToRow(7, mine, 3, mine.cameraId ? 1 : 0, 1));
      assert.deepStrictEqual(got, expected);
    });
  }

  it('completes the caller object itself when nothing of it is dropped or rewritten', () => {
    const mine = structuredClone(base);
    const got = handedOverRead(mine, readToRow(7, mine, 3, 1, 1));
    assert.equal(got, mine);
    assert.equal(got.id, '7');
    assert.equal(got.confidence, 0.912);
    assert.deepEqual(got.location, [-97.743123, 30.267123]);
  });

  it('copies a read whose fields the stored read would drop, leaving the caller object as it was', () => {
    const mine = { ...structuredClone(base), candidates: [] };
    const before = structuredClone(mine);
    const got = handedOverRead(mine, readToRow(7, mine, 3, 1, 1));
    assert.notEqual(got, mine);
    assert.deepStrictEqual(mine, before);
  });
});
