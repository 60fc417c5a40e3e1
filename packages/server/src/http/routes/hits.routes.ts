import type { FastifyInstance } from 'fastify';
import type { Disposition } from '@openrtcc/domain';
import { DISPOSITIONS } from '@openrtcc/domain';
import type { AppContext } from '../../context.ts';
import { hitView } from '../../alerts/hit.service.ts';

export function hitRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { status?: 'open' | 'pending' | 'verified' | 'all'; hotlistId?: string; limit?: number; cursor?: string } }>(
    '/api/v1/hits',
    {
      config: { access: 'hits:read' },
      schema: {
        tags: ['hits'],
        summary: 'Hits, newest first',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['open', 'pending', 'verified', 'all'] },
            hotlistId: { type: 'string' },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            cursor: { type: 'string' },
          },
        },
      },
    },
    async (req) => {
      const page = await ctx.hits.list({ status: req.query.status ?? 'all', hotlistId: req.query.hotlistId, limit: req.query.limit ?? 50, cursor: req.query.cursor });
      return { ...page, items: page.items.map(hitView) };
    },
  );
  app.get<{ Params: { id: string } }>('/api/v1/hits/:id', { config: { access: 'hits:read' }, schema: { tags: ['hits'] } }, async (req) => hitView(await ctx.hits.get(req.params.id)));
  app.post<{ Params: { id: string }; Body: { disposition: Disposition; verifiedBy: string; note?: string } }>(
    '/api/v1/hits/:id/verification',
    {
      config: { access: 'hits:verify' },
      schema: {
        tags: ['hits'],
        summary: 'Record the disposition of a hit (once), by a named person',
        body: {
          type: 'object',
          required: ['disposition', 'verifiedBy'],
          additionalProperties: false,
          properties: {
            disposition: { type: 'string', enum: [...DISPOSITIONS] },
            verifiedBy: { type: 'string', minLength: 1, maxLength: 200 },
            note: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (req) => {
      const hit = await ctx.hits.verify(req.params.id, req.body);
      await ctx.audit.record({
        actor: req.principal!.name,
        from: req.ip,
        action: 'hits.verify',
        outcome: 'success',
        details: { hitId: hit.id, disposition: hit.status, verifiedBy: hit.verification?.verifiedBy },
      });
      return hitView(hit);
    },
  );
}
