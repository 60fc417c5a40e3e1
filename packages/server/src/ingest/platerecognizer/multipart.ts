/**
 * Multipart/form-data for Plate Recognizer Stream webhooks, read with busboy: the JSON comes in a
 * form field (`json`), the frame or plate crop as a file part (`upload`). The platform has no
 * image store yet, so file parts are only counted, never kept; `withoutFileParts` rebuilds the
 * body from the text fields alone so that quarantine never holds an image.
 */
import { Busboy } from '@fastify/busboy';

export interface MultipartPart {
  name: string;
  /** Set for file parts (Content-Disposition has a filename, or the part is not text). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** At most this many parts are read; a body with more is refused. */
export const MAX_PARTS = 64;

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
  if (contentType !== undefined && /multipart\/form-data/i.test(contentType)) return true;
  return multipartBoundary(body) !== undefined && /content-disposition/i.test(body.subarray(0, 600).toString('latin1'));
}

/** Field bytes read at most (the whole body is bounded by RTCC_MAX_BODY_BYTES before this). */
const MAX_FIELD_BYTES = 64 * 1024 * 1024;

/**
 * Splits a multipart body into its parts with busboy. Text fields come with their bytes; file
 * parts (the image) come with their name, file name and type only: their bytes are discarded as
 * they are read, since nothing keeps images yet.
 * @returns undefined when no boundary is found; throws Error with a reason for a malformed body.
 */
export async function parseMultipart(body: Buffer, contentType?: string): Promise<MultipartPart[] | undefined> {
  const boundary = multipartBoundary(body, contentType);
  if (boundary === undefined) return undefined;
  // busboy needs the closing delimiter to finish; say so plainly instead of waiting for it
  if (body.lastIndexOf(`--${boundary}--`) < 0) throw new Error('multipart body ends without a closing boundary');
  const parts: MultipartPart[] = [];
  let problem: string | undefined;
  const bb = new Busboy({
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    limits: { parts: MAX_PARTS, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 200 },
  });
  bb.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) problem ??= `multipart field "${name}" is larger than ${MAX_FIELD_BYTES} bytes`;
    parts.push({ name, data: Buffer.from(value, 'utf8') });
  });
  bb.on('file', (name, stream, filename, _encoding, mimeType) => {
    stream.resume(); // the image's bytes are not kept
    const part: MultipartPart = { name, filename: filename ?? '', data: Buffer.alloc(0) };
    if (mimeType) part.contentType = mimeType;
    parts.push(part);
  });
  bb.on('partsLimit', () => (problem ??= `multipart body with more than ${MAX_PARTS} parts`));
  await new Promise<void>((resolve) => {
    bb.once('finish', () => resolve());
    bb.once('error', (e: Error) => {
      problem ??= e.message;
      resolve();
    });
    bb.end(body);
  });
  if (problem !== undefined) throw new Error(problem);
  return parts;
}

/**
 * The multipart body with its file parts removed (text fields kept byte for byte), and how many
 * files were dropped. A body that is not multipart, or cannot be split, is returned unchanged:
 * the decoder then explains what is wrong with it.
 */
export async function withoutFileParts(body: Buffer, contentType?: string): Promise<{ body: Buffer; droppedFiles: number }> {
  if (!looksMultipart(body, contentType)) return { body, droppedFiles: 0 };
  let parts: MultipartPart[] | undefined;
  try {
    parts = await parseMultipart(body, contentType);
  } catch {
    // unreadable: keep at most the text before any binary so no image reaches quarantine
    return { body: printablePrefix(body), droppedFiles: 0 };
  }
  if (parts === undefined) return { body, droppedFiles: 0 };
  const boundary = multipartBoundary(body, contentType)!;
  const files = parts.filter((p) => p.filename !== undefined).length;
  if (files === 0) return { body, droppedFiles: 0 };
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.filename !== undefined) continue;
    const type = p.contentType === undefined ? '' : `\r\nContent-Type: ${p.contentType}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${type}\r\n\r\n`, 'utf8'), p.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), droppedFiles: files };
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
