/**
 * What the console needs to draw its map beyond the built-in boundaries: the agency's tile source
 * (RTCC_MAP_TILES) and streets (RTCC_MAP_STREETS). Behind `cameras:read`, like the camera
 * registry the map is drawn for.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';

const TILES_PATH = '/api/v1/map/tiles.pmtiles';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a file of `size` bytes; null when unsatisfiable. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start > end || start >= size) return null;
  return { start, end };
}

export function mapRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { mapTiles, mapStreets } = ctx.config;
  app.get(
    '/api/v1/map',
    { config: { access: 'cameras:read' }, schema: { tags: ['map'], summary: "The console's map settings: the agency tile source and whether streets are configured" } },
    async () => ({
      tiles: mapTiles ? (mapTiles.kind === 'pmtiles-file' ? { kind: 'pmtiles', url: TILES_PATH } : mapTiles) : null,
      streets: mapStreets !== undefined,
    }),
  );

  let streets: { mtimeMs: number; body: Buffer } | undefined;
  app.get('/api/v1/map/streets', { config: { access: 'cameras:read' }, schema: { tags: ['map'], summary: 'The streets GeoJSON named by RTCC_MAP_STREETS' } }, async (_req, reply) => {
    if (!mapStreets) throw new AppError('not_found_or_forbidden', 'no streets are configured (RTCC_MAP_STREETS)');
    let st;
    try {
      st = statSync(mapStreets);
    } catch (cause) {
      throw new AppError('unavailable', 'the streets file named by RTCC_MAP_STREETS cannot be read', { cause });
    }
    // read once, again only when the file changes (a demo rewrites it on start)
    if (!streets || streets.mtimeMs !== st.mtimeMs) streets = { mtimeMs: st.mtimeMs, body: readFileSync(mapStreets) };
    return reply.type('application/json; charset=utf-8').header('cache-control', 'private, max-age=300').send(streets.body);
  });

  if (mapTiles?.kind === 'pmtiles-file') {
    const file = mapTiles.path;
    app.get(TILES_PATH, { config: { access: 'cameras:read' }, schema: { tags: ['map'], summary: 'The PMTiles archive named by RTCC_MAP_TILES (HTTP range requests)' } }, async (req, reply) => {
      const size = statSync(file).size;
      reply.header('accept-ranges', 'bytes').header('content-type', 'application/vnd.pmtiles').header('cache-control', 'private, max-age=3600');
      const rangeHeader = req.headers.range;
      if (!rangeHeader) return reply.header('content-length', size).send(createReadStream(file));
      const range = parseRange(rangeHeader, size);
      if (!range) return reply.status(416).header('content-range', `bytes */${size}`).send();
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', range.end - range.start + 1)
        .send(createReadStream(file, { start: range.start, end: range.end }));
    });
  }
}
