import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { unitView } from '../../units/unit.view.ts';

/** Units and their positions: part of the avl module. */
export function unitRoutes(app: FastifyInstance, ctx: AppContext): void {
  const units = ctx.units!;
  app.get('/api/v1/units', { config: { access: 'units:read' }, schema: { tags: ['units'], summary: 'Every known unit with its status and latest position' } }, async () => ({
    items: (await units.list()).map(unitView),
  }));
  app.get<{ Params: { id: string } }>(
    '/api/v1/units/:id',
    { config: { access: 'units:read' }, schema: { tags: ['units'], summary: 'One unit with its recent track (newest first, up to 50 positions)' } },
    async (req) => {
      const { unit, track } = await units.get(req.params.id);
      return { ...unitView(unit), track: track.map((p) => ({ ...p, at: new Date(p.at).toISOString(), receivedAt: new Date(p.receivedAt).toISOString() })) };
    },
  );
}
