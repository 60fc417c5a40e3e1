import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { gunshotView } from '../../gunshots/gunshot.view.ts';
import { parseIsoWithZone } from '../../ingest/rtcc/iso-time.ts';

/** Gunshot alerts and their outcomes: part of the cad module. */
export function gunshotRoutes(app: FastifyInstance, ctx: AppContext): void {
  const gunshots = ctx.gunshots!;
  app.get<{ Querystring: { since?: string; limit?: number; cursor?: string } }>(
    '/api/v1/gunshots',
    {
      config: { access: 'gunshots:read' },
      schema: {
        tags: ['gunshots'],
        summary: 'Gunshot alerts, newest detected first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            since: { type: 'string', description: 'ISO 8601: only alerts detected at or after' },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            cursor: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (req) => {
      let from: number | undefined;
      if (req.query.since !== undefined) {
        const t = parseIsoWithZone(req.query.since);
        if ('problem' in t) throw new AppError('validation_failed', `since ${t.problem}`, { details: [{ field: 'querystring.since', message: t.problem }] });
        from = t.ms;
      }
      const page = await gunshots.list({ limit: req.query.limit ?? 50, cursor: req.query.cursor, from });
      return { ...page, items: page.items.map(gunshotView) };
    },
  );
  app.get<{ Params: { id: string } }>('/api/v1/gunshots/:id', { config: { access: 'gunshots:read' }, schema: { tags: ['gunshots'], summary: 'One gunshot alert' } }, async (req) =>
    gunshotView(await gunshots.get(req.params.id)),
  );
  app.post<{ Params: { id: string }; Body: { evidenceFound: boolean; recordedBy: string; note?: string; incidentId?: string } }>(
    '/api/v1/gunshots/:id/outcome',
    {
      config: { access: 'gunshots:write' },
      schema: {
        tags: ['gunshots'],
        summary: 'Record what officers found: evidence of gunfire or not (a later finding replaces an earlier one; each is audited)',
        body: {
          type: 'object',
          required: ['evidenceFound', 'recordedBy'],
          additionalProperties: false,
          properties: {
            evidenceFound: { type: 'boolean' },
            recordedBy: { type: 'string', minLength: 1, maxLength: 200 },
            note: { type: 'string', maxLength: 2000 },
            incidentId: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (req) => {
      const alert = await gunshots.recordOutcome(req.params.id, req.body, req.body.recordedBy);
      await ctx.audit.record({
        actor: req.principal!.name,
        from: req.ip,
        action: 'gunshots.outcome',
        outcome: 'success',
        details: { gunshotId: alert.id, vendor: alert.vendor, sourceEventId: alert.sourceEventId, evidenceFound: req.body.evidenceFound, recordedBy: req.body.recordedBy },
      });
      return gunshotView(alert);
    },
  );
}
