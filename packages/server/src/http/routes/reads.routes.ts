import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ReadSearchInput } from '../../search/read-search.service.ts';
import { readView } from '../views.ts';

const lonLat = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };

export function readRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: ReadSearchInput & { includePartners?: boolean | string[] } }>(
    '/api/v1/reads/search',
    {
      config: { access: 'reads:search' },
      schema: {
        tags: ['reads'],
        summary: 'Search plate reads (justification required; audited)',
        description:
          '`plate`: exact, `?` for one character, `*` for a run; `fuzzy: true` finds every plate one edit or OCR confusion away. `area`: a GeoJSON Polygon or `{ center: [lon, lat], radiusMeters }`. `vehicle`: make, model, color, bodyType, checked read by read over what the other filters select (at most 100,000 reads; more asks to narrow them). Newest first, a page at a time, with the exact total.',
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
            vehicle: {
              type: 'object',
              additionalProperties: false,
              description: 'the vehicle as cameras describe it, each field case-insensitive and matched by part (`gray` finds `silver-gray`, `pickup` finds `Pickup Truck`, `chevy` finds `Chevrolet`); combine with a plate, cameras or an area',
              properties: { make: { type: 'string', maxLength: 40 }, model: { type: 'string', maxLength: 40 }, color: { type: 'string', maxLength: 40 }, bodyType: { type: 'string', maxLength: 40 } },
            },
            justification: {
              type: 'object',
              properties: { offenseType: { type: 'string' }, caseNumber: { type: 'string' }, note: { type: 'string' } },
            },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            cursor: { type: 'string' },
            includePartners: {
              description: 'sharing module: `true` asks every partner agency that shares with us, or a list of agreement ids; results come tagged with their agency',
              anyOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 50 }],
            },
          },
        },
      },
    },
    async (req) => {
      const { includePartners, ...input } = req.body;
      if (includePartners !== undefined && includePartners !== false) {
        if (!ctx.sharing) throw new AppError('validation_failed', 'includePartners needs the sharing module (RTCC_MODULES)', { details: { field: 'includePartners' } });
        return ctx.sharing.searchWithPartners(input, { name: req.principal!.name, from: req.ip }, includePartners);
      }
      const page = await ctx.search.search(input, { name: req.principal!.name, from: req.ip });
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
