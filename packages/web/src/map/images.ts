/** Map symbols drawn on a canvas at start (no sprite sheet to ship or fetch). */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { COLORS } from './basemap.ts';

/** A camera's field of view: a wedge pointing up (north), rotated by the camera's heading. */
function fieldOfView(size: number): ImageData {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  const mid = size / 2;
  g.fillStyle = 'rgba(79,195,247,0.35)';
  g.strokeStyle = COLORS.camera;
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(mid, mid);
  g.arc(mid, mid, mid - 2, -Math.PI / 2 - 0.45, -Math.PI / 2 + 0.45);
  g.closePath();
  g.fill();
  g.stroke();
  return g.getImageData(0, 0, size, size);
}

export function addMapImages(map: MapLibreMap): void {
  if (!map.hasImage('camera-fov')) map.addImage('camera-fov', fieldOfView(64), { pixelRatio: 2 });
}
