/**
 * Calls for service: what the city's residents call about, how urgent it is, when they call and
 * where from. The mix and the daily rhythm are settings (`DEFAULT_CALLS`); a shift's calls are
 * drawn from their own seeded stream, so a shift is the same whichever window asks for it.
 */
import type { City } from './city.ts';
import type { Rng } from './random.ts';
import { nodeAt, type StreetNode } from './streets.ts';

/** One kind of call, as a CAD types it: the NENA registry text, the agency's own code and text. */
export interface CallType {
  /** The agency's CAD code (`incidentTypeInternalCode`). */
  code: string;
  /** NENA incident type registry text (`incidentTypeCommonRegistryText`). */
  nena: string;
  /** The CAD's own description (`incidentTypeInternalText`). */
  text: string;
  /** Share of all calls (weights; they need not sum to 1). */
  weight: number;
  /** Chance of priority 1, 2, 3, 4 (1 is an emergency). */
  priorities: [number, number, number, number];
  /** Median minutes a unit spends on scene. */
  onSceneMin: number;
  /** Dispositions this kind of call ends with (the first is the most common). */
  dispositions: string[];
  /** What the call-taker types first. */
  note: string;
}

/** How many calls, when, and of which kinds. */
export interface CallSettings {
  /** Average calls for service in a weekday (weekends get `weekendFactor` of it). */
  callsPerDay: number;
  weekendFactor: number;
  /** Relative call volume by local hour 0–23: quiet before dawn, busiest in the evening. */
  hourWeights: number[];
  types: CallType[];
  /** Share of shots-fired calls an acoustic sensor also detects (the alert comes before the call). */
  gunshotDetectionRate: number;
}

/** About one call per 350 residents a year in a city of ~35,000; the mix of a typical municipal CAD. */
export const DEFAULT_CALLS: Readonly<CallSettings> = {
  callsPerDay: 100,
  weekendFactor: 1.1,
  hourWeights: [4.0, 3.4, 3.0, 2.2, 1.6, 1.5, 2.0, 3.0, 3.6, 3.8, 4.0, 4.2, 4.4, 4.5, 4.7, 5.1, 5.5, 5.8, 6.0, 6.0, 5.9, 5.6, 5.0, 4.6],
  gunshotDetectionRate: 0.7,
  types: [
    { code: 'DIST', nena: 'Law-Disturbance', text: 'Disturbance', weight: 14, priorities: [0.05, 0.6, 0.35, 0], onSceneMin: 20, dispositions: ['Advised', 'Report Taken', 'Gone on Arrival', 'Arrest'], note: 'Caller reports people yelling and fighting outside.' },
    { code: 'ALARM', nena: 'Law-Alarm', text: 'Burglar alarm', weight: 12, priorities: [0, 0.25, 0.75, 0], onSceneMin: 10, dispositions: ['False Alarm', 'Building Secure', 'Report Taken'], note: 'Alarm company reports a zone fault, keyholder being contacted.' },
    { code: 'THEFT', nena: 'Law-Theft', text: 'Theft', weight: 10, priorities: [0, 0.1, 0.8, 0.1], onSceneMin: 30, dispositions: ['Report Taken', 'Advised', 'Arrest'], note: 'Caller reports property taken, suspect gone.' },
    { code: 'TC', nena: 'Law-TrafficCollision', text: 'Traffic collision', weight: 9, priorities: [0.15, 0.6, 0.25, 0], onSceneMin: 40, dispositions: ['Report Taken', 'Citation Issued', 'Exchange of Information', 'Tow'], note: 'Two vehicles involved, caller unsure about injuries.' },
    { code: 'SUSV', nena: 'Law-SuspiciousVehicle', text: 'Suspicious vehicle', weight: 8, priorities: [0, 0.2, 0.8, 0], onSceneMin: 12, dispositions: ['Unable to Locate', 'Advised', 'Field Interview', 'Arrest'], note: 'Vehicle parked with engine running for an hour, occupant watching houses.' },
    { code: 'WELF', nena: 'Law-WelfareCheck', text: 'Welfare check', weight: 8, priorities: [0.05, 0.55, 0.4, 0], onSceneMin: 20, dispositions: ['Assisted', 'Subject Okay', 'Transported'], note: 'Family cannot reach an elderly resident since yesterday.' },
    { code: 'SUSP', nena: 'Law-SuspiciousPerson', text: 'Suspicious person', weight: 7, priorities: [0, 0.4, 0.6, 0], onSceneMin: 15, dispositions: ['Gone on Arrival', 'Field Interview', 'Advised'], note: 'Subject checking car door handles along the street.' },
    { code: 'DOM', nena: 'Law-DomesticViolence', text: 'Domestic disturbance', weight: 6, priorities: [0.4, 0.6, 0, 0], onSceneMin: 45, dispositions: ['Report Taken', 'Arrest', 'Advised'], note: 'Caller hears a couple arguing next door, something thrown.' },
    { code: 'NOISE', nena: 'Law-Noise', text: 'Noise complaint', weight: 6, priorities: [0, 0, 0.4, 0.6], onSceneMin: 10, dispositions: ['Advised', 'Gone on Arrival', 'Citation Issued'], note: 'Loud music from a party, ongoing.' },
    { code: 'BURG', nena: 'Law-Burglary', text: 'Burglary', weight: 5, priorities: [0.2, 0.3, 0.5, 0], onSceneMin: 35, dispositions: ['Report Taken', 'Arrest', 'Unfounded'], note: 'Rear door found forced open, unknown if anyone inside.' },
    { code: 'ASLT', nena: 'Law-Assault', text: 'Assault', weight: 5, priorities: [0.5, 0.5, 0, 0], onSceneMin: 45, dispositions: ['Report Taken', 'Arrest', 'Victim Refused'], note: 'Victim says he was punched by an acquaintance, minor injuries.' },
    { code: 'TRAFH', nena: 'Law-TrafficHazard', text: 'Traffic hazard', weight: 4, priorities: [0, 0.3, 0.7, 0], onSceneMin: 15, dispositions: ['Hazard Removed', 'Gone on Arrival', 'Public Works Notified'], note: 'Debris in the roadway, cars swerving.' },
    { code: 'SHOTS', nena: 'Law-ShotsFired', text: 'Shots fired', weight: 3, priorities: [1, 0, 0, 0], onSceneMin: 35, dispositions: ['Unable to Locate', 'Evidence Collected', 'Report Taken', 'Arrest'], note: 'Caller heard several gunshots nearby, no one seen.' },
    { code: 'VTHFT', nena: 'Law-VehicleTheft', text: 'Stolen vehicle', weight: 3, priorities: [0, 0.1, 0.9, 0], onSceneMin: 25, dispositions: ['Report Taken', 'Vehicle Entered NCIC'], note: 'Owner reports car missing from the driveway overnight.' },
  ],
};

