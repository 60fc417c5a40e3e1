import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confidence, confidenceEitherScale, dms, position, stateOf } from './lpr-fields.ts';

test('stateOf: the jurisdiction spellings of LPR vendors', () => {
  const cases: [unknown, string | undefined][] = [
    ['CA', 'CA'], ['tx', 'TX'], ['us-ca', 'CA'], ['USA-TX', 'TX'], ['USA_TX', 'TX'], ['CAN-QC', 'QC'], ['ca-on', 'ON'],
    ['California', 'CA'], ['new  york', 'NY'], ['Québec', 'QC'], ['0H', 'OH'],
    // countries are not states
    ['US', undefined], ['USA', undefined], ['MX', undefined], ['FR', undefined], ['DEU', undefined], ['F', undefined],
    ['', undefined], [42, undefined], [null, undefined], ['x'.repeat(100), undefined],
  ];
  for (const [input, want] of cases) assert.equal(stateOf(input), want, String(input));
});

test('confidence: 0–100 and 0–1 scales, strings, clamping', () => {
  assert.equal(confidence('99', 100), 0.99);
  assert.equal(confidence(0.876, 1), 0.876);
  assert.equal(confidence('150', 100), 1);
  assert.equal(confidence('-3', 100), 0);
  assert.equal(confidence('high', 100), undefined);
  assert.equal(confidenceEitherScale('0.87'), 0.87);
  assert.equal(confidenceEitherScale('87'), 0.87);
  assert.equal(confidenceEitherScale(1), 1);
});

test('dms and position: hemispheres, negative degrees, out-of-range minutes, the (0, 0) no-fix', () => {
  assert.equal(dms('38', '30', '0', 'N'), 38.5);
  assert.equal(dms('90', '30', '0', 'W'), -90.5);
  assert.equal(dms('-90', '30', '0'), -90.5);
  assert.equal(dms('38', '61', '0'), undefined);
  assert.equal(dms(undefined, '1', '1'), undefined);
  assert.deepEqual(position(38.5, -90.5), [-90.5, 38.5]);
  assert.equal(position(0, 0), undefined);
  assert.equal(position(91, 0), undefined);
});
