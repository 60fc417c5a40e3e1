/**
 * Training scenarios as data: a JSON file in `packages/sim/scenarios/` holds a briefing, the
 * vehicles and hotlist records involved, the reads that unfold (what each camera saw, beside the
 * vehicle that was really there), the incidents and gunshot alerts dispatch reports
 * (`scenario-dispatch.ts`) and the outcome the trainee should reach. This module loads and
 * checks a file, renders its briefing and turns its expected outcome into what the server's
 * training routes take. `scenario-runner.ts` plays it against a server.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISPOSITIONS, classifyMatch, normalizePlate, normalizeState } from '@openrtcc/domain';
import { DEFAULT_CITY, buildCity, type City } from './city.ts';
import { addressOf, checkDispatch, sceneOf, type ScenarioDispatchEvent } from './scenario-dispatch.ts';
import { localClock } from './time.ts';

/** Where the scenario files live. */
export const SCENARIO_DIR = fileURLToPath(new URL('../scenarios/', import.meta.url));

export interface ScenarioVehicle {
  plate: string;
  state: string;
  make: string;
  model: string;
  color: string;
  bodyType: string;
  year: number;
}

export interface ScenarioHotlistEntry {
  plate: string;
  state?: string;
  reason: string;
  recordId?: string;
  vehicle?: { make?: string; model?: string; color?: string; year?: string };
  /** For a BOLO: how long after the run starts the entry expires (`"7d"`). */
  expiresIn?: string;
}

export interface ScenarioHotlist {
  name: string;
  kind: 'ncic' | 'state' | 'custom' | 'bolo';
  entries: ScenarioHotlistEntry[];
}

/** What the camera reported: may differ from the vehicle's true plate and state. */
export interface ScenarioRead {
  plate: string;
  state?: string;
  confidence: number;
  candidates?: { plate: string; confidence: number }[];
}

/** One read, `at` an offset from the run's start (`"-90m"`, `"+20s"`); by a fixed camera or a mobile unit. */
export interface ScenarioEvent {
  id: string;
  at: string;
  camera?: number;
  unit?: string;
  location?: [number, number];
  vehicle: string;
  read: ScenarioRead;
}

/** One outcome the trainee should reach: `description` is the task, `debrief` why (shown with the final score). */
export type ScenarioExpectation = { id: string; description: string; debrief?: string } & (
  | { kind: 'hit_disposition'; event: string; entryPlate?: string; disposition: string }
  | { kind: 'search_finds'; vehicle: string; justification?: { offenseType?: string; caseNumber?: string }; maxWindowMinutes?: number }
  | { kind: 'hotlist_entry'; vehicle: string }
  | {
      kind: 'area_search_finds';
      /** The incident of the dispatch list whose scene the search must cover. */
      incident: string;
      /** The vehicles whose reads near the scene the search must return. */
      vehicles: string[];
      maxRadiusMeters: number;
      maxWindowMinutes: number;
      justification?: { offenseType?: string; caseNumber?: string };
    }
);

export interface Scenario {
  id: string;
  title: string;
  /** Lines of text; `{{time -90m}}`, `{{camera 121}}` and `{{address shots-call}}` are filled in when the run starts. */
  briefing: string[];
  city: { seed: number; vehicles?: number };
  /** The city's own traffic sent around the scenario's reads, between two offsets. */
  background?: { from: string; to: string };
  vehicles: Record<string, ScenarioVehicle>;
  hotlists: ScenarioHotlist[];
  events: ScenarioEvent[];
  /** Incidents and gunshot alerts, sent through the CAD's and the sensors' ingest routes (needs the cad module). */
  dispatch?: ScenarioDispatchEvent[];
  expected: ScenarioExpectation[];
}

/** A scenario file that cannot be played; `problems` lists each, with its place in the file. */
export class ScenarioError extends Error {
  readonly problems: string[];

