/**
 * Where a patrol car is at every instant of a shift: a chain of legs along the city's blocks
 * (or standing still), extended as the shift unfolds: patrol of the beat, a drive to a call,
 * time on scene, the drive back. Every leg runs along one street, so a car never cuts a corner.
 */
import type { Beat } from './city.ts';
import type { Rng } from './random.ts';
import { nodeAt, onArterial, route, type StreetGrid, type StreetNode } from './streets.ts';

/** A stretch of a shift: from one point to another along one block, or standing (`from` = `to`). */
export interface Leg {
  t0: number;
  t1: number;
  from: [number, number];
  to: [number, number];
  /** The block it runs along (node ids, in the direction of travel); absent when standing. */
  a?: number;
  b?: number;
  /** Fraction of the block at `from` and at `to`. */
  f0?: number;
  f1?: number;
}

/** How fast cars drive, metres per second: patrolling, answering a call, with lights and siren. */
export const SPEEDS = { patrol: [7, 10], response: [10, 14], emergency: [15, 19] } as const;
export type Pace = keyof typeof SPEEDS;

const lerp = (a: [number, number], b: [number, number], f: number): [number, number] => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];

/** A car's route through its shift. `t` is the end of what is planned; the car is then at `point`. */
export class Itinerary {
  readonly legs: Leg[] = [];
  t: number;
  point: [number, number];
  /** At a node, or on block a→b at fraction f. */
  node?: StreetNode;
  edge?: { a: number; b: number; f: number };
  private prev?: StreetNode;
  private readonly g: StreetGrid;
  private readonly start: StreetNode;

  constructor(g: StreetGrid, start: StreetNode, t: number) {
    this.g = g;
    this.start = start;
    this.node = start;
    this.point = start.location;
    this.t = t;
  }

  /** Stands still until `until`. */
  wait(until: number): void {
    if (until <= this.t) return;
    this.legs.push({ t0: this.t, t1: until, from: this.point, to: this.point });
    this.t = until;
  }

  /** Drives along block a→b from fraction f0 to f1 at `mps`. */
  private drive(a: StreetNode, b: StreetNode, f0: number, f1: number, mps: number): void {
    const dur = Math.max(1000, Math.round((Math.abs(f1 - f0) * this.g.settings.blockMeters * 1000) / mps));
    const from = lerp(a.location, b.location, f0);
    const to = lerp(a.location, b.location, f1);
    this.legs.push({ t0: this.t, t1: this.t + dur, from, to, a: a.id, b: b.id, f0, f1 });
    this.t += dur;
    this.point = to;
    if (f1 === 1) {
      this.prev = a;
      this.node = b;
      this.edge = undefined;
    } else {
      this.node = undefined;
      this.edge = { a: a.id, b: b.id, f: f1 };
    }
  }

  private speed(rng: Rng, pace: Pace, a: StreetNode, b: StreetNode): number {
    const [side, arterial] = SPEEDS[pace];
    return (onArterial(this.g, a, b) ? arterial : side) * Math.min(1.3, Math.max(0.75, rng.normal(1, 0.1)));
  }

  /** Leaves a mid-block point for the end of its block ahead (a car does not turn around mid-block). */
  private toNode(rng: Rng, pace: Pace): StreetNode {
    if (this.node) return this.node;
    const e = this.edge!;
    const a = this.g.nodes[e.a];
    const b = this.g.nodes[e.b];
    this.drive(a, b, e.f, 1, this.speed(rng, pace, a, b));
    return this.node!;
  }

  /** Drives by the streets to node `to`. */
  driveTo(rng: Rng, to: StreetNode, pace: Pace): void {
    const path = route(this.g, this.toNode(rng, pace), to);
    for (let k = 1; k < path.length; k++) this.drive(path[k - 1], path[k], 0, 1, this.speed(rng, pace, path[k - 1], path[k]));
  }

  /** Drives to a point `f` along block a→b: to the nearer end, then along the block. */
  driveToPlace(rng: Rng, place: { a: number; b: number; f: number }, pace: Pace): void {
    const a = this.g.nodes[place.a];
    const b = this.g.nodes[place.b];
    const from = this.node ?? this.g.nodes[this.edge!.b];
    const viaA = Math.abs(from.i - a.i) + Math.abs(from.j - a.j) <= Math.abs(from.i - b.i) + Math.abs(from.j - b.j);
    this.driveTo(rng, viaA ? a : b, pace);
    if (viaA) this.drive(a, b, 0, place.f, this.speed(rng, pace, a, b));
    else this.drive(b, a, 0, 1 - place.f, this.speed(rng, pace, b, a));
  }

