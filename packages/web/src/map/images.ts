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

/**
 * A unit's heading: an arrowhead just outside the top edge of the unit's dot, on a transparent
 * square. Rotated about its centre (the unit's position), it points the way the unit travels.
 */
function headingArrow(size: number): ImageData {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  const mid = size / 2;
  // drawn at pixelRatio 2: the dot's edge (9 px radius + 2 px stroke) is 22 canvas units out
  const base = mid - 22;
  g.fillStyle = '#ffffff';
  g.strokeStyle = '#04121c';
  g.lineWidth = 3;
  g.lineJoin = 'round';
  g.beginPath();
  g.moveTo(mid, 3);
  g.lineTo(mid + 12, base);
  g.lineTo(mid - 12, base);
  g.closePath();
  g.stroke();
  g.fill();
  return g.getImageData(0, 0, size, size);
}

export function addMapImages(map: MapLibreMap): void {
  if (!map.hasImage('camera-fov')) map.addImage('camera-fov', fieldOfView(64), { pixelRatio: 2 });
  if (!map.hasImage('unit-heading')) map.addImage('unit-heading', headingArrow(84), { pixelRatio: 2 });
}
