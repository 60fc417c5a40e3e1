/**
 * The agency's justification policy as the console needs it: the offense list it offers (the
 * agency's own when RTCC_OFFENSE_TYPES_FILE is set) and the purposes searches are refused for.
 * The phrases that reveal a purpose stay on the server; the console shows the server's refusal.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

const offense = {
  type: 'object',
  required: ['code', 'label', 'category', 'noteRequired'],
  properties: { code: { type: 'string' }, label: { type: 'string' }, category: { type: 'string' }, noteRequired: { type: 'boolean' } },
} as const;

export function justificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { offenseTypes, prohibitedPurposes } = ctx.config.justification;
  const body = {
    offenseTypes: offenseTypes.map((o) => ({ code: o.code, label: o.label, category: o.category, noteRequired: o.noteRequired === true })),
    prohibitedPurposes: prohibitedPurposes.map((p) => ({ code: p.code, label: p.label })),
  };
  app.get(
    '/api/v1/justification-policy',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['search'],
        summary: 'The offense types a search may be justified by, and the purposes a search is refused for (prohibited_purpose)',
        response: {
          200: {
            type: 'object',
            properties: {
              offenseTypes: { type: 'array', items: offense },
              prohibitedPurposes: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' } } } },
            },
          },
        },
      },
    },
    async () => body,
  );
}