/** Where a call is: a point along one block of a street, with the address a caller would give. */
export interface CallPlace {
  location: [number, number];
  /** The block it is on, from node `a` to node `b`, `f` of the way along. */
  a: number;
  b: number;
  f: number;
  houseNumber: number;
  street: string;
  beat: string;
}

/** A call for service as the call-taker receives it. */
export interface SimCall {
  /** Stable for the seed: `<shift>/<n>`. */
  id: string;
  receivedAt: number;
  type: CallType;
  priority: number;
  place: CallPlace;
}

/** Knuth's Poisson draw; the means here are a few calls an hour. */
function poisson(rng: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rng.next(); p > l; p *= rng.next()) k++;
  return k;
}

/** Picks an index by weights. */
export function weighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.next() * total;
  for (let k = 0; k < weights.length; k++) if ((x -= weights[k]) < 0) return k;
  return weights.length - 1;
}

/** A point on a random block of the city, with its street address (100 numbers a block). */
export function randomPlace(city: City, rng: Rng): CallPlace {
  const g = city.streets;
  const { cols, rows } = g.settings;
  const alongAvenue = rng.chance(0.5);
  const i = rng.int(0, alongAvenue ? cols - 1 : cols - 2);
  const j = rng.int(0, alongAvenue ? rows - 2 : rows - 1);
  const a: StreetNode = nodeAt(g, i, j);
  const b: StreetNode = alongAvenue ? nodeAt(g, i, j + 1) : nodeAt(g, i + 1, j);
  const f = Math.round((0.1 + rng.next() * 0.8) * 100) / 100;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const location: [number, number] = [round(a.location[0] + (b.location[0] - a.location[0]) * f), round(a.location[1] + (b.location[1] - a.location[1]) * f)];
  const block = (alongAvenue ? j + 1 : i + 1) * 100;
  const side = rng.int(0, 1);
  const houseNumber = block + 2 * Math.floor(f * 48) + side;
  const street = alongAvenue ? g.colNames[i] : g.rowNames[j];
  const mid = { i: f < 0.5 ? a.i : b.i, j: f < 0.5 ? a.j : b.j };
  const beat = city.beats.find((bt) => mid.i >= bt.i0 && mid.i <= bt.i1 && mid.j >= bt.j0 && mid.j <= bt.j1)?.id ?? city.beats[0].id;
  return { location, a: a.id, b: b.id, f, houseNumber, street, beat };
}

/**
 * The calls received in `[start, end)`, in time order. Each hour's count is a Poisson draw around
 * its share of the day; type, priority and place are drawn per call.
 */
export function drawCalls(city: City, settings: CallSettings, rng: Rng, shiftKey: string, start: number, end: number, dayStartOf: (ms: number) => { start: number; weekday: number }): SimCall[] {
  const total = settings.hourWeights.reduce((a, b) => a + b, 0);
  const out: SimCall[] = [];
  for (let h0 = start; h0 < end; h0 += 3_600_000) {
    const day = dayStartOf(h0);
    const hour = Math.floor((h0 - day.start) / 3_600_000) % 24;
    const weekend = day.weekday === 0 || day.weekday === 6;
    const mean = (settings.callsPerDay * (weekend ? settings.weekendFactor : 1) * settings.hourWeights[hour]) / total;
    const n = poisson(rng, mean * (Math.min(end, h0 + 3_600_000) - h0) / 3_600_000);
    const times = Array.from({ length: n }, () => h0 + Math.floor(rng.next() * (Math.min(end, h0 + 3_600_000) - h0) / 1000) * 1000).sort((a, b) => a - b);
    for (const at of times) {
      const type = settings.types[weighted(rng, settings.types.map((t) => t.weight))];
      const priority = 1 + weighted(rng, type.priorities);
      out.push({ id: `${shiftKey}/${out.length + 1}`, receivedAt: at, type, priority, place: randomPlace(city, rng) });
    }
  }
  return out;
}
