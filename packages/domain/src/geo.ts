/**
 * Geometry for search areas: WGS84, GeoJSON order [lon, lat], distances in meters.
 */
import type { LonLat, SearchArea } from './types.ts';

/** Mean Earth radius (IUGG), meters. */
const EARTH_RADIUS_M = 6_371_008.8;
export const MAX_RADIUS_M = 50_000;
/** Bounds the cost of every point test against a drawn area. */
export const MAX_AREA_POSITIONS = 10_000;

/** An area that cannot be searched; `field` points at the offending part, the message says what to fix. */
export class GeoError extends Error {
  override readonly name = 'GeoError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

const RAD = Math.PI / 180;

/**
 * Great-circle distance by the haversine formula (spherical Earth, error ≤ 0.5%).
 * @example distanceMeters([-94.58, 39.1], [-94.58, 39.11]) // ≈ 1112
 */
export function distanceMeters(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inRing(p: LonLat, ring: LonLat[]): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a point lies inside a GeoJSON polygon: inside the outer ring and outside every hole.
 * Planar test on lon/lat, fine for city-sized areas; a point exactly on an edge may fall either way.
 * @example pointInPolygon([0.5, 0.5], [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]) // true
 */
export function pointInPolygon(p: LonLat, polygon: LonLat[][]): boolean {
  if (polygon.length === 0 || !inRing(p, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (inRing(p, polygon[h])) return false;
  return true;
}

/**
 * Bounding box `[minLon, minLat, maxLon, maxLat]` of an area, for a cheap pre-filter.
 * A circle that reaches a pole or crosses the antimeridian gets the full longitude range.
 * @example areaBbox({ center: [0, 0], radiusMeters: 1000 }) // ≈ [-0.009, -0.009, 0.009, 0.009]
 */
export function areaBbox(area: SearchArea): [number, number, number, number] {
  if ('center' in area) {
    const [lon, lat] = area.center;
    const dLat = area.radiusMeters / EARTH_RADIUS_M / RAD;
    const minLat = Math.max(-90, lat - dLat);
    const maxLat = Math.min(90, lat + dLat);
    // Widest longitude reach of a spherical cap; past 1 the cap holds a pole.
    const reach = Math.sin(area.radiusMeters / EARTH_RADIUS_M) / Math.cos(lat * RAD);
    const dLon = reach < 1 ? Math.asin(reach) / RAD : 360;
    if (lon - dLon < -180 || lon + dLon > 180) return [-180, minLat, 180, maxLat];
    return [lon - dLon, minLat, lon + dLon, maxLat];
  }
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of area.coordinates[0] ?? []) {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * Whether a point lies in a search area (a polygon or a center and radius).
 * @example isInArea([-94.58, 39.1], { center: [-94.58, 39.11], radiusMeters: 2000 }) // true
 */
export function isInArea(p: LonLat, area: SearchArea): boolean {
  if ('center' in area) return distanceMeters(p, area.center) <= area.radiusMeters;
  const [minLon, minLat, maxLon, maxLat] = areaBbox(area);
  if (p[0] < minLon || p[0] > maxLon || p[1] < minLat || p[1] > maxLat) return false;
  return pointInPolygon(p, area.coordinates);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads [lon, lat] (a third altitude value is allowed and dropped). */
function position(v: unknown, field: string): LonLat {
  if (!Array.isArray(v) || v.length < 2 || v.length > 3 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new GeoError(field, 'a position must be [longitude, latitude] in numbers.');
  }
  const [lon, lat] = v as number[];
  if (lon < -180 || lon > 180) throw new GeoError(field, `longitude ${lon} is out of range -180…180 (positions are [lon, lat]).`);
  if (lat < -90 || lat > 90) throw new GeoError(field, `latitude ${lat} is out of range -90…90 (positions are [lon, lat]).`);
  return [lon, lat];
}

function ring(v: unknown, field: string): LonLat[] {
  if (!Array.isArray(v)) throw new GeoError(field, 'a ring must be an array of [lon, lat] positions.');
  if (v.length < 4) {
    throw new GeoError(field, `a ring needs at least 4 positions (a triangle plus the first repeated at the end); it has ${v.length}.`);
  }
  const out = v.map((p, i) => position(p, `${field}[${i}]`));
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw new GeoError(field, `the ring is not closed: its last position must repeat the first, [${first.join(', ')}].`);
  }
  return out;
}

/**
 * Checks an untrusted search area and returns a clean copy: a GeoJSON Polygon
 * (closed rings of ≥ 4 positions, holes after the outer ring) or a circle with a radius of 0–50 km.
 * @throws GeoError naming the field and what to fix.
 * @example validateArea({ center: [-94.58, 39.1], radiusMeters: 500 })
 */
export function validateArea(area: unknown): SearchArea {
  if (!isObject(area)) throw new GeoError('area', 'give a GeoJSON Polygon or { center: [lon, lat], radiusMeters }.');
  if ('center' in area || 'radiusMeters' in area) {
    if ('type' in area || 'coordinates' in area) throw new GeoError('area', 'give either a polygon or a circle, not both.');
    const center = position(area.center, 'area.center');
    const r = area.radiusMeters;
    if (typeof r !== 'number' || !Number.isFinite(r)) throw new GeoError('area.radiusMeters', 'give the radius in meters as a number.');
    if (r <= 0) throw new GeoError('area.radiusMeters', `the radius must be more than 0 meters; it is ${r}.`);
    if (r > MAX_RADIUS_M) {
      throw new GeoError('area.radiusMeters', `the radius may be at most ${MAX_RADIUS_M / 1000} km; it is ${(r / 1000).toFixed(1)} km.`);
    }
    return { center, radiusMeters: r };
  }
  if (area.type !== 'Polygon') {
    throw new GeoError('area.type', `only "Polygon" areas (or a circle) are supported, not ${JSON.stringify(area.type)}.`);
  }
  const rings = area.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) {
    throw new GeoError('area.coordinates', 'a polygon needs an outer ring: an array of [lon, lat] positions.');
  }
  let positions = 0;
  for (const r of rings) positions += Array.isArray(r) ? r.length : 0;
  if (positions > MAX_AREA_POSITIONS) {
    throw new GeoError('area.coordinates', `an area may have at most ${MAX_AREA_POSITIONS} positions; it has ${positions}. Simplify the shape.`);
  }
  return { type: 'Polygon', coordinates: rings.map((r, i) => ring(r, `area.coordinates[${i}]`)) };
}
