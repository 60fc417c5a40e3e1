import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { listSourceKinds } from '../../ingest/decoders.ts';

export function sourceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: { name: string; kind: string; timeZone?: string } }>(
    '/api/v1/sources',
    {
      config: { access: 'sources:manage' },
      schema: {
        tags: ['sources'],
        summary: 'Create an ingest source and its key (shown once)',
        body: {
          type: 'object',
          required: ['name', 'kind'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            kind: { type: 'string' },
            timeZone: { type: 'string', maxLength: 64, description: 'IANA zone (America/Chicago) the source\'s zone-less times are read in; needed for genetec' },
          },
        },
      },
    },
    async (req, reply) => {
      const created = await ctx.sources.create(req.body, req.principal!.name);
      await ctx.audit.record({ actor: req.principal!.name, from: req.ip, action: 'sources.create', outcome: 'success', details: { sourceId: created.source.id, name: created.source.name } });
      return reply.status(201).send(created);
    },
  );
  app.get('/api/v1/sources', { config: { access: 'sources:manage' }, schema: { tags: ['sources'], summary: 'Sources with their health, the feeds the server subscribes to (Frigate over MQTT), and the kinds a source can be created for' } }, async () => {
    const list = await ctx.sources.list();
    return { items: list.map((s) => ({ ...s, health: ctx.health.get(s.id) ?? null })), feeds: ctx.health.feeds(), kinds: listSourceKinds() };
  });
  app.delete<{ Params: { id: string } }>('/api/v1/sources/:id', { config: { access: 'sources:manage' }, schema: { tags: ['sources'], summary: 'Revoke a source key' } }, async (req) => {
    const s = await ctx.sources.revoke(req.params.id);
    await ctx.audit.record({ actor: req.principal!.name, from: req.ip, action: 'sources.revoke', outcome: 'success', details: { sourceId: s.id } });
    return s;
  });
}
