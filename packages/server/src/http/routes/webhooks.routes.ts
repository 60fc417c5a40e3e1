/**
 * Outbound webhook targets and their delivery log (admins: `webhooks:manage`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { WEBHOOK_EVENTS, type WebhookInput } from '../../webhooks/index.ts';

const ACCESS = { access: 'webhooks:manage' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } };

const targetProps = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  url: { type: 'string', minLength: 1, maxLength: 2000, description: 'http or https; see docs/integrations.md for the addresses refused' },
  events: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...WEBHOOK_EVENTS] } },
  active: { type: 'boolean' },
  secret: { type: 'string', minLength: 16, maxLength: 200, description: 'HMAC-SHA256 key; generated (and shown once) when absent' },
};

const actor = (req: FastifyRequest) => ({ name: req.principal!.name, from: req.ip });

export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const webhooks = ctx.webhooks!;
  app.get('/api/v1/webhooks', { config: ACCESS, schema: { tags: ['webhooks'], summary: 'Webhook targets (never their secrets)' } }, async () => ({ items: await webhooks.list() }));

  app.get<{ Params: { id: string } }>('/api/v1/webhooks/:id', { config: ACCESS, schema: { tags: ['webhooks'], summary: 'One webhook target', params: idParams } }, async (req) => webhooks.get(req.params.id));

  app.post<{ Body: WebhookInput }>(
    '/api/v1/webhooks',
    {
      config: ACCESS,
      schema: {
        tags: ['webhooks'],
        summary: 'Add a webhook target; the answer carries its signing secret, shown this once',
        body: { type: 'object', required: ['name', 'url', 'events'], additionalProperties: false, properties: targetProps },
      },
    },
    async (req, reply) => reply.status(201).send(await webhooks.create(req.body, actor(req))),
  );

  app.put<{ Params: { id: string }; Body: WebhookInput & { rotateSecret?: boolean } }>(
    '/api/v1/webhooks/:id',
    {
      config: ACCESS,
      schema: {
        tags: ['webhooks'],
        summary: 'Change a webhook target; `rotateSecret: true` makes a new secret, shown in the answer',
        params: idParams,
        body: { type: 'object', required: ['name', 'url', 'events'], additionalProperties: false, properties: { ...targetProps, rotateSecret: { type: 'boolean' } } },
      },
    },
    async (req) => webhooks.update(req.params.id, req.body, actor(req)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/webhooks/:id',
    { config: ACCESS, schema: { tags: ['webhooks'], summary: 'Delete a webhook target and its delivery log', params: idParams } },
    async (req, reply) => {
      await webhooks.delete(req.params.id, actor(req));
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/webhooks/:id/test',
    { config: ACCESS, schema: { tags: ['webhooks'], summary: 'Send a signed `webhook.test` delivery now, once, and answer how it went', params: idParams } },
    async (req) => webhooks.testSend(req.params.id, actor(req)),
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: ACCESS,
      schema: {
        tags: ['webhooks'],
        summary: "The target's deliveries, newest first, each with every attempt (time, HTTP status, error)",
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, cursor: { type: 'string', maxLength: 500 } },
        },
      },
    },
    async (req) => webhooks.deliveries(req.params.id, { limit: req.query.limit ?? 50, cursor: req.query.cursor }),
  );
}
