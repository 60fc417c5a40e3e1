/**
 * The dispatch side of a training scenario: incidents the CAD reports and gunshot alerts the
 * acoustic sensors send, at offsets from the run's start. An incident is placed by a point in the
 * city; its street address follows from the city's grid, as the simulated CAD's addresses do.
 * The payloads come from `dispatch-payloads.ts`, the builders the city's own dispatch uses, so a
 * scenario's EIDO and alert are the bytes a real CAD and sensor vendor would send.
 */
import { DEFAULT_CALLS, type CallPlace, type CallType } from './calls.ts';
import type { City } from './city.ts';
import { gunshotAlert, incidentEido } from './dispatch-payloads.ts';
import type { SimGunshot, SimIncident } from './dispatch.ts';
import { nodeAt } from './streets.ts';

/** A call the CAD opens at `at`: sent as one NENA EIDO (status Pending) to `/api/v1/ingest/eido`. */
export interface ScenarioIncident {
  id: string;
  at: string;
  kind: 'incident';
  /** The CAD code of one of the city's call types (`SHOTS`, `BURG` …). */
  type: string;
  /** 1 (emergency) to 4. */
  priority: number;
  /** [lon, lat] of the scene; the street address is derived from it. */
  location: [number, number];
  /** The call-taker's note; the call type's usual note when left out. */
  note?: string;
}

/** An acoustic sensor alert near an incident, sent to `/api/v1/ingest/gunshot` when detected and again once reviewed. */
export interface ScenarioGunshot {
  id: string;
  at: string;
  kind: 'gunshot';
  /** The incident it belongs to: the alert takes its address. */
  incident: string;
  /** Where the sensors put the shots, [east, north] metres from the incident's point (default [0, 0]). */
  offsetMeters?: [number, number];
  rounds: number;
  confidence: number;
  sensorCount: number;
  /** How long after detection the vendor's reviewer confirms it (`"75s"`); not reviewed when left out. */
  reviewedAfter?: string;
}

export type ScenarioDispatchEvent = ScenarioIncident | ScenarioGunshot;

/** One request of the CAD or the sensors, ready to post. */
export interface DispatchSend {
  at: number;
  kind: 'eido' | 'gunshot';
  /** The scenario event it comes from. */
  event: string;
  body: Record<string, unknown>;
}

const M_PER_DEG_LAT = 111_320;
/** A gunshot alert further than this from its incident is an authoring mistake. */
export const MAX_GUNSHOT_OFFSET_M = 300;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLonLat = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * The place of a point in the city: the nearest street, the block along it, and the house number
 * by the simulated CAD's scheme (100 numbers a block, odd on the east or north side).
 * @example placeAt(buildCity(42), [-97.190483, 31.539404]).street // 'Cottonwood Pkwy'
 */
export function placeAt(city: City, location: [number, number]): CallPlace {
  const g = city.streets;
  const { origin, cols, rows, blockMeters } = g.settings;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((origin[1] * Math.PI) / 180);
  const x = ((location[0] - origin[0]) * mPerDegLon) / blockMeters;
  const y = ((location[1] - origin[1]) * M_PER_DEG_LAT) / blockMeters;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const i = clamp(Math.round(x), 0, cols - 1);
  const j = clamp(Math.round(y), 0, rows - 1);
  const alongAvenue = Math.abs(x - i) <= Math.abs(y - j);
  const k = alongAvenue ? clamp(Math.floor(y), 0, rows - 2) : clamp(Math.floor(x), 0, cols - 2);
  const f = clamp((alongAvenue ? y : x) - k, 0, 0.99);
  const a = alongAvenue ? nodeAt(g, i, k) : nodeAt(g, k, j);
  const b = alongAvenue ? nodeAt(g, i, k + 1) : nodeAt(g, k + 1, j);
  const side = (alongAvenue ? x - i : y - j) > 0 ? 1 : 0;
  const houseNumber = (k + 1) * 100 + 2 * Math.floor(f * 48) + side;
  const street = alongAvenue ? g.colNames[i] : g.rowNames[j];
  const mid = f < 0.5 ? a : b;
  const beat = city.beats.find((bt) => mid.i >= bt.i0 && mid.i <= bt.i1 && mid.j >= bt.j0 && mid.j <= bt.j1)?.id ?? city.beats[0].id;
  return { location, a: a.id, b: b.id, f: Math.round(f * 100) / 100, houseNumber, street, beat };
}