  constructor(what: string, problems: string[]) {
    super(`${what}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

const OFFSET = /^([+-]?)(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const PLACEHOLDER = /\{\{\s*(time|camera|address)\s+([^}]*?)\s*\}\}/g;

/**
 * An offset such as `-90m`, `+20s`, `0s`, `2h` in milliseconds; undefined when malformed.
 * @example parseOffset('-90m') // -5400000
 */
export function parseOffset(text: unknown): number | undefined {
  if (text === '0') return 0;
  const m = typeof text === 'string' ? OFFSET.exec(text.trim()) : null;
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3]];
}

/** The city a scenario plays in. */
export function scenarioCity(s: Pick<Scenario, 'city'>): City {
  return buildCity(s.city.seed, s.city.vehicles === undefined ? {} : { fleet: { ...DEFAULT_CITY.fleet, vehicles: s.city.vehicles } });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/**
 * Checks a parsed scenario file and gives it back typed, with its city. Every problem is
 * reported at once, each with its place in the file, so an author fixes them in one pass.
 * @throws ScenarioError
 */
export function validateScenario(raw: unknown, what = 'scenario'): { scenario: Scenario; city: City } {
  const p: string[] = [];
  const say = (path: string, message: string) => p.push(`${path}: ${message}`);
  if (!isObj(raw)) throw new ScenarioError(`${what} is not valid`, ['the file must hold one JSON object']);
  const known = new Set(['id', 'title', 'briefing', 'city', 'background', 'vehicles', 'hotlists', 'events', 'dispatch', 'expected', '$comment']);
  for (const k of Object.keys(raw)) if (!known.has(k)) say(k, `unknown field (expected ${[...known].filter((x) => x !== '$comment').join(', ')})`);
  if (typeof raw.id !== 'string' || !SLUG.test(raw.id)) say('id', 'must be lower-case letters, digits and hyphens (the file name without .json)');
  if (!isText(raw.title, 200)) say('title', 'is required (up to 200 characters)');
  const briefing = typeof raw.briefing === 'string' ? [raw.briefing] : raw.briefing;
  if (!Array.isArray(briefing) || briefing.length === 0 || !briefing.every((l) => typeof l === 'string')) say('briefing', 'must be a text or a list of lines');

  const cityIn = isObj(raw.city) ? raw.city : {};
  if (!isObj(raw.city)) say('city', 'is required: { "seed": 42 }');
  const seed = cityIn.seed;
  if (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) >= 2 ** 32) say('city.seed', 'must be a whole number from 0 to 4294967295');
  if (cityIn.vehicles !== undefined && (!Number.isInteger(cityIn.vehicles) || (cityIn.vehicles as number) < 100 || (cityIn.vehicles as number) > 50_000)) say('city.vehicles', 'must be a whole number from 100 to 50000');
  const city = scenarioCity({ city: { seed: Number.isInteger(seed) ? (seed as number) >>> 0 : 42, vehicles: Number.isInteger(cityIn.vehicles) ? (cityIn.vehicles as number) : undefined } });
  const cameras = new Map(city.cameras.map((c) => [c.cameraNumber, c]));
  const cameraRange = `${city.cameras[0]?.cameraNumber}–${city.cameras[city.cameras.length - 1]?.cameraNumber}`;
  const mobileUnits = city.units.filter((u) => u.mobileLpr).map((u) => u.id);

  if (raw.background !== undefined) {
    const b = isObj(raw.background) ? raw.background : {};
    const from = parseOffset(b.from);
    const to = parseOffset(b.to);
    if (from === undefined) say('background.from', 'must be an offset such as "-2h"');
    if (to === undefined) say('background.to', 'must be an offset such as "0s" or "+2m"');
    if (from !== undefined && to !== undefined && !(from < to)) say('background', 'from must come before to');
    if (from !== undefined && to !== undefined && to - from > 24 * 3_600_000) say('background', 'may span at most 24 hours');
  }

  const vehicles = isObj(raw.vehicles) ? raw.vehicles : {};
  if (!isObj(raw.vehicles) || Object.keys(vehicles).length === 0) say('vehicles', 'must name at least one vehicle: { "sedan": { "plate": … } }');
  for (const [name, v] of Object.entries(vehicles)) {
    const at = `vehicles.${name}`;
    if (!isObj(v)) {
      say(at, 'must be an object');
      continue;
    }
    if (!isText(v.plate, 20) || normalizePlate(v.plate) !== v.plate || v.plate.length < 2 || v.plate.length > 10) say(`${at}.plate`, 'must be 2–10 upper-case letters and digits');
    if (typeof v.state !== 'string' || normalizeState(v.state) !== v.state) say(`${at}.state`, 'must be a two-letter state or province code');
    for (const f of ['make', 'model', 'color', 'bodyType']) if (!isText(v[f], 40)) say(`${at}.${f}`, 'is required');
    if (!Number.isInteger(v.year)) say(`${at}.year`, 'must be a model year');
  }

  const listPlates: string[] = [];
  if (!Array.isArray(raw.hotlists)) say('hotlists', 'must be a list (it may be empty)');
  (Array.isArray(raw.hotlists) ? raw.hotlists : []).forEach((h: unknown, i) => {
    const at = `hotlists[${i}]`;
    if (!isObj(h)) return say(at, 'must be an object');
    if (!isText(h.name, 200)) say(`${at}.name`, 'is required');
    if (!['ncic', 'state', 'custom', 'bolo'].includes(h.kind as string)) say(`${at}.kind`, 'must be ncic, state, custom or bolo');
    if (!Array.isArray(h.entries)) return say(`${at}.entries`, 'must be a list (it may be empty)');
    h.entries.forEach((e: unknown, k) => {
      const ea = `${at}.entries[${k}]`;
      if (!isObj(e)) return say(ea, 'must be an object');
      const plate = typeof e.plate === 'string' ? normalizePlate(e.plate) : '';
      if (plate.length < 2 || plate.length > 10) say(`${ea}.plate`, 'must be a plate of 2 to 10 letters or digits');
      else listPlates.push(plate);
      if (e.state !== undefined && normalizeState(e.state as string) === undefined) say(`${ea}.state`, 'must be a state or province code');
      if (!isText(e.reason, 1000)) say(`${ea}.reason`, 'is required (why the plate is listed)');
      const exp = parseOffset(e.expiresIn);
      if (e.expiresIn !== undefined && (exp === undefined || exp <= 0 || exp > 90 * 86_400_000)) say(`${ea}.expiresIn`, 'must be a positive duration of at most 90 days, e.g. "7d"');
      if (h.kind === 'bolo' && e.expiresIn === undefined) say(`${ea}.expiresIn`, 'is required on a BOLO list');
    });
  });

  const eventIds = new Set<string>();
  const readsOf = new Map<string, number>();
  const events = Array.isArray(raw.events) ? raw.events : [];
  if (!Array.isArray(raw.events) || events.length === 0) say('events', 'must list at least one read');
  events.forEach((e: unknown, i) => {
    const at = `events[${i}]`;
    if (!isObj(e)) return say(at, 'must be an object');
    if (typeof e.id !== 'string' || !ITEM_ID.test(e.id)) say(`${at}.id`, 'must be letters, digits, - and _');
    else if (eventIds.has(e.id)) say(`${at}.id`, `${e.id} is used twice`);
    else eventIds.add(e.id);
    const offset = parseOffset(e.at);
    if (offset === undefined) say(`${at}.at`, 'must be an offset from the run\'s start such as "-90m" or "+20s"');
    else if (Math.abs(offset) > 7 * 86_400_000) say(`${at}.at`, 'must be within 7 days of the run\'s start');
    if ((e.camera === undefined) === (e.unit === undefined)) say(at, 'needs either camera (a fixed camera number) or unit (a mobile LPR unit) with location');
    if (e.camera !== undefined && !cameras.has(e.camera as number)) say(`${at}.camera`, `no camera ${JSON.stringify(e.camera)} in the city of seed ${String(seed)} (cameras ${cameraRange})`);
    if (e.unit !== undefined) {
      if (!mobileUnits.includes(e.unit as string)) say(`${at}.unit`, `must be a mobile LPR unit: ${mobileUnits.join(', ')}`);
      const loc = e.location;
      if (!Array.isArray(loc) || loc.length !== 2 || !loc.every((x) => typeof x === 'number' && Number.isFinite(x)) || Math.abs(loc[0]) > 180 || Math.abs(loc[1]) > 90) say(`${at}.location`, 'must be [lon, lat] for a mobile read');
    }
    if (typeof e.vehicle !== 'string' || !isObj(vehicles[e.vehicle])) say(`${at}.vehicle`, `must name one of the vehicles: ${Object.keys(vehicles).join(', ')}`);
    else readsOf.set(e.vehicle, (readsOf.get(e.vehicle) ?? 0) + 1);
    const r = isObj(e.read) ? e.read : undefined;
    if (!r) return say(`${at}.read`, 'is required: what the camera reported { plate, state, confidence }');
    const readPlate = typeof r.plate === 'string' ? normalizePlate(r.plate) : '';
    if (readPlate.length < 2) say(`${at}.read.plate`, 'must be the plate text the camera read');
    if (r.state !== undefined && normalizeState(r.state as string) === undefined) say(`${at}.read.state`, 'must be a state code, or left out when the camera read none');
    if (typeof r.confidence !== 'number' || r.confidence < 0 || r.confidence > 1) say(`${at}.read.confidence`, 'must be a number from 0 to 1');
    if (r.candidates !== undefined && (!Array.isArray(r.candidates) || !r.candidates.every((c) => isObj(c) && typeof c.plate === 'string' && typeof c.confidence === 'number' && c.confidence >= 0 && c.confidence <= 1))) {
      say(`${at}.read.candidates`, 'must be a list of { plate, confidence }');
    }
  });

  if (raw.dispatch !== undefined) checkDispatch(raw.dispatch, city, parseOffset, say);
  const dispatch = Array.isArray(raw.dispatch) ? raw.dispatch : [];
  const incidentIds = dispatch.filter((d: unknown) => isObj(d) && d.kind === 'incident' && typeof d.id === 'string').map((d) => (d as Obj).id as string);

  const expected = Array.isArray(raw.expected) ? raw.expected : [];
  if (!Array.isArray(raw.expected) || expected.length === 0) say('expected', 'must list at least one outcome the trainee should reach');
  const itemIds = new Set<string>();
  expected.forEach((x: unknown, i) => {
    const at = `expected[${i}]`;
    if (!isObj(x)) return say(at, 'must be an object');
    if (typeof x.id !== 'string' || !ITEM_ID.test(x.id)) say(`${at}.id`, 'must be letters, digits, - and _');
    else if (itemIds.has(x.id)) say(`${at}.id`, `${x.id} is used twice`);
    else itemIds.add(x.id);
    if (!isText(x.description, 500)) say(`${at}.description`, 'is required: what the trainee should do, in a sentence');
    if (x.debrief !== undefined && !isText(x.debrief, 2000)) say(`${at}.debrief`, 'must be a text of up to 2000 characters: why this is the right outcome');
    if (x.kind === 'hit_disposition') {
      if (!DISPOSITIONS.includes(x.disposition as never)) say(`${at}.disposition`, `must be one of ${DISPOSITIONS.join(', ')}`);
      const ev = events.find((e: unknown) => isObj(e) && e.id === x.event) as Obj | undefined;
      if (!ev) return say(`${at}.event`, 'must name one of the events');
      // a hit needs a listed plate that the read (or one of its candidates) matches
      const r = (isObj(ev.read) ? ev.read : {}) as Obj;
      const texts = [r.plate, ...(Array.isArray(r.candidates) ? r.candidates.map((c) => (isObj(c) ? c.plate : '')) : [])].map((t) => normalizePlate(String(t ?? '')));
      const targets = x.entryPlate === undefined ? listPlates : [normalizePlate(String(x.entryPlate))];
      if (x.entryPlate !== undefined && !listPlates.includes(targets[0])) say(`${at}.entryPlate`, 'must be a plate on one of the scenario\'s hotlists');
      else if (!texts.some((t) => targets.some((l) => ['exact', 'ocr-equivalent'].includes(classifyMatch(t, l) ?? '')))) {
        say(`${at}.event`, `the read ${texts[0]} matches no plate on the scenario's hotlists, so it would raise no hit`);
      }
    } else if (x.kind === 'search_finds' || x.kind === 'hotlist_entry') {
      if (typeof x.vehicle !== 'string' || !isObj(vehicles[x.vehicle])) say(`${at}.vehicle`, `must name one of the vehicles: ${Object.keys(vehicles).join(', ')}`);
      else if (x.kind === 'search_finds' && !readsOf.has(x.vehicle)) say(`${at}.vehicle`, `no event reads ${x.vehicle}, so no search could find it`);
      if (x.kind === 'search_finds') {
        if (x.maxWindowMinutes !== undefined && !isMinutes(x.maxWindowMinutes)) say(`${at}.maxWindowMinutes`, 'must be a whole number of minutes from 1 to 10080');
        if (!isJustification(x.justification)) say(`${at}.justification`, 'takes offenseType and caseNumber as text');
      }
    } else if (x.kind === 'area_search_finds') {
      if (typeof x.incident !== 'string' || !incidentIds.includes(x.incident)) say(`${at}.incident`, `must name an incident of the dispatch list${incidentIds.length ? `: ${incidentIds.join(', ')}` : ' (there is none)'}`);
      if (!Array.isArray(x.vehicles) || x.vehicles.length === 0) say(`${at}.vehicles`, 'must name at least one vehicle whose reads the search must find');
      (Array.isArray(x.vehicles) ? x.vehicles : []).forEach((v: unknown, k) => {
        if (typeof v !== 'string' || !isObj(vehicles[v])) say(`${at}.vehicles[${k}]`, `must name one of the vehicles: ${Object.keys(vehicles).join(', ')}`);
        else if (!readsOf.has(v)) say(`${at}.vehicles[${k}]`, `no event reads ${v}, so no search could find it`);
      });
      if (!Number.isInteger(x.maxRadiusMeters) || (x.maxRadiusMeters as number) < 10 || (x.maxRadiusMeters as number) > 50_000) say(`${at}.maxRadiusMeters`, 'must be a whole number of metres from 10 to 50000: how far from the scene the area may reach');
      if (!isMinutes(x.maxWindowMinutes)) say(`${at}.maxWindowMinutes`, 'must be a whole number of minutes from 1 to 10080: how wide the time window may be');
      if (!isJustification(x.justification)) say(`${at}.justification`, 'takes offenseType and caseNumber as text');
    } else {
      say(`${at}.kind`, 'must be hit_disposition, search_finds, area_search_finds or hotlist_entry');
    }
  });

  for (const [k, line] of (Array.isArray(briefing) ? briefing : []).entries()) {
    if (typeof line !== 'string') continue;
    for (const m of line.matchAll(PLACEHOLDER)) {
      if (m[1] === 'time' && parseOffset(m[2]) === undefined) say(`briefing[${k}]`, `${m[0]}: the time needs an offset such as -90m`);
      if (m[1] === 'camera' && !cameras.has(Number(m[2]))) say(`briefing[${k}]`, `${m[0]}: no camera ${m[2]} in the city (cameras ${cameraRange})`);
      if (m[1] === 'address' && !incidentIds.includes(m[2])) say(`briefing[${k}]`, `${m[0]}: no incident ${m[2]} in the dispatch list`);
    }
  }

  if (p.length > 0) throw new ScenarioError(`${what} is not valid`, p);
  return { scenario: { ...(raw as unknown as Scenario), briefing: briefing as string[], hotlists: raw.hotlists as ScenarioHotlist[] }, city };
}

