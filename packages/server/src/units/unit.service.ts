/**
 * Units and where they are (the avl module): positions from phones (OsmAnd / Traccar Client),
 * from a Traccar server, and from dispatch (EIDO unit locations); dispatch status from EIDO.
 * Every change is announced on the bus as `unit.moved`.
 */
import type { Unit, UnitPosition } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { UnitPositionInput, UnitStatusUpdate, UnitStore } from '../store/store.types.ts';
import { decodeOrQuarantine, type IntakeContext, type IntakeDeps } from '../ingest/intake.ts';
import type { RawPayload } from '../ingest/decoder.types.ts';
import type { PositionsDecoded } from '../ingest/osmand/index.ts';

export interface PositionIngestResult {
  accepted: number;
  duplicates: number;
  /** Positions older than the unit's latest: kept in its track, the unit did not move. */
  stale: number;
  dropped: { index: number; reason: string }[];
  ignored?: string;
  quarantined?: { id: string; reason: string };
}

export class UnitService {
  private readonly store: UnitStore;
  private readonly bus: Bus;
  private readonly intake: IntakeDeps;

  constructor(store: UnitStore, bus: Bus, intake: IntakeDeps) {
    this.store = store;
    this.bus = bus;
    this.intake = intake;
  }

  /** Decodes a position source's payload (quarantining what cannot be read) and records its positions. */
  async ingest(family: string, payload: RawPayload, ctx: IntakeContext, decode: () => PositionsDecoded & { ignored?: string }): Promise<PositionIngestResult> {
    const decoded = await decodeOrQuarantine(this.intake, family, payload, ctx, decode);
    if (!decoded.ok) return { accepted: 0, duplicates: 0, stale: 0, dropped: [], quarantined: decoded.quarantined };
    const { positions, dropped, ignored } = decoded.value;
    const result: PositionIngestResult = { accepted: 0, duplicates: 0, stale: 0, dropped };
    if (ignored !== undefined) result.ignored = ignored;
    if (positions.length > 0) {
      const r = await this.recordPositions(positions);
      result.duplicates = r.duplicates;
      result.stale = r.stale;
      result.accepted = positions.length - r.duplicates;
    }
    if (dropped.length > 0 && positions.length === 0) this.intake.health.sawError(ctx.sourceId, family, dropped[0].reason, payload.receivedAt);
    else this.intake.health.sawReads(ctx.sourceId, family, result.accepted, payload.receivedAt);
    return result;
  }

  async recordPositions(positions: UnitPositionInput[]): Promise<{ duplicates: number; stale: number }> {
    const r = await this.store.recordPositions(positions);
    if (r.moved.length > 0) this.bus.publish('unit.moved', { units: r.moved });
    return { duplicates: r.duplicates, stale: r.stale };
  }

  async applyStatus(updates: UnitStatusUpdate[]): Promise<Unit[]> {
    if (updates.length === 0) return [];
    const changed = await this.store.updateStatus(updates);
    if (changed.length > 0) this.bus.publish('unit.moved', { units: changed });
    return changed;
  }

  list(): Promise<Unit[]> {
    return this.store.list();
  }

  async get(id: string): Promise<{ unit: Unit; track: UnitPosition[] }> {
    const unit = await this.store.get(id);
    if (!unit) throw new AppError('not_found_or_forbidden', `unit ${id} not found`);
    return { unit, track: await this.store.track(id, 50) };
  }
}
