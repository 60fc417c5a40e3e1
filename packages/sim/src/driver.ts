/**
 * Drives a running OpenRTCC server with the simulated city, through its public API only: it
 * creates ingest sources, registers the cameras, creates the hotlists, then posts what the devices
 * would post. It never touches the store, so a demo exercises exactly the production path. It
 * keeps the ground truth of every read it sends, so hit accuracy can be measured afterwards.
 */
import { ApiClient, SimApiError } from './api-client.ts';
import { hashSeed } from './random.ts';
import { cityHotlists } from './hotlists.ts';
import { DispatchDriver, type DispatchSetup } from './dispatch-driver.ts';
import { DispatchSimulator } from './dispatch-simulator.ts';
import { alprGroup, alprGroupEventId, platformRead } from './payloads.ts';
import type { CitySimulator, SimRead } from './simulator.ts';
import type { NoiseError } from './noise.ts';

/** What was really there behind one read the server received. */
export interface ReadTruth {
  at: number;
  vehicleId: number;
  truePlate: string;
  trueState: string;
  readPlate: string;
  readState?: string;
  corrupted: boolean;
  errors: NoiseError[];
  flag?: 'stolen' | 'wanted';
}

/** Running totals; `accepted`, `duplicates`, `dropped` and `hits` are the server's answers. */
export interface DriverStats {
  passes: number;
  missed: number;
  sent: number;
  corrupted: number;
  flaggedSent: number;
  accepted: number;
  duplicates: number;
  dropped: number;
  quarantined: number;
  hits: number;
  failedRequests: number;
  lastError?: string;
}

/** Ids of what `setup` created, by the simulator's names. */
export interface SetupResult {
  openalprSourceId: string;
  rtccSourceId: string;
  cameraIds: Record<number, string>;
  hotlistIds: string[];
  /** The dispatch sources created (only for the server's modules that are on). */
  dispatch: DispatchSetup;
}

export interface DriverOptions {
  baseUrl: string;
  adminToken: string;
  sim: CitySimulator;
  fetch?: typeof fetch;
  /** Truth records kept (oldest dropped first); 0 keeps none. */
  keepTruth?: number;
  /** The city's dispatch (calls, units, gunshots); by default one from `sim.city`. */
  dispatch?: DispatchSimulator;
  /** On the first step, the CAD updates of this long before it are sent at once (default one hour). */
  dispatchBacklogMs?: number;
  /** Keep every dispatch event the server answered in `dispatch.sent` (tests). */
  keepDispatchSent?: boolean;
}

/** The OpenALPR agent id of the simulated city: 40 hex characters, from the seed. */
function agentUidOf(seed: number): string {
  let out = '';
  for (let k = 0; out.length < 40; k++) out += hashSeed(`agent:${seed}:${k}`).toString(16).padStart(8, '0');
  return out.slice(0, 40).toUpperCase();
}

export class SimDriver {
  readonly sim: CitySimulator;
  readonly api: ApiClient;
  readonly agentUid: string;
  /** Calls, unit positions and gunshot alerts, through their own ingest routes. */
  readonly dispatch: DispatchDriver;
  readonly stats: DriverStats = { passes: 0, missed: 0, sent: 0, corrupted: 0, flaggedSent: 0, accepted: 0, duplicates: 0, dropped: 0, quarantined: 0, hits: 0, failedRequests: 0 };
  /** By `<sourceSystem>:<sourceEventId>`, as the server identifies the read. */
  readonly truth = new Map<string, ReadTruth>();
  private readonly keepTruth: number;
  private keys?: { openalpr: string; rtcc: string };
  private setupResult?: SetupResult;

  constructor(o: DriverOptions) {
    this.sim = o.sim;
    this.api = new ApiClient(o.baseUrl, o.adminToken, o.fetch);
    this.agentUid = agentUidOf(o.sim.city.seed);
    this.keepTruth = o.keepTruth ?? 200_000;
    this.dispatch = new DispatchDriver(this.api, o.dispatch ?? new DispatchSimulator(o.sim.city), { backlogMs: o.dispatchBacklogMs, keepSent: o.keepDispatchSent });
  }

  /** Source system of the mobile units' reads. */
  get mobileSourceSystem(): string {
    return 'sim-mobile-lpr';
  }

  /**
   * Creates the two ingest sources, registers the fixed cameras (skipping ones a previous run
   * registered) and creates the hotlists (reusing a list of the same name that has entries); then
   * the dispatch sources (EIDO, OsmAnd, gunshot) of the modules the server has on.
   * @throws SimApiError when the server refuses; nothing is sent before setup succeeds.
   */
  async setup(): Promise<SetupResult> {
    const city = this.sim.city;
    const tag = `${city.settings.name}, seed ${city.seed}`;
    const alpr = await this.api.call('POST', '/api/v1/sources', { name: `Fixed LPR agent (${tag})`, kind: 'openalpr' });
    const rtcc = await this.api.call('POST', '/api/v1/sources', { name: `Mobile LPR units (${tag})`, kind: 'rtcc' });
    this.keys = { openalpr: alpr.body.key, rtcc: rtcc.body.key };

    const existing = (await this.api.call('GET', '/api/v1/cameras')).body.items as { id: string; sourceKeys: string[] }[];
    const byKey = new Map(existing.flatMap((c) => c.sourceKeys.map((k) => [k, c.id] as const)));
    const cameraIds: Record<number, string> = {};
    for (const c of city.cameras) {
      const key = `openalpr:${this.agentUid}:${c.cameraNumber}`;
      const known = byKey.get(key);
      cameraIds[c.cameraNumber] =
        known ??
        (await this.api.call('POST', '/api/v1/cameras', { name: c.name, location: c.location, heading: c.heading, timeZone: city.settings.timeZone, sourceKeys: [key] })).body.id;
    }

    const lists = (await this.api.call('GET', '/api/v1/hotlists')).body.items as { id: string; name: string; entryCount: number }[];
    const hotlistIds: string[] = [];
    for (const h of cityHotlists(city)) {
      const found = lists.find((l) => l.name === h.name && l.entryCount > 0);
      if (found) {
        hotlistIds.push(found.id);
        continue;
      }
      const created = await this.api.call('POST', '/api/v1/hotlists', { name: h.name, kind: h.kind });
      for (let k = 0; k < h.entries.length; k += 1000) await this.api.call('POST', `/api/v1/hotlists/${created.body.id}/entries`, h.entries.slice(k, k + 1000));
      hotlistIds.push(created.body.id);
    }
    const dispatch = await this.dispatch.setup(tag);
    this.setupResult = { openalprSourceId: alpr.body.source.id, rtccSourceId: rtcc.body.source.id, cameraIds, hotlistIds, dispatch };
    return this.setupResult;
  }