function isMinutes(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10_080;
}

function isJustification(j: unknown): boolean {
  return j === undefined || (isObj(j) && Object.entries(j).every(([k, v]) => ['offenseType', 'caseNumber'].includes(k) && isText(v, 100)));
}

/** The scenarios in `dir`: id and title, read from each file (an unreadable file is listed with its error). */
export function listScenarios(dir = SCENARIO_DIR): { id: string; title: string; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      try {
        const raw = JSON.parse(readFileSync(file, 'utf8')) as { title?: unknown };
        return { id: basename(f, '.json'), title: typeof raw.title === 'string' ? raw.title : '(no title)', file };
      } catch (e) {
        return { id: basename(f, '.json'), title: `(unreadable: ${(e as Error).message})`, file };
      }
    });
}

/**
 * Loads a scenario by id (a file in `dir`) or by path, and checks it.
 * @throws ScenarioError naming the available scenarios when there is no such file, or listing the file's problems
 */
export function loadScenario(idOrPath: string, dir = SCENARIO_DIR): { scenario: Scenario; city: City; file: string } {
  const file = idOrPath.endsWith('.json') ? idOrPath : join(dir, `${idOrPath}.json`);
  if (!existsSync(file)) {
    const ids = listScenarios(dir).map((s) => s.id);
    throw new ScenarioError(`no scenario ${JSON.stringify(idOrPath)}`, [ids.length ? `available: ${ids.join(', ')}` : `no scenario files in ${dir}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ScenarioError(`${file} is not valid`, [`not JSON: ${(e as Error).message}`]);
  }
  const out = validateScenario(raw, file);
  if (basename(file, '.json') !== out.scenario.id) throw new ScenarioError(`${file} is not valid`, [`id: ${out.scenario.id} must match the file name`]);
  return { ...out, file };
}

/** The briefing with its times (local, and UTC for the API), camera names and incident addresses filled in for a run starting at `t0`. */
export function renderBriefing(s: Scenario, city: City, t0: number): string {
  const tz = city.settings.timeZone;
  const cams = new Map(city.cameras.map((c) => [c.cameraNumber, c.name]));
  return s.briefing
    .join('\n')
    .replace(PLACEHOLDER, (_m, kind: string, arg: string) => {
      if (kind === 'camera') return cams.get(Number(arg)) ?? `camera ${arg}`;
      if (kind === 'address') return addressOf(s.dispatch ?? [], city, arg) ?? `incident ${arg}`;
      const t = Math.floor((t0 + (parseOffset(arg) ?? 0)) / 60_000) * 60_000;
      return `${localClock(tz, t)} (${new Date(t).toISOString().slice(0, 16)}Z)`;
    });
}

/**
 * The expected outcome as `POST /api/v1/training/runs` takes it: events and vehicles resolved to
 * plates, an incident to the point and time (from `t0`, the run's zero) of its scene.
 */
export function expectedForRun(s: Scenario, t0: number): Record<string, unknown>[] {
  const readPlatesOf = (vehicle: string) => [...new Set(s.events.filter((e) => e.vehicle === vehicle).map((e) => normalizePlate(e.read.plate)))];
  return s.expected.map((x) => {
    const base = { id: x.id, kind: x.kind, description: x.description, ...(x.debrief ? { debrief: x.debrief } : {}) };
    if (x.kind === 'hit_disposition') {
      const ev = s.events.find((e) => e.id === x.event)!;
      return { ...base, readPlate: normalizePlate(ev.read.plate), ...(x.entryPlate ? { entryPlate: normalizePlate(x.entryPlate) } : {}), disposition: x.disposition };
    }
    if (x.kind === 'area_search_finds') {
      const scene = sceneOf(s.dispatch ?? [], x.incident, t0, parseOffset);
      return {
        ...base,
        point: scene.point,
        at: new Date(scene.at).toISOString(),
        vehicles: x.vehicles.map((name) => ({ plate: s.vehicles[name].plate, readPlates: readPlatesOf(name) })),
        maxRadiusMeters: x.maxRadiusMeters,
        maxWindowMinutes: x.maxWindowMinutes,
        ...(x.justification ? { justification: x.justification } : {}),
      };
    }
    const v = s.vehicles[x.vehicle];
    if (x.kind === 'hotlist_entry') return { ...base, plate: v.plate };
    return { ...base, vehiclePlate: v.plate, readPlates: readPlatesOf(x.vehicle), ...(x.justification ? { justification: x.justification } : {}), ...(x.maxWindowMinutes ? { maxWindowMinutes: x.maxWindowMinutes } : {}) };
  });
}
