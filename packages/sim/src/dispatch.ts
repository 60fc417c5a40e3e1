/**
 * One shift of the city's dispatch: the calls received, the units sent (the closest free one, a
 * backup for emergencies, queued by priority when every unit is busy), their drives along the
 * streets, time on scene and return to patrol, and the acoustic gunshot alerts that come before
 * some shots-fired calls. Two 12-hour shifts a day (A 06:00–18:00, B 18:00–06:00, local), each
 * with its own call signs, so a shift is computed on its own and every unit's track is continuous:
 * it leaves the station at the start, patrols its beat, and drives back to the station at the end.
 */
import type { City, PatrolUnit } from './city.ts';
import { drawCalls, type CallSettings, type SimCall } from './calls.ts';
import { Itinerary, type Leg, type Pace } from './itinerary.ts';
import { createRng, type Rng } from './random.ts';
import { nodeAt, type StreetNode } from './streets.ts';
import { localDay } from './time.ts';

export const SHIFT_HOURS = [6, 18] as const;

/** A unit on a shift: the city's unit under the shift's call sign (`1A11` by day, `1B11` by night). */
export interface ShiftUnit {
  callSign: string;
  unit: PatrolUnit;
  onDutyAt: number;
  offDutyAt: number;
  legs: Leg[];
}

/** One unit's part in an incident. */
export interface Assignment {
  callSign: string;
  dispatchedAt: number;
  enrouteAt: number;
  onSceneAt: number;
  clearedAt: number;
  backup: boolean;
}

/** A call and what dispatch did with it, from the call to the disposition. */
export interface SimIncident {
  call: SimCall;
  /** `urn:emergency:uid:incidentid:…`, the EIDO `$id` every update carries. */
  incidentId: string;
  /** The CAD's incident number, as officers say it (`26-000123`). */
  number: string;
  /** When the call-taker created the incident in the CAD (the first EIDO). */
  createdAt: number;
  assignments: Assignment[];
  closedAt: number;
  disposition: string;
  gunshot?: SimGunshot;
}

/** An acoustic sensor alert, first as detected, then once the vendor's reviewer listened to it. */
export interface SimGunshot {
  id: string;
  detectedAt: number;
  reviewedAt: number;
  location: [number, number];
  rounds: number;
  confidence: number;
  sensorCount: number;
  address: string;
}

export interface Shift {
  key: string;
  start: number;
  end: number;
  units: ShiftUnit[];
  incidents: SimIncident[];
  /** The last instant anything of this shift happens (a late call cleared, the last car home). */
  lastAt: number;
}

const MIN = 60_000;
const hexOf = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** The station every shift starts and ends at: the arterial crossing nearest the city's centre. */
export function stationOf(city: City): StreetNode {
  const { cols, rows, arterialEvery } = city.streets.settings;
  const near = (k: number, max: number) => Math.min(max - 1, Math.round(k / arterialEvery) * arterialEvery);
  return nodeAt(city.streets, near(cols / 2, cols), near(rows / 2, rows));
}

/** The shift call sign of a city unit: the city's (`1A11`) by day, with `B` by night. */
export function shiftCallSign(unit: PatrolUnit, shift: 'A' | 'B'): string {
  return unit.callSign.replace(/^(\d+)A/, `$1${shift}`);
}

/** The shifts that start in local day `dayMs`: their keys and windows. */
export function shiftsOfDay(city: City, dayMs: number): { key: string; letter: 'A' | 'B'; start: number; end: number }[] {
  const d = localDay(city.settings.timeZone, dayMs);
  const next = localDay(city.settings.timeZone, d.start + 30 * 3_600_000).start;
  return [
    { key: `${d.key}A`, letter: 'A' as const, start: d.start + SHIFT_HOURS[0] * 3_600_000, end: d.start + SHIFT_HOURS[1] * 3_600_000 },
    { key: `${d.key}B`, letter: 'B' as const, start: d.start + SHIFT_HOURS[1] * 3_600_000, end: next + SHIFT_HOURS[0] * 3_600_000 },
  ];
}

interface UnitState {
  s: ShiftUnit;
  it: Itinerary;
  rng: Rng;
  busyUntil: number;
}

/** Seconds → ms between `lo` and `hi` seconds. */
const secs = (rng: Rng, lo: number, hi: number) => rng.int(lo, hi) * 1000;

