/**
 * Image refs, shared by both image stores: `YYYY-MM-DD/<sha256 hex>.<jpg|png>`, the UTC day the
 * read was observed and the hash of the bytes. The day lets retention drop whole days; the hash
 * makes a retried event's image land on the same ref, so it is never stored twice.
 */
import { createHash } from 'node:crypto';
import type { ImageContentType, ReadImage } from '@openrtcc/domain';

const EXT: Record<ImageContentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };
const REF = /^(\d{4}-\d{2}-\d{2})\/([0-9a-f]{64})\.(jpg|png)$/;

export const DAY_MS = 86_400_000;

/** The UTC day of `ms` as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The ref of these bytes observed at `observedAt`. */
export function imageRef(bytes: Buffer, contentType: ImageContentType, observedAt: number): string {
  return `${utcDay(observedAt)}/${createHash('sha256').update(bytes).digest('hex')}.${EXT[contentType]}`;
}

/**
 * The parts of a ref, or undefined for anything else: a ref is only ever used as a path under the
 * image folder after this check, so `../` or an absolute path can never reach the file system.
 */
export function parseImageRef(ref: string): { day: string; dayStart: number; contentType: ImageContentType } | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  const dayStart = Date.parse(`${m[1]}T00:00:00Z`);
  if (!Number.isFinite(dayStart) || utcDay(dayStart) !== m[1]) return undefined;
  return { day: m[1], dayStart, contentType: m[3] === 'png' ? 'image/png' : 'image/jpeg' };
}

/** The refs of the stored images of these reads (what retention keeps). */
export async function refsOfReads(getMany: (ids: string[]) => Promise<{ images?: { ref?: string }[] }[]>, ids: Set<string>): Promise<Set<string>> {
  const refs = new Set<string>();
  const all = [...ids];
  for (let i = 0; i < all.length; i += 1000) {
    for (const read of await getMany(all.slice(i, i + 1000))) for (const img of read.images ?? []) if (img.ref) refs.add(img.ref);
  }
  return refs;
}

/**
 * A read's images as a read row keeps them: references only. The pipeline has already replaced
 * inline bytes by refs; this is the last guard, so base64 never reaches a read row even from a
 * path that skipped the image stage. Undefined when nothing is left.
 */
export function storableImages(images: ReadImage[] | undefined): ReadImage[] | undefined {
  if (!images || images.length === 0) return undefined;
  const kept: ReadImage[] = [];
  for (const { jpegBase64: _inline, ...img } of images) if (img.ref || img.url) kept.push(img);
  return kept.length > 0 ? kept : undefined;
}
