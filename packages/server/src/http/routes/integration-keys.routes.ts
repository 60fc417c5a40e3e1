/**
 * Integration API keys, for admins (`integrations:manage`): create with chosen scopes and an
 * expiry (the key is in the answer once), list, revoke.
 */
import type { FastifyInstance } from 'fastify';
import { INTEGRATION_SCOPES, MAX_KEY_DAYS } from '../../auth/integration-key.service.ts';
import type { Principal } from '../../auth/permissions.ts';
import type { AppContext } from '../../context.ts';

const ACCESS = { access: 'integrations:manage' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } };

export function integrationKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const actor = (req: { principal?: Principal; ip: string }) => ({ principal: req.principal!, from: req.ip });

  app.get('/api/v1/integration-keys', { config: ACCESS, schema: { tags: ['users'], summary: 'Every integration key with its scopes, expiry, status and last use (never the key)' } }, async () => ({
    items: await ctx.integrationKeys.list(),
    scopes: INTEGRATION_SCOPES,
  }));

  app.post<{ Body: { name: string; scopes: string[]; expiresInDays?: number } }>(
    '/api/v1/integration-keys',
    {
      config: ACCESS,
      schema: {
        tags: ['users'],
        summary: 'Create a key for an integration with the permissions it needs; the key is in this answer only',
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            scopes: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 50 } },
            expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_KEY_DAYS },
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.integrationKeys.create(req.body, actor(req))),
  );

  app.post<{ Params: { id: string } }>('/api/v1/integration-keys/:id/revoke', { config: ACCESS, schema: { tags: ['users'], summary: 'Revoke a key: refused from the next request on', params: idParams } }, async (req) =>
    ctx.integrationKeys.revoke(req.params.id, actor(req)),
  );
}
