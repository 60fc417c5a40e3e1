/**
 * The agency's own basemap from a PMTiles archive (RTCC_MAP_TILES naming a .pmtiles file, served
 * by the server at /api/v1/map/tiles.pmtiles, or a remote one). Raster archives draw as they are;
 * vector archives get a plain dark rendering of every layer their metadata lists (no labels).
 */
import { addProtocol, type Map as MapLibreMap } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol, TileType } from 'pmtiles';
import { session } from '../api/session.ts';

let protocol: Protocol | undefined;

export async function addPmtiles(map: MapLibreMap, url: string): Promise<void> {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  const absolute = new URL(url, location.href).href;
  const sameOrigin = new URL(absolute).origin === location.origin;
  const headers = new Headers();
  const token = session.get().token;
  if (sameOrigin && token) headers.set('authorization', `Bearer ${token}`);
  const archive = new PMTiles(new FetchSource(absolute, headers));
  protocol.add(archive);
  const header = await archive.getHeader();
  const src = `pmtiles://${absolute}`;
  const before = map.getLayer('county-lines') ? 'county-lines' : undefined;
  if (header.tileType === TileType.Mvt) {
    const meta = (await archive.getMetadata()) as { vector_layers?: { id: string }[] };
    map.addSource('agency', { type: 'vector', url: src });
    for (const layer of meta.vector_layers ?? []) {
      const water = /water|ocean|lake|river/i.test(layer.id);
      const road = /road|street|transport|highway/i.test(layer.id);
      map.addLayer({ id: `agency-${layer.id}-fill`, type: 'fill', source: 'agency', 'source-layer': layer.id, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': water ? '#0b1d2e' : '#131c27', 'fill-opacity': 0.8 } }, before);
      map.addLayer({ id: `agency-${layer.id}-line`, type: 'line', source: 'agency', 'source-layer': layer.id, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': road ? '#3a5068' : water ? '#15324d' : '#243244', 'line-width': road ? 1.5 : 1 } }, before);
    }
  } else {
    map.addSource('agency', { type: 'raster', url: src, tileSize: 256 });
    map.addLayer({ id: 'agency-tiles', type: 'raster', source: 'agency', paint: { 'raster-brightness-max': 0.55, 'raster-saturation': -0.4 } }, before);
  }
}
