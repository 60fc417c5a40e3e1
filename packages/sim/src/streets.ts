/**
 * The street network: a generated grid of blocks with an arterial every few streets, placed in a
 * WGS84 bounding box. No street data is downloaded; a grid is enough for cameras, routes and beats.
 */

/** Grid dimensions and placement. */
export interface StreetSettings {
  /** South-west corner, [lon, lat]. */
  origin: [number, number];
  /** Intersections west to east and south to north. */
  cols: number;
  rows: number;
  blockMeters: number;
  /** Every n-th street in each direction is an arterial (0, n, 2n …). */
  arterialEvery: number;
}

/** An intersection. `i` counts columns west to east, `j` rows south to north. */
export interface StreetNode {
  id: number;
  i: number;
  j: number;
  location: [number, number];
}

/** The network, with names for the streets so camera names read like a real city's. */
export interface StreetGrid {
  settings: StreetSettings;
  nodes: StreetNode[];
  /** Names of the west–east streets (by row) and the south–north avenues (by column). */
  rowNames: string[];
  colNames: string[];
  /** [west, south, east, north]. */
  bbox: [number, number, number, number];
}

const M_PER_DEG_LAT = 111_320;
const AVENUES = ['Oak', 'Elm', 'Pecan', 'Cedar', 'Walnut', 'Maple', 'Willow', 'Hickory', 'Magnolia', 'Mesquite', 'Ash', 'Cypress', 'Juniper', 'Sycamore', 'Laurel', 'Birch', 'Aspen', 'Poplar', 'Alder', 'Hawthorn'];
const ARTERIALS = ['Bosque', 'Riverside', 'Lakeshore', 'Franklin', 'Prairie', 'Lasker', 'Brazos', 'Colcord', 'Meridian', 'Heritage', 'Sandy Creek', 'Old Mill', 'Cottonwood', 'Harvest', 'Ridgeline', 'Granger', 'Lone Star', 'Bluebonnet', 'Council', 'Redbud'];

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** Builds the grid. Pure: the same settings give the same network. */
export function buildStreets(s: StreetSettings): StreetGrid {
  const [lon0, lat0] = s.origin;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const nodes: StreetNode[] = [];
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  for (let j = 0; j < s.rows; j++) {
    for (let i = 0; i < s.cols; i++) {
      nodes.push({ id: j * s.cols + i, i, j, location: [round(lon0 + (i * s.blockMeters) / mPerDegLon), round(lat0 + (j * s.blockMeters) / M_PER_DEG_LAT)] });
    }
  }
  const art = (k: number) => k % s.arterialEvery === 0;
  let a = 0;
  const rowNames = Array.from({ length: s.rows }, (_, j) => (art(j) ? `${ARTERIALS[a++ % ARTERIALS.length]} Blvd` : `${ordinal(j + 1)} St`));
  const colNames = Array.from({ length: s.cols }, (_, i) => (art(i) ? `${ARTERIALS[a++ % ARTERIALS.length]} Pkwy` : `${AVENUES[i % AVENUES.length]} Ave`));
  const last = nodes[nodes.length - 1].location;
  return { settings: s, nodes, rowNames, colNames, bbox: [lon0, lat0, last[0], last[1]] };
}

/** True when row `j` or column `i` (whichever is given) is an arterial. */
export function isArterial(g: StreetGrid, k: number): boolean {
  return k % g.settings.arterialEvery === 0;
}

/** The node at column `i`, row `j`. */
export function nodeAt(g: StreetGrid, i: number, j: number): StreetNode {
  return g.nodes[j * g.settings.cols + i];
}

/** Compass direction of travel from node `a` to the adjacent node `b` (0 north, 90 east …). */
export function travelDirection(a: StreetNode, b: StreetNode): number {
  if (b.j > a.j) return 0;
  if (b.i > a.i) return 90;
  if (b.j < a.j) return 180;
  return 270;
}

/** True when the edge a→b runs along an arterial. */
export function onArterial(g: StreetGrid, a: StreetNode, b: StreetNode): boolean {
  return a.j === b.j ? isArterial(g, a.j) : isArterial(g, a.i);
}

function nearestArterial(g: StreetGrid, k: number, max: number): number {
  const n = g.settings.arterialEvery;
  const down = k - (k % n);
  const up = Math.min(down + n, max - 1 - ((max - 1) % n));
  return k - down <= up - k ? down : up;
}

/** Appends the straight run from the last node of `path` to (i, j), one node per block. */
function walk(g: StreetGrid, path: StreetNode[], i: number, j: number): void {
  let cur = path[path.length - 1];
  while (cur.i !== i) {
    cur = nodeAt(g, cur.i + Math.sign(i - cur.i), cur.j);
    path.push(cur);
  }
  while (cur.j !== j) {
    cur = nodeAt(g, cur.i, cur.j + Math.sign(j - cur.j));
    path.push(cur);
  }
}

/**
 * The route a driver takes between two intersections: short hops go straight there; longer
 * trips get onto the nearest arterial avenue, then the arterial boulevard nearest the
 * destination, as people drive, which is why cameras sit on arterials.
 */
export function route(g: StreetGrid, from: StreetNode, to: StreetNode): StreetNode[] {
  const path = [from];
  if (Math.abs(from.i - to.i) + Math.abs(from.j - to.j) < 6) {
    walk(g, path, to.i, from.j);
    walk(g, path, to.i, to.j);
    return path;
  }
  const a = nearestArterial(g, from.i, g.settings.cols);
  const b = nearestArterial(g, to.j, g.settings.rows);
  walk(g, path, a, from.j);
  walk(g, path, a, b);
  walk(g, path, to.i, b);
  walk(g, path, to.i, to.j);
  return path;
}
