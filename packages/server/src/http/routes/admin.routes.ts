import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

const page = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, cursor: { type: 'string' } } };

/** The audit trail, its verification and daily roots, and the supervisor review queue: see audit.routes.ts. */
export { auditRoutes } from './audit.routes.ts';
