import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePlate, normalizeState } from '@openrtcc/domain';
import { generatePlate, isValidPlate, PLATE_FORMATS, PLATE_STATES } from './plates.ts';
import { createRng } from './random.ts';

test('every state issues plates in its own formats, and the platform accepts them as they are', () => {
  const rng = createRng(3, 'formats');
  assert.ok(PLATE_FORMATS.length >= 8);
  for (const state of PLATE_STATES) {
    assert.equal(normalizeState(state), state);
    const seenPatterns = new Set<string>();
    for (let k = 0; k < 2000; k++) {
      const p = generatePlate(rng, state);
      assert.ok(isValidPlate(p, state), `${p} is not a ${state} plate`);
      assert.equal(normalizePlate(p), p);
      assert.doesNotMatch(p, /[IOQ]/, 'serial letters leave out I, O and Q');
      seenPatterns.add(p.replace(/[A-Z]/g, '@').replace(/[0-9]/g, '#'));
    }
    const f = PLATE_FORMATS.find((x) => x.state === state)!;
    assert.deepEqual([...seenPatterns].sort(), [...f.patterns].sort());
  }
});

test('the well-known layouts: TX ABC1234, CA 1ABC234, FL ABCD12 or 123ABC', () => {
  assert.ok(isValidPlate('BSD1208', 'TX'));
  assert.ok(isValidPlate('7KDP305', 'CA'));
  assert.ok(!isValidPlate('BSD1208', 'CA'));
  assert.ok(isValidPlate('ABCD12', 'FL') && isValidPlate('123ABC', 'FL'));
  assert.ok(!isValidPlate('BSD12', 'TX'));
  assert.ok(!isValidPlate('BSD1208', 'ZZ'));
});
