/**
 * Gunshot alerts (the cad module): stored once per vendor id with their provenance, announced as
 * `gunshot.detected`, and closed out with the outcome officers found on scene (announced as
 * `gunshot.outcomeRecorded`), so the agency can report how many alerts led to evidence.
 */
import { randomUUID } from 'node:crypto';
import type { GunshotAlert, GunshotOutcome, Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { GunshotStore } from '../store/store.types.ts';
import { gunshotDecoder, GUNSHOT_SOURCE } from '../ingest/gunshot/index.ts';
import { decodeOrQuarantine, type IntakeContext, type IntakeDeps } from '../ingest/intake.ts';
import type { RawPayload } from '../ingest/decoder.types.ts';

export interface GunshotIngestResult {
  accepted: number;
  /** Resends that changed nothing. */
  duplicates: number;
  alerts: { id: string; sourceEventId: string; created: boolean; changed: boolean }[];
  quarantined?: { id: string; reason: string };
}

export class GunshotService {
  private readonly store: GunshotStore;
  private readonly bus: Bus;
  private readonly intake: IntakeDeps;

  constructor(store: GunshotStore, bus: Bus, intake: IntakeDeps) {
    this.store = store;
    this.bus = bus;
    this.intake = intake;
  }

  async ingest(payload: RawPayload, ctx: IntakeContext): Promise<GunshotIngestResult> {
    const decoded = await decodeOrQuarantine(this.intake, GUNSHOT_SOURCE, payload, ctx, () => gunshotDecoder.decode(payload));
    if (!decoded.ok) return { accepted: 0, duplicates: 0, alerts: [], quarantined: decoded.quarantined };
    const result: GunshotIngestResult = { accepted: 0, duplicates: 0, alerts: [] };
    for (const input of decoded.value.alerts) {
      const alert: GunshotAlert = { ...input, id: randomUUID(), receivedAt: payload.receivedAt };
      if (ctx.sourceId !== undefined) alert.sourceId = ctx.sourceId;
      const r = await this.store.upsert(alert);
      result.alerts.push({ id: r.alert.id, sourceEventId: r.alert.sourceEventId, created: r.created, changed: r.changed });
      if (r.changed) {
        result.accepted++;
        this.bus.publish('gunshot.detected', { alert: r.alert });
      } else result.duplicates++;
    }
    this.intake.health.sawReads(ctx.sourceId, GUNSHOT_SOURCE, result.accepted, payload.receivedAt);
    return result;
  }

  list(opts: { limit: number; cursor?: string; from?: number }): Promise<Page<GunshotAlert>> {
    return this.store.list(opts);
  }

  async get(id: string): Promise<GunshotAlert> {
    const a = await this.store.get(id);
    if (!a) throw new AppError('not_found_or_forbidden', `gunshot alert ${id} not found`);
    return a;
  }

  /** Records what was found on scene (a later finding replaces an earlier one; each is audited by the route). */
  async recordOutcome(id: string, input: { evidenceFound: boolean; note?: string; incidentId?: string }, by: string): Promise<GunshotAlert> {
    const outcome: GunshotOutcome = { evidenceFound: input.evidenceFound, recordedBy: by, recordedAt: Date.now() };
    if (input.note !== undefined) outcome.note = input.note;
    if (input.incidentId !== undefined) outcome.incidentId = input.incidentId;
    const a = await this.store.setOutcome(id, outcome);
    if (!a) throw new AppError('not_found_or_forbidden', `gunshot alert ${id} not found`);
    // every console shows the finding at once, not at its next snapshot
    this.bus.publish('gunshot.outcomeRecorded', { alert: a });
    return a;
  }
}
