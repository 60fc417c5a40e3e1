/**
 * Checks an inline image from a decoder before it is stored: the base64 must decode, the bytes
 * must start like a JPEG or a PNG, and stay under the size limit. Anything else is refused with a
 * reason, so a camera sending garbage (or a hostile sender sending HTML or a huge blob) never
 * gets it served back to a console under an image content type.
 */
import type { ImageContentType } from '@openrtcc/domain';

export type ImageCheck = { ok: true; bytes: Buffer; contentType: ImageContentType } | { ok: false; reason: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The content type the bytes' signature says, or undefined when they are neither JPEG nor PNG. */
export function sniffImageType(bytes: Buffer): ImageContentType | undefined {
  if (bytes.length >= JPEG_MAGIC.length && bytes.subarray(0, JPEG_MAGIC.length).equals(JPEG_MAGIC)) return 'image/jpeg';
  if (bytes.length >= PNG_MAGIC.length && bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return 'image/png';
  return undefined;
}

/**
 * Decodes and checks one inline image (whitespace inside the base64 is tolerated, as senders wrap lines).
 * @example checkImage('/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==', 1_000_000) // { ok: true, contentType: 'image/jpeg', bytes }
 */
export function checkImage(base64: string, maxBytes: number): ImageCheck {
  const text = base64.replace(/\s+/g, '');
  if (text.length === 0) return { ok: false, reason: 'empty image' };
  // the decoded size is known before decoding: refuse a huge blob without allocating it
  const decodedSize = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (decodedSize > maxBytes) return { ok: false, reason: `image of ${decodedSize} bytes is over the ${maxBytes}-byte limit (RTCC_MAX_IMAGE_BYTES)` };
  if (text.length % 4 === 1 || !BASE64.test(text)) return { ok: false, reason: 'image is not valid base64' };
  const bytes = Buffer.from(text, 'base64');
  const contentType = sniffImageType(bytes);
  if (!contentType) return { ok: false, reason: 'image is neither JPEG nor PNG' };
  return { ok: true, bytes, contentType };
}
