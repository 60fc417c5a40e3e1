/**
 * The web console's pages. For now one placeholder page at `/` (packages/web/public), public
 * like /healthz: it shows no data, and every call it could make needs a token.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const INDEX = fileURLToPath(new URL('../../../../web/public/index.html', import.meta.url));

export function webRoutes(app: FastifyInstance): void {
  const html = readFileSync(INDEX);
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html),
  );
}
