/**
 * The vehicles of the city: a plate, a description, a home and a daily pattern. A few are stolen
 * or wanted (the simulator puts those on hotlists through the API), and a few follow another
 * vehicle (co-travel, for the analysis a later issue adds).
 */
import type { Rng } from './random.ts';
import { generatePlate, PLATE_STATES } from './plates.ts';

/** How a vehicle spends its days. */
export type VehicleRole = 'commuter' | 'errands' | 'joyride';

/** One simulated vehicle. */
export interface SimVehicle {
  id: number;
  plate: string;
  state: string;
  make: string;
  model: string;
  color: string;
  bodyType: string;
  year: number;
  home: number;
  work?: number;
  role: VehicleRole;
  flag?: 'stolen' | 'wanted';
  /** Drives every trip of this vehicle, `followLagS` seconds behind it. */
  follows?: number;
  followLagS?: number;
}

/** Fleet size and mix. */
export interface FleetSettings {
  vehicles: number;
  /** Share of plates issued by the city's own state; the rest come from the other formats. */
  homeStateShare: number;
  homeState: string;
  commuterShare: number;
  stolenRate: number;
  wantedRate: number;
  /** Share of vehicles that travel with another one. */
  pairRate: number;
}

const MODELS: readonly [string, string, string][] = [
  ['ford', 'f-150', 'pickup-fullsize'], ['ford', 'focus', 'sedan-compact'], ['ford', 'explorer', 'suv-standard'],
  ['chevrolet', 'silverado', 'pickup-fullsize'], ['chevrolet', 'malibu', 'sedan-standard'], ['chevrolet', 'equinox', 'suv-crossover'],
  ['toyota', 'camry', 'sedan-standard'], ['toyota', 'corolla', 'sedan-compact'], ['toyota', 'rav4', 'suv-crossover'], ['toyota', 'tacoma', 'pickup-midsize'],
  ['honda', 'civic', 'sedan-compact'], ['honda', 'accord', 'sedan-standard'], ['honda', 'cr-v', 'suv-crossover'],
  ['nissan', 'altima', 'sedan-standard'], ['nissan', 'rogue', 'suv-crossover'], ['ram', '1500', 'pickup-fullsize'],
  ['jeep', 'grand-cherokee', 'suv-standard'], ['hyundai', 'elantra', 'sedan-compact'], ['kia', 'sorento', 'suv-standard'], ['gmc', 'sierra', 'pickup-fullsize'],
];
const COLORS: readonly string[] = ['white', 'white', 'white', 'black', 'black', 'silver-gray', 'silver-gray', 'silver-gray', 'blue', 'red', 'red', 'brown', 'green', 'gold'];

/**
 * Issues the fleet. Plates are unique across the city (a duplicate would make ground truth
 * ambiguous), and a follower is never itself followed, so pairs stay pairs.
 */
export function buildFleet(rng: Rng, s: FleetSettings, nodeCount: number): SimVehicle[] {
  const taken = new Set<string>();
  const others = PLATE_STATES.filter((st) => st !== s.homeState);
  const vehicles: SimVehicle[] = [];
  for (let id = 0; id < s.vehicles; id++) {
    const state = rng.chance(s.homeStateShare) || others.length === 0 ? s.homeState : rng.pick(others);
    let plate = generatePlate(rng, state);
    while (taken.has(`${state}:${plate}`)) plate = generatePlate(rng, state);
    taken.add(`${state}:${plate}`);
    const [make, model, bodyType] = rng.pick(MODELS);
    const v: SimVehicle = {
      id,
      plate,
      state,
      make,
      model,
      bodyType,
      color: rng.pick(COLORS),
      year: rng.int(2005, 2026),
      home: rng.int(0, nodeCount - 1),
      role: rng.chance(s.commuterShare) ? 'commuter' : 'errands',
    };
    if (v.role === 'commuter') v.work = rng.int(0, nodeCount - 1);
    const r = rng.next();
    if (r < s.stolenRate) {
      v.flag = 'stolen';
      v.role = 'joyride';
      delete v.work;
    } else if (r < s.stolenRate + s.wantedRate) v.flag = 'wanted';
    vehicles.push(v);
  }
  const pairs = Math.round(s.vehicles * s.pairRate);
  for (let k = 0; k < pairs && s.vehicles >= 2; k++) {
    const follower = vehicles[rng.int(0, s.vehicles - 1)];
    const leader = vehicles[rng.int(0, s.vehicles - 1)];
    if (follower === leader || follower.follows !== undefined || leader.follows !== undefined || vehicles.some((v) => v.follows === follower.id)) continue;
    follower.follows = leader.id;
    follower.followLagS = rng.int(4, 45);
    follower.home = leader.home;
  }
  return vehicles;
}
