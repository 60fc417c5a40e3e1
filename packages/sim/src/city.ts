/**
 * The simulated city: streets, fixed LPR cameras, live-view camera placeholders, patrol beats and
 * units (some carrying mobile LPR), and the fleet. Everything follows from the seed and the
 * settings; `buildCity(42)` is the same city on every machine.
 */
import { createRng } from './random.ts';
import { buildStreets, isArterial, nodeAt, type StreetGrid, type StreetNode, type StreetSettings } from './streets.ts';
import { buildFleet, type FleetSettings, type SimVehicle } from './vehicles.ts';

/** A fixed LPR camera reading the traffic that drives along one directed street edge. */
export interface SimCamera {
  /** The simulator's id; also the OpenALPR `camera_id` (a number, as agents send it). */
  cameraNumber: number;
  name: string;
  location: [number, number];
  /** The way the lens faces: towards the oncoming traffic it reads. */
  heading: number;
  /** Direction of the traffic it reads (0 north, 90 east …). */
  travelDirection: number;
  /** The directed edge it watches, and how far along it (1 = at the far intersection). */
  fromNode: number;
  toNode: number;
  along: number;
  placement: 'intersection' | 'midblock';
}

/** A patrol area: a rectangle of blocks. */
export interface Beat {
  id: string;
  i0: number;
  i1: number;
  j0: number;
  j1: number;
  /** Closed ring, [lon, lat]. */
  polygon: [number, number][];
}

/** A patrol unit with its beat; `mobileLpr` units carry a plate reader. */
export interface PatrolUnit {
  id: string;
  callSign: string;
  beat: string;
  mobileLpr: boolean;
}

/** Everything the city is made from. */
export interface CitySettings {
  name: string;
  timeZone: string;
  streets: StreetSettings;
  fleet: FleetSettings;
  /** Arterial intersections with a camera on each approach of the boulevard. */
  cameraIntersections: number;
  /** Mid-block camera pairs on arterial avenues. */
  midblockPairs: number;
  liveViewCameras: number;
  beatCols: number;
  beatRows: number;
  mobileLprUnits: number;
  /** Hotlist plates that belong to no vehicle in the city (most of a real hot file is never seen). */
  hotlistDecoys: number;
}

/** The city. */
export interface City {
  seed: number;
  settings: CitySettings;
  streets: StreetGrid;
  cameras: SimCamera[];
  liveViewCameras: { id: string; name: string; location: [number, number] }[];
  beats: Beat[];
  units: PatrolUnit[];
  vehicles: SimVehicle[];
}

/** A mid-sized city: about 7 × 5 km, 8,000 vehicles (1% stolen, 0.8% wanted: enough hits to learn on), 32 fixed cameras, six beats. */
export const DEFAULT_CITY: Readonly<CitySettings> = {
  name: 'Bosque City (simulated)',
  timeZone: 'America/Chicago',
  streets: { origin: [-97.23, 31.52], cols: 46, rows: 31, blockMeters: 150, arterialEvery: 5 },
  fleet: { vehicles: 8000, homeState: 'TX', homeStateShare: 0.86, commuterShare: 0.68, stolenRate: 0.01, wantedRate: 0.008, pairRate: 0.01 },
  cameraIntersections: 10,
  midblockPairs: 6,
  liveViewCameras: 10,
  beatCols: 3,
  beatRows: 2,
  mobileLprUnits: 3,
  hotlistDecoys: 300,
};

const DIRS = ['N', 'E', 'S', 'W'];
const dirName = (deg: number) => `${DIRS[Math.round(deg / 90) % 4]}B`;

