import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Liveness, store kind, mode and enabled modules', security: [] } }, async () => ({
    status: 'ok',
    store: ctx.store.kind,
    mode: ctx.config.training ? 'training' : 'live',
    modules: ctx.config.modules,
    time: new Date().toISOString(),
  }));
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
