/**
 * Replaying quarantine: once a decoder is fixed, an administrator re-runs the payloads it could
 * not read, through the same path as the route that took them (a read decoder and the ingest
 * pipeline, or the cad/avl module's service). An item that now decodes is marked `replayed` with
 * what it produced and kept for the record; one that still fails keeps its new error. Replaying
 * twice never duplicates anything: reads, incidents, positions and alerts are idempotent on their
 * source event ids.
 */
import type { Principal } from '../auth/permissions.ts';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { GunshotService } from '../gunshots/gunshot.service.ts';
import type { IncidentService } from '../incidents/incident.service.ts';
import type { SourceService } from '../sources/source.service.ts';
import type { QuarantineItem, QuarantineReplay, QuarantineReplayQuery, QuarantineStore } from '../store/store.types.ts';
import type { UnitService } from '../units/unit.service.ts';
import { DecodeError, type RawPayload } from './decoder.types.ts';
import { getDecoder } from './decoders.ts';
import { eidoDecoder, EIDO_SOURCE } from './eido/index.ts';
import { gunshotDecoder, GUNSHOT_SOURCE } from './gunshot/index.ts';
import type { IntakeContext } from './intake.ts';
import { osmandDecoder, OSMAND_SOURCE } from './osmand/index.ts';
import type { IngestPipeline } from './pipeline.ts';
import { traccarDecoder, TRACCAR_SOURCE } from './traccar/index.ts';

/** The most items one bulk replay takes; the console asks again for the rest. */
export const MAX_REPLAY_BATCH = 500;

export interface QuarantineReplayDeps {
  store: QuarantineStore;
  pipeline: IngestPipeline;
  sources: Pick<SourceService, 'timeZoneOf'>;
  audit: AuditService;
  /** Whether the lpr module is on (read families replay through the pipeline only then). */
  reads: boolean;
  /** Present with the cad module. */
  incidents?: IncidentService;
  gunshots?: GunshotService;
  /** Present with the avl module. */
  units?: UnitService;
}

/** How one family's payload is decoded (to test it, without quarantining again) and then ingested. */
interface Route {
  decode(payload: ReplayPayload): unknown;
  ingest(payload: ReplayPayload, ctx: IntakeContext): Promise<object>;
}

type ReplayPayload = RawPayload & { query: string };

export interface BulkReplay {
  sourceSystem?: string;
  from?: number;
  to?: number;
  limit?: number;
}

export interface BulkReplayResult {
  /** Items taken (not replayed successfully before), oldest first. */
  attempted: number;
  replayed: number;
  failed: number;
  items: QuarantineItem[];
  /** True when the batch was full: more items may match. */
  more: boolean;
}

export class QuarantineReplayService {
  private readonly d: QuarantineReplayDeps;

  constructor(deps: QuarantineReplayDeps) {
    this.d = deps;
  }

  /** Replays one item (again, even if replayed before: that changes nothing but the record). */
  async replayOne(id: string, who: { principal: Principal; from?: string }): Promise<QuarantineItem> {
    const item = await this.d.store.get(id);
    if (!item) throw new AppError('not_found_or_forbidden', `quarantine item ${id} not found`);
    const done = await this.replay(item, who.principal.name);
    await this.d.audit.record({
      actor: who.principal.name,
      from: who.from,
      action: 'quarantine.replay',
      outcome: 'success',
      details: { id, sourceSystem: item.sourceSystem, outcome: done.replay?.outcome, reason: done.replay?.reason },
    });
    return done;
  }

