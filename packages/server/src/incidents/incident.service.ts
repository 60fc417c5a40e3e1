/**
 * Dispatch incidents (the cad module): EIDO from the agency's CAD merged into one incident per
 * `$id`, the units it mentions handed to the unit service (when the avl module is on), and
 * `incident.updated` announced for every incident that changed.
 */
import { randomUUID } from 'node:crypto';
import type { Incident, Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { IncidentStore, UnitPositionInput, UnitStatusUpdate } from '../store/store.types.ts';
import { eidoDecoder, EIDO_SOURCE, type EidoUnit, type IncidentUpdate } from '../ingest/eido/index.ts';
import { decodeOrQuarantine, type IntakeContext, type IntakeDeps } from '../ingest/intake.ts';
import type { RawPayload } from '../ingest/decoder.types.ts';
import type { UnitService } from '../units/unit.service.ts';
import { mergeIncident } from './incident-merge.ts';
import { mergeImported } from './cfs-collapse.ts';

export interface EidoIngestResult {
  accepted: number;
  incidents: { id: string; sourceIncidentId: string; created: boolean; changed: boolean }[];
  /** Units whose dispatch status changed (avl module on). */
  units: number;
  /** Unit positions taken from the EIDO's unit locations (avl module on). */
  positions: number;
  ignored?: string;
  quarantined?: { id: string; reason: string };
}

export interface IncidentServiceDeps {
  store: IncidentStore;
  bus: Bus;
  intake: IntakeDeps;
  /** Absent when the avl module is off: units in an EIDO then stay on their incident only. */
  units?: UnitService;
}

export class IncidentService {
  private readonly d: IncidentServiceDeps;

  constructor(deps: IncidentServiceDeps) {
    this.d = deps;
  }

  async ingestEido(payload: RawPayload, ctx: IntakeContext): Promise<EidoIngestResult> {
    const decoded = await decodeOrQuarantine(this.d.intake, EIDO_SOURCE, payload, ctx, () => eidoDecoder.decode(payload));
    if (!decoded.ok) return { accepted: 0, incidents: [], units: 0, positions: 0, quarantined: decoded.quarantined };
    const { incidents, units, ignored } = decoded.value;
    const result: EidoIngestResult = { accepted: 0, incidents: [], units: 0, positions: 0 };
    if (ignored !== undefined) result.ignored = ignored;
    const stored = new Map<string, Incident>();
    for (const update of incidents) {
      const r = await this.d.store.upsert(update.sourceSystem, update.sourceIncidentId, (current) => mergeIncident(current, update, { id: randomUUID(), receivedAt: payload.receivedAt }));
      stored.set(update.sourceIncidentId, r.incident);
      result.incidents.push({ id: r.incident.id, sourceIncidentId: update.sourceIncidentId, created: r.created, changed: r.changed });
      if (r.changed) this.d.bus.publish('incident.updated', { incident: r.incident });
    }
    result.accepted = incidents.length;
    if (this.d.units && units.length > 0) {
      const statusUpdates = await Promise.all(units.map((u) => this.statusOf(u, stored)));
      result.units = (await this.d.units.applyStatus(statusUpdates)).length;
      const positions: UnitPositionInput[] = units.filter((u) => u.position).map((u) => ({ unitId: u.unitId, ...u.position! }));
      if (positions.length > 0) {
        const r = await this.d.units.recordPositions(positions);
        result.positions = positions.length - r.duplicates;
      }
    }
    this.d.intake.health.sawReads(ctx.sourceId, EIDO_SOURCE, incidents.length + units.length, payload.receivedAt);
    return result;
  }

  /** A unit's status update; it leaves its incident when that incident is closed. */
  private async statusOf(u: EidoUnit, stored: Map<string, Incident>): Promise<UnitStatusUpdate> {
    const incident = stored.get(u.activeOnIncidentId) ?? (await this.d.store.findBySource(EIDO_SOURCE, u.activeOnIncidentId));
    const update: UnitStatusUpdate = { unitId: u.unitId, at: u.at };
    if (u.name !== undefined) update.name = u.name;
    if (u.type !== undefined) update.type = u.type;
    if (u.status !== undefined) update.status = u.status;
    if (incident) update.incidentId = incident.status === 'closed' ? null : incident.id;
    return update;
  }

  /**
   * Merges one incident collapsed from a calls-for-service file (cfs-import.service.ts) and
   * announces it when it changed; the import time is the update time of what changed.
   */
  async mergeImported(update: IncidentUpdate, importedAt: number): Promise<{ incident: Incident; created: boolean; changed: boolean }> {
    const r = await this.d.store.upsert(update.sourceSystem, update.sourceIncidentId, (current) => mergeImported(current, update, { id: randomUUID(), importedAt }));
    if (r.changed) this.d.bus.publish('incident.updated', { incident: r.incident });
    return r;
  }

  list(opts: { status: 'open' | 'closed' | 'all'; limit: number; cursor?: string }): Promise<Page<Incident>> {
    return this.d.store.list(opts);
  }

  async get(id: string): Promise<Incident> {
    const i = await this.d.store.get(id);
    if (!i) throw new AppError('not_found_or_forbidden', `incident ${id} not found`);
    return i;
  }
}
