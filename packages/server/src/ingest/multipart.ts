/**
 * Multipart/form-data as LPR devices post it (Axis LPR app, Hikvision ISAPI push, Plate
 * Recognizer Stream): a text part with the event (JSON or XML) and file parts with the pictures.
 * Read with busboy under strict limits, since the body comes from a device on the network:
 * at most MAX_PARTS parts, MAX_FILE_BYTES per file, MAX_FIELD_BYTES per text field.
 *
 * File parts keep their bytes (the decoders turn JPEG/PNG parts into the read's images);
 * `withoutFileParts` rebuilds the body from the text parts alone, so that quarantine never
 * holds an image.
 */
import { Busboy } from '@fastify/busboy';
import { imageType } from './read-image.ts';
import { DecodeError, type RawPayload } from './decoder.types.ts';

export interface MultipartPart {
  name: string;
  /** Set for file parts (Content-Disposition has a filename); '' when the filename is empty. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** At most this many parts are read; a body with more is refused. */
export const MAX_PARTS = 32;
/** One file part (a picture) of at most this many bytes; a larger one is refused. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** One text part of at most this many bytes (the whole body is bounded by RTCC_MAX_BODY_BYTES before this). */
export const MAX_FIELD_BYTES = 4 * 1024 * 1024;

/** The boundary from the Content-Type, or from the body's first line when the header lies or is absent. */
export function multipartBoundary(body: Buffer, contentType?: string): string | undefined {
  const m = contentType === undefined ? null : /boundary=(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  const fromHeader = m ? (m[1] ?? m[2]) : undefined;
  if (fromHeader !== undefined && body.subarray(0, 2 + fromHeader.length + 256).includes(`--${fromHeader}`)) return fromHeader;
  // The body itself starts with `--<boundary>\r\n` (after optional blank lines).
  const head = body.subarray(0, 300).toString('latin1');
  const first = /^(?:\r?\n)*--([^\r\n]{1,200})\r?\n/.exec(head);
  return first ? first[1] : undefined;
}

/** True when the body is (or is labelled) multipart form data. */
export function looksMultipart(body: Buffer, contentType?: string): boolean {
  if (contentType !== undefined && /multipart\/(form-data|mixed|related)/i.test(contentType)) return true;
  return multipartBoundary(body) !== undefined && /content-disposition/i.test(body.subarray(0, 600).toString('latin1'));
}

/**
 * Splits a multipart body into its parts, file parts with their bytes.
 * @returns undefined when no boundary is found.
 * @throws Error with a reason for a malformed body or one over the limits.
 * @example (await parseMultipart(body, 'multipart/form-data; boundary=x'))?.find((p) => p.name === 'event')
 */
export async function parseMultipart(body: Buffer, contentType?: string): Promise<MultipartPart[] | undefined> {
  const boundary = multipartBoundary(body, contentType);
  if (boundary === undefined) return undefined;
  // busboy needs the closing delimiter to finish; say so plainly instead of waiting for it
  if (body.lastIndexOf(`--${boundary}--`) < 0) throw new Error('multipart body ends without a closing boundary');
  const parts: MultipartPart[] = [];
  let problem: string | undefined;
  const fail = (why: string) => (problem ??= why);
  // Hikvision labels its push multipart/mixed; busboy reads the same framing as form-data
  const bb = new Busboy({
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    limits: { parts: MAX_PARTS, files: MAX_PARTS, fields: MAX_PARTS, fieldSize: MAX_FIELD_BYTES, fileSize: MAX_FILE_BYTES, fieldNameSize: 200, headerPairs: 20 },
  });
  bb.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) fail(`multipart field "${name}" is larger than ${MAX_FIELD_BYTES} bytes`);
    parts.push({ name, data: Buffer.from(value, 'utf8') });
  });
  bb.on('file', (name, stream, filename, _encoding, mimeType) => {
    // pushed now, filled at its end: parts stay in the sender's order
    const part: MultipartPart = { name, filename: filename ?? '', data: Buffer.alloc(0) };
    if (mimeType) part.contentType = mimeType;
    parts.push(part);
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('limit', () => fail(`multipart file "${filename ?? name}" is larger than ${MAX_FILE_BYTES} bytes`));
    stream.on('end', () => (part.data = Buffer.concat(chunks)));
  });
  bb.on('partsLimit', () => fail(`multipart body with more than ${MAX_PARTS} parts`));
  bb.on('filesLimit', () => fail(`multipart body with more than ${MAX_PARTS} files`));
  bb.on('fieldsLimit', () => fail(`multipart body with more than ${MAX_PARTS} fields`));
  await new Promise<void>((resolve) => {
    bb.once('finish', () => resolve());
    bb.once('error', (e: Error) => {
      fail(e.message);
      resolve();
    });
    bb.end(body);
  });
  if (problem !== undefined) throw new Error(problem);
  return parts;
}

