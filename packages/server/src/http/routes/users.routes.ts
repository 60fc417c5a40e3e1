/**
 * User accounts, for admins (`users:manage`): list, create (with the enrolment shown once),
 * change the role, disable, enable, unlock, and reset MFA (a new enrolment).
 */
import type { FastifyInstance } from 'fastify';
import { ROLES, type Principal } from '../../auth/permissions.ts';
import type { AppContext } from '../../context.ts';

const ACCESS = { access: 'users:manage' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } };

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const actor = (req: { principal?: Principal; ip: string }) => ({ principal: req.principal!, from: req.ip });

  app.get('/api/v1/users', { config: ACCESS, schema: { tags: ['users'], summary: 'Every user account with its status' } }, async () => ({ items: await ctx.accounts.list() }));

  app.post<{ Body: { username: string; displayName: string; role: string } }>(
    '/api/v1/users',
    {
      config: ACCESS,
      schema: {
        tags: ['users'],
        summary: 'Create an account; the answer carries its one-time enrolment (code and TOTP secret), shown once',
        body: {
          type: 'object',
          required: ['username', 'displayName', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 63 },
            displayName: { type: 'string', minLength: 1, maxLength: 200 },
            role: { type: 'string', enum: [...ROLES] },
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.accounts.create(req.body, actor(req))),
  );

  app.get<{ Params: { id: string } }>('/api/v1/users/:id', { config: ACCESS, schema: { tags: ['users'], params: idParams } }, async (req) => ctx.accounts.get(req.params.id));

  app.patch<{ Params: { id: string }; Body: { role?: string; displayName?: string } }>(
    '/api/v1/users/:id',
    {
      config: ACCESS,
      schema: {
        tags: ['users'],
        summary: 'Change the role or display name',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { role: { type: 'string', enum: [...ROLES] }, displayName: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    async (req) => ctx.accounts.update(req.params.id, req.body, actor(req)),
  );

  const action = (path: string, summary: string, run: (id: string, by: ReturnType<typeof actor>) => Promise<unknown>) =>
    app.post<{ Params: { id: string } }>(`/api/v1/users/:id/${path}`, { config: ACCESS, schema: { tags: ['users'], summary, params: idParams } }, async (req) => run(req.params.id, actor(req)));
  action('disable', 'Disable the account and end its sessions', (id, by) => ctx.accounts.disable(id, by));
  action('enable', 'Enable a disabled account', (id, by) => ctx.accounts.enable(id, by));
  action('unlock', 'Lift a lockout after failed sign-ins', (id, by) => ctx.accounts.unlock(id, by));
  action('mfa-reset', 'A new TOTP secret and enrolment code (shown once); the old password and sessions stop working', (id, by) => ctx.accounts.resetMfa(id, by));
}
