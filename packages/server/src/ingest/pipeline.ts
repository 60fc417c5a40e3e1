/**
 * The ingestion pipeline: one ordered list of stages from raw bytes to published events.
 *
 *   decode (per source family; undecodable → quarantine)
 *   → check (drop reads without a usable plate, with a reason)
 *   → keep images (inline images checked and stored durably; the read keeps a reference; a bad
 *     image is left off with a note in source health, its read kept)
 *   → enrich (camera registry: camera id, position, for reads that carry none)
 *   → match hotlists (skipped when the hotlists module is off)
 *   → persist (group commit; idempotent on sourceSystem + sourceEventId; the hits of fresh
 *     reads, never of duplicates, commit in the same transaction as their reads)
 *   → announce hits (as soon as they are committed, before the sync that precedes the answer)
 *   → publish `read.ingested`
 *
 * The caller answers the sender only after this resolves, so an acknowledged read is durable.
 */
import type { Hit, PlateReadInput } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { CameraService } from '../cameras/camera.service.ts';
import type { HitService } from '../alerts/hit.service.ts';
import type { NewRead, ReadStore } from '../store/store.types.ts';
import { DecodeError, type DecodeResult, type RawPayload, type SourceHeartbeat } from './decoder.types.ts';
import { getDecoder } from './decoders.ts';
import type { QuarantineService } from './quarantine.service.ts';
import type { ImageDrop, ReadImageService } from '../images/read-image.service.ts';
import { SourceHealth } from './source-health.ts';
import type { DecodePool } from './decode-pool.ts';

export interface IngestContext {
  route: string;
  sourceId?: string;
  /**
   * The platform's own API answers a bad payload with an error the client can fix; vendor
   * routes quarantine instead, since devices like alprd never retry or read the answer.
   */
  rejectUndecodable?: boolean;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  readIds: string[];
  hits: number;
  dropped: { index: number; reason: string }[];
  heartbeats: number;
  ignored?: string;
  quarantined?: { id: string; reason: string };
  /** Images left off their reads (not JPEG/PNG, not base64, too large); the reads were kept. */
  imagesDropped?: ImageDrop[];
}

/** The match stage's services; absent when the hotlists module is off, and then reads are not matched. */
export interface MatchDeps {
  hits: HitService;
}

export interface PipelineDeps {
  reads: ReadStore;
  cameras: CameraService;
  match?: MatchDeps;
  quarantine: QuarantineService;
  bus: Bus;
  health: SourceHealth;
  /** Stores the reads' inline images; without it inline images are left off the stored reads. */
  images?: Pick<ReadImageService, 'keep'>;
  /** Decodes large bodies on other threads; without it every body is decoded here. */
  decodePool?: DecodePool;
}

export class IngestPipeline {
  private readonly d: PipelineDeps;

  constructor(deps: PipelineDeps) {
    this.d = deps;
  }

  async ingest(family: string, payload: RawPayload, ctx: IngestContext): Promise<IngestResult> {
    const result: IngestResult = { accepted: 0, duplicates: 0, readIds: [], hits: 0, dropped: [], heartbeats: 0 };
    const decoded = await this.decode(family, payload, ctx, result);
    if (!decoded) return result;
    this.heartbeats(decoded.heartbeats, ctx);
    result.heartbeats = decoded.heartbeats.length;
    if (decoded.ignored && decoded.reads.length === 0) result.ignored = decoded.ignored;
    const checked = this.check(decoded.reads, result);
    if (checked.length === 0) return result;
    const reads = await this.keepImages(checked, family, ctx, payload.receivedAt, result);
    const located = await this.enrich(reads, payload.receivedAt);
    const hitService = this.d.match?.hits;
    const raise = hitService ? await hitService.prepare(located) : undefined;
    // the alert leaves once the hits are committed; the sender's answer once they are on disk
    const committed = raise && hitService ? (r: { hits: Hit[] }) => hitService.announce(r.hits) : undefined;
    const { stored, duplicates, hits } = await this.d.reads.append(located, { raise, committed, handOver: true });
    result.accepted = stored.length;
    result.duplicates = duplicates.length;
    // the store lists new reads in input order and duplicates by input index
    const duplicateIds = new Map(duplicates.map((d) => [d.index, d.id]));
    let next = 0;
    result.readIds = located.map((_, i) => duplicateIds.get(i) ?? stored[next++]?.id ?? '');
    this.d.health.sawReads(ctx.sourceId, family, stored.length, payload.receivedAt);
    result.hits = hits.length;
    if (stored.length > 0) this.d.bus.publish('read.ingested', { reads: stored });
    return result;
  }

