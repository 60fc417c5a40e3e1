/** The camera registry on the map: a dot per fixed camera and a wedge showing where it looks. */
import { useEffect } from 'react';
import type { CameraView } from '../../api/wire.ts';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

export function CamerasLayer({ cameras, visible = true, selectedId, onSelect }: { cameras: CameraView[]; visible?: boolean; selectedId?: string; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'cameras',
    [
      {
        id: 'cameras-fov',
        type: 'symbol',
        source: 'cameras',
        filter: ['has', 'heading'],
        layout: { 'icon-image': 'camera-fov', 'icon-rotate': ['get', 'heading'], 'icon-rotation-alignment': 'map', 'icon-allow-overlap': true, 'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 1.2] },
      },
      {
        id: 'cameras-dot',
        type: 'circle',
        source: 'cameras',
        paint: {
          'circle-radius': ['case', ['get', 'selected'], 9, 6],
          'circle-color': COLORS.camera,
          'circle-stroke-color': ['case', ['get', 'selected'], '#ffffff', '#04121c'],
          'circle-stroke-width': ['case', ['get', 'selected'], 3, 2],
        },
      },
    ],
    { visible, onClick: onSelect },
  );
  useEffect(() => {
    const features = cameras.filter((c) => c.location).map((c) => point(c.location!, { id: c.id, name: c.name, selected: c.id === selectedId, ...(c.heading !== undefined ? { heading: c.heading } : {}) }));
    setSourceData(map, 'cameras', { type: 'FeatureCollection', features });
  }, [map, cameras, selectedId]);
  return null;
}
