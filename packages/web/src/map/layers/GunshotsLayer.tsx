/**
 * Gunshot alerts of the last 24 hours: magenta, fading with age; filled when a person at the
 * vendor reviewed the detection before it was sent, a hollow ring when nobody has yet.
 */
import { useEffect } from 'react';
import type { GunshotView } from '@openrtcc/domain';
import { RECENT_MS } from '../../live/gunshots.ts';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

/** 1 when just detected, 0.75 after an hour, 0.45 after 6 hours, 0.2 at 24 hours. */
export function gunshotFade(ageMs: number): number {
  const h = Math.max(0, ageMs) / 3_600_000;
  if (h <= 1) return 1 - 0.25 * h;
  if (h <= 6) return 0.75 - (0.3 * (h - 1)) / 5;
  return Math.max(0.2, 0.45 - (0.25 * (h - 6)) / 18);
}

export function GunshotsLayer({ gunshots, visible = true, selectedId, onSelect }: { gunshots: GunshotView[]; visible?: boolean; selectedId?: string; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'gunshots',
    [
      {
        id: 'gunshots-dot',
        type: 'circle',
        source: 'gunshots',
        paint: {
          'circle-radius': ['case', ['get', 'selected'], 12, 9],
          'circle-color': COLORS.gunshot,
          'circle-opacity': ['*', ['get', 'fade'], ['case', ['get', 'reviewed'], 0.9, 0.12]],
          'circle-stroke-color': ['case', ['get', 'selected'], '#ffffff', COLORS.gunshot],
          'circle-stroke-width': ['case', ['get', 'reviewed'], 2, 3],
          'circle-stroke-opacity': ['get', 'fade'],
        },
      },
    ],
    // under the hits, which stay on top of everything
    { visible, onClick: onSelect, below: 'hits-halo' },
  );
  useEffect(() => {
    const rebuild = () => {
      const now = Date.now();
      const features: GeoJSON.Feature[] = [];
      // oldest first, so the newest is drawn on top
      for (let i = gunshots.length - 1; i >= 0; i--) {
        const g = gunshots[i];
        const age = now - Date.parse(g.detectedAt);
        if (age > RECENT_MS) continue;
        features.push(point(g.location, { id: g.id, reviewed: g.humanReviewed, fade: Number(gunshotFade(age).toFixed(3)), selected: g.id === selectedId }));
      }
      setSourceData(map, 'gunshots', { type: 'FeatureCollection', features });
    };
    rebuild();
    // ages move on without new alerts
    const timer = window.setInterval(rebuild, 60_000);
    return () => window.clearInterval(timer);
  }, [map, gunshots, selectedId]);
  return null;
}