  /** Stops the decode threads (bodies still being decoded finish here). */
  async close(): Promise<void> {
    await this.d.decodePool?.close();
  }

  private async decode(family: string, payload: RawPayload, ctx: IngestContext, result: IngestResult): Promise<DecodeResult | undefined> {
    const decoder = getDecoder(family);
    if (!decoder) throw new Error(`no decoder for ${family}`);
    try {
      const pool = this.d.decodePool;
      if (pool?.accepts(family, payload)) return await pool.decode(family, payload, () => decoder.decode(payload));
      return await decoder.decode(payload);
    } catch (e) {
      const reason = e instanceof DecodeError ? e.message : `decoder failed: ${(e as Error).message}`;
      if (ctx.rejectUndecodable && e instanceof DecodeError) {
        this.d.health.sawError(ctx.sourceId, family, reason, payload.receivedAt);
        throw new AppError('validation_failed', reason, { details: e.details });
      }
      const item = await this.d.quarantine.put({
        sourceSystem: family,
        sourceId: ctx.sourceId,
        route: ctx.route,
        contentType: payload.contentType,
        body: payload.forQuarantine ? await payload.forQuarantine() : payload.body,
        receivedAt: payload.receivedAt,
        reason,
      });
      this.d.health.sawError(ctx.sourceId, family, reason, payload.receivedAt);
      result.quarantined = { id: item.id, reason };
      return undefined;
    }
  }

  private check(reads: PlateReadInput[], result: IngestResult): PlateReadInput[] {
    const ok: PlateReadInput[] = [];
    reads.forEach((r, index) => {
      if (r.plate.length === 0) result.dropped.push({ index, reason: 'no letters or digits in the plate text' });
      else if (r.plate.length > 10) result.dropped.push({ index, reason: 'plate longer than 10 characters' });
      else if (!Number.isFinite(r.observedAt)) result.dropped.push({ index, reason: 'no observation time' });
      // times are whole milliseconds inside; a decoder's fractional time must not fail the commit
      else ok.push(Number.isInteger(r.observedAt) ? r : { ...r, observedAt: Math.round(r.observedAt) });
    });
    return ok;
  }

  private async keepImages(reads: PlateReadInput[], family: string, ctx: IngestContext, at: number, result: IngestResult): Promise<PlateReadInput[]> {
    if (!this.d.images) return reads;
    const kept = await this.d.images.keep(reads);
    if (kept.dropped.length > 0) {
      result.imagesDropped = kept.dropped;
      for (const d of kept.dropped) this.d.health.sawError(ctx.sourceId, family, `image dropped (read ${reads[d.index].plate}): ${d.reason}`, at);
    }
    return kept.reads;
  }

  /** Completes the reads in place: they are this request's own, fresh from its decoder. */
  private async enrich(reads: PlateReadInput[], receivedAt: number): Promise<NewRead[]> {
    const out = reads as NewRead[];
    for (const read of out) {
      read.receivedAt = receivedAt;
      if (read.sourceCameraKey !== undefined) {
        if (!read.cameraId) read.cameraId = (await this.d.cameras.resolve(read.sourceSystem, read.sourceCameraKey)).id;
        delete read.sourceCameraKey;
      }
      if (!read.location && read.cameraId) {
        const cam = this.d.cameras.get(read.cameraId);
        if (cam?.location) {
          read.location = cam.location;
          read.locationSource = 'registry';
        }
      } else if (read.location && !read.locationSource) read.locationSource = 'device';
    }
    return out;
  }

  private heartbeats(beats: SourceHeartbeat[], ctx: IngestContext): void {
    for (const b of beats) this.d.health.sawHeartbeat(ctx.sourceId, b);
  }
}
