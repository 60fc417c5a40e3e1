import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ReadSearchInput } from '../../search/read-search.service.ts';
import { readView } from '../views.ts';

const lonLat = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };

export function readRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: ReadSearchInput }>(
    '/api/v1/reads/search',
    {
      config: { access: 'reads:search' },
      schema: {
        tags: ['reads'],
        summary: 'Search plate reads (justification required; audited)',
        description:
          '`plate`: exact, `?` for one character, `*` for a run; `fuzzy: true` finds every plate one edit or OCR confusion away. `area`: a GeoJSON Polygon or `{ center: [lon, lat], radiusMeters }`. Newest first, a page at a time, with the exact total.',
        body: {
          type: 'object',
          // justification is checked by the search service, which refuses and audits the attempt
          additionalProperties: false,
          properties: {
            plate: { type: 'string', maxLength: 40 },
            fuzzy: { type: 'boolean' },
            from: { type: 'string' },
            to: { type: 'string' },
            cameraIds: { type: 'array', items: { type: 'string' }, maxItems: 1000 },
            area: { type: 'object', properties: { type: { type: 'string' }, coordinates: { type: 'array' }, center: lonLat, radiusMeters: { type: 'number' } } },
            justification: {
              type: 'object',
              properties: { offenseType: { type: 'string' }, caseNumber: { type: 'string' }, note: { type: 'string' } },
            },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            cursor: { type: 'string' },
          },
        },
      },
    },
    async (req) => {
      const page = await ctx.search.search(req.body, { name: req.principal!.name, from: req.ip });
      return { items: page.items.map(readView), total: page.total, nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/reads/:id',
    { config: { access: 'reads:read' }, schema: { tags: ['reads'], summary: 'One read (for hit verification); audited' } },
    async (req) => {
      const read = await ctx.store.reads.get(req.params.id);
      await ctx.audit.record({ actor: req.principal!.name, from: req.ip, action: 'reads.get', outcome: read ? 'success' : 'failed', details: { readId: req.params.id }, resultCount: read ? 1 : 0 });
      if (!read) throw new AppError('not_found_or_forbidden', `read ${req.params.id} not found`);
      return readView(read);
    },
  );
}
