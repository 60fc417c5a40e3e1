/**
 * Open dispatch incidents: orange, larger and stronger for higher priority (1 is the most
 * urgent), ringed white while no unit is assigned yet.
 */
import { useEffect } from 'react';
import type { IncidentView } from '@openrtcc/domain';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

/** Priority 1–3 as they are, anything else (or none) as 4. */
const rank = (p: number | undefined): number => (p !== undefined && p >= 1 && p <= 3 ? Math.round(p) : 4);
const byRank = (values: [unknown, unknown, unknown, unknown]) => ['match', ['get', 'rank'], 1, values[0], 2, values[1], 3, values[2], values[3]];

export function IncidentsLayer({ incidents, visible = true, selectedId, onSelect }: { incidents: IncidentView[]; visible?: boolean; selectedId?: string; onSelect?: (id: string) => void }) {
  const [p1, p2, p3, p4] = COLORS.incident;
  const map = useGeoJsonLayers(
    'incidents',
    [
      {
        id: 'incidents-halo',
        type: 'circle',
        source: 'incidents',
        paint: { 'circle-radius': byRank([24, 20, 16, 13]) as never, 'circle-color': byRank([p1, p2, p3, p4]) as never, 'circle-opacity': 0.22 },
      },
      {
        id: 'incidents-dot',
        type: 'circle',
        source: 'incidents',
        paint: {
          'circle-radius': byRank([12, 10, 8, 7]) as never,
          'circle-color': byRank([p1, p2, p3, p4]) as never,
          'circle-stroke-color': ['case', ['any', ['get', 'selected'], ['get', 'waiting']], '#ffffff', '#1a0d00'],
          'circle-stroke-width': ['case', ['get', 'selected'], 4, ['get', 'waiting'], 2.5, 2],
        },
      },
    ],
    // under the hits, which stay on top of everything
    { visible, onClick: onSelect, below: 'hits-halo' },
  );
  useEffect(() => {
    const features: GeoJSON.Feature[] = [];
    // drawn lowest priority first, so the most urgent is on top and is the one a click picks
    for (let i = incidents.length - 1; i >= 0; i--) {
      const inc = incidents[i];
      const at = inc.location?.point;
      if (at) features.push(point(at, { id: inc.id, rank: rank(inc.priority), waiting: inc.units.length === 0, selected: inc.id === selectedId }));
    }
    setSourceData(map, 'incidents', { type: 'FeatureCollection', features });
  }, [map, incidents, selectedId]);
  return null;
}
