/**
 * Draws the search area on the map with terra-draw: a circle (sent as center + radius) or a
 * polygon (sent as a GeoJSON Polygon). The drawn area stays on the map until cleared.
 */
import { useEffect, useRef } from 'react';
import { TerraDraw, TerraDrawCircleMode, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { SearchArea } from '../../api/wire.ts';
import { useMap } from '../MapView.tsx';

export type DrawMode = 'none' | 'circle' | 'polygon';

/** Center and radius of a terra-draw circle: its ring is regular, so the mean of its vertices is the center. */
function circleArea(ring: [number, number][], radiusKm: number): SearchArea {
  const pts = ring.slice(0, -1);
  const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return { center: [Number(lon.toFixed(6)), Number(lat.toFixed(6))], radiusMeters: Math.round(radiusKm * 1000) };
}

export function AreaDraw({ mode, onArea }: { mode: DrawMode; onArea: (a: SearchArea | null) => void }) {
  const map = useMap();
  const drawRef = useRef<TerraDraw | null>(null);
  const onAreaRef = useRef(onArea);
  onAreaRef.current = onArea;
  useEffect(() => {
    const style = { fillColor: '#ffca28', fillOpacity: 0.12, outlineColor: '#ffca28', outlineWidth: 2 } as const;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [new TerraDrawCircleMode({ styles: style }), new TerraDrawPolygonMode({ styles: style })],
    });
    draw.start();
    draw.on('finish', (id) => {
      const f = draw.getSnapshotFeature(id);
      if (!f || f.geometry.type !== 'Polygon') return;
      // one area at a time: drop what was drawn before
      const others = draw.getSnapshot().filter((x) => x.id !== id).map((x) => x.id!);
      if (others.length) draw.removeFeatures(others);
      const ring = f.geometry.coordinates[0] as [number, number][];
      const km = (f.properties as { radiusKilometers?: number }).radiusKilometers;
      if (f.properties.mode === 'circle' && typeof km === 'number') onAreaRef.current(circleArea(ring, km));
      else onAreaRef.current({ type: 'Polygon', coordinates: [ring.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))] as [number, number])] });
    });
    drawRef.current = draw;
    return () => {
      drawRef.current = null;
      try {
        draw.stop();
      } catch {
        // the map was removed first
      }
    };
  }, [map]);
  useEffect(() => {
    const draw = drawRef.current;
    if (!draw) return;
    if (mode === 'none') {
      draw.clear();
      draw.setMode('static');
    } else {
      draw.clear();
      draw.setMode(mode);
    }
  }, [mode]);
  return null;
}
