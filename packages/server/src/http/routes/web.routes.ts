/**
 * The console: the files `vite build` wrote to packages/web/dist, served at `/` with a fallback
 * to index.html for the console's own paths (/hits/…, /search …), so a reload or a shared link
 * works. Public like /healthz: the files hold no data, and every call they make needs a token.
 *
 * Only files found in dist when the server started are served, looked up by their exact path,
 * so no request path can reach outside dist (no decoding, no joining). A `.gz` written beside a
 * file by the build is sent to browsers that accept gzip. Without a build, `/` explains how to
 * make one (npm start builds it when missing).
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';

const WEB = fileURLToPath(new URL('../../../../web/', import.meta.url));
export const WEB_DIST = join(WEB, 'dist');
const NOT_BUILT = join(WEB, 'not-built.html');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface StaticFile {
  path: string;
  size: number;
  type: string;
  gz?: { path: string; size: number };
  cache: string;
}

/** Every servable file under `dir`, by URL path (`/assets/index-abc.js`). */
export function scanDist(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(join(dir, 'index.html'))) return files;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        walk(path);
        continue;
      }
      if (name.endsWith('.gz')) continue;
      const url = `/${relative(dir, path).split(sep).join('/')}`;
      const gzPath = `${path}.gz`;
      const cache = url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : url === '/index.html' ? 'no-cache' : 'public, max-age=86400';
      files.set(url, {
        path,
        size: st.size,
        type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        gz: existsSync(gzPath) ? { path: gzPath, size: statSync(gzPath).size } : undefined,
        cache,
      });
    }
  };
  walk(dir);
  return files;
}

/** The console's Content-Security-Policy: its own scripts only; tiles from the configured host. */
function contentSecurityPolicy(ctx: AppContext): string {
  const tiles = ctx.config.mapTiles;
  let tileOrigin = '';
  if (tiles && tiles.kind !== 'pmtiles-file') {
    try {
      tileOrigin = ` ${new URL(tiles.url.replace(/[{}]/g, '_')).origin}`;
    } catch {
      tileOrigin = '';
    }
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    // MapLibre and React set element styles
    "style-src 'self' 'unsafe-inline'",
    // read images are on the cameras' own servers, wherever those are
    'img-src * data: blob:',
    // live-view cameras play through the server's gateway into a MediaSource (hls.js: blob: URLs)
    "media-src 'self' blob:",
    `connect-src 'self'${tileOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function webRoutes(app: FastifyInstance, ctx: AppContext): void {
  const files = scanDist(WEB_DIST);
  const index = files.get('/index.html');
  const csp = contentSecurityPolicy(ctx);
  const notBuilt = readFileSync(NOT_BUILT);
  if (!index) app.log.warn(`the console is not built (${WEB_DIST} has no index.html): run npm run build:web, or npm start, which builds it`);

  // a training server marks the page itself, so the banner is there before any script runs
  // (and the console starts in training mode without waiting for an answer)
  const trainingIndex =
    index && ctx.config.training
      ? Buffer.from(
          readFileSync(index.path, 'utf8')
            .replace('</head>', '  <meta name="rtcc-mode" content="training" />\n  </head>')
            .replace('<div id="root"></div>', '<div id="root"><div class="training-banner" role="status">TRAINING — SIMULATED DATA</div></div>'),
        )
      : undefined;

  const send = (req: FastifyRequest, reply: FastifyReply, f: StaticFile) => {
    if (f === index && trainingIndex) {
      reply.header('content-type', f.type).header('cache-control', f.cache).header('x-content-type-options', 'nosniff').header('content-security-policy', csp).header('referrer-policy', 'no-referrer');
      return reply.send(req.method === 'HEAD' ? undefined : trainingIndex);
    }
    const gzip = f.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    reply.header('content-type', f.type).header('cache-control', f.cache).header('x-content-type-options', 'nosniff').header('vary', 'accept-encoding');
    if (f.type.startsWith('text/html')) reply.header('content-security-policy', csp).header('referrer-policy', 'no-referrer');
    if (gzip) reply.header('content-encoding', 'gzip');
    reply.header('content-length', gzip ? f.gz!.size : f.size);
    if (req.method === 'HEAD') return reply.send();
    return reply.send(createReadStream(gzip ? f.gz!.path : f.path));
  };

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    if (!index) {
      if (path === '/' || (!path.startsWith('/api/') && !/\.[A-Za-z0-9]+$/.test(path))) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(notBuilt);
      throw new AppError('not_found_or_forbidden', `no route ${req.method} ${path}`);
    }
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file) return send(req, reply, file);
    // API paths and anything that looks like a file answer the usual JSON 404; every other
    // path is a console screen, which index.html routes in the browser
    if (path.startsWith('/api/') || path === '/healthz' || /\.[A-Za-z0-9]+$/.test(path.split('/').pop() ?? '')) {
      throw new AppError('not_found_or_forbidden', `no route ${req.method} ${path}`);
    }
    return send(req, reply, index);
  };
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, handler);
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, handler);
}
