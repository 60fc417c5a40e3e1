/**
 * Recent reads from the stream. The buffer tells us at most once per animation frame that reads
 * arrived; the map source is rebuilt at most every REFRESH_MS from the newest MAX_FEATURES, so a
 * burst of thousands of reads a second costs a few setData calls, not thousands.
 */
import { useEffect } from 'react';
import type { CameraView } from '../../api/wire.ts';
import { recentReads, subscribeReads } from '../../live/reads.ts';
import { COLORS } from '../basemap.ts';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';

const REFRESH_MS = 500;
const MAX_FEATURES = 1500;
/** Reads fade out over this many seconds. */
const FADE_S = 600;

export function ReadsLayer({ cameras, visible = true, onSelect }: { cameras: ReadonlyMap<string, CameraView>; visible?: boolean; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'reads',
    [
      {
        id: 'reads-dot',
        type: 'circle',
        source: 'reads',
        // a ring, so a camera's own dot stays visible inside its recent reads
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 6, 16, 13],
          'circle-color': COLORS.read,
          'circle-opacity': ['interpolate', ['linear'], ['get', 'age'], 0, 0.25, FADE_S, 0],
          'circle-stroke-color': COLORS.read,
          'circle-stroke-width': 2.5,
          'circle-stroke-opacity': ['interpolate', ['linear'], ['get', 'age'], 0, 1, FADE_S, 0.15],
        },
      },
    ],
    { visible, onClick: onSelect, below: 'cameras-fov' },
  );
  useEffect(() => {
    let last = 0;
    let timer = 0;
    const rebuild = () => {
      timer = 0;
      last = performance.now();
      const reads = recentReads();
      const now = Date.now();
      const features: GeoJSON.Feature[] = [];
      // newest first, so the cap keeps the freshest
      for (let i = reads.length - 1; i >= 0 && features.length < MAX_FEATURES; i--) {
        const r = reads[i];
        const at = r.location ?? (r.cameraId ? cameras.get(r.cameraId)?.location : undefined);
        if (!at) continue;
        const age = Math.max(0, (now - Date.parse(r.receivedAt)) / 1000);
        features.push(point(at, { id: r.id, plate: r.plate, age }));
      }
      // drawn oldest first, so the newest read is on top and is the one a click picks
      setSourceData(map, 'reads', { type: 'FeatureCollection', features: features.reverse() });
    };
    const schedule = () => {
      if (timer) return;
      timer = window.setTimeout(rebuild, Math.max(0, REFRESH_MS - (performance.now() - last)));
    };
    rebuild();
    const unsubscribe = subscribeReads(schedule);
    // ages move on without new reads
    const fade = window.setInterval(schedule, 10_000);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      window.clearInterval(fade);
    };
  }, [map, cameras]);
  return null;
}
