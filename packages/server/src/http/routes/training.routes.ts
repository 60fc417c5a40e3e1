/**
 * Training runs and their scores. Registered only on a training server (RTCC_TRAINING=true): on a
 * live server these paths do not exist and answer the usual 404.
 */
import type { FastifyInstance } from 'fastify';
import { DISPOSITIONS } from '@openrtcc/domain';
import type { AppContext } from '../../context.ts';
import { EXPECTATION_KINDS, trainingRunView, type TrainingRunInput } from '../../training/index.ts';

const plate = { type: 'string', minLength: 1, maxLength: 20 };

const runBody = {
  type: 'object',
  required: ['scenarioId', 'title', 'expected'],
  additionalProperties: false,
  properties: {
    scenarioId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$', description: 'the scenario file the run comes from' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    trainee: { type: 'string', minLength: 1, maxLength: 200, description: 'when given, only hit verifications under this name count' },
    briefing: { type: 'string', maxLength: 20_000 },
    expected: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      description:
        'The outcome the trainee should reach, item by item. `hit_disposition`: every hit raised during the run on a read of `readPlate` (optionally only against `entryPlate`) gets `disposition`. `search_finds`: a justified search during the run returns a read of the vehicle (`readPlates`: the texts the cameras read), optionally with `justification` and at most `maxWindowMinutes` between `from` and `to`. `area_search_finds`: a justified search during the run whose area covers the scene `point` and reaches at most `maxRadiusMeters` from it, whose window holds `at` and is at most `maxWindowMinutes` wide, returned a read of each of `vehicles`. `hotlist_entry`: `plate` is put on a hotlist during the run and still active.',
      items: {
        type: 'object',
        required: ['id', 'kind', 'description'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
          kind: { type: 'string', enum: [...EXPECTATION_KINDS] },
          description: { type: 'string', minLength: 1, maxLength: 500 },
          debrief: { type: 'string', maxLength: 2000, description: 'why this is the right outcome; shown with the final score' },
          readPlate: plate,
          entryPlate: plate,
          disposition: { type: 'string', enum: [...DISPOSITIONS] },
          vehiclePlate: plate,
          readPlates: { type: 'array', items: plate, minItems: 1, maxItems: 50 },
          justification: {
            type: 'object',
            additionalProperties: false,
            properties: { offenseType: { type: 'string', maxLength: 100 }, caseNumber: { type: 'string', maxLength: 100 } },
          },
          maxWindowMinutes: { type: 'integer', minimum: 1, maximum: 10_080 },
          point: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: 'area_search_finds: the scene, [lon, lat]' },
          at: { type: 'string', format: 'date-time', description: 'area_search_finds: when it happened; the window must hold it' },
          vehicles: {
            type: 'array',
            minItems: 1,
            maxItems: 20,
            description: 'area_search_finds: the vehicles whose reads the search must return',
            items: { type: 'object', required: ['plate', 'readPlates'], additionalProperties: false, properties: { plate, readPlates: { type: 'array', items: plate, minItems: 1, maxItems: 50 } } },
          },
          maxRadiusMeters: { type: 'integer', minimum: 10, maximum: 50_000, description: "area_search_finds: how far from the scene the area may reach (a circle's radius, a polygon's farthest corner)" },
          plate,
        },
      },
    },
  },
};

const runId = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } };

export function trainingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const training = ctx.training;
  if (!training) throw new Error('training routes need the training service (RTCC_TRAINING=true)');

  app.post<{ Body: TrainingRunInput }>(
    '/api/v1/training/runs',
    {
      config: { access: 'training:manage' },
      schema: { tags: ['training'], summary: 'Start a training run: the scenario and the outcome the trainee should reach (sent by the scenario runner)', body: runBody },
    },
    async (req, reply) => {
      const run = await training.start(req.body, { name: req.principal!.name, from: req.ip });
      return reply.status(201).send(trainingRunView(run, await training.score(run, run.startedAt, false)));
    },
  );
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/training/runs',
    {
      config: { access: 'training:read' },
      schema: {
        tags: ['training'],
        summary: 'Training runs, newest first (finished ones with their final score)',
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, cursor: { type: 'string' } } },
      },
    },
    async (req) => {
      const page = await training.list({ limit: req.query.limit ?? 50, cursor: req.query.cursor });
      return { ...page, items: page.items.map((r) => trainingRunView(r)) };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/training/runs/:id',
    { config: { access: 'training:read' }, schema: { tags: ['training'], summary: 'A training run and its score: each expected item met or not, with the reason', params: runId } },
    async (req) => {
      const { run, score } = await training.get(req.params.id);
      return trainingRunView(run, score);
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/v1/training/runs/:id/finish',
    { config: { access: 'training:manage' }, schema: { tags: ['training'], summary: 'Finish a run and freeze its score (once)', params: runId } },
    async (req) => {
      const { run, score } = await training.finish(req.params.id, { name: req.principal!.name, from: req.ip });
      return trainingRunView(run, score);
    },
  );
}