/** `[lon, lat]` moved `[east, north]` metres. */
export function offsetPoint(p: [number, number], m: [number, number]): [number, number] {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return [round(p[0] + m[0] / (M_PER_DEG_LAT * Math.cos((p[1] * Math.PI) / 180))), round(p[1] + m[1] / M_PER_DEG_LAT)];
}

/**
 * Checks the `dispatch` list of a scenario file; each problem is reported through `say` with its
 * place (`dispatch[1].incident: …`).
 */
export function checkDispatch(raw: unknown, city: City, parseOffset: (t: unknown) => number | undefined, say: (path: string, message: string) => void): void {
  if (!Array.isArray(raw)) return say('dispatch', 'must be a list of incidents and gunshot alerts');
  const itemId = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
  const codes = DEFAULT_CALLS.types.map((t) => t.code);
  const [w, s, e, n] = city.streets.bbox;
  const ids = new Set<string>();
  const incidents = new Set(raw.filter((x) => isObj(x) && x.kind === 'incident' && typeof x.id === 'string').map((x) => (x as Obj).id as string));
  raw.forEach((x: unknown, k) => {
    const at = `dispatch[${k}]`;
    if (!isObj(x)) return say(at, 'must be an object');
    if (typeof x.id !== 'string' || !itemId.test(x.id)) say(`${at}.id`, 'must be letters, digits, - and _');
    else if (ids.has(x.id)) say(`${at}.id`, `${x.id} is used twice`);
    else ids.add(x.id);
    const offset = parseOffset(x.at);
    if (offset === undefined) say(`${at}.at`, 'must be an offset from the run\'s start such as "-40m"');
    else if (Math.abs(offset) > 7 * 86_400_000) say(`${at}.at`, 'must be within 7 days of the run\'s start');
    if (x.kind === 'incident') {
      if (!codes.includes(x.type as string)) say(`${at}.type`, `must be a CAD call type: ${codes.join(', ')}`);
      if (!Number.isInteger(x.priority) || (x.priority as number) < 1 || (x.priority as number) > 4) say(`${at}.priority`, 'must be 1 (emergency) to 4');
      if (!isLonLat(x.location)) say(`${at}.location`, 'must be [lon, lat] of the scene');
      else if (x.location[0] < w || x.location[0] > e || x.location[1] < s || x.location[1] > n) say(`${at}.location`, `is outside the city (lon ${w}…${e}, lat ${s}…${n})`);
      if (x.note !== undefined && (typeof x.note !== 'string' || !x.note.trim() || x.note.length > 1000)) say(`${at}.note`, 'must be the call-taker\'s note, up to 1000 characters');
    } else if (x.kind === 'gunshot') {
      if (typeof x.incident !== 'string' || !incidents.has(x.incident)) say(`${at}.incident`, `must name an incident of the dispatch list${incidents.size ? `: ${[...incidents].join(', ')}` : ' (there is none)'}`);
      if (x.offsetMeters !== undefined && (!isLonLat(x.offsetMeters) || Math.hypot(x.offsetMeters[0], x.offsetMeters[1]) > MAX_GUNSHOT_OFFSET_M)) {
        say(`${at}.offsetMeters`, `must be [east, north] in metres, at most ${MAX_GUNSHOT_OFFSET_M} m from the incident`);
      }
      if (!Number.isInteger(x.rounds) || (x.rounds as number) < 1 || (x.rounds as number) > 100) say(`${at}.rounds`, 'must be a whole number of rounds from 1 to 100');
      if (typeof x.confidence !== 'number' || x.confidence < 0 || x.confidence > 1) say(`${at}.confidence`, 'must be a number from 0 to 1');
      if (!Number.isInteger(x.sensorCount) || (x.sensorCount as number) < 1 || (x.sensorCount as number) > 50) say(`${at}.sensorCount`, 'must be a whole number of sensors from 1 to 50');
      const r = parseOffset(x.reviewedAfter);
      if (x.reviewedAfter !== undefined && (r === undefined || r <= 0 || r > 86_400_000)) say(`${at}.reviewedAfter`, 'must be a positive duration of at most a day, e.g. "75s"');
    } else {
      say(`${at}.kind`, 'must be incident or gunshot');
    }
  });
}

