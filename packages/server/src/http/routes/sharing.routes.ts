/**
 * The sharing module's routes: agreements (admin), the outside queries the data owner reviews,
 * and the federation route a partner agency's key calls. Registered only with the module on.
 */
import type { FastifyInstance } from 'fastify';
import { SHARING_SCOPES } from '@openrtcc/domain';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { SharingService } from '../../sharing/index.ts';
import type { AgreementInput, OutsideQuery } from '../../sharing/index.ts';

const stringList = (maxItems: number, maxLength: number) => ({ type: 'array', items: { type: 'string', minLength: 1, maxLength }, maxItems });

const agreementBody = {
  type: 'object',
  required: ['direction', 'partnerAgency', 'expiresAt'],
  additionalProperties: false,
  properties: {
    direction: { type: 'string', enum: ['outbound', 'inbound'], description: '`outbound`: we share with them (issues their key); `inbound`: they share with us' },
    partnerAgency: { type: 'string', minLength: 1, maxLength: 200 },
    partnerOri: { type: 'string', maxLength: 9 },
    partnerUrl: { type: 'string', maxLength: 500, description: 'The partner server\'s base URL; required for inbound' },
    scope: { ...stringList(SHARING_SCOPES.length, 20), items: { type: 'string', enum: [...SHARING_SCOPES] } },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        states: stringList(100, 10),
        offenseTypes: stringList(100, 60),
        maxResults: { type: 'integer', minimum: 1, maximum: 1000 },
        maxWindowDays: { type: 'integer', minimum: 1, maximum: 3650 },
      },
    },
    expiresAt: { type: 'string', description: 'ISO 8601 with a zone; at most five years ahead' },
    basis: { type: 'string', maxLength: 1000, description: 'The memorandum or legal basis' },
    partnerKey: { type: 'string', maxLength: 200, description: 'Inbound only: the key the partner issued to us' },
  },
};

const page = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, cursor: { type: 'string' } } };

const sharingOf = (ctx: AppContext): SharingService => {
  if (!ctx.sharing) throw new AppError('unavailable', 'the sharing module is not running');
  return ctx.sharing;
};

/** Agreements and outside queries: what the data owner's admins and auditors use. */
export function sharingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: AgreementInput }>(
    '/api/v1/sharing/agreements',
    { config: { access: 'sharing:manage' }, schema: { tags: ['sharing'], summary: 'Make an agreement with another agency (outbound: the partner key is shown once)', body: agreementBody } },
    async (req, reply) => reply.status(201).send(await sharingOf(ctx).create(req.body, { name: req.principal!.name, from: req.ip })),
  );
  app.get('/api/v1/sharing/agreements', { config: { access: 'sharing:manage' }, schema: { tags: ['sharing'], summary: 'Every agreement, newest first, with its status' } }, async () => ({
    items: await sharingOf(ctx).list(),
  }));
  app.get<{ Params: { id: string } }>('/api/v1/sharing/agreements/:id', { config: { access: 'sharing:manage' }, schema: { tags: ['sharing'], summary: 'One agreement' } }, async (req) =>
    sharingOf(ctx).get(req.params.id),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/v1/sharing/agreements/:id',
    { config: { access: 'sharing:manage' }, schema: { tags: ['sharing'], summary: 'Revoke an agreement: its key is refused from the next query on' } },
    async (req) => sharingOf(ctx).revoke(req.params.id, { name: req.principal!.name, from: req.ip }),
  );
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/sharing/outside-queries',
    { config: { access: 'audit:read' }, schema: { tags: ['sharing'], summary: 'Every query another agency made of our data, with requester, agency and justification; newest first', querystring: page } },
    async (req) => sharingOf(ctx).outsideQueries({ limit: req.query.limit ?? 50, cursor: req.query.cursor }),
  );
}

/** The route a partner agency's key calls; no other credential may. */
export function federationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: OutsideQuery }>(
    '/api/v1/federation/search',
    {
      config: { access: 'federation:search' },
      schema: {
        tags: ['sharing'],
        summary: 'A partner agency searches our reads under its agreement (partner key only; audited)',
        body: {
          type: 'object',
          required: ['requester', 'justification', 'search'],
          additionalProperties: false,
          properties: {
            requester: {
              type: 'object',
              required: ['name'],
              additionalProperties: false,
              properties: { name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' }, agency: { type: 'string', maxLength: 200 }, ori: { type: 'string', maxLength: 9 } },
            },
            // checked by the service, which refuses and audits the attempt
            justification: {},
            search: {
              type: 'object',
              additionalProperties: false,
              properties: {
                plate: { type: 'string', maxLength: 40 },
                fuzzy: { type: 'boolean' },
                from: { type: 'string' },
                to: { type: 'string' },
                area: { type: 'object' },
                vehicle: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { make: { type: 'string', maxLength: 40 }, model: { type: 'string', maxLength: 40 }, color: { type: 'string', maxLength: 40 }, bodyType: { type: 'string', maxLength: 40 } },
                },
                limit: { type: 'integer', minimum: 1, maximum: 1000 },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      // the bootstrap admin token holds every permission; only a partner's key names an agreement
      if (p.kind !== 'partner' || !p.agreementId) throw new AppError('forbidden', 'only a partner agency key may query shared reads');
      return sharingOf(ctx).answerOutsideQuery(p.agreementId, req.body, req.ip);
    },
  );
}
