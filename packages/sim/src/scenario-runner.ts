/**
 * Plays a training scenario against a running training server, through its public API only: it
 * sets the city up as the demo does (sources, cameras), creates the scenario's hotlist records,
 * registers the run and its expected outcome (`POST /api/v1/training/runs`), then sends the
 * scenario's reads, and the city's own traffic around them, through the ingest routes a camera
 * uses, and its incidents and gunshot alerts through the CAD's and the sensors' routes. What
 * happened before the start goes at once; the rest unfolds on a simulated clock. The server
 * scores what the trainee does; `watchScore` follows that score.
 */
import { normalizePlate } from '@openrtcc/domain';
import { ApiClient, SimApiError } from './api-client.ts';
import type { City } from './city.ts';
import { SimClock } from './clock.ts';
import { SimDriver } from './driver.ts';
import type { NoiseError, Observation } from './noise.ts';
import { expectedForRun, parseOffset, renderBriefing, type Scenario, type ScenarioEvent } from './scenario.ts';
import { scenarioDispatch, type DispatchSend } from './scenario-dispatch.ts';
import { CitySimulator, type SimRead } from './simulator.ts';
import type { SimVehicle } from './vehicles.ts';

export interface ScenarioRunOptions {
  baseUrl: string;
  /** A token holding the admin permissions (the demo's admin token). */
  token: string;
  /** Names the trainee: only hit verifications under this name then count. */
  trainee?: string;
  /** Simulated seconds per real second for the reads still to come (default 1). */
  speed?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Progress, one line at a time, for a person watching. */
  onLine?: (line: string) => void;
  /** Called once the run is registered, before any read is sent. */
  onStarted?: (run: StartedRun) => void;
}

export interface StartedRun {
  runId: string;
  /** The scenario's zero: every event's offset counts from here (UTC epoch ms). */
  t0: number;
  briefing: string;
}

export interface ScenarioRunResult extends StartedRun {
  scenarioReads: number;
  cityReads: number;
  /** EIDOs and gunshot alerts sent for the scenario's dispatch events. */
  dispatchSent: number;
  driver: SimDriver;
}