  /**
   * Patrols `beat` until at least `until`: back into the beat if outside it, then a random walk
   * block by block, with a stop now and then (a traffic stop, a report, a coffee).
   */
  patrol(rng: Rng, beat: Beat, until: number): void {
    while (this.t < until) {
      const here = this.toNode(rng, 'patrol');
      if (here.i < beat.i0 || here.i > beat.i1 || here.j < beat.j0 || here.j > beat.j1) {
        this.driveTo(rng, nodeAt(this.g, Math.min(beat.i1, Math.max(beat.i0, here.i)), Math.min(beat.j1, Math.max(beat.j0, here.j))), 'patrol');
        continue;
      }
      const next = [[1, 0], [-1, 0], [0, 1], [0, -1]]
        .map(([di, dj]) => [here.i + di, here.j + dj])
        .filter(([i, j]) => i >= beat.i0 && i <= beat.i1 && j >= beat.j0 && j <= beat.j1)
        .map(([i, j]) => nodeAt(this.g, i, j))
        .filter((n) => n.id !== this.prev?.id);
      const to = next.length > 0 ? rng.pick(next) : this.prev!;
      this.drive(here, to, 0, 1, this.speed(rng, 'patrol', here, to));
      if (rng.chance(0.02)) this.wait(this.t + rng.int(5, 20) * 60_000);
    }
  }

  /** Drops what was planned after `t` (the car was sent elsewhere), ending mid-block if need be. */
  cut(t: number): void {
    if (t >= this.t) return;
    while (this.legs.length > 0 && this.legs[this.legs.length - 1].t0 >= t) this.legs.pop();
    const last = this.legs.pop();
    if (!last) throw new Error('cannot cut before the start of a shift');
    const f = (t - last.t0) / (last.t1 - last.t0);
    const to = lerp(last.from, last.to, f);
    this.legs.push(last.a === undefined ? { ...last, t1: t, to } : { ...last, t1: t, to, f1: last.f0! + (last.f1! - last.f0!) * f });
    this.point = to;
    this.t = t;
    // where the car is on the network: after the last block it drove (or where the shift began)
    const drove = this.legs.findLast((l) => l.a !== undefined);
    this.node = drove ? (drove.f1! >= 1 ? this.g.nodes[drove.b!] : undefined) : this.start;
    this.edge = drove && drove.f1! < 1 ? { a: drove.a!, b: drove.b!, f: drove.f1! } : undefined;
    this.prev = drove && drove.f1! >= 1 ? this.g.nodes[drove.a!] : undefined;
  }
}

/** Position, speed (m/s) and heading of a car at `t` from its legs (`k` is a search hint, returned). */
export function positionAt(legs: Leg[], t: number, k = 0): { k: number; location: [number, number]; speedMps: number; heading: number } | undefined {
  while (k < legs.length && legs[k].t1 <= t) k++;
  if (k >= legs.length || legs[k].t0 > t) return undefined;
  const l = legs[k];
  const f = (t - l.t0) / (l.t1 - l.t0);
  const location = lerp(l.from, l.to, f);
  const dx = l.to[0] - l.from[0];
  const dy = l.to[1] - l.from[1];
  if (dx === 0 && dy === 0) {
    let h = 0;
    for (let p = k - 1; p >= 0; p--) if (legs[p].a !== undefined) { h = headingOf(legs[p]); break; }
    return { k, location, speedMps: 0, heading: h };
  }
  return { k, location, speedMps: (Math.hypot(dx * Math.cos((l.from[1] * Math.PI) / 180), dy) * 111_320 * 1000) / (l.t1 - l.t0), heading: headingOf(l) };
}

function headingOf(l: Leg): number {
  const dx = l.to[0] - l.from[0];
  const dy = l.to[1] - l.from[1];
  if (Math.abs(dy) >= Math.abs(dx)) return dy >= 0 ? 0 : 180;
  return dx > 0 ? 90 : 270;
}
