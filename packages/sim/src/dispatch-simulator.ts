/**
 * The dispatch side of the city as an event stream, asked for by time window like the reads:
 * EIDO updates from the CAD, positions from the units' phones, gunshot alerts. Shifts are
 * computed whole and cached, so a window of ten seconds and one of an hour give the same events.
 */
import type { City } from './city.ts';
import { DEFAULT_CALLS, type CallSettings } from './calls.ts';
import { eidoTimes, gunshotAlert, incidentEido, incidentStatusAt, osmandQuery } from './dispatch-payloads.ts';
import { shiftsOfDay, simulateShift, type Shift, type SimIncident } from './dispatch.ts';
import { positionAt } from './itinerary.ts';
import { localDay } from './time.ts';

/** One thing the dispatch side sends, with the payload it is sent as. */
export type DispatchEvent =
  | { kind: 'eido'; at: number; incident: SimIncident; status: string; body: Record<string, unknown> }
  | { kind: 'position'; at: number; callSign: string; location: [number, number]; speedMps: number; query: string }
  | { kind: 'gunshot'; at: number; incident: SimIncident; reviewed: boolean; body: Record<string, unknown> };

export interface DispatchOptions {
  calls?: Partial<CallSettings>;
  /** Seconds between two positions from a phone (Traccar Client's "frequency"). */
  positionEveryS?: number;
}

const ORDER = { gunshot: 0, eido: 1, position: 2 } as const;

/** Produces the dispatch events of a city, window by window. */
export class DispatchSimulator {
  readonly city: City;
  readonly calls: CallSettings;
  readonly positionEveryMs: number;
  private readonly shifts = new Map<string, Shift>();

  constructor(city: City, o: DispatchOptions = {}) {
    this.city = city;
    this.calls = { ...DEFAULT_CALLS, ...o.calls };
    this.positionEveryMs = (o.positionEveryS ?? 15) * 1000;
  }

  /** Every shift with something in `[from, to)`: the shifts starting the day before to the day `to` is in. */
  shiftsBetween(from: number, to: number): Shift[] {
    const tz = this.city.settings.timeZone;
    const out: Shift[] = [];
    for (let d = localDay(tz, from - 36 * 3_600_000).start; d < to; d = localDay(tz, d + 30 * 3_600_000).start) {
      for (const w of shiftsOfDay(this.city, d)) {
        // a gunshot can come a few minutes before the call that opens a shift's first incident
        if (w.start - 10 * 60_000 >= to || w.end + 24 * 3_600_000 <= from) continue;
        const s = this.shift(w);
        if (s.lastAt >= from) out.push(s);
      }
    }
    return out;
  }

  private shift(w: ReturnType<typeof shiftsOfDay>[number]): Shift {
    let s = this.shifts.get(w.key);
    if (!s) {
      s = simulateShift(this.city, this.calls, w);
      this.shifts.set(w.key, s);
      if (this.shifts.size > 6) this.shifts.delete(this.shifts.keys().next().value!);
    }
    return s;
  }

  /**
   * The events with `from <= at < to`, in time order; `kinds` leaves out what the server does not take.
   * @example sim.eventsBetween(t, t + 60_000).filter((e) => e.kind === 'eido')
   */
  eventsBetween(from: number, to: number, kinds: { eido?: boolean; position?: boolean; gunshot?: boolean } = { eido: true, position: true, gunshot: true }): DispatchEvent[] {
    const out: DispatchEvent[] = [];
    if (!(to > from)) return out;
    const inWindow = (t: number) => t >= from && t < to;
    for (const s of this.shiftsBetween(from, to)) {
      for (const inc of s.incidents) {
        if (kinds.eido && inc.createdAt < to && inc.closedAt >= from) {
          for (const t of eidoTimes(inc)) if (inWindow(t)) out.push({ kind: 'eido', at: t, incident: inc, status: incidentStatusAt(inc, t), body: incidentEido(this.city, inc, t) });
        }
        if (kinds.gunshot && inc.gunshot) {
          const g = inc.gunshot;
          if (inWindow(g.detectedAt)) out.push({ kind: 'gunshot', at: g.detectedAt, incident: inc, reviewed: false, body: gunshotAlert(g, false) });
          if (inWindow(g.reviewedAt)) out.push({ kind: 'gunshot', at: g.reviewedAt, incident: inc, reviewed: true, body: gunshotAlert(g, true) });
        }
      }
      if (kinds.position) {
        for (const u of s.units) {
          const every = this.positionEveryMs;
          const first = Math.max(u.onDutyAt, from);
          // the phone's fixes fall on a grid from when it was switched on, whatever the window
          let t = u.onDutyAt + Math.ceil((first - u.onDutyAt) / every) * every;
          let k = 0;
          for (; t < to && t <= u.offDutyAt; t += every) {
            const p = positionAt(u.legs, Math.min(t, u.offDutyAt - 1), k);
            if (!p) break;
            k = p.k;
            const battery = Math.round(96 - (30 * (t - u.onDutyAt)) / (12 * 3_600_000));
            out.push({ kind: 'position', at: t, callSign: u.callSign, location: p.location, speedMps: p.speedMps, query: osmandQuery({ callSign: u.callSign, at: t, location: p.location, speedMps: p.speedMps, heading: p.heading, battery }) });
          }
        }
      }
    }
    return out.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind] || key(a).localeCompare(key(b)));
  }
}

function key(e: DispatchEvent): string {
  return e.kind === 'position' ? e.callSign : e.incident.incidentId + (e.kind === 'gunshot' && e.reviewed ? '/r' : '');
}
