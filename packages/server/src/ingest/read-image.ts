/**
 * The pictures a source sends with a read (base64 in the JSON, or multipart file parts), turned
 * into the read's `images`. Only bytes that are a JPEG or a PNG by their magic number become an
 * image: a device's error page, an empty part or a hostile file is left out. The blob store
 * turns these into stored blobs; decoders only emit them.
 */
import type { ReadImage } from '@openrtcc/domain';

/** A picture larger than this (decoded) is left out of the read. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** At most this many images on one read. */
export const MAX_IMAGES_PER_READ = 6;

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** 'jpeg' or 'png' by the bytes' magic number, else undefined. */
export function imageType(bytes: Uint8Array): 'jpeg' | 'png' | undefined {
  const starts = (magic: number[]) => bytes.length > magic.length && magic.every((b, i) => bytes[i] === b);
  if (starts(JPEG)) return 'jpeg';
  if (starts(PNG)) return 'png';
  return undefined;
}

/**
 * A read image from picture bytes, or undefined when they are not a JPEG/PNG or are too large.
 * @example imageFromBytes('plate', jpegBuffer) // { kind: 'plate', jpegBase64: '/9j/…' }
 */
export function imageFromBytes(kind: ReadImage['kind'], bytes: Buffer): ReadImage | undefined {
  if (bytes.length > MAX_IMAGE_BYTES || imageType(bytes) === undefined) return undefined;
  return { kind, jpegBase64: bytes.toString('base64') };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A read image from base64 text as vendors put it in JSON (optionally a `data:image/…;base64,`
 * URL, line-wrapped), or undefined when it is empty, not base64 or not a JPEG/PNG.
 * @example imageFromBase64('overview', genetec.OverviewImage)
 */
export function imageFromBase64(kind: ReadImage['kind'], v: unknown): ReadImage | undefined {
  if (typeof v !== 'string' || v.length < 8 || v.length > (MAX_IMAGE_BYTES * 4) / 3 + 1024) return undefined;
  let s = v.trim();
  const prefix = /^data:image\/(jpe?g|png);base64,/i.exec(s);
  if (prefix) s = s.slice(prefix[0].length);
  s = s.replace(/\s+/g, '');
  if (s.length % 4 !== 0 || !BASE64.test(s)) return undefined;
  // the first 12 base64 characters are 9 bytes: enough for both magic numbers
  if (imageType(Buffer.from(s.slice(0, 12), 'base64')) === undefined) return undefined;
  return { kind, jpegBase64: s };
}
