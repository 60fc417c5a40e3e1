/**
 * Sends the dispatch side of the city through the platform's ingest routes, as the real senders
 * would: the CAD posts every update of an incident as a NENA EIDO (same `$id`) to
 * `/api/v1/ingest/eido`, each unit's phone posts its positions one by one in the OsmAnd protocol
 * to `/api/v1/ingest/osmand` (Traccar Client), and the acoustic sensors post their alerts to
 * `/api/v1/ingest/gunshot`. Each sender has its own source and ingest key. When the server has
 * the `cad` or `avl` module off, what belongs to it is skipped with a note, never sent.
 */
import { SimApiError, type ApiClient } from './api-client.ts';
import type { DispatchEvent, DispatchSimulator } from './dispatch-simulator.ts';

/** Running totals of the dispatch side; `…Accepted`, `duplicates`, `stale` are the server's answers. */
export interface DispatchStats {
  cad: boolean;
  avl: boolean;
  /** Why something is not sent (a module is off), for the status line. */
  note?: string;
  eidoSent: number;
  eidoAccepted: number;
  /** EIDOs the server answered `changed: false` (a resend of what it has). */
  eidoUnchanged: number;
  /** Incidents the server created from the EIDOs (first update of a call), and those sent closed. */
  callsCreated: number;
  callsClosed: number;
  positionsSent: number;
  positionsAccepted: number;
  positionsDuplicates: number;
  positionsStale: number;
  positionsDropped: number;
  gunshotsSent: number;
  gunshotsAccepted: number;
  gunshotsDuplicates: number;
  quarantined: number;
  failedRequests: number;
  lastError?: string;
}

export interface DispatchSetup {
  eidoSourceId?: string;
  osmandSourceId?: string;
  gunshotSourceId?: string;
}

/** What the server reports about dispatch (counts from its read routes). */
export interface DispatchServerStatus {
  incidents?: number;
  openIncidents?: number;
  units?: number;
  gunshots?: number;
}

export class DispatchDriver {
  readonly sim: DispatchSimulator;
  readonly stats: DispatchStats = { cad: false, avl: false, eidoSent: 0, eidoAccepted: 0, eidoUnchanged: 0, callsCreated: 0, callsClosed: 0, positionsSent: 0, positionsAccepted: 0, positionsDuplicates: 0, positionsStale: 0, positionsDropped: 0, gunshotsSent: 0, gunshotsAccepted: 0, gunshotsDuplicates: 0, quarantined: 0, failedRequests: 0 };
  /** Every event the server answered, in the order sent (tests compare it with the server's records). */
  readonly sent: DispatchEvent[] = [];
  private readonly api: ApiClient;
  private readonly backlogMs: number;
  private readonly keepSent: boolean;
  private keys: { eido?: string; osmand?: string; gunshot?: string } = {};
  private started = false;

  /**
   * @param backlogMs on the first step, the CAD's and sensors' updates of this long before it are
   *   sent at once (an EIDO subscription delivers the incidents in progress when it connects)
   */
  constructor(api: ApiClient, sim: DispatchSimulator, o: { backlogMs?: number; keepSent?: boolean } = {}) {
    this.api = api;
    this.sim = sim;
    this.backlogMs = o.backlogMs ?? 3_600_000;
    this.keepSent = o.keepSent ?? false;
  }

  /** Asks the server which modules are on and creates the sources (and keys) of those that are. */
  async setup(tag: string): Promise<DispatchSetup> {
    let enabled = new Set<string>();
    try {
      const items = (await this.api.call('GET', '/api/v1/modules')).body.items as { name: string; enabled: boolean }[];
      enabled = new Set(items.filter((m) => m.enabled).map((m) => m.name));
    } catch (e) {
      if (!(e instanceof SimApiError) || e.status !== 404) throw e;
    }
    this.stats.cad = enabled.has('cad');
    this.stats.avl = enabled.has('avl');
    const off = [!this.stats.cad && 'cad (calls, gunshots)', !this.stats.avl && 'avl (unit positions)'].filter(Boolean);
    if (off.length > 0) this.stats.note = `module${off.length > 1 ? 's' : ''} off on the server, not sent: ${off.join(', ')}`;
    const out: DispatchSetup = {};
    const source = async (name: string, kind: string) => (await this.api.call('POST', '/api/v1/sources', { name: `${name} (${tag})`, kind })).body as { key: string; source: { id: string } };
    if (this.stats.cad) {
      const eido = await source('CAD EIDO feed', 'eido');
      const gunshot = await source('Acoustic gunshot sensors', 'gunshot');
      this.keys.eido = eido.key;
      this.keys.gunshot = gunshot.key;
      out.eidoSourceId = eido.source.id;
      out.gunshotSourceId = gunshot.source.id;
    }
    if (this.stats.avl) {
      const osmand = await source('Patrol phones (Traccar Client)', 'osmand');
      this.keys.osmand = osmand.key;
      out.osmandSourceId = osmand.source.id;
    }
    return out;
  }

