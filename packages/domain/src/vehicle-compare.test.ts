import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVehicles } from './vehicle-compare.ts';

describe('compareVehicles', () => {
  it('folds makes, colour families, two-tone records and year ranges before comparing', () => {
    const r = compareVehicles({ make: 'chevy', color: 'silver-gray', year: '2015-2019' }, { make: 'Chevrolet', color: 'black/gray', year: '2017' });
    assert.equal(r.matches, true);
    assert.deepEqual(
      r.fields.map((f) => [f.field, f.agrees]),
      [
        ['make', true],
        ['color', true],
        ['year', true],
      ],
    );
  });

  it('says which field disagrees', () => {
    const r = compareVehicles({ make: 'ford', color: 'red' }, { make: 'Dodge', color: 'maroon' });
    assert.equal(r.matches, false);
    assert.deepEqual(r.fields.find((f) => f.field === 'make'), { field: 'make', read: 'ford', record: 'Dodge', agrees: false });
    assert.equal(r.fields.find((f) => f.field === 'color')?.agrees, true);
    assert.equal(compareVehicles({ year: '2010' }, { year: '2019' }).matches, false);
  });

  it('compares nothing when a side is missing or states nothing comparable', () => {
    assert.deepEqual(compareVehicles(undefined, { make: 'Ford' }), { matches: null, fields: [] });
    assert.deepEqual(compareVehicles({ make: 'Ford' }, undefined), { matches: null, fields: [] });
    assert.deepEqual(compareVehicles({ make: 'Ford', model: 'F150' }, { color: 'black', year: 'unknown' }), { matches: null, fields: [] });
    assert.equal(compareVehicles({ color: 'plaid' }, { color: 'black' }).matches, null);
  });
});