  /**
   * Simulates `[from, to)` and posts its reads (one request per camera and per mobile unit) and,
   * alongside, its dispatch: EIDO updates, phone positions, gunshot alerts.
   */
  async step(from: number, to: number): Promise<void> {
    await Promise.all([this.send(this.sim.eventsBetween(from, to)), this.dispatch.step(from, to)]);
  }

  /** Posts reads (missed ones are counted, not sent). Failures are counted, never thrown. */
  async send(reads: SimRead[]): Promise<void> {
    if (!this.keys) throw new Error('call setup() before sending reads');
    const byCamera = new Map<number, SimRead[]>();
    const byUnit = new Map<string, SimRead[]>();
    for (const r of reads) {
      this.stats.passes++;
      if (r.observation.missed) {
        this.stats.missed++;
        continue;
      }
      const group = r.kind === 'fixed' ? byCamera : byUnit;
      const k = (r.kind === 'fixed' ? r.cameraNumber : r.unitId) as never;
      (group.get(k) ?? group.set(k, []).get(k)!).push(r);
    }
    const cams = new Map(this.sim.city.cameras.map((c) => [c.cameraNumber, c]));
    const companyId = `00000000-0000-4000-8000-${this.agentUid.slice(0, 12)}`;
    const posts: Promise<void>[] = [];
    for (const [n, list] of byCamera) {
      const body = list.map((r) => alprGroup(r, cams.get(n)!, this.agentUid, companyId));
      posts.push(this.post('/api/v1/ingest/openalpr', body.length === 1 ? body[0] : body, { key: this.keys.openalpr }, list, (r) => `openalpr:${alprGroupEventId(this.agentUid, r)}`));
    }
    for (const list of byUnit.values()) {
      const body = list.map((r) => platformRead(r, this.mobileSourceSystem));
      posts.push(this.post('/api/v1/reads', body, { token: this.keys.rtcc }, list, (r) => `${this.mobileSourceSystem}:${r.id}`));
    }
    await Promise.all(posts);
  }

  private async post(path: string, body: unknown, auth: { key?: string; token?: string }, reads: SimRead[], truthKey: (r: SimRead) => string): Promise<void> {
    try {
      const res = await this.api.call('POST', path, body, auth.key ? { query: { key: auth.key }, token: '' } : { token: auth.token });
      const a = res.body as { accepted: number; duplicates: number; hits: number; dropped: unknown[]; quarantined?: unknown };
      this.stats.accepted += a.accepted;
      this.stats.duplicates += a.duplicates;
      this.stats.hits += a.hits;
      this.stats.dropped += a.dropped.length;
      if (a.quarantined) this.stats.quarantined += reads.length;
      for (const r of reads) this.remember(truthKey(r), r);
    } catch (e) {
      this.stats.failedRequests++;
      this.stats.lastError = e instanceof SimApiError || e instanceof Error ? e.message : String(e);
    }
  }

  private remember(key: string, r: SimRead): void {
    const o = r.observation;
    this.stats.sent++;
    if (o.corrupted) this.stats.corrupted++;
    if (r.vehicle.flag) this.stats.flaggedSent++;
    if (this.keepTruth === 0) return;
    if (this.truth.size >= this.keepTruth) this.truth.delete(this.truth.keys().next().value!);
    const t: ReadTruth = { at: r.at, vehicleId: r.vehicle.id, truePlate: r.vehicle.plate, trueState: r.vehicle.state, readPlate: o.plate, corrupted: o.corrupted, errors: o.errors };
    if (o.state) t.readState = o.state;
    if (r.vehicle.flag) t.flag = r.vehicle.flag;
    this.truth.set(key, t);
  }

  /** What the server reports: reads counted in the two sources' health, and all hits raised. */
  async serverStatus(): Promise<{ readsAccepted: number; hitsRaised: number; openHits: number }> {
    const ids = new Set([this.setupResult?.openalprSourceId, this.setupResult?.rtccSourceId]);
    const sources = (await this.api.call('GET', '/api/v1/sources')).body.items as { id: string; health: { reads: number } | null }[];
    const readsAccepted = sources.filter((s) => ids.has(s.id)).reduce((n, s) => n + (s.health?.reads ?? 0), 0);
    const all = await this.api.call('GET', '/api/v1/hits', undefined, { query: { status: 'all', limit: '1' } });
    const open = await this.api.call('GET', '/api/v1/hits', undefined, { query: { status: 'pending', limit: '1' } });
    return { readsAccepted, hitsRaised: all.body.total, openHits: open.body.total };
  }
}
