/**
 * The offline basemap: land and country, state and county boundaries from world-atlas and
 * us-atlas (shipped with the console as TopoJSON under /basemap/, converted here), under the
 * agency's streets (RTCC_MAP_STREETS) and, when configured, the agency's own tiles
 * (RTCC_MAP_TILES). Nothing is fetched from the internet. No text labels: glyph fonts would
 * have to be downloaded; names live in the side panel instead.
 */
import type { StyleSpecification, LayerSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { MapConfig } from '../api/wire.ts';

export const COLORS = {
  background: '#070b10',
  land: '#0f1620',
  border: '#3d4b5c',
  state: '#33404f',
  county: '#1f2a36',
  street: '#223041',
  arterial: '#3a5068',
  camera: '#4fc3f7',
  read: '#9ccc65',
  hit: '#ff5252',
  result: '#ffca28',
  /** Incidents by priority: 1, 2, 3, then 4 and beyond or none. */
  incident: ['#ff6d00', '#ff9100', '#ffab40', '#ffd9a8'],
  gunshot: '#e040fb',
  /** Units by dispatch status (see unitStatusClass). */
  unit: { available: '#43a047', responding: '#1e88e5', busy: '#00897b', out: '#546e7a', unknown: '#90a4ae' },
};

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** Ids of the base layers, in drawing order; data layers go above them. */
export const BASE_LAYER_IDS = ['land', 'county-lines', 'state-lines', 'country-lines', 'streets-local', 'streets-arterial'];

export function baseStyle(tiles: MapConfig['tiles']): StyleSpecification {
  const agency: { sources: StyleSpecification['sources']; layers: LayerSpecification[] } = { sources: {}, layers: [] };
  if (tiles?.kind === 'raster') {
    agency.sources.agency = { type: 'raster', tiles: [tiles.url], tileSize: 256, maxzoom: 19 };
    agency.layers.push({ id: 'agency-tiles', type: 'raster', source: 'agency', paint: { 'raster-brightness-max': 0.55, 'raster-saturation': -0.4 } });
  }
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: EMPTY },
      countries: { type: 'geojson', data: EMPTY },
      states: { type: 'geojson', data: EMPTY },
      counties: { type: 'geojson', data: EMPTY },
      streets: { type: 'geojson', data: EMPTY },
      ...agency.sources,
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLORS.background } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': COLORS.land } },
      ...agency.layers,
      { id: 'county-lines', type: 'line', source: 'counties', minzoom: 5, paint: { 'line-color': COLORS.county, 'line-width': 1 } },
      { id: 'state-lines', type: 'line', source: 'states', paint: { 'line-color': COLORS.state, 'line-width': 1.5 } },
      { id: 'country-lines', type: 'line', source: 'countries', paint: { 'line-color': COLORS.border, 'line-width': 1.5 } },
      {
        id: 'streets-local',
        type: 'line',
        source: 'streets',
        filter: ['!=', ['get', 'class'], 'arterial'],
        minzoom: 11,
        paint: { 'line-color': COLORS.street, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 16, 3] },
      },
      {
        id: 'streets-arterial',
        type: 'line',
        source: 'streets',
        filter: ['==', ['get', 'class'], 'arterial'],
        paint: { 'line-color': COLORS.arterial, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 16, 6] },
      },
    ],
  };
}

export interface Boundaries {
  land: GeoJSON.FeatureCollection | GeoJSON.Feature;
  countries: GeoJSON.MultiLineString;
  states: GeoJSON.MultiLineString;
  counties: GeoJSON.MultiLineString;
}

let boundaries: Promise<Boundaries> | undefined;

/** The boundary layers, fetched once per page and shared by every map. */
export function loadBoundaries(): Promise<Boundaries> {
  boundaries ??= (async () => {
    const get = async (name: string) => {
      const res = await fetch(`/basemap/${name}`);
      if (!res.ok) throw new Error(`basemap file ${name}: ${res.status}`);
      return (await res.json()) as Topology;
    };
    const [land, world, us] = await Promise.all([get('land-50m.json'), get('countries-50m.json'), get('counties-10m.json')]);
    const obj = (t: Topology, name: string) => t.objects[name] as GeometryCollection;
    return {
      land: feature(land, obj(land, 'land')),
      countries: mesh(world, obj(world, 'countries'), (a, b) => a !== b),
      states: mesh(us, obj(us, 'states'), (a, b) => a !== b),
      counties: mesh(us, obj(us, 'counties'), (a, b) => a !== b && a.id?.toString().slice(0, 2) === b.id?.toString().slice(0, 2)),
    };
  })();
  boundaries.catch(() => {
    boundaries = undefined;
  });
  return boundaries;
}
