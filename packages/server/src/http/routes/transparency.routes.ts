/**
 * The public transparency page (`/transparency`, HTML, no script) and its JSON
 * (`/api/v1/public/transparency`). Public: no credential, nothing identifying; the report is
 * computed at most once a minute whatever the traffic (TransparencyService).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { CACHE_MS, TransparencyService, renderTransparencyHtml, transparencyReportSchema, type TransparencySources } from '../../transparency/index.ts';

/** The page styles itself inline and runs no script, so its policy allows nothing else. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * What the page reads from the context. Sharing exists only with its module; a section whose
 * provider is absent says it is not available.
 */
export function transparencySources(ctx: AppContext): TransparencySources {
  return {
    config: ctx.config,
    cameras: ctx.cameras,
    audit: ctx.audit,
    hits: ctx.config.modules.includes('hotlists') ? ctx.hits : undefined,
    retention: ctx.retention,
    sharing: ctx.sharing,
  };
}

export function transparencyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const service = new TransparencyService(transparencySources(ctx));
  const maxAge = `public, max-age=${CACHE_MS / 1000}`;

  app.get(
    '/api/v1/public/transparency',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'The transparency report: what is collected, cameras, retention, searches and hits of the last 30 days in aggregate, sharing agreements, deletions, daily audit roots, policy',
        security: [],
        response: { 200: transparencyReportSchema },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', maxAge);
      return service.report();
    },
  );

  app.get('/transparency', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const html = renderTransparencyHtml(await service.report());
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', maxAge)
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(html);
  });
}
