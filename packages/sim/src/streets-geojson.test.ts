import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCity } from './city.ts';
import { streetsGeoJson } from './streets-geojson.ts';

test('every street of the grid becomes one named LineString, arterials marked', () => {
  const city = buildCity(42);
  const fc = streetsGeoJson(city.streets);
  const { cols, rows, arterialEvery } = city.streets.settings;
  assert.equal(fc.features.length, cols + rows);
  for (const f of fc.features) {
    assert.equal(f.geometry.type, 'LineString');
    assert.ok(f.geometry.coordinates.length === cols || f.geometry.coordinates.length === rows);
    assert.ok(f.properties.name.length > 0);
  }
  const arterials = fc.features.filter((f) => f.properties.class === 'arterial').length;
  assert.equal(arterials, Math.ceil(cols / arterialEvery) + Math.ceil(rows / arterialEvery));
  const [w, s, e, n] = city.streets.bbox;
  for (const f of fc.features) for (const [x, y] of f.geometry.coordinates) assert.ok(x >= w && x <= e && y >= s && y <= n);
});
