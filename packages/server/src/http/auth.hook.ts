/**
 * Deny by default: every route must declare `config.access` (checked when the route is
 * registered, so a route without one stops the server from starting), and every request to a
 * non-public route must carry a credential holding that permission.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { RouteAccess } from '../auth/permissions.ts';
import './fastify-types.ts';

const declared = new WeakMap<FastifyInstance, Map<string, RouteAccess>>();

/** What each registered route declared, keyed `METHOD /url` (for the route-walking tests). */
export function declaredRoutes(app: FastifyInstance): ReadonlyMap<string, RouteAccess> {
  return declared.get(app) ?? new Map();
}

export function declaredAccess(route: RouteOptions): void {
  const access = route.config?.access;
  if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access permission`);
}

function credentialOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    return m ? m[1] : undefined;
  }
  const q = req.routeOptions.config.queryCredential;
  if (q) {
    const v = (req.query as Record<string, unknown> | undefined)?.[q];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  const table = new Map<string, RouteAccess>();
  declared.set(app, table);
  app.addHook('onRoute', (route) => {
    // HEAD routes are generated from GET routes and inherit their config
    if (route.method === 'HEAD') return;
    declaredAccess(route);
    for (const m of [route.method].flat()) table.set(`${m} ${route.url}`, route.config!.access!);
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (access === undefined) return; // 404s: handled by the not-found handler
    if (access === 'public') return;
    const cred = credentialOf(req);
    if (!cred) throw new AppError('unauthenticated', 'send a bearer token: Authorization: Bearer <token>');
    const principal = await auth.authenticate(cred);
    if (!principal) throw new AppError('unauthenticated', 'the token is not valid or has been revoked');
    // a partner agency's key opens the federation route and nothing else, not even 'authenticated' ones
    if (principal.kind === 'partner' && access !== 'federation:search') throw new AppError('forbidden', 'a partner agency key may only query shared reads (POST /api/v1/federation/search)');
    if (access !== 'authenticated' && !principal.permissions.has(access)) throw new AppError('forbidden', `this token may not ${access}`);
    req.principal = principal;
  });
}