function camera(g: StreetGrid, n: number, from: StreetNode, to: StreetNode, along: number, placement: SimCamera['placement']): SimCamera {
  const dir = to.j > from.j ? 0 : to.i > from.i ? 90 : to.j < from.j ? 180 : 270;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const location: [number, number] = [
    round(from.location[0] + (to.location[0] - from.location[0]) * along),
    round(from.location[1] + (to.location[1] - from.location[1]) * along),
  ];
  const street = dir % 180 === 0 ? g.colNames[from.i] : g.rowNames[from.j];
  const cross = dir % 180 === 0 ? g.rowNames[to.j] : g.colNames[to.i];
  const name = placement === 'intersection' ? `${street} & ${cross}, ${dirName(dir)}` : `${street} near ${cross}, ${dirName(dir)}`;
  return { cameraNumber: n, name, location, heading: (dir + 180) % 360, travelDirection: dir, fromNode: from.id, toNode: to.id, along, placement };
}

/**
 * Builds the city for `seed`, with `over` replacing any top-level setting.
 * @example
 * const city = buildCity(42, { fleet: { ...DEFAULT_CITY.fleet, vehicles: 500 } });
 */
export function buildCity(seed: number, over: Partial<CitySettings> = {}): City {
  const settings: CitySettings = { ...DEFAULT_CITY, ...over };
  const rng = createRng(seed, 'city');
  const g = buildStreets(settings.streets);
  const { cols, rows } = settings.streets;
  const artCols = Array.from({ length: cols }, (_, i) => i).filter((i) => isArterial(g, i) && i > 0 && i < cols - 1);
  const artRows = Array.from({ length: rows }, (_, j) => j).filter((j) => isArterial(g, j) && j > 0 && j < rows - 1);

  const cameras: SimCamera[] = [];
  const used = new Set<number>();
  let n = 101;
  for (let k = 0; k < settings.cameraIntersections * 4 && cameras.length < settings.cameraIntersections * 2 && artCols.length > 0 && artRows.length > 0; k++) {
    const at = nodeAt(g, rng.pick(artCols), rng.pick(artRows));
    if (used.has(at.id)) continue;
    used.add(at.id);
    // both approaches of the boulevard: eastbound traffic arrives from the west, and so on
    cameras.push(camera(g, n++, nodeAt(g, at.i - 1, at.j), at, 1, 'intersection'));
    cameras.push(camera(g, n++, nodeAt(g, at.i + 1, at.j), at, 1, 'intersection'));
  }
  for (let k = 0; k < settings.midblockPairs && artCols.length > 0 && rows > 2; k++) {
    const i = rng.pick(artCols);
    const j = rng.int(1, rows - 3);
    const a = nodeAt(g, i, j);
    const b = nodeAt(g, i, j + 1);
    cameras.push(camera(g, n++, a, b, 0.5, 'midblock'));
    cameras.push(camera(g, n++, b, a, 0.5, 'midblock'));
  }

  const liveViewCameras = Array.from({ length: settings.liveViewCameras }, (_, k) => {
    const node = g.nodes[rng.int(0, g.nodes.length - 1)];
    return { id: `video-${k + 1}`, name: `Live view ${g.colNames[node.i]} & ${g.rowNames[node.j]}`, location: node.location };
  });

  const beats: Beat[] = [];
  for (let bj = 0; bj < settings.beatRows; bj++) {
    for (let bi = 0; bi < settings.beatCols; bi++) {
      const i0 = Math.floor((bi * cols) / settings.beatCols);
      const i1 = Math.floor(((bi + 1) * cols) / settings.beatCols) - 1;
      const j0 = Math.floor((bj * rows) / settings.beatRows);
      const j1 = Math.floor(((bj + 1) * rows) / settings.beatRows) - 1;
      const c = (i: number, j: number) => nodeAt(g, i, j).location;
      beats.push({ id: `B${beats.length + 1}`, i0, i1, j0, j1, polygon: [c(i0, j0), c(i1, j0), c(i1, j1), c(i0, j1), c(i0, j0)] });
    }
  }
  const units: PatrolUnit[] = beats.map((b, k) => ({ id: `unit-${k + 1}`, callSign: `${k + 1}A${k + 11}`, beat: b.id, mobileLpr: k < settings.mobileLprUnits }));
  const vehicles = buildFleet(createRng(seed, 'fleet'), settings.fleet, g.nodes.length);
  return { seed, settings, streets: g, cameras, liveViewCameras, beats, units, vehicles };
}
