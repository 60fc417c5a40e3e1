/**
 * Units with a position: a dot coloured by dispatch status with an arrowhead rotated to the
 * heading; faded when the last fix is older than STALE_MS. Moves arrive every 250 ms for many
 * units, so this layer reads the units store directly (no React render per frame) and rebuilds
 * its source at most once per animation frame.
 */
import { useEffect } from 'react';
import { frameThrottle } from '../../live/frame.ts';
import { isStale, units, unitStatusClass } from '../../live/units.ts';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

const C = COLORS.unit;

export function UnitsLayer({ visible = true, selectedId, onSelect }: { visible?: boolean; selectedId?: string; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'units',
    [
      {
        id: 'units-dot',
        type: 'circle',
        source: 'units',
        paint: {
          'circle-radius': ['case', ['get', 'selected'], 12, 9],
          'circle-color': ['match', ['get', 'cls'], 'available', C.available, 'responding', C.responding, 'busy', C.busy, 'out', C.out, C.unknown],
          'circle-opacity': ['case', ['get', 'stale'], 0.4, 1],
          'circle-stroke-color': ['case', ['get', 'selected'], '#ffd54f', ['get', 'stale'], '#8b9bb0', '#ffffff'],
          'circle-stroke-width': ['case', ['get', 'selected'], 3, 2],
          'circle-stroke-opacity': ['case', ['get', 'stale'], 0.6, 1],
        },
      },
      {
        id: 'units-heading',
        type: 'symbol',
        source: 'units',
        filter: ['has', 'heading'],
        layout: { 'icon-image': 'unit-heading', 'icon-rotate': ['get', 'heading'], 'icon-rotation-alignment': 'map', 'icon-allow-overlap': true, 'icon-ignore-placement': true },
        paint: { 'icon-opacity': ['case', ['get', 'stale'], 0.4, 1] },
      },
    ],
    // under the hits, which stay on top of everything
    { visible, onClick: onSelect, below: 'hits-halo' },
  );
  useEffect(() => {
    const rebuild = frameThrottle(() => {
      const now = Date.now();
      const features: GeoJSON.Feature[] = [];
      for (const u of units.get().byId.values()) {
        if (!u.position) continue;
        const props: Record<string, unknown> = { id: u.id, cls: unitStatusClass(u.status), stale: isStale(u, now), selected: u.id === selectedId };
        if (u.position.heading !== undefined) props.heading = u.position.heading;
        features.push(point(u.position.location, props));
      }
      setSourceData(map, 'units', { type: 'FeatureCollection', features });
    });
    rebuild.schedule();
    const unsubscribe = units.subscribe(rebuild.schedule);
    // a unit that stops reporting turns stale without any new message
    const timer = window.setInterval(rebuild.schedule, 15_000);
    return () => {
      unsubscribe();
      rebuild.cancel();
      window.clearInterval(timer);
    };
  }, [map, selectedId]);
  return null;
}
