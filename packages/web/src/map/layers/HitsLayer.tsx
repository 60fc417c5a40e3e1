/** Open hits on the map: red, larger for higher-priority lists, always above reads and cameras. */
import { useEffect } from 'react';
import type { CameraView, HitView } from '../../api/wire.ts';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

export function HitsLayer({ hits, cameras, visible = true, selectedId, onSelect }: { hits: HitView[]; cameras: ReadonlyMap<string, CameraView>; visible?: boolean; selectedId?: string; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'hits',
    [
      { id: 'hits-halo', type: 'circle', source: 'hits', paint: { 'circle-radius': ['-', 26, ['*', 3, ['get', 'priority']]], 'circle-color': COLORS.hit, 'circle-opacity': 0.22 } },
      {
        id: 'hits-dot',
        type: 'circle',
        source: 'hits',
        paint: { 'circle-radius': 8, 'circle-color': COLORS.hit, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': ['case', ['get', 'selected'], 4, 2] },
      },
    ],
    { visible, onClick: onSelect },
  );
  useEffect(() => {
    const features: GeoJSON.Feature[] = [];
    for (const h of hits) {
      const at = h.location ?? (h.cameraId ? cameras.get(h.cameraId)?.location : undefined);
      if (at) features.push(point(at, { id: h.id, priority: h.priority, selected: h.id === selectedId }));
    }
    setSourceData(map, 'hits', { type: 'FeatureCollection', features });
  }, [map, hits, cameras, selectedId]);
  return null;
}