  /** Replays the items not yet replayed successfully, oldest first, of a family and/or a receive window. */
  async replayMany(q: BulkReplay, who: { principal: Principal; from?: string }): Promise<BulkReplayResult> {
    const limit = Math.min(q.limit ?? 100, MAX_REPLAY_BATCH);
    const query: QuarantineReplayQuery = { limit };
    if (q.sourceSystem !== undefined) query.sourceSystem = q.sourceSystem;
    if (q.from !== undefined) query.from = q.from;
    if (q.to !== undefined) query.to = q.to;
    const pending = await this.d.store.pendingReplay(query);
    const items: QuarantineItem[] = [];
    // one at a time, in receive order: a source's later event must not overtake an earlier one
    for (const item of pending) items.push(await this.replay(item, who.principal.name));
    const replayed = items.filter((i) => i.replay?.outcome === 'replayed').length;
    const result: BulkReplayResult = { attempted: items.length, replayed, failed: items.length - replayed, items, more: pending.length === limit };
    await this.d.audit.record({
      actor: who.principal.name,
      from: who.from,
      action: 'quarantine.replay',
      outcome: 'success',
      query: { sourceSystem: q.sourceSystem, from: q.from, to: q.to, limit },
      resultCount: items.length,
      details: { replayed, failed: result.failed, ids: items.map((i) => i.id) },
    });
    return result;
  }

  private async replay(item: QuarantineItem, by: string): Promise<QuarantineItem> {
    const outcome = await this.run(item);
    const replay: QuarantineReplay = { ...outcome, at: Date.now(), by, attempts: (item.replay?.attempts ?? 0) + 1 };
    return (await this.d.store.recordReplay(item.id, replay)) ?? { ...item, replay };
  }

  private async run(item: QuarantineItem): Promise<Pick<QuarantineReplay, 'outcome' | 'reason' | 'result'>> {
    const route = this.routeFor(item.sourceSystem);
    if ('unavailable' in route) return { outcome: 'failed', reason: route.unavailable };
    const payload = await this.payloadOf(item);
    try {
      // decoders are pure: a payload that decodes here decodes again in the ingest below, so a
      // failure is reported on the item instead of making a second quarantine item
      await route.decode(payload);
    } catch (e) {
      return { outcome: 'failed', reason: e instanceof DecodeError ? e.message : `decoder failed: ${(e as Error).message}` };
    }
    const result = (await route.ingest(payload, { route: item.route, sourceId: item.sourceId })) as Record<string, unknown>;
    const quarantined = result.quarantined as { reason?: string } | undefined;
    if (quarantined) return { outcome: 'failed', reason: quarantined.reason ?? 'quarantined again', result };
    return { outcome: 'replayed', result };
  }

  private async payloadOf(item: QuarantineItem): Promise<ReplayPayload> {
    const payload: ReplayPayload = {
      body: Buffer.from(item.body, item.bodyEncoding === 'base64' ? 'base64' : 'utf8'),
      contentType: item.contentType,
      // the original receive time: the reads are what arrived then, not now
      receivedAt: item.receivedAt,
      query: item.query ?? '',
    };
    const timeZone = await this.d.sources.timeZoneOf(item.sourceId);
    if (timeZone !== undefined) payload.timeZone = timeZone;
    return payload;
  }

  /** The same decoder and service the item's route uses, or why it cannot be replayed now. */
  private routeFor(family: string): Route | { unavailable: string } {
    const { incidents, gunshots, units, pipeline } = this.d;
    switch (family) {
      case EIDO_SOURCE:
        return incidents ? { decode: (p) => eidoDecoder.decode(p), ingest: (p, c) => incidents.ingestEido(p, c) } : { unavailable: 'the cad module is off' };
      case GUNSHOT_SOURCE:
        return gunshots ? { decode: (p) => gunshotDecoder.decode(p), ingest: (p, c) => gunshots.ingest(p, c) } : { unavailable: 'the cad module is off' };
      case OSMAND_SOURCE:
        return units
          ? { decode: (p) => osmandDecoder.decode(p), ingest: (p, c) => units.ingest(OSMAND_SOURCE, p, c, () => osmandDecoder.decode(p)) }
          : { unavailable: 'the avl module is off' };
      case TRACCAR_SOURCE:
        return units
          ? { decode: (p) => traccarDecoder.decode(p), ingest: (p, c) => units.ingest(TRACCAR_SOURCE, p, c, () => traccarDecoder.decode(p)) }
          : { unavailable: 'the avl module is off' };
    }
    const decoder = getDecoder(family);
    if (decoder && !this.d.reads) return { unavailable: 'the lpr module is off' };
    if (!decoder) return { unavailable: `no decoder for ${family} on this server` };
    return { decode: (p) => decoder.decode(p), ingest: (p, c) => pipeline.ingest(family, p, c) };
  }
}