/** Simulates one shift. Pure: the same city, settings and window give the same shift. */
export function simulateShift(city: City, settings: CallSettings, w: { key: string; letter: 'A' | 'B'; start: number; end: number }): Shift {
  const g = city.streets;
  const station = stationOf(city);
  const tz = city.settings.timeZone;
  const rng = createRng(city.seed, `dispatch:${w.key}`);
  const calls = drawCalls(city, settings, createRng(city.seed, `calls:${w.key}`), w.key, w.start, w.end, (ms) => localDay(tz, ms));
  const units: UnitState[] = city.units.map((unit, k) => {
    const urng = createRng(city.seed, `patrol:${w.key}:${unit.id}`);
    const onDutyAt = w.start + k * 2 * MIN + secs(urng, 0, 90);
    const s: ShiftUnit = { callSign: shiftCallSign(unit, w.letter), unit, onDutyAt, offDutyAt: 0, legs: [] };
    return { s, it: new Itinerary(g, station, onDutyAt), rng: urng, busyUntil: onDutyAt };
  });
  const beatOf = new Map(city.beats.map((b) => [b.id, b]));
  const incidents: SimIncident[] = [];
  const year = localDay(tz, w.start).key.slice(2, 4);

  // the dispatcher reads a call, then sends units: higher priority first, then the oldest
  const ready = calls.map((call, k) => {
    const createdAt = call.receivedAt + secs(rng, 25, 100);
    const delay = call.priority === 1 ? secs(rng, 10, 40) : call.priority === 2 ? secs(rng, 30, 150) : secs(rng, 60, 480);
    const incident: SimIncident = {
      call,
      incidentId: `urn:emergency:uid:incidentid:${hexOf(createRng(city.seed, `incident:${call.id}`).int(0, 2 ** 32 - 1))}${String(k + 1).padStart(4, '0')}:cad.bosque-city.example`,
      number: `${year}-${w.key.slice(5, 7)}${w.key.slice(8, 10)}${w.letter}${String(k + 1).padStart(3, '0')}`,
      createdAt,
      assignments: [],
      closedAt: 0,
      disposition: '',
    };
    if (call.type.code === 'SHOTS' && rng.chance(settings.gunshotDetectionRate)) incident.gunshot = gunshotFor(city, call, k, createRng(city.seed, `gunshot:${call.id}`));
    incidents.push(incident);
    return { incident, at: createdAt + delay };
  });

  const queue: typeof ready = [];
  let i = 0;
  for (;;) {
    const tCall = i < ready.length ? ready[i].at : Infinity;
    const tFree = queue.length > 0 ? Math.min(...units.map((u) => u.busyUntil)) : Infinity;
    if (tCall === Infinity && tFree === Infinity) break;
    const t = Math.min(tCall, tFree);
    while (i < ready.length && ready[i].at <= t) queue.push(ready[i++]);
    queue.sort((a, b) => a.incident.call.priority - b.incident.call.priority || a.at - b.at);
    while (queue.length > 0) {
      const free = units.filter((u) => u.busyUntil <= t);
      if (free.length === 0) break;
      const { incident } = queue.shift()!;
      const n = incident.call.priority === 1 ? 2 : 1;
      const place = incident.call.place;
      const byDistance = free
        .map((u) => {
          u.it.patrol(u.rng, beatOf.get(u.s.unit.beat)!, t);
          u.it.cut(t);
          const d = Math.abs(u.it.point[0] - place.location[0]) * Math.cos((place.location[1] * Math.PI) / 180) + Math.abs(u.it.point[1] - place.location[1]);
          return { u, d: u.s.unit.beat === place.beat ? d * 0.6 : d };
        })
        .sort((a, b) => a.d - b.d);
      for (const [k, { u }] of byDistance.slice(0, n).entries()) assign(u, incident, t, k > 0, rng);
    }
  }

  for (const inc of incidents) {
    inc.closedAt = Math.max(...inc.assignments.map((a) => a.clearedAt));
    const d = inc.call.type.dispositions;
    inc.disposition = inc.gunshot && rng.chance(0.6) ? 'Evidence Collected' : d[rng.next() < 0.55 ? 0 : rng.int(0, d.length - 1)];
  }
  let lastAt = w.end;
  for (const u of units) {
    // patrol until the shift ends (or the last call clears), then back to the station, phone off
    const endAt = Math.max(w.end, u.busyUntil);
    u.it.patrol(u.rng, beatOf.get(u.s.unit.beat)!, endAt);
    u.it.cut(endAt);
    u.it.driveTo(u.rng, station, 'patrol');
    u.s.offDutyAt = u.it.t;
    u.s.legs = u.it.legs;
    lastAt = Math.max(lastAt, u.it.t);
  }
  for (const inc of incidents) lastAt = Math.max(lastAt, inc.closedAt);
  return { key: w.key, start: w.start, end: w.end, units: units.map((u) => u.s), incidents, lastAt };
}

function assign(u: UnitState, incident: SimIncident, t: number, backup: boolean, rng: Rng): void {
  const it = u.it;
  const enrouteAt = t + secs(u.rng, 8, 45);
  it.wait(enrouteAt);
  const pace: Pace = incident.call.priority === 1 ? 'emergency' : 'response';
  it.driveToPlace(u.rng, incident.call.place, pace);
  const onSceneAt = it.t;
  const median = incident.call.type.onSceneMin * (backup ? 0.6 : 1);
  const stay = Math.round(Math.min(4, Math.max(0.25, Math.exp(rng.normal(0, 0.45)))) * median * MIN / 1000) * 1000;
  it.wait(onSceneAt + stay);
  u.busyUntil = it.t;
  incident.assignments.push({ callSign: u.s.callSign, dispatchedAt: t, enrouteAt, onSceneAt, clearedAt: it.t, backup });
}

function gunshotFor(city: City, call: SimCall, k: number, rng: Rng): SimGunshot {
  // the sensors locate the shots within some tens of metres of where the caller puts them
  const r = 8 + rng.next() * 40;
  const a = rng.next() * 2 * Math.PI;
  const lat = call.place.location[1] + (r * Math.sin(a)) / 111_320;
  const lon = call.place.location[0] + (r * Math.cos(a)) / (111_320 * Math.cos((call.place.location[1] * Math.PI) / 180));
  const detectedAt = call.receivedAt - secs(rng, 20, 150) - rng.int(0, 999);
  const rounds = rng.chance(0.2) ? 1 : rng.int(2, 9);
  return {
    id: `BCA-${hexOf(createRng(city.seed, `gunshot-id:${call.id}`).int(0, 2 ** 32 - 1)).toUpperCase()}-${k + 1}`,
    detectedAt,
    reviewedAt: detectedAt + secs(rng, 40, 110),
    location: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6],
    rounds,
    confidence: Math.round((0.72 + rng.next() * 0.27) * 100) / 100,
    sensorCount: rng.int(3, 9),
    address: `${call.place.houseNumber} ${call.place.street}`,
  };
}