  /** Sends `[from, to)`: the CAD and the sensors in time order, each phone its positions in order. */
  async step(from: number, to: number): Promise<void> {
    const cad = this.stats.cad && this.keys.eido !== undefined;
    const avl = this.stats.avl && this.keys.osmand !== undefined;
    if (!cad && !avl) return;
    const cadFrom = this.started ? from : from - this.backlogMs;
    this.started = true;
    const events = [
      ...(cad ? this.sim.eventsBetween(cadFrom, to, { eido: true, gunshot: true }) : []),
      ...(avl ? this.sim.eventsBetween(from, to, { position: true }) : []),
    ];
    const chains = new Map<string, DispatchEvent[]>();
    for (const e of events) {
      const k = e.kind === 'position' ? e.callSign : 'cad';
      (chains.get(k) ?? chains.set(k, []).get(k)!).push(e);
    }
    await Promise.all([...chains.values()].map(async (list) => {
      for (const e of list) await this.send(e);
    }));
  }

  private async send(e: DispatchEvent): Promise<void> {
    try {
      if (e.kind === 'eido') {
        this.stats.eidoSent++;
        const r = (await this.api.call('POST', '/api/v1/ingest/eido', e.body, { query: { key: this.keys.eido! }, token: '' })).body as { accepted: number; incidents: { created: boolean; changed: boolean }[]; quarantined?: unknown };
        this.stats.eidoAccepted += r.accepted;
        this.stats.eidoUnchanged += r.incidents.filter((i) => !i.changed).length;
        this.stats.callsCreated += r.incidents.filter((i) => i.created).length;
        if (e.status === 'Closed') this.stats.callsClosed++;
        if (r.quarantined) this.stats.quarantined++;
      } else if (e.kind === 'gunshot') {
        this.stats.gunshotsSent++;
        const r = (await this.api.call('POST', '/api/v1/ingest/gunshot', e.body, { query: { key: this.keys.gunshot! }, token: '' })).body as { accepted: number; duplicates: number; quarantined?: unknown };
        this.stats.gunshotsAccepted += r.accepted;
        this.stats.gunshotsDuplicates += r.duplicates;
        if (r.quarantined) this.stats.quarantined++;
      } else {
        this.stats.positionsSent++;
        // Traccar Client: a POST to the server URL (which holds the key) with the fix as query parameters, no body
        const query = { key: this.keys.osmand!, ...Object.fromEntries(new URLSearchParams(e.query)) };
        const r = (await this.api.call('POST', '/api/v1/ingest/osmand', undefined, { query, token: '' })).body as { accepted: number; duplicates: number; stale: number; dropped: unknown[]; quarantined?: unknown };
        this.stats.positionsAccepted += r.accepted;
        this.stats.positionsDuplicates += r.duplicates;
        this.stats.positionsStale += r.stale;
        this.stats.positionsDropped += r.dropped.length;
        if (r.quarantined) this.stats.quarantined++;
      }
      if (this.keepSent) this.sent.push(e);
    } catch (err) {
      this.stats.failedRequests++;
      this.stats.lastError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Counts from the server's own read routes, for the modules that are on. */
  async serverStatus(): Promise<DispatchServerStatus> {
    const out: DispatchServerStatus = {};
    if (this.stats.cad) {
      out.incidents = (await this.api.call('GET', '/api/v1/incidents', undefined, { query: { status: 'all', limit: '1' } })).body.total;
      out.openIncidents = (await this.api.call('GET', '/api/v1/incidents', undefined, { query: { status: 'open', limit: '1' } })).body.total;
      out.gunshots = (await this.api.call('GET', '/api/v1/gunshots', undefined, { query: { limit: '1' } })).body.total;
    }
    if (this.stats.avl) out.units = ((await this.api.call('GET', '/api/v1/units')).body.items as unknown[]).length;
    return out;
  }
}
