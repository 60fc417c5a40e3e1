import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LonLat, SearchArea } from './types.ts';
import { GeoError, areaBbox, distanceMeters, isInArea, pointInPolygon, validateArea } from './geo.ts';

const square: LonLat[] = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
const hole: LonLat[] = [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5], [0.5, 0.5]];

function geoError(field: string, text: RegExp) {
  return (e: unknown): boolean => e instanceof GeoError && e.field === field && text.test(e.message);
}

describe('distanceMeters', () => {
  it('measures a degree of latitude as about 111.2 km', () => {
    assert.ok(Math.abs(distanceMeters([10, 45], [10, 46]) - 111_195) < 10);
  });

  it('shrinks longitude degrees away from the equator', () => {
    const d = distanceMeters([-94.6, 60], [-93.6, 60]);
    assert.ok(Math.abs(d - 55_597) < 50, `got ${d}`);
  });

  it('is zero for the same point and symmetric', () => {
    assert.equal(distanceMeters([-94.58, 39.1], [-94.58, 39.1]), 0);
    assert.equal(distanceMeters([1, 2], [3, 4]), distanceMeters([3, 4], [1, 2]));
  });
});

describe('pointInPolygon', () => {
  it('tells inside from outside', () => {
    assert.equal(pointInPolygon([1, 1.8], [square]), true);
    assert.equal(pointInPolygon([3, 1], [square]), false);
    assert.equal(pointInPolygon([-0.1, 1], [square]), false);
  });

  it('excludes points in a hole', () => {
    assert.equal(pointInPolygon([1, 1], [square, hole]), false);
    assert.equal(pointInPolygon([0.2, 1], [square, hole]), true);
  });

  it('handles a concave shape', () => {
    const u: LonLat[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    assert.equal(pointInPolygon([1.5, 2], [u]), false);
    assert.equal(pointInPolygon([0.5, 2], [u]), true);
  });
});

describe('areaBbox', () => {
  it('bounds a polygon by its outer ring', () => {
    assert.deepEqual(areaBbox({ type: 'Polygon', coordinates: [square, hole] }), [0, 0, 2, 2]);
  });

  it('bounds a circle wider in longitude at higher latitude', () => {
    const [minLon, minLat, maxLon, maxLat] = areaBbox({ center: [10, 60], radiusMeters: 10_000 });
    assert.ok(Math.abs(maxLat - 60 - 0.0899) < 0.001);
    assert.ok(Math.abs(60 - minLat - 0.0899) < 0.001);
    assert.ok(maxLon - 10 > 0.17 && maxLon - 10 < 0.19, `got ${maxLon}`);
    assert.ok(Math.abs(10 - minLon - (maxLon - 10)) < 1e-9);
  });

  it('contains the whole circle and touches it on all four sides', () => {
    const center: LonLat = [-94.58, 39.1];
    const r = 5000;
    const [minLon, minLat, maxLon, maxLat] = areaBbox({ center, radiusMeters: r });
    const ang = r / 6_371_008.8;
    const lat1 = (center[1] * Math.PI) / 180;
    let reached = [Infinity, Infinity, -Infinity, -Infinity];
    for (let deg = 0; deg < 360; deg += 0.5) {
      // The point at this bearing on the circle's edge.
      const bearing = (deg * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(ang) + Math.cos(lat1) * Math.sin(ang) * Math.cos(bearing));
      const dLon = Math.atan2(Math.sin(bearing) * Math.sin(ang) * Math.cos(lat1), Math.cos(ang) - Math.sin(lat1) * Math.sin(lat2));
      const p: LonLat = [center[0] + (dLon * 180) / Math.PI, (lat2 * 180) / Math.PI];
      assert.ok(p[0] >= minLon - 1e-9 && p[0] <= maxLon + 1e-9 && p[1] >= minLat - 1e-9 && p[1] <= maxLat + 1e-9, `${p}`);
      reached = [Math.min(reached[0], p[0]), Math.min(reached[1], p[1]), Math.max(reached[2], p[0]), Math.max(reached[3], p[1])];
    }
    [minLon, minLat, maxLon, maxLat].forEach((v, i) => assert.ok(Math.abs(v - reached[i]) < 1e-4, `side ${i}`));
  });

  it('spans all longitudes when a circle holds a pole', () => {
    const [minLon, , maxLon, maxLat] = areaBbox({ center: [20, 89.9], radiusMeters: 20_000 });
    assert.deepEqual([minLon, maxLon, maxLat], [-180, 180, 90]);
  });

  it('widens to all longitudes when a circle crosses the antimeridian', () => {
    const [minLon, , maxLon] = areaBbox({ center: [179.99, -17], radiusMeters: 5000 });
    assert.deepEqual([minLon, maxLon], [-180, 180]);
  });
});

describe('isInArea', () => {
  it('tests a circle by distance to its center', () => {
    const area: SearchArea = { center: [-94.58, 39.1], radiusMeters: 1000 };
    assert.equal(isInArea([-94.58, 39.108], area), true);
    assert.equal(isInArea([-94.58, 39.11], area), false);
  });

  it('tests a polygon with its holes', () => {
    const area: SearchArea = { type: 'Polygon', coordinates: [square, hole] };
    assert.equal(isInArea([0.2, 0.2], area), true);
    assert.equal(isInArea([1, 1], area), false);
    assert.equal(isInArea([5, 5], area), false);
  });
});

describe('validateArea', () => {
  it('returns a clean copy of a valid polygon, dropping altitudes', () => {
    const input = { type: 'Polygon', coordinates: [[[0, 0, 12], [2, 0], [2, 2], [0, 2], [0, 0, 12]]], extra: 1 };
    assert.deepEqual(validateArea(input), { type: 'Polygon', coordinates: [square] });
  });

  it('returns a valid circle', () => {
    assert.deepEqual(validateArea({ center: [-94.58, 39.1], radiusMeters: 750 }), { center: [-94.58, 39.1], radiusMeters: 750 });
  });

  it('says when a ring is not closed', () => {
    const open = [[0, 0], [2, 0], [2, 2], [0, 2]];
    assert.throws(() => validateArea({ type: 'Polygon', coordinates: [[...open, [0, 1]]] }), geoError('area.coordinates[0]', /not closed/));
  });

  it('says when a ring has fewer than 4 positions', () => {
    assert.throws(() => validateArea({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }), geoError('area.coordinates[0]', /at least 4 positions/));
  });

  it('says which coordinate is out of range, hinting at [lon, lat] order', () => {
    assert.throws(
      () => validateArea({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 95], [0, 2], [0, 0]]] }),
      geoError('area.coordinates[0][2]', /latitude 95 .*\[lon, lat\]/),
    );
    assert.throws(() => validateArea({ center: [181, 10], radiusMeters: 10 }), geoError('area.center', /longitude 181/));
    assert.throws(() => validateArea({ center: ['x', 10], radiusMeters: 10 }), geoError('area.center', /numbers/));
  });

  it('rejects a radius of 0 or beyond 50 km', () => {
    assert.throws(() => validateArea({ center: [0, 0], radiusMeters: 0 }), geoError('area.radiusMeters', /more than 0/));
    assert.throws(() => validateArea({ center: [0, 0], radiusMeters: -5 }), geoError('area.radiusMeters', /more than 0/));
    assert.throws(() => validateArea({ center: [0, 0], radiusMeters: 50_001 }), geoError('area.radiusMeters', /at most 50 km/));
    assert.throws(() => validateArea({ center: [0, 0] }), geoError('area.radiusMeters', /meters/));
    assert.deepEqual(validateArea({ center: [0, 0], radiusMeters: 50_000 }), { center: [0, 0], radiusMeters: 50_000 });
  });

  it('rejects shapes that are neither a polygon nor a circle', () => {
    assert.throws(() => validateArea(null), geoError('area', /Polygon/));
    assert.throws(() => validateArea({ type: 'Point', coordinates: [0, 0] }), geoError('area.type', /"Point"/));
    assert.throws(() => validateArea({ type: 'Polygon', coordinates: [] }), geoError('area.coordinates', /outer ring/));
    assert.throws(() => validateArea({ type: 'Polygon', coordinates: [square], center: [0, 0], radiusMeters: 5 }), geoError('area', /not both/));
  });

  it('rejects areas too detailed to test quickly', () => {
    const big = Array.from({ length: 10_001 }, (_, i): LonLat => [Math.cos(i) , Math.sin(i)]);
    big[big.length - 1] = big[0];
    assert.throws(() => validateArea({ type: 'Polygon', coordinates: [big] }), geoError('area.coordinates', /at most 10000 positions/));
  });
});
