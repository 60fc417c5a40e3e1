/**
 * One local day of traffic: every vehicle's trips with their daily rhythm, the fixed cameras they
 * pass, where they are parked, and what the mobile LPR units drive by. Each vehicle and unit draws
 * from its own seeded stream (`seed`/`vehicle:<id>:<day>`), so a day is the same however it is
 * sliced into ticks and whichever day was computed before it.
 */
import type { City } from './city.ts';
import { createRng, type Rng } from './random.ts';
import { onArterial, route, nodeAt, type StreetNode } from './streets.ts';
import type { SimVehicle } from './vehicles.ts';

/** A vehicle driving past a fixed camera. */
export interface CameraPass {
  at: number;
  vehicleId: number;
  cameraNumber: number;
  travelDirection: number;
}

/** A mobile unit driving past a parked vehicle. */
export interface MobileSighting {
  at: number;
  vehicleId: number;
  unitId: string;
  location: [number, number];
}

/** A day of traffic, both lists sorted by time. */
export interface DayTraffic {
  key: string;
  start: number;
  passes: CameraPass[];
  sightings: MobileSighting[];
}

interface Leg {
  departS: number;
  to: number;
}
interface Parked {
  vehicleId: number;
  node: number;
  from: number;
  to: number;
}

const DAY_S = 86_400;
const hours = (h: number) => h * 3600;
const clampS = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The trips a vehicle sets out on, as (planned departure, destination); the last one leads home. */
function plan(v: SimVehicle, rng: Rng, weekday: number, nodeCount: number): Leg[] {
  const anyNode = () => rng.int(0, nodeCount - 1);
  const out: Leg[] = [];
  const roundTrip = (departS: number) => {
    out.push({ departS, to: anyNode() });
    out.push({ departS: departS + rng.int(1200, 7200), to: v.home });
  };
  const workday = weekday >= 1 && weekday <= 5;
  if (v.role === 'commuter' && v.work !== undefined && workday) {
    out.push({ departS: clampS(rng.normal(hours(7.6), hours(0.6)), hours(5), hours(11)), to: v.work });
    out.push({ departS: clampS(rng.normal(hours(17.1), hours(0.7)), hours(14), hours(21)), to: v.home });
    if (rng.chance(0.35)) roundTrip(clampS(rng.normal(hours(19.5), hours(1)), hours(17.5), hours(23)));
  } else if (v.role === 'joyride') {
    // a stolen car is driven a lot, at all hours, and left somewhere else each time
    const n = rng.int(4, 7);
    const times = Array.from({ length: n }, () => rng.int(hours(6), hours(23.5))).sort((a, b) => a - b);
    for (const t of times) out.push({ departS: t, to: anyNode() });
    out.push({ departS: hours(23.7), to: v.home });
  } else {
    const n = rng.int(0, 3);
    const times = Array.from({ length: n }, () => rng.int(hours(8.5), hours(20))).sort((a, b) => a - b);
    for (const t of times) roundTrip(t);
  }
  return out;
}

/** Drives one vehicle's day; appends its camera passes and parked intervals. */
function drive(city: City, v: SimVehicle, rng: Rng, weekday: number, dayStart: number, passes: CameraPass[], parked: Parked[]): void {
  const g = city.streets;
  const camsByEdge = edgeCameras(city);
  const block = g.settings.blockMeters;
  let at: StreetNode = g.nodes[v.home];
  let freeS = 0;
  for (const leg of plan(v, rng, weekday, g.nodes.length)) {
    let t = Math.max(leg.departS, freeS + 60);
    if (t >= DAY_S) break;
    parked.push({ vehicleId: v.id, node: at.id, from: dayStart + freeS * 1000, to: dayStart + t * 1000 });
    const path = route(g, at, g.nodes[leg.to]);
    for (let k = 1; k < path.length; k++) {
      const a = path[k - 1];
      const b = path[k];
      const arterial = onArterial(g, a, b);
      const durS = (block / (arterial ? 15.6 : 11)) * clampS(rng.normal(1, 0.12), 0.7, 1.6);
      for (const cam of camsByEdge.get(`${a.id}>${b.id}`) ?? []) {
        passes.push({ at: Math.round(dayStart + (t + durS * cam.along) * 1000), vehicleId: v.id, cameraNumber: cam.cameraNumber, travelDirection: cam.travelDirection });
      }
      t += durS;
      if (arterial && rng.chance(0.35)) t += rng.int(5, 50); // a red light
    }
    at = path[path.length - 1];
    freeS = t;
  }
  parked.push({ vehicleId: v.id, node: at.id, from: dayStart + Math.min(freeS, DAY_S) * 1000, to: dayStart + DAY_S * 1000 });
}