/** The point and time of an incident's shooting: its point, and the first gunshot alert tied to it (else the call's time), from `t0`. */
export function sceneOf(dispatch: readonly ScenarioDispatchEvent[], incidentId: string, t0: number, parseOffset: (t: unknown) => number | undefined): { point: [number, number]; at: number } {
  const inc = dispatch.find((d): d is ScenarioIncident => d.kind === 'incident' && d.id === incidentId);
  if (!inc) throw new Error(`no incident ${incidentId} in the scenario's dispatch list`);
  const times = [inc, ...dispatch.filter((d) => d.kind === 'gunshot' && d.incident === incidentId)].map((d) => t0 + parseOffset(d.at)!);
  return { point: inc.location, at: Math.min(...times) };
}

/** A short token of the run id, so each run's incidents and alerts are new to the server. */
const runToken = (runId: string) => runId.replace(/[^0-9a-f]/gi, '').slice(0, 8).toLowerCase().padEnd(8, '0');

/**
 * The scenario's dispatch events as the CAD's EIDOs and the sensors' alerts, stamped from `t0`,
 * in time order; incident and alert ids are unique to the run.
 */
export function scenarioDispatch(dispatch: readonly ScenarioDispatchEvent[], city: City, t0: number, runId: string, parseOffset: (t: unknown) => number | undefined): DispatchSend[] {
  const token = runToken(runId);
  const year = new Date(t0).toISOString().slice(2, 4);
  const incidents = new Map<string, SimIncident>();
  const out: DispatchSend[] = [];
  dispatch.forEach((d, k) => {
    if (d.kind !== 'incident') return;
    const at = t0 + parseOffset(d.at)!;
    const base = DEFAULT_CALLS.types.find((t) => t.code === d.type)!;
    const type: CallType = d.note ? { ...base, note: d.note } : base;
    const inc: SimIncident = {
      call: { id: `scenario/${runId}/${d.id}`, receivedAt: at, type, priority: d.priority, place: placeAt(city, d.location) },
      incidentId: `urn:emergency:uid:incidentid:${token}${String(k + 1).padStart(4, '0')}:cad.bosque-city.example`,
      number: `${year}-T${token.slice(0, 4).toUpperCase()}${String(k + 1).padStart(2, '0')}`,
      createdAt: at,
      assignments: [],
      // still open when the run starts: no unit sent yet, nothing closed
      closedAt: Number.POSITIVE_INFINITY,
      disposition: '',
    };
    incidents.set(d.id, inc);
    out.push({ at, kind: 'eido', event: d.id, body: incidentEido(city, inc, at) });
  });
  dispatch.forEach((d, k) => {
    if (d.kind !== 'gunshot') return;
    const inc = incidents.get(d.incident)!;
    const detectedAt = t0 + parseOffset(d.at)!;
    const review = d.reviewedAfter === undefined ? undefined : parseOffset(d.reviewedAfter)!;
    const g: SimGunshot = {
      id: `BCA-${token.toUpperCase()}-${k + 1}`,
      detectedAt,
      reviewedAt: detectedAt + (review ?? 0),
      location: offsetPoint(inc.call.place.location, d.offsetMeters ?? [0, 0]),
      rounds: d.rounds,
      confidence: d.confidence,
      sensorCount: d.sensorCount,
      address: `${inc.call.place.houseNumber} ${inc.call.place.street}`,
    };
    out.push({ at: detectedAt, kind: 'gunshot', event: d.id, body: gunshotAlert(g, false) });
    if (review !== undefined) out.push({ at: g.reviewedAt, kind: 'gunshot', event: d.id, body: gunshotAlert(g, true) });
  });
  return out.sort((a, b) => a.at - b.at);
}

/** The street address of an incident of the list, for the briefing (`1426 Cottonwood Pkwy`). */
export function addressOf(dispatch: readonly ScenarioDispatchEvent[], city: City, id: string): string | undefined {
  const inc = dispatch.find((d): d is ScenarioIncident => d.kind === 'incident' && d.id === id);
  if (!inc || !isLonLat(inc.location)) return undefined;
  const p = placeAt(city, inc.location);
  return `${p.houseNumber} ${p.street}`;
}

