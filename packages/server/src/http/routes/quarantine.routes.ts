/**
 * Quarantine: the payloads no decoder could read, and their replay through today's decoders.
 * Registered with every module that has ingest routes (lpr, cad, avl).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { quarantineView } from '../../ingest/quarantine.service.ts';
import { MAX_REPLAY_BATCH } from '../../ingest/quarantine-replay.service.ts';
import { parseIsoWithZone } from '../../ingest/rtcc/iso-time.ts';

const page = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, cursor: { type: 'string' } } };

interface BulkBody {
  sourceSystem?: string;
  from?: string;
  to?: string;
  limit?: number;
}

function instant(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const t = parseIsoWithZone(value);
  if ('problem' in t) throw new AppError('validation_failed', `${field} ${t.problem}`, { details: [{ field: `body.${field}`, message: t.problem }] });
  return t.ms;
}

export function quarantineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/quarantine',
    { config: { access: 'quarantine:read' }, schema: { tags: ['ingest'], summary: 'Payloads that could not be decoded, with the reason', querystring: page } },
    async (req) => {
      const p = await ctx.quarantine.list({ limit: req.query.limit ?? 50, cursor: req.query.cursor });
      return { ...p, items: p.items.map(quarantineView) };
    },
  );
  app.get<{ Params: { id: string } }>('/api/v1/quarantine/:id', { config: { access: 'quarantine:read' }, schema: { tags: ['ingest'] } }, async (req) =>
    quarantineView(await ctx.quarantine.get(req.params.id)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/quarantine/:id/replay',
    {
      config: { access: 'quarantine:replay' },
      schema: {
        tags: ['ingest'],
        summary: 'Re-run one quarantined payload through the current decoder and ingest path (audited)',
        description:
          'Decodes the stored bytes again as the route that took them would (read decoders and the ingest pipeline; EIDO, gunshot, OsmAnd and Traccar through their modules). Answers the item: `status: replayed` with `replay.result` (what was stored) when it now decodes, else `replay.outcome: failed` with the new `replay.reason`. Idempotent: a replayed read, incident or position is not stored twice.',
      },
    },
    async (req) => quarantineView(await ctx.quarantineReplay.replayOne(req.params.id, { principal: req.principal!, from: req.ip })),
  );

  app.post<{ Body: BulkBody }>(
    '/api/v1/quarantine/replay',
    {
      config: { access: 'quarantine:replay' },
      schema: {
        tags: ['ingest'],
        summary: 'Replay the quarantined payloads of a source family and/or a receive window, oldest first (audited)',
        description: `Takes items not replayed successfully yet, oldest received first, at most \`limit\` (default 100, at most ${MAX_REPLAY_BATCH}); \`more: true\` means another call may find more. \`from\` is inclusive, \`to\` exclusive (ISO 8601 with a zone).`,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            sourceSystem: { type: 'string', minLength: 1, maxLength: 64 },
            from: { type: 'string' },
            to: { type: 'string' },
            limit: { type: 'integer', minimum: 1, maximum: MAX_REPLAY_BATCH },
          },
        },
      },
    },
    async (req) => {
      const body = req.body ?? {};
      const from = instant(body.from, 'from');
      const to = instant(body.to, 'to');
      if (from !== undefined && to !== undefined && from >= to) throw new AppError('validation_failed', 'from must be before to');
      const r = await ctx.quarantineReplay.replayMany({ sourceSystem: body.sourceSystem, from, to, limit: body.limit }, { principal: req.principal!, from: req.ip });
      return { ...r, items: r.items.map(quarantineView) };
    },
  );
}
