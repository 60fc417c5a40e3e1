/**
 * A city big enough for a benchmark's cameras: the default city's streets and placement rules,
 * on a grid grown until its inner arterial intersections can hold the cameras asked for. The
 * cameras are the city's own (`buildCity` places them), numbered 1… in placement order.
 */
import { buildCity, DEFAULT_CITY, type City, type CitySettings, type SimCamera } from './city.ts';

/** Share of camera pairs at arterial intersections; the rest are mid-block pairs on arterial avenues. */
const INTERSECTION_SHARE = 0.8;

/** A fixed camera of the bulk data set; `id` is the value the read columns carry. */
export interface BulkCamera {
  id: number;
  /** The simulator's camera number (its OpenALPR `camera_id`). */
  cameraNumber: number;
  name: string;
  lon: number;
  lat: number;
  heading: number;
  placement: SimCamera['placement'];
}

/**
 * City settings for `cameras` fixed cameras: 80 % of the pairs at arterial intersections, 20 %
 * mid-block, on a square grid with twice as many inner arterial intersections as camera
 * intersections (placement picks intersections at random and skips repeats).
 * `grow` adds arterials per side, for the rare seed whose picks fall short.
 */
export function bulkCitySettings(cameras: number, grow = 0): CitySettings {
  if (!Number.isInteger(cameras) || cameras < 1) throw new RangeError(`cameras must be a positive integer, got ${cameras}`);
  const pairs = Math.ceil(cameras / 2);
  const intersections = Math.max(1, Math.round(pairs * INTERSECTION_SHARE));
  const every = DEFAULT_CITY.streets.arterialEvery;
  // inner arterials per side: the grid's edges are arterials too, but placement leaves them out
  const inner = Math.max(2, Math.ceil(Math.sqrt(2 * intersections))) + grow;
  const side = every * (inner + 1) + 1;
  return {
    ...DEFAULT_CITY,
    streets: { ...DEFAULT_CITY.streets, cols: side, rows: side },
    fleet: { ...DEFAULT_CITY.fleet, vehicles: 0 },
    cameraIntersections: intersections,
    midblockPairs: pairs - intersections,
    liveViewCameras: 0,
    hotlistDecoys: 0,
  };
}

/**
 * The city for `seed` with at least `cameras` fixed cameras (no fleet: the bulk generator draws
 * its own plates), and its first `cameras` cameras.
 * @example
 * const { city, cameras } = bulkCity(7, 500); // cameras.length === 500, city.streets: 106 × 106
 */
export function bulkCity(seed: number, cameras: number): { city: City; cameras: BulkCamera[] } {
  for (let grow = 0; grow < 8; grow++) {
    const city = buildCity(seed, bulkCitySettings(cameras, grow));
    if (city.cameras.length < cameras) continue;
    const list = city.cameras.slice(0, cameras).map((c, k) => ({
      id: k + 1,
      cameraNumber: c.cameraNumber,
      name: c.name,
      lon: c.location[0],
      lat: c.location[1],
      heading: c.heading,
      placement: c.placement,
    }));
    return { city, cameras: list };
  }
  throw new Error(`could not place ${cameras} cameras for seed ${seed}`);
}