const edgeIndex = new WeakMap<City, Map<string, City['cameras']>>();
function edgeCameras(city: City): Map<string, City['cameras']> {
  let m = edgeIndex.get(city);
  if (!m) {
    m = new Map();
    for (const c of city.cameras) m.set(`${c.fromNode}>${c.toNode}`, [...(m.get(`${c.fromNode}>${c.toNode}`) ?? []), c]);
    edgeIndex.set(city, m);
  }
  return m;
}

/** A mobile unit's random patrol of its beat, reading some of the parked cars it drives past. */
function patrol(city: City, unitId: string, rng: Rng, dayStart: number, parkedByNode: Map<number, Parked[]>, out: MobileSighting[]): void {
  const g = city.streets;
  const unit = city.units.find((u) => u.id === unitId)!;
  const beat = city.beats.find((b) => b.id === unit.beat)!;
  let cur = nodeAt(g, Math.floor((beat.i0 + beat.i1) / 2), Math.floor((beat.j0 + beat.j1) / 2));
  let prev = cur;
  let t = 0;
  while (t < DAY_S) {
    const next = [[1, 0], [-1, 0], [0, 1], [0, -1]]
      .map(([di, dj]) => [cur.i + di, cur.j + dj])
      .filter(([i, j]) => i >= beat.i0 && i <= beat.i1 && j >= beat.j0 && j <= beat.j1)
      .map(([i, j]) => nodeAt(g, i, j))
      .filter((n) => n.id !== prev.id);
    if (next.length === 0) next.push(prev);
    prev = cur;
    cur = rng.pick(next);
    t += (g.settings.blockMeters / 9) * clampS(rng.normal(1, 0.15), 0.7, 1.5);
    const now = dayStart + t * 1000;
    for (const p of parkedByNode.get(cur.id) ?? []) {
      if (p.from <= now && now < p.to && rng.chance(0.12)) {
        const jitter = () => Math.round(rng.normal(0, 0.00004) * 1e6) / 1e6;
        out.push({ at: Math.round(now + rng.int(0, 4000)), vehicleId: p.vehicleId, unitId, location: [cur.location[0] + jitter(), cur.location[1] + jitter()] });
      }
    }
    if (rng.chance(0.02)) t += rng.int(600, 2400); // a stop: a call, a report, a break
  }
}

/**
 * Simulates one local day of `city`. Passes at one camera in the same millisecond are spread
 * one millisecond apart, because the OpenALPR frame ids the driver derives must be unique.
 */
export function simulateDay(city: City, day: { key: string; start: number; weekday: number }): DayTraffic {
  const passes: CameraPass[] = [];
  const parked: Parked[] = [];
  const byId = new Map<number, { passes: CameraPass[]; parked: Parked[] }>();
  for (const v of city.vehicles) {
    if (v.follows !== undefined) continue;
    const own = { passes: [] as CameraPass[], parked: [] as Parked[] };
    drive(city, v, createRng(city.seed, `vehicle:${v.id}:${day.key}`), day.weekday, day.start, own.passes, own.parked);
    byId.set(v.id, own);
  }
  for (const v of city.vehicles) {
    const leader = v.follows === undefined ? undefined : byId.get(v.follows);
    if (leader) {
      // a follower drives the leader's trips a little behind, so it passes the same cameras
      const lag = (v.followLagS ?? 10) * 1000;
      byId.set(v.id, {
        passes: leader.passes.map((p) => ({ ...p, at: p.at + lag, vehicleId: v.id })),
        parked: leader.parked.map((p) => ({ ...p, vehicleId: v.id, from: p.from + lag, to: p.to + lag })),
      });
    }
  }
  for (const own of byId.values()) {
    passes.push(...own.passes);
    parked.push(...own.parked);
  }
  passes.sort((a, b) => a.at - b.at || a.cameraNumber - b.cameraNumber || a.vehicleId - b.vehicleId);
  const lastAt = new Map<number, number>();
  for (const p of passes) {
    const last = lastAt.get(p.cameraNumber);
    if (last !== undefined && p.at <= last) p.at = last + 1;
    lastAt.set(p.cameraNumber, p.at);
  }
  passes.sort((a, b) => a.at - b.at || a.cameraNumber - b.cameraNumber);

  const parkedByNode = new Map<number, Parked[]>();
  for (const p of parked) {
    const list = parkedByNode.get(p.node);
    if (list) list.push(p);
    else parkedByNode.set(p.node, [p]);
  }
  const sightings: MobileSighting[] = [];
  for (const u of city.units) if (u.mobileLpr) patrol(city, u.id, createRng(city.seed, `unit:${u.id}:${day.key}`), day.start, parkedByNode, sightings);
  sightings.sort((a, b) => a.at - b.at || a.unitId.localeCompare(b.unitId) || a.vehicleId - b.vehicleId);
  return { key: day.key, start: day.start, passes, sightings };
}
