import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { incidentView } from '../../incidents/incident.view.ts';

/** Dispatch incidents for the console and the simulator: part of the cad module. */
export function incidentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const incidents = ctx.incidents!;
  app.get<{ Querystring: { status?: 'open' | 'closed' | 'all'; limit?: number; cursor?: string } }>(
    '/api/v1/incidents',
    {
      config: { access: 'incidents:read' },
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, newest opened first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'closed', 'all'] },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            cursor: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (req) => {
      const page = await incidents.list({ status: req.query.status ?? 'all', limit: req.query.limit ?? 50, cursor: req.query.cursor });
      return { ...page, items: page.items.map(incidentView) };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/incidents/:id',
    { config: { access: 'incidents:read' }, schema: { tags: ['incidents'], summary: 'One incident with its notes, dispositions and units' } },
    async (req) => incidentView(await incidents.get(req.params.id)),
  );
}
