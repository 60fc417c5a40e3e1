/** `GET /api/v1/map`, fetched once per sign-in and shared by every map. */
import { api } from '../api/client.ts';
import type { MapConfig } from '../api/wire.ts';

let config: Promise<MapConfig> | undefined;
let streets: Promise<GeoJSON.FeatureCollection | null> | undefined;

export function mapConfig(): Promise<MapConfig> {
  config ??= api<MapConfig>('GET', '/api/v1/map');
  config.catch(() => {
    config = undefined;
  });
  return config;
}

/** The agency's streets (RTCC_MAP_STREETS), or null when the server has none. */
export function streetsGeoJson(): Promise<GeoJSON.FeatureCollection | null> {
  streets ??= mapConfig().then((c) => (c.streets ? api<GeoJSON.FeatureCollection>('GET', '/api/v1/map/streets') : null));
  streets.catch(() => {
    streets = undefined;
  });
  return streets;
}

export function forgetMapConfig(): void {
  config = undefined;
  streets = undefined;
}
