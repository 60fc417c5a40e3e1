/**
 * A camera for tests, on this machine: ffmpeg encodes a short HLS stream (a test pattern, one
 * second segments) and a still image into a temporary folder, and a small HTTP server serves that
 * folder the way an NVR or a camera's web server would. No internet needed.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why the fixture cannot run here (no ffmpeg), or undefined when it can. */
export async function ffmpegMissing(): Promise<string | undefined> {
  try {
    await run('ffmpeg', ['-hide_banner', '-version']);
    return undefined;
  } catch {
    return 'ffmpeg is not installed (apt-get install -y ffmpeg)';
  }
}

export interface TestCamera {
  /** `http://127.0.0.1:<port>/cam/` */
  base: string;
  playlistUrl: string;
  stillUrl: string;
  /** An "image" that never ends, as an MJPEG URL mistaken for a snapshot sends. */
  endlessUrl: string;
  /** The paths the camera was asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t', jpg: 'image/jpeg' };

/** Encodes the stream (about a second of CPU) and starts serving it on a free port. */
export async function startTestCamera(): Promise<TestCamera> {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-test-camera-'));
  const pattern = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=10'];
  await run('ffmpeg', [...pattern, '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '10', '-hls_time', '1', '-hls_list_size', '0', '-hls_playlist_type', 'vod', '-f', 'hls', join(dir, 'index.m3u8')]);
  await run('ffmpeg', [...pattern, '-frames:v', '1', join(dir, 'still.jpg')]);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    // a camera whose "image" URL is really a never-ending stream (MJPEG)
    if (path === '/cam/endless.jpg') return void endless(res);
    const file = normalize(join(dir, path.replace(/^\/cam\//, '')));
    if (!path.startsWith('/cam/') || !file.startsWith(dir)) return void res.writeHead(404).end();
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}/cam/`;
  return {
    base,
    playlistUrl: `${base}index.m3u8`,
    stillUrl: `${base}still.jpg`,
    endlessUrl: `${base}endless.jpg`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function endless(res: import('node:http').ServerResponse): void {
  const chunk = Buffer.alloc(1 << 20, 0xff);
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  const more = (): void => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', more);
  more();
}

