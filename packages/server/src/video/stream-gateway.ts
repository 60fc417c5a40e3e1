/**
 * The stream gateway: consoles play a camera through the server, never from the camera itself.
 * So the console's Content-Security-Policy stays `'self'`, a camera on the agency's network needs
 * no opening towards every browser, and only a person with `video:read` gets a frame.
 *
 * A request names a file under the directory of the camera's playlist (segments, variant
 * playlists, keys) or the still image itself; nothing outside that directory is fetched.
 * Playlists are rewritten so every URI is one path segment under the gateway (`720p%2Fseg1.ts`
 * for a variant's segment), relative to the stream's directory whichever playlist names it, and
 * carries the caller's `access_token` when it came in the query (for players that cannot send
 * a header). What the
 * camera answers is served with a content type from a short list, never as a page.
 */
import { Readable } from 'node:stream';
import type { VideoStream } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import { streamFileName } from './video-camera.view.ts';

/** How long the camera has to start answering. */
export const UPSTREAM_TIMEOUT_MS = 8_000;
/** A playlist larger than this is not a playlist. */
const MAX_PLAYLIST_BYTES = 1_000_000;
/** A still image larger than this is not a snapshot (a camera sending MJPEG at its image URL never ends). */
const MAX_STILL_BYTES = 16_000_000;

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const MEDIA_TYPES = new Set(['video/mp2t', 'video/mp4', 'video/iso.segment', 'audio/mp4', 'audio/aac', 'audio/mpeg', 'image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const BY_EXTENSION: Record<string, string> = { ts: 'video/mp2t', m4s: 'video/iso.segment', mp4: 'video/mp4', m4a: 'audio/mp4', aac: 'audio/aac', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', key: 'application/octet-stream' };

export interface GatewayResponse {
  contentType: string;
  body: Buffer | Readable;
  contentLength?: number;
}

/**
 * The camera's URL for `file` (a path relative to the playlist's directory, as the console asks
 * for it), or a not-found error when it leaves that directory or a still camera names another file.
 */
export function upstreamUrl(stream: VideoStream, file: string): URL {
  const own = new URL(stream.url);
  if (file === streamFileName(stream.url)) return own;
  if (stream.kind === 'still') throw new AppError('not_found_or_forbidden', `a still-image camera serves only ${streamFileName(stream.url)}`);
  const dir = new URL('.', own);
  let target: URL;
  try {
    // the console asks for one decoded segment ("720p/seg1.ts"): encode each part again
    target = new URL(file.split('/').map(encodeURIComponent).join('/'), dir);
  } catch {
    throw new AppError('not_found_or_forbidden', 'not a file of this stream');
  }
  if (target.origin !== dir.origin || !target.pathname.startsWith(dir.pathname) || file.split('/').some((p) => p === '..' || p === '.' || p === '')) {
    throw new AppError('not_found_or_forbidden', 'not a file of this stream');
  }
  return target;
}

/**
 * Rewrites a playlist so every URI it names goes through the gateway: URIs under the stream's
 * directory `dir` become one encoded path segment relative to it; others (another host) are left
 * as they are, and the console's policy will not load them. `token` is appended when given.
 */
export function rewritePlaylist(text: string, playlistUrl: URL, dir: URL, token?: string): string {
  const rewrite = (uri: string): string => {
    let abs: URL;
    try {
      abs = new URL(uri, playlistUrl);
    } catch {
      return uri;
    }
    if (abs.origin !== dir.origin || !abs.pathname.startsWith(dir.pathname)) return uri;
    const rel = encodeURIComponent(decodeURIComponent(abs.pathname.slice(dir.pathname.length)));
    return token === undefined ? rel : `${rel}?access_token=${encodeURIComponent(token)}`;
  };
  return text
    .split(/\r?\n/)
    .map((line) => {
      if (line.startsWith('#')) return line.replace(/URI="([^"]*)"/g, (_, uri: string) => `URI="${rewrite(uri)}"`);
      return line.trim() === '' ? line : rewrite(line.trim());
    })
    .join('\n');
}

function mediaType(url: URL, upstream: string | null): string {
  const declared = (upstream ?? '').split(';')[0].trim().toLowerCase();
  if (MEDIA_TYPES.has(declared)) return declared;
  const ext = url.pathname.slice(url.pathname.lastIndexOf('.') + 1).toLowerCase();
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}

const isPlaylist = (url: URL, contentType: string | null): boolean => url.pathname.toLowerCase().endsWith('.m3u8') || /mpegurl/i.test(contentType ?? '');

/**
 * Fetches `file` of a camera's stream and returns what to send the console.
 * @throws AppError unavailable when the camera does not answer or answers with an error
 */
export async function fetchFromCamera(stream: VideoStream, file: string, token?: string): Promise<GatewayResponse> {
  const url = upstreamUrl(stream, file);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), redirect: 'error', headers: { accept: '*/*' } });
  } catch (e) {
    throw new AppError('unavailable', `the camera did not answer (${(e as Error).name === 'TimeoutError' ? `no answer in ${UPSTREAM_TIMEOUT_MS / 1000} s` : 'unreachable'})`, { cause: e });
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new AppError('unavailable', `the camera answered HTTP ${res.status} for ${file}`);
  }
  if (stream.kind === 'hls' && isPlaylist(url, res.headers.get('content-type'))) {
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_PLAYLIST_BYTES) throw new AppError('unavailable', 'the camera sent a playlist larger than 1 MB');
    const text = rewritePlaylist(bytes.toString('utf8'), url, new URL('.', stream.url), token);
    return { contentType: PLAYLIST_TYPE, body: Buffer.from(text, 'utf8') };
  }
  if (stream.kind === 'still') {
    const bytes = await readAtMost(res.body, MAX_STILL_BYTES);
    if (!bytes) throw new AppError('unavailable', `the camera sent an image larger than ${MAX_STILL_BYTES / 1_000_000} MB (is the URL a video stream?)`);
    return { contentType: mediaType(url, res.headers.get('content-type')), body: bytes, contentLength: bytes.length };
  }
  const length = Number(res.headers.get('content-length'));
  const out: GatewayResponse = { contentType: mediaType(url, res.headers.get('content-type')), body: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream) };
  if (Number.isFinite(length) && length > 0) out.contentLength = length;
  return out;
}

/** The whole body, or undefined (and the transfer stopped) once it passes `max` bytes. */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