/** The score as `GET /api/v1/training/runs/{id}` gives it. */
export interface RunView {
  id: string;
  status: 'running' | 'finished';
  score: { final: boolean; met: number; of: number; percent: number; items: { id: string; description: string; met: boolean; reason: string; debrief?: string }[] };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** Refuses anything but a training server, with a message saying what to do. */
export async function checkTrainingServer(api: ApiClient): Promise<void> {
  let mode: string | undefined;
  try {
    mode = (await api.call<{ mode?: string }>('GET', '/healthz', undefined, { token: '' })).body.mode;
  } catch (e) {
    throw new Error(`no OpenRTCC server answers at ${api.baseUrl} (${(e as Error).message}); start one with npm run demo (or RTCC_TRAINING=true npm start) and give its --url`, { cause: e });
  }
  // never send simulated reads to a live server
  if (mode !== 'training') throw new Error(`${api.baseUrl} is not a training server (mode: ${mode ?? 'unknown'}); scenarios only run against one started with RTCC_TRAINING=true (npm run demo)`);
}

/**
 * The scenario's CAD and sensors: refuses a server with the cad module off (its routes would not
 * exist), then creates an ingest source of each kind for this scenario.
 */
async function dispatchSources(api: ApiClient, s: Scenario): Promise<{ eido: string; gunshot: string }> {
  let enabled: string[] = [];
  try {
    enabled = ((await api.call('GET', '/api/v1/modules')).body.items as { name: string; enabled: boolean }[]).filter((m) => m.enabled).map((m) => m.name);
  } catch (e) {
    if (!(e instanceof SimApiError) || e.status !== 404) throw e;
  }
  if (!enabled.includes('cad')) {
    throw new Error(
      `scenario ${s.id} sends an incident and gunshot alerts, which need the cad module, and it is off on ${api.baseUrl} (modules on: ${enabled.join(', ') || 'unknown'}); ` +
        'start the training server with RTCC_MODULES=lpr,hotlists,cad (npm run demo turns it on)',
    );
  }
  const source = async (name: string, kind: string) => (await api.call('POST', '/api/v1/sources', { name: `${name} (scenario ${s.id})`, kind })).body.key as string;
  return { eido: await source('CAD EIDO feed', 'eido'), gunshot: await source('Acoustic gunshot sensors', 'gunshot') };
}

/** Posts EIDOs and alerts in order; a scenario whose incident did not arrive cannot be scored fairly, so any refusal throws. */
async function sendDispatch(api: ApiClient, keys: { eido: string; gunshot: string } | undefined, sends: DispatchSend[]): Promise<void> {
  if (!keys) return;
  for (const d of sends) {
    const path = d.kind === 'eido' ? '/api/v1/ingest/eido' : '/api/v1/ingest/gunshot';
    const r = (await api.call('POST', path, d.body, { query: { key: keys[d.kind] }, token: '' })).body as { accepted: number; quarantined?: { reason: string } };
    if (r.quarantined || r.accepted < 1) throw new Error(`the server did not take the ${d.kind === 'eido' ? 'EIDO' : 'gunshot alert'} of ${d.event}: ${r.quarantined?.reason ?? JSON.stringify(r)}`);
  }
}

/** Creates the scenario's hotlists, or finds them by name, and adds the records they lack. */
async function ensureHotlists(api: ApiClient, s: Scenario, now: number): Promise<void> {
  const lists = (await api.call('GET', '/api/v1/hotlists')).body.items as { id: string; name: string }[];
  for (const h of s.hotlists) {
    const id = lists.find((l) => l.name === h.name)?.id ?? (await api.call('POST', '/api/v1/hotlists', { name: h.name, kind: h.kind })).body.id;
    if (h.entries.length === 0) continue;
    const have = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = (await api.call('GET', `/api/v1/hotlists/${id}/entries`, undefined, { query: { limit: '1000', offset: String(offset) } })).body;
      for (const e of page.items as { plate: string; state?: string; expiresAt?: string }[]) {
        if (e.expiresAt === undefined || Date.parse(e.expiresAt) > now + 3_600_000) have.add(`${e.plate}:${e.state ?? ''}`);
      }
      if (offset + 1000 >= page.total) break;
    }
    const missing = h.entries.filter((e) => !have.has(`${normalizePlate(e.plate)}:${e.state ?? ''}`));
    if (missing.length === 0) continue;
    await api.call(
      'POST',
      `/api/v1/hotlists/${id}/entries`,
      missing.map(({ expiresIn, ...e }) => (expiresIn ? { ...e, expiresAt: new Date(now + parseOffset(expiresIn)!).toISOString() } : e)),
    );
  }
}

/** The error kinds the noise model would name for this reading of the true plate. */
function errorsOf(truth: SimVehicle, read: ScenarioEvent['read']): NoiseError[] {
  const errors: NoiseError[] = [];
  const text = normalizePlate(read.plate);
  if (text.length < truth.plate.length) errors.push('drop');
  else if (text.length > truth.plate.length) errors.push('extra');
  else if (text !== truth.plate) errors.push('confusion');
  if (read.state === undefined) errors.push('no_state');
  else if (read.state !== truth.state) errors.push('wrong_state');
  return errors;
}

