/**
 * Helpers for data layers: a GeoJSON source with its style layers, added on mount and removed on
 * unmount, visibility switched without re-adding, and clicks turned into a selection.
 */
import { useEffect } from 'react';
import type { LayerSpecification, Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { useMap } from '../MapView.tsx';

export type MapSelection = { kind: 'camera' | 'read' | 'hit' | 'result' | 'incident' | 'unit' | 'gunshot' | 'video'; id: string };

type DataLayer = Exclude<LayerSpecification, { type: 'background' }> & { source: string };

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function setSourceData(map: MapLibreMap, id: string, data: GeoJSON.FeatureCollection): void {
  const s = map.getSource(id) as { setData?: (d: GeoJSON.FeatureCollection) => void } | undefined;
  s?.setData?.(data);
}

type ClickHandler = (id: string) => void;
const clickable = new WeakMap<MapLibreMap, Map<string, ClickHandler>>();

/**
 * One click handler per map: it takes the top-most feature under the pointer among every
 * clickable layer, so a click on a camera inside a ring of reads selects the camera, once.
 */
function registerClick(map: MapLibreMap, layerIds: string[], handler: ClickHandler): () => void {
  let handlers = clickable.get(map);
  if (!handlers) {
    const registry = new Map<string, ClickHandler>();
    handlers = registry;
    clickable.set(map, registry);
    const layersHere = () => [...registry.keys()].filter((id) => map.getLayer(id));
    map.on('click', (e: MapMouseEvent) => {
      const layers = layersHere();
      if (layers.length === 0) return;
      const box: [PointLike, PointLike] = [
        [e.point.x - 4, e.point.y - 4],
        [e.point.x + 4, e.point.y + 4],
      ];
      const f = map.queryRenderedFeatures(box, { layers })[0];
      const id = f?.properties?.id;
      if (f && id !== undefined) registry.get(f.layer.id)?.(String(id));
    });
    map.on('mousemove', (e: MapMouseEvent) => {
      const layers = layersHere();
      const hit = layers.length > 0 && map.queryRenderedFeatures(e.point, { layers }).length > 0;
      map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
  }
  for (const id of layerIds) handlers.set(id, handler);
  return () => {
    for (const id of layerIds) if (handlers.get(id) === handler) handlers.delete(id);
  };
}

/** Adds `sourceId` and `layers` to the shared map for the life of the component; `below` puts them under another layer. */
export function useGeoJsonLayers(sourceId: string, layers: DataLayer[], opts: { visible?: boolean; onClick?: ClickHandler; below?: string } = {}): MapLibreMap {
  const map = useMap();
  useEffect(() => {
    map.addSource(sourceId, { type: 'geojson', data: EMPTY });
    for (const l of layers) map.addLayer(l, opts.below && map.getLayer(opts.below) ? opts.below : undefined);
    return () => {
      try {
        for (const l of layers) if (map.getLayer(l.id)) map.removeLayer(l.id);
        if (map.getSource(sourceId)) map.removeSource(sourceId);
      } catch {
        // the whole map was removed first (the screen unmounted): nothing left to clean
      }
    };
    // layers are static per component
  }, [map, sourceId]);
  const visible = opts.visible ?? true;
  useEffect(() => {
    for (const l of layers) if (map.getLayer(l.id)) map.setLayoutProperty(l.id, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible]);
  const onClick = opts.onClick;
  useEffect(() => {
    if (!onClick) return;
    return registerClick(map, layers.map((l) => l.id), onClick);
  }, [map, onClick]);
  return map;
}

export function point(coordinates: [number, number], properties: Record<string, unknown>): GeoJSON.Feature<GeoJSON.Point> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties };
}
