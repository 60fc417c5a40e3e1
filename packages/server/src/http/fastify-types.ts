/**
 * What the server adds to Fastify's request and route config types.
 */
import type { Principal, RouteAccess } from '../auth/permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route needs; every route must declare one (deny by default). */
    access?: RouteAccess;
    /** Where a credential may travel besides the Authorization header: `?key=` (camera agents) or `?access_token=` (browser WebSockets). */
    queryCredential?: 'key' | 'access_token';
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export {};