/** The scenario's events as the simulator's reads, stamped from `t0`, ids unique to the run. */
export function scenarioReads(s: Scenario, city: City, t0: number, runId: string): SimRead[] {
  const vehicles = new Map(
    Object.entries(s.vehicles).map(([name, v], k): [string, SimVehicle] => [name, { id: -(k + 1), ...v, home: 0, role: 'errands' }]),
  );
  const cams = new Map(city.cameras.map((c) => [c.cameraNumber, c]));
  return s.events
    .map((e): SimRead => {
      const vehicle = vehicles.get(e.vehicle)!;
      const observation: Observation = {
        missed: false,
        plate: e.read.plate,
        confidence: e.read.confidence,
        candidates: e.read.candidates ?? [],
        corrupted: normalizePlate(e.read.plate) !== vehicle.plate,
        errors: errorsOf(vehicle, e.read),
      };
      if (e.read.state !== undefined) observation.state = e.read.state;
      const base = { id: `scenario/${s.id}/${runId}/${e.id}`, at: t0 + parseOffset(e.at)!, vehicle, observation };
      return e.camera !== undefined
        ? { ...base, kind: 'fixed', cameraNumber: e.camera, location: cams.get(e.camera)!.location }
        : { ...base, kind: 'mobile', unitId: e.unit, location: e.location! };
    })
    .sort((a, b) => a.at - b.at);
}

/** Sends reads and fails loudly: a scenario whose reads did not all arrive cannot be scored fairly. */
async function sendAll(driver: SimDriver, reads: SimRead[], mustBeNew: boolean): Promise<void> {
  if (reads.length === 0) return;
  const before = { ...driver.stats };
  await driver.send(reads);
  const s = driver.stats;
  if (s.failedRequests > before.failedRequests) throw new Error(`sending reads failed: ${s.lastError}`);
  if (mustBeNew && s.accepted - before.accepted !== reads.length) {
    throw new Error(`the server took ${s.accepted - before.accepted} of ${reads.length} scenario reads (duplicates ${s.duplicates - before.duplicates}, dropped ${s.dropped - before.dropped})`);
  }
}

/**
 * Plays `scenario` against the training server at `o.baseUrl` and resolves once every read has
 * been sent (the run stays open for the trainee).
 * @throws Error when the server is not a training server, refuses a call, or does not take every scenario read
 * @example
 * const { scenario, city } = loadScenario('verify-hit-reject-misread');
 * const run = await runScenario({ scenario, city }, { baseUrl, token, trainee: 'Analyst J. Rivera', speed: 10 });
 * await watchScore(new ApiClient(baseUrl, token), run.runId, { onScore: console.log });
 */
