/**
 * Read images: the ingest stage that turns a decoder's inline images into stored ones (the read
 * keeps a reference), and the one way to get an image back, checked and audited as any access to
 * plate data is.
 */
import type { PlateReadInput, ReadImage, ReadImageKind } from '@openrtcc/domain';
import { can, type Principal } from '../auth/permissions.ts';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { ImageStore, ReadStore, StoredImage } from '../store/store.types.ts';
import { checkImage } from './image-check.ts';

/** An image left off a read, and why: the read itself is kept. */
export interface ImageDrop {
  /** The read's position in the batch handed to `keep`. */
  index: number;
  /** The read's event id at its source, for the sender to find it. */
  sourceEventId: string;
  kind: ReadImageKind;
  reason: string;
}

export interface ReadImageDeps {
  store: ImageStore;
  reads: Pick<ReadStore, 'get'>;
  audit: AuditService;
  /** RTCC_MAX_IMAGE_BYTES: the largest decoded image kept. */
  maxBytes: number;
}

/** Who asks for an image, for the access check and the audit record. */
export interface ImageRequester {
  principal: Principal;
  from?: string;
}

export const READ_IMAGE_KINDS: readonly ReadImageKind[] = ['plate', 'vehicle', 'overview'];

const isImageKind = (k: string): k is ReadImageKind => (READ_IMAGE_KINDS as readonly string[]).includes(k);

/** Images stored at once: enough to overlap the syncs of a batch without opening hundreds of files. */
const PARALLEL_PUTS = 8;

export class ReadImageService {
  private readonly d: ReadImageDeps;

  constructor(deps: ReadImageDeps) {
    this.d = deps;
  }

  /**
   * Stores the inline images of `reads` (checked: base64, JPEG/PNG, size) and returns the reads
   * with references instead; a bad image is left off with a reason, never failing its read. URL
   * images stay as the source sent them. Resolves once every image is durable, so a read that is
   * acknowledged afterwards has its images; a retry stores the same bytes under the same ref.
   */
  async keep(reads: PlateReadInput[]): Promise<{ reads: PlateReadInput[]; dropped: ImageDrop[] }> {
    if (!reads.some((r) => r.images?.some((i) => i.jpegBase64 !== undefined))) return { reads, dropped: [] };
    const dropped: ImageDrop[] = [];
    const jobs: (() => Promise<void>)[] = [];
    // per read, its images in the order the source sent them; inline ones filled in by the jobs
    const slots = reads.map((read, index) =>
      (read.images ?? []).map((img, at): ReadImage | undefined => {
        if (img.jpegBase64 === undefined) return img;
        const checked = checkImage(img.jpegBase64, this.d.maxBytes);
        if (!checked.ok) {
          dropped.push({ index, sourceEventId: read.sourceEventId, kind: img.kind, reason: `${img.kind} image: ${checked.reason}` });
          return undefined;
        }
        jobs.push(async () => {
          const ref = await this.d.store.put({ bytes: checked.bytes, contentType: checked.contentType, observedAt: read.observedAt });
          slots[index][at] = { kind: img.kind, ref, contentType: checked.contentType, bytes: checked.bytes.length };
        });
        return undefined;
      }),
    );
    for (let i = 0; i < jobs.length; i += PARALLEL_PUTS) await Promise.all(jobs.slice(i, i + PARALLEL_PUTS).map((job) => job()));
    const out = reads.map((read, index) => {
      if (!read.images) return read;
      const { images: _sent, ...rest } = read;
      const kept = slots[index].filter((img): img is ReadImage => img !== undefined);
      return kept.length > 0 ? { ...rest, images: kept } : rest;
    });
    return { reads: out, dropped };
  }

  /**
   * The stored image of `kind` of a read, for a person verifying a hit or working a read: needs
   * `reads:read` or `hits:read`, and every attempt is audited (the image shows a plate).
   */
  async fetch(readId: string, kind: string, who: ImageRequester): Promise<{ image: StoredImage; etag: string }> {
    const actor = who.principal.name;
    const details = { readId, kind };
    if (!can(who.principal, 'reads:read') && !can(who.principal, 'hits:read')) {
      await this.d.audit.record({ actor, from: who.from, action: 'reads.image', outcome: 'denied', details });
      throw new AppError('forbidden', 'seeing read images needs reads:read or hits:read');
    }
    if (!isImageKind(kind)) throw new AppError('validation_failed', `kind must be one of ${READ_IMAGE_KINDS.join(', ')}`, { details: [{ field: 'params.kind', message: 'unknown image kind' }] });
    const read = await this.d.reads.get(readId);
    const ref = read?.images?.find((i) => i.kind === kind && i.ref)?.ref;
    const image = ref ? await this.d.store.get(ref) : undefined;
    await this.d.audit.record({ actor, from: who.from, action: 'reads.image', outcome: image ? 'success' : 'failed', details, resultCount: image ? 1 : 0 });
    if (!read) throw new AppError('not_found_or_forbidden', `read ${readId} not found`);
    if (!image) throw new AppError('not_found_or_forbidden', `read ${readId} has no stored ${kind} image${ref ? ' (deleted by retention)' : ''}`);
    // the ref holds the hash of the bytes: a strong validator for free
    return { image, etag: `"${ref!.slice(ref!.indexOf('/') + 1, ref!.lastIndexOf('.'))}"` };
  }
}
