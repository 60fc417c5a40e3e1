/** Search results on the map (the current page), with the selected one ringed. */
import { useEffect } from 'react';
import { LngLatBounds } from 'maplibre-gl';
import type { CameraView, ReadView } from '../../api/wire.ts';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

export function ResultsLayer({ reads, cameras, selectedId, onSelect }: { reads: ReadView[]; cameras: ReadonlyMap<string, CameraView>; selectedId?: string; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'results',
    [
      {
        id: 'results-dot',
        type: 'circle',
        source: 'results',
        paint: { 'circle-radius': ['case', ['get', 'selected'], 10, 7], 'circle-color': COLORS.result, 'circle-stroke-color': ['case', ['get', 'selected'], '#ffffff', '#1a1200'], 'circle-stroke-width': 2 },
      },
    ],
    { onClick: onSelect, below: 'hits-halo' },
  );
  useEffect(() => {
    const features: GeoJSON.Feature[] = [];
    for (const r of reads) {
      const at = r.location ?? (r.cameraId ? cameras.get(r.cameraId)?.location : undefined);
      if (at) features.push(point(at, { id: r.id, selected: r.id === selectedId }));
    }
    setSourceData(map, 'results', { type: 'FeatureCollection', features });
  }, [map, reads, cameras, selectedId]);
  useEffect(() => {
    // a new page of results: show where they are
    const pts = reads.map((r) => r.location ?? (r.cameraId ? cameras.get(r.cameraId)?.location : undefined)).filter((p): p is [number, number] => !!p);
    if (pts.length === 0) return;
    const b = new LngLatBounds(pts[0], pts[0]);
    for (const p of pts) b.extend(p);
    map.fitBounds(b, { padding: 60, maxZoom: 15, duration: 400 });
  }, [map, reads, cameras]);
  return null;
}
