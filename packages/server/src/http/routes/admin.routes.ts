import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { quarantineView } from '../../ingest/quarantine.service.ts';

const page = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, cursor: { type: 'string' } } };

/** Undecodable ingest payloads: part of the lpr module. */
export function quarantineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/quarantine',
    { config: { access: 'quarantine:read' }, schema: { tags: ['ingest'], summary: 'Payloads that could not be decoded, with the reason', querystring: page } },
    async (req) => {
      const p = await ctx.quarantine.list({ limit: req.query.limit ?? 50, cursor: req.query.cursor });
      return { ...p, items: p.items.map(quarantineView) };
    },
  );
  app.get<{ Params: { id: string } }>('/api/v1/quarantine/:id', { config: { access: 'quarantine:read' }, schema: { tags: ['ingest'] } }, async (req) =>
    quarantineView(await ctx.quarantine.get(req.params.id)),
  );
}

/** The audit trail: always on, whatever modules are. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { limit?: number; cursor?: string; action?: string } }>(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: { tags: ['audit'], summary: 'The audit trail, newest first', querystring: { ...page, properties: { ...page.properties, action: { type: 'string' } } } },
    },
    async (req) => {
      const p = await ctx.audit.list({ limit: req.query.limit ?? 50, cursor: req.query.cursor, action: req.query.action });
      return { ...p, items: p.items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
    },
  );
  app.get('/api/v1/audit/verify', { config: { access: 'audit:read' }, schema: { tags: ['audit'], summary: 'Check the hash chain of the whole audit trail' } }, async () =>
    ctx.audit.verifyChain(),
  );
}
