import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { MODULES } from '../../config/modules.ts';

export function moduleRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/modules',
    { config: { access: 'authenticated' }, schema: { tags: ['system'], summary: 'Every module the platform knows, and whether this server has it on (for the console to hide what is off)' } },
    async () => ({
      items: MODULES.map((m) => ({ name: m.name, enabled: ctx.config.modules.includes(m.name), available: m.available, description: m.description })),
    }),
  );
}
