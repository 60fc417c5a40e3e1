/**
 * Signing in and out, the log-on banner, and enrolment: the routes a person uses before they
 * hold a session are public, everything else needs the session (or another credential).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

const str = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });

export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/logon-banner',
    { config: { access: 'public' }, schema: { tags: ['session'], summary: "The agency's log-on banner (RTCC_LOGON_BANNER), shown before sign-in", security: [] } },
    async () => ({ text: ctx.config.logonBanner ?? null }),
  );

  app.post<{ Body: { username: string; password: string; code: string } }>(
    '/api/v1/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in with username, password and TOTP code; answers a session token',
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password', 'code'],
          additionalProperties: false,
          properties: { username: str(100), password: str(256), code: { type: 'string', minLength: 1, maxLength: 10 } },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.sessions.signIn(req.body, req.ip)),
  );

  app.get('/api/v1/session', { config: { access: 'authenticated' }, schema: { tags: ['session'], summary: 'Who this credential is: name, permissions, and for a session its user and lifetime' } }, async (req) =>
    ctx.sessions.describe(req.principal!),
  );

  app.delete('/api/v1/session', { config: { access: 'authenticated' }, schema: { tags: ['session'], summary: "Sign out: ends this session's token" } }, async (req, reply) => {
    await ctx.sessions.signOut(req.principal!, req.ip);
    return reply.status(204).send();
  });

  app.post<{ Body: { code: string; password: string; totpCode: string } }>(
    '/api/v1/enrolment',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Finish enrolment: the one-time code, a new password and a code from the authenticator app',
        security: [],
        body: {
          type: 'object',
          required: ['code', 'password', 'totpCode'],
          additionalProperties: false,
          properties: { code: str(200), password: str(1024), totpCode: { type: 'string', minLength: 1, maxLength: 10 } },
        },
      },
    },
    async (req) => ({ user: await ctx.accounts.enrol(req.body, req.ip) }),
  );
}
