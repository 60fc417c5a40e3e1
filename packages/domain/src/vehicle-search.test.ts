import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesVehicle, normalizeVehicleFilter } from './vehicle-search.ts';

describe('matchesVehicle', () => {
  const openalpr = { make: 'chevrolet', model: 'silverado', color: 'silver-gray', bodyType: 'pickup-fullsize' };
  const platerecognizer = { make: 'Ford', model: 'F-150', color: 'Grey', bodyType: 'Pickup Truck' };

  it('ignores case, spacing and punctuation, and matches a colour or body type by its parts', () => {
    assert.equal(matchesVehicle(openalpr, { make: 'CHEVY', color: 'gray', bodyType: 'Pickup' }), true);
    assert.equal(matchesVehicle(openalpr, { color: 'silver' }), true);
    assert.equal(matchesVehicle(openalpr, { color: 'Silver Gray' }), true);
    assert.equal(matchesVehicle(platerecognizer, { make: 'ford', model: 'f150', color: 'gray', bodyType: 'pickup' }), true);
    assert.equal(matchesVehicle({ bodyType: 'suv-crossover' }, { bodyType: 'SUV' }), true);
    assert.equal(matchesVehicle({ color: 'black/white' }, { color: 'white' }), true);
  });

  it('needs every given field to match, and a field the camera did not report never matches', () => {
    assert.equal(matchesVehicle(openalpr, { make: 'chevrolet', color: 'red' }), false);
    assert.equal(matchesVehicle(openalpr, { make: 'chev' }), false, 'a make is matched whole (after aliases)');
    assert.equal(matchesVehicle({ bodyType: 'sedan-compact' }, { bodyType: 'van' }), false);
    assert.equal(matchesVehicle({ color: 'red' }, { color: 'redwood' }), false);
    assert.equal(matchesVehicle({ make: 'Ford' }, { color: 'white' }), false);
    assert.equal(matchesVehicle(undefined, { make: 'Ford' }), false);
    assert.equal(matchesVehicle(undefined, {}), true);
  });

  it('drops blank fields and trims the rest', () => {
    assert.deepEqual(normalizeVehicleFilter({ make: ' Ford ', color: '  ', bodyType: '' }), { make: 'Ford' });
    assert.equal(normalizeVehicleFilter({ color: ' ' }), undefined);
    assert.equal(normalizeVehicleFilter(undefined), undefined);
  });
});
