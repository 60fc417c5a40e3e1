/** Frames the map once on the cameras (else the streets) as soon as there is something to frame. */
import { useEffect, useRef } from 'react';
import { LngLatBounds } from 'maplibre-gl';
import { streetsGeoJson } from '../map-config.ts';
import { useMap } from '../MapView.tsx';

export function FitBounds({ points }: { points: [number, number][] }) {
  const map = useMap();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    const fit = (pts: [number, number][]) => {
      if (pts.length === 0 || done.current) return false;
      done.current = true;
      const b = new LngLatBounds(pts[0], pts[0]);
      for (const p of pts) b.extend(p);
      map.fitBounds(b, { padding: 48, maxZoom: 15, duration: 0 });
      return true;
    };
    if (fit(points)) return;
    void streetsGeoJson()
      .then((s) => {
        if (!s) return;
        const pts: [number, number][] = [];
        for (const f of s.features) if (f.geometry.type === 'LineString') pts.push(...(f.geometry.coordinates as [number, number][]));
        fit(pts);
      })
      .catch(() => undefined);
  }, [map, points]);
  return null;
}
