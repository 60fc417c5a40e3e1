/**
 * The live-view camera symbols, drawn on a canvas once per map: an agency camera is a solid
 * green video-camera badge (it plays live), a community-registered camera a hollow amber house
 * badge (a private camera: ask its owner for footage), and a live view's field of view a green
 * wedge. Distinct in shape as well as colour, so they read apart for colour-blind operators.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export const VIDEO_COLORS = { agency: '#66bb6a', community: '#ffb74d', inactive: '#78909c' };

function canvas(size: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  return [c, c.getContext('2d')!];
}

/** A rounded badge with a camera body and lens inside. */
function agencyBadge(size: number, color: string): ImageData {
  const [, g] = canvas(size);
  g.fillStyle = color;
  g.strokeStyle = '#04121c';
  g.lineWidth = 3;
  g.beginPath();
  g.roundRect(2, 2, size - 4, size - 4, 8);
  g.fill();
  g.stroke();
  g.fillStyle = '#04121c';
  const u = size / 12;
  g.fillRect(2.5 * u, 4 * u, 5 * u, 4 * u);
  g.beginPath();
  g.moveTo(7.5 * u, 5.6 * u);
  g.lineTo(9.8 * u, 4.2 * u);
  g.lineTo(9.8 * u, 7.8 * u);
  g.lineTo(7.5 * u, 6.4 * u);
  g.closePath();
  g.fill();
  return g.getImageData(0, 0, size, size);
}

/** A hollow circle with a house outline: a private camera registered with the agency. */
function communityBadge(size: number, color: string): ImageData {
  const [, g] = canvas(size);
  const mid = size / 2;
  g.fillStyle = 'rgba(4,18,28,0.85)';
  g.strokeStyle = color;
  g.lineWidth = 4;
  g.beginPath();
  g.arc(mid, mid, mid - 3, 0, Math.PI * 2);
  g.fill();
  g.stroke();
  const u = size / 12;
  g.lineWidth = 2.5;
  g.beginPath();
  g.moveTo(3.5 * u, 6 * u);
  g.lineTo(6 * u, 3.6 * u);
  g.lineTo(8.5 * u, 6 * u);
  g.moveTo(4.3 * u, 5.4 * u);
  g.lineTo(4.3 * u, 8.4 * u);
  g.lineTo(7.7 * u, 8.4 * u);
  g.lineTo(7.7 * u, 5.4 * u);
  g.stroke();
  return g.getImageData(0, 0, size, size);
}

function wedge(size: number): ImageData {
  const [, g] = canvas(size);
  const mid = size / 2;
  g.fillStyle = 'rgba(102,187,106,0.28)';
  g.strokeStyle = VIDEO_COLORS.agency;
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(mid, mid);
  g.arc(mid, mid, mid - 2, -Math.PI / 2 - 0.6, -Math.PI / 2 + 0.6);
  g.closePath();
  g.fill();
  g.stroke();
  return g.getImageData(0, 0, size, size);
}

export function addVideoImages(map: MapLibreMap): void {
  const add = (id: string, data: ImageData) => map.hasImage(id) || map.addImage(id, data, { pixelRatio: 2 });
  add('video-agency', agencyBadge(40, VIDEO_COLORS.agency));
  add('video-community', communityBadge(40, VIDEO_COLORS.community));
  add('video-agency-off', agencyBadge(40, VIDEO_COLORS.inactive));
  add('video-community-off', communityBadge(40, VIDEO_COLORS.inactive));
  add('video-fov', wedge(96));
}