/**
 * The text parts: what a decoder reads the event from. Form fields, and file parts that are
 * labelled or named as XML, JSON or text (Hikvision sends its event as the file `anpr.xml`)
 * unless their bytes are a picture's.
 */
export function textParts(parts: MultipartPart[]): MultipartPart[] {
  return parts.filter((p) => p.filename === undefined || (isTextFile(p) && imageType(p.data) === undefined));
}

function isTextFile(p: MultipartPart): boolean {
  return (p.contentType !== undefined && /xml|json|text/i.test(p.contentType)) || /\.(xml|json|txt)$/i.test(p.filename ?? '');
}

/** The file parts that are not text: the pictures. */
export function fileParts(parts: MultipartPart[]): MultipartPart[] {
  const text = new Set(textParts(parts));
  return parts.filter((p) => p.filename !== undefined && !text.has(p));
}

/**
 * A device's post split into its event document and its pictures. A body that is not multipart
 * (or is labelled so but has no boundary: senders mislabel bodies) gives no `document`: the
 * decoder reads the whole body its own way. Otherwise the document is the text part `isDocument`
 * picks, else the first text part whose text `looksLike` matches, without a BOM.
 * @throws DecodeError for a multipart body that cannot be read or has no document part
 *   (`missing` names the part the device should have sent).
 * @example await splitDevicePost(payload, { isDocument: (p) => p.name === 'event', looksLike: /^\s*\{/, missing: 'an "event" part' })
 */
export async function splitDevicePost(
  payload: RawPayload,
  want: { isDocument: (p: MultipartPart) => boolean; looksLike: RegExp; missing: string },
): Promise<{ document?: string; files: MultipartPart[] }> {
  if (!looksMultipart(payload.body, payload.contentType)) return { files: [] };
  let parts: MultipartPart[] | undefined;
  try {
    parts = await parseMultipart(payload.body, payload.contentType);
  } catch (e) {
    throw new DecodeError(`unreadable multipart body: ${(e as Error).message}`);
  }
  if (parts === undefined) return { files: [] };
  const texts = textParts(parts);
  const doc = texts.find(want.isDocument) ?? texts.find((p) => want.looksLike.test(p.data.toString('utf8').replace(/^\uFEFF/, '')));
  if (doc === undefined) throw new DecodeError(`multipart body without ${want.missing} (parts: ${describeParts(parts)})`);
  return { document: doc.data.toString('utf8').replace(/^\uFEFF/, ''), files: fileParts(parts) };
}

/** The part names for an error message: `event, image (file)`. */
export function describeParts(parts: MultipartPart[]): string {
  return parts.map((p) => (p.filename === undefined ? p.name : `${p.name} (file)`)).join(', ') || 'none';
}

/**
 * The multipart body with its picture parts removed (text parts kept byte for byte), and how
 * many were dropped. A body that is not multipart is returned unchanged; one that cannot be split
 * is cut to its printable text before the first file part, so no image reaches quarantine.
 */
export async function withoutFileParts(body: Buffer, contentType?: string): Promise<{ body: Buffer; droppedFiles: number }> {
  if (!looksMultipart(body, contentType)) return { body, droppedFiles: 0 };
  let parts: MultipartPart[] | undefined;
  try {
    parts = await parseMultipart(body, contentType);
  } catch {
    return { body: printablePrefix(body), droppedFiles: 0 };
  }
  if (parts === undefined) return { body, droppedFiles: 0 };
  const boundary = multipartBoundary(body, contentType)!;
  const files = new Set(fileParts(parts));
  if (files.size === 0) return { body, droppedFiles: 0 };
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (files.has(p)) continue;
    const filename = p.filename === undefined ? '' : `; filename="${p.filename.replace(/["\r\n]/g, '')}"`;
    const type = p.contentType === undefined ? '' : `\r\nContent-Type: ${p.contentType}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name.replace(/["\r\n]/g, '')}"${filename}${type}\r\n\r\n`, 'utf8'), p.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), droppedFiles: files.size };
}

/**
 * The quarantine body of a raw ingest post: a lazy `withoutFileParts`, run only when the
 * decoder refused the body (see RawPayload.forQuarantine).
 */
export function quarantineWithoutFiles(body: Buffer, contentType?: string): () => Promise<Buffer> {
  return async () => (await withoutFileParts(body, contentType)).body;
}

/**
 * What can be kept of a broken multipart body: the text before the first file part header and
 * before the first byte no text has (NUL, control, 0xFF), at most 64 KiB.
 */
function printablePrefix(body: Buffer): Buffer {
  let limit = Math.min(body.length, 65_536);
  const file = body.subarray(0, limit).indexOf('filename=');
  if (file >= 0) limit = Math.max(0, body.lastIndexOf('\n--', file));
  let i = 0;
  while (i < limit) {
    const c = body[i];
    if (c === 0 || c === 0xff || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) break;
    i++;
  }
  return body.subarray(0, i);
}
