/**
 * The event stream of a city: the day's traffic turned into camera observations (after the OCR
 * noise model), asked for by time window. A read's noise draws come from its own id, so a window
 * of ten seconds and a window of an hour give the same reads.
 */
import type { City } from './city.ts';
import { DEFAULT_NOISE, observePlate, type NoiseSettings, type Observation } from './noise.ts';
import { createRng } from './random.ts';
import { localDay } from './time.ts';
import { simulateDay, type DayTraffic } from './traffic.ts';
import type { SimVehicle } from './vehicles.ts';

/** One thing a camera saw (or missed), with the truth behind it. */
export interface SimRead {
  /** Stable across runs of the same seed: `<day>/c<camera>/<ms>` or `<day>/<unit>/<ms>/v<vehicle>`. */
  id: string;
  at: number;
  kind: 'fixed' | 'mobile';
  cameraNumber?: number;
  unitId?: string;
  location: [number, number];
  travelDirection?: number;
  vehicle: SimVehicle;
  observation: Observation;
}

/** Produces the city's reads, window by window. */
export class CitySimulator {
  readonly city: City;
  readonly noise: NoiseSettings;
  private readonly days = new Map<string, DayTraffic>();

  constructor(city: City, noise: Partial<NoiseSettings> = {}) {
    this.city = city;
    this.noise = { ...DEFAULT_NOISE, ...noise };
  }

  /** The day containing `ms`, computed once; only the last three are kept. */
  private day(ms: number): DayTraffic {
    const d = localDay(this.city.settings.timeZone, ms);
    let t = this.days.get(d.key);
    if (!t) {
      t = simulateDay(this.city, d);
      // a trip that runs past midnight belongs to the day its reads fall in, or a window that
      // starts after midnight would never see them
      const end = localDay(this.city.settings.timeZone, d.start + 36 * 3_600_000).start;
      t.passes = t.passes.filter((p) => p.at < end);
      t.sightings = t.sightings.filter((s) => s.at < end);
      this.days.set(d.key, t);
      if (this.days.size > 3) this.days.delete(this.days.keys().next().value!);
    }
    return t;
  }

  /** Every read (missed ones included, flagged) with `from <= at < to`, in time order. */
  eventsBetween(from: number, to: number): SimRead[] {
    const out: SimRead[] = [];
    if (!(to > from)) return out;
    const seen = new Set<string>();
    for (let t = from; ; ) {
      const day = this.day(t);
      if (!seen.has(day.key)) {
        seen.add(day.key);
        this.collect(day, from, to, out);
      }
      const next = localDay(this.city.settings.timeZone, day.start + 36 * 3_600_000).start;
      if (next >= to || next <= t) break;
      t = next;
    }
    return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  }

  private collect(day: DayTraffic, from: number, to: number, out: SimRead[]): void {
    const vehicles = this.city.vehicles;
    const cams = new Map(this.city.cameras.map((c) => [c.cameraNumber, c]));
    for (const p of window(day.passes, from, to)) {
      const id = `${day.key}/c${p.cameraNumber}/${p.at}`;
      const v = vehicles[p.vehicleId];
      out.push({ id, at: p.at, kind: 'fixed', cameraNumber: p.cameraNumber, location: cams.get(p.cameraNumber)!.location, travelDirection: p.travelDirection, vehicle: v, observation: this.observe(id, v) });
    }
    for (const s of window(day.sightings, from, to)) {
      const id = `${day.key}/${s.unitId}/${s.at}/v${s.vehicleId}`;
      const v = vehicles[s.vehicleId];
      out.push({ id, at: s.at, kind: 'mobile', unitId: s.unitId, location: s.location, vehicle: v, observation: this.observe(id, v) });
    }
  }

  private observe(id: string, v: SimVehicle): Observation {
    return observePlate(createRng(this.city.seed, `read:${id}`), { plate: v.plate, state: v.state }, this.noise);
  }
}

/** The items of a time-sorted list with `from <= at < to` (binary search for the start). */
function window<T extends { at: number }>(list: T[], from: number, to: number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].at < from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < list.length && list[i].at < to; i++) out.push(list[i]);
  return out;
}