export async function runScenario(loaded: { scenario: Scenario; city: City }, o: ScenarioRunOptions): Promise<ScenarioRunResult> {
  const { scenario: s, city } = loaded;
  const say = o.onLine ?? (() => undefined);
  const api = new ApiClient(o.baseUrl, o.token, o.fetch);
  await checkTrainingServer(api);
  const keys = s.dispatch?.length ? await dispatchSources(api, s) : undefined;
  const sim = new CitySimulator(city);
  const driver = new SimDriver({ baseUrl: o.baseUrl, adminToken: o.token, sim, fetch: o.fetch, keepTruth: 50_000 });
  await driver.setup();
  await ensureHotlists(api, s, Date.now());
  say(`city ready: ${city.cameras.length} cameras registered, hotlists ready`);

  // the briefing's times and the reads' times share this zero; the server's own start time only
  // bounds what counts as done during the run, and it comes after this instant
  const t0 = Date.now();
  const briefing = renderBriefing(s, city, t0);
  const body: Record<string, unknown> = { scenarioId: s.id, title: s.title, briefing, expected: expectedForRun(s, t0) };
  if (o.trainee) body.trainee = o.trainee;
  const runId = (await api.call('POST', '/api/v1/training/runs', body)).body.id as string;
  o.onStarted?.({ runId, t0, briefing });

  const reads = scenarioReads(s, city, t0, runId);
  const dispatch = keys ? scenarioDispatch(s.dispatch!, city, t0, runId, parseOffset) : [];
  const bgFrom = s.background ? t0 + parseOffset(s.background.from)! : t0;
  const bgTo = s.background ? t0 + parseOffset(s.background.to)! : t0;
  const past = reads.filter((r) => r.at <= t0);
  await sendAll(driver, past, true);
  const pastEnd = Math.min(bgTo, t0 + 1);
  const cityPast = bgFrom < pastEnd ? sim.eventsBetween(bgFrom, pastEnd) : [];
  await sendAll(driver, cityPast, false);
  let cityReads = cityPast.length;
  const dispatchPast = dispatch.filter((d) => d.at <= t0);
  await sendDispatch(api, keys, dispatchPast);
  let dispatchSent = dispatchPast.length;
  say(`sent what happened before now: ${past.length} scenario reads, ${cityPast.length} city reads${keys ? `, ${dispatchPast.length} EIDOs and gunshot alerts` : ''}`);

  const coming = reads.filter((r) => r.at > t0);
  const dispatchComing = dispatch.filter((d) => d.at > t0);
  let bgCursor = Math.max(bgFrom, pastEnd);
  const clock = new SimClock(t0, o.speed ?? 1);
  const end = Math.max(bgTo, coming.at(-1)?.at ?? t0, dispatchComing.at(-1)?.at ?? t0);
  let sent = past.length;
  while (!o.signal?.aborted && (coming.length > 0 || dispatchComing.length > 0 || bgCursor < bgTo)) {
    await sleep(Math.min(1000, Math.max(50, (end - clock.now()) / clock.speed)), o.signal);
    const now = clock.now();
    const later = coming.findIndex((r) => r.at > now);
    const due = coming.splice(0, later === -1 ? coming.length : later);
    await sendAll(driver, due, true);
    sent += due.length;
    const dueDispatch = dispatchComing.splice(0, dispatchComing.filter((d) => d.at <= now).length);
    await sendDispatch(api, keys, dueDispatch);
    dispatchSent += dueDispatch.length;
    const upTo = Math.min(now + 1, bgTo);
    if (upTo > bgCursor) {
      const bg = sim.eventsBetween(bgCursor, upTo);
      await sendAll(driver, bg, false);
      cityReads += bg.length;
      bgCursor = upTo;
    }
    if (due.length > 0 || dueDispatch.length > 0) say(`[+${Math.round((now - t0) / 1000)}s] ${sent} of ${reads.length} scenario reads sent, ${cityReads} city reads${keys ? `, ${dispatchSent} of ${dispatch.length} EIDOs and gunshot alerts` : ''}`);
  }
  return { runId, t0, briefing, scenarioReads: sent, cityReads, dispatchSent, driver };
}

/** One line per item: ✓/✗, the id, and the reason. */
export function scoreLines(v: RunView): string[] {
  const head = `score ${v.score.met}/${v.score.of}${v.score.final ? ' (final)' : ''}`;
  return [head, ...v.score.items.map((i) => `  ${i.met ? '✓' : '✗'} ${i.id}: ${i.reason}${i.debrief ? `\n      why: ${i.debrief}` : ''}`)];
}

/**
 * Follows a run's score until the run is finished (or `signal` aborts), calling `onScore` each
 * time it changes; resolves with the last score seen.
 */
export async function watchScore(api: ApiClient, runId: string, o: { everyMs?: number; signal?: AbortSignal; onScore?: (v: RunView) => void } = {}): Promise<RunView> {
  let last = '';
  for (;;) {
    let v: RunView;
    try {
      v = (await api.call<RunView>('GET', `/api/v1/training/runs/${runId}`)).body;
    } catch (e) {
      if (e instanceof SimApiError && e.status === 0 && !o.signal?.aborted) {
        await sleep(o.everyMs ?? 3000, o.signal); // the server restarting: keep waiting
        continue;
      }
      throw e;
    }
    const key = JSON.stringify([v.status, v.score.items.map((i) => [i.met, i.reason])]);
    if (key !== last) {
      last = key;
      o.onScore?.(v);
    }
    if (v.status === 'finished' || o.signal?.aborted) return v;
    await sleep(o.everyMs ?? 3000, o.signal);
  }
}
