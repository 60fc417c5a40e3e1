/**
 * Single sign-on routes (auth/oidc.service.ts). All public: a person uses them before holding a
 * session. The browser navigates here (not the console's fetch), so outcomes are redirects back
 * to the console: `/#sso=<token>` on success, `/#sso_error=<message>` on refusal. The token
 * travels in the fragment, which browsers never send to a server or put in a Referer.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { isAppError } from '../../errors.ts';
import { FLOW_COOKIE, FLOW_TTL_MS } from '../../auth/oidc.service.ts';

const COOKIE_PATH = '/api/v1/auth/oidc';

export async function oidcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie);
  const oidc = ctx.oidc;
  const secure = ctx.config.oidc?.redirectUrl.protocol === 'https:';

  app.get('/api/v1/auth/oidc', { config: { access: 'public' }, schema: { tags: ['session'], summary: 'Whether single sign-on is offered, and what its button says', security: [] } }, async () =>
    oidc ? { enabled: true, label: oidc.label, loginUrl: `${COOKIE_PATH}/login` } : { enabled: false },
  );
  if (!oidc) return;

  app.get('/api/v1/auth/oidc/login', { config: { access: 'public' }, schema: { tags: ['session'], summary: "Start single sign-on: redirects to the agency's identity provider", security: [] } }, async (_req, reply) => {
    const { url, cookie: flow } = await oidc.begin();
    reply.setCookie(FLOW_COOKIE, flow, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: FLOW_TTL_MS / 1000 });
    return reply.redirect(url, 302);
  });

  app.get<{ Querystring: Record<string, string> }>(
    '/api/v1/auth/oidc/callback',
    { config: { access: 'public' }, schema: { tags: ['session'], summary: 'Where the identity provider sends the browser back; redirects to the console signed in, or with the reason it was refused', security: [] } },
    async (req, reply) => {
      const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
      reply.clearCookie(FLOW_COOKIE, { path: COOKIE_PATH });
      try {
        const signedIn = await oidc.finish(query, req.cookies[FLOW_COOKIE], req.ip);
        return reply.header('cache-control', 'no-store').redirect(`/#sso=${encodeURIComponent(signedIn.token)}`, 302);
      } catch (e) {
        if (!isAppError(e)) throw e;
        req.log.warn({ err: e }, 'single sign-on refused');
        return reply.header('cache-control', 'no-store').redirect(`/#sso_error=${encodeURIComponent(e.message)}`, 302);
      }
    },
  );
}
