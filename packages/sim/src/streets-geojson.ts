/**
 * The city's streets as GeoJSON, for the console to draw (the demo writes it to a file and names
 * it in RTCC_MAP_STREETS). One LineString per street, west–east and south–north, with its name
 * and whether it is an arterial.
 */
import { isArterial, nodeAt, type StreetGrid } from './streets.ts';

export interface StreetFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: { name: string; class: 'arterial' | 'local' };
}

export function streetsGeoJson(g: StreetGrid): { type: 'FeatureCollection'; features: StreetFeature[] } {
  const { cols, rows } = g.settings;
  const features: StreetFeature[] = [];
  for (let j = 0; j < rows; j++) {
    const coordinates = Array.from({ length: cols }, (_, i) => nodeAt(g, i, j).location);
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { name: g.rowNames[j], class: isArterial(g, j) ? 'arterial' : 'local' } });
  }
  for (let i = 0; i < cols; i++) {
    const coordinates = Array.from({ length: rows }, (_, j) => nodeAt(g, i, j).location);
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { name: g.colNames[i], class: isArterial(g, i) ? 'arterial' : 'local' } });
  }
  return { type: 'FeatureCollection', features };
}
