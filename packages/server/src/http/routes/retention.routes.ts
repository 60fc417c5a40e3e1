/**
 * Retention: the policy (admins change it), legal holds (supervisors and admins place them, admins
 * release them), the runs of the deletion job, and an on-demand run for admins.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../auth/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { HoldInput } from '../../retention/hold-rules.ts';
import { AUDIT_MINIMUM_DAYS, DATA_TYPES, DATA_TYPE_LABELS, type DataType } from '../../retention/retention-policy.ts';
import type { PolicyState } from '../../retention/retention.service.ts';
import type { LegalHold, RetentionRun } from '../../store/store.types.ts';

const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

function policyView(p: PolicyState, presets: ReturnType<AppContext['retention']['presets']>) {
  return {
    preset: p.preset,
    overrides: p.overrides,
    dataTypes: DATA_TYPES.map((t: DataType) => ({ dataType: t, label: DATA_TYPE_LABELS[t], days: p.days[t], overridden: t in p.overrides })),
    audit: { deleted: false, minimumDays: AUDIT_MINIMUM_DAYS, note: 'Audit records are never deleted by retention (CJIS Security Policy AU-11: at least one year).' },
    updatedAt: iso(p.updatedAt) ?? null,
    updatedBy: p.updatedBy ?? null,
    presets: presets.map((x) => ({ id: x.id, label: x.label, description: x.description, days: x.days, maxLprDays: x.maxLprDays ?? null, statute: x.statute ?? null })),
  };
}

function holdView(h: LegalHold) {
  return {
    ...h,
    window: h.window ? { from: iso(h.window.from), to: iso(h.window.to) } : undefined,
    placedAt: iso(h.placedAt),
    releasedAt: iso(h.releasedAt),
  };
}

function runView(r: RetentionRun) {
  return { ...r, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt), cutoffs: Object.fromEntries(Object.entries(r.cutoffs).map(([k, v]) => [k, iso(v)])) };
}

const actor = (req: { principal?: Principal; ip: string }) => ({ name: req.principal!.name, from: req.ip });
const isoString = { type: 'string', maxLength: 40, description: 'ISO 8601 with a zone' };

export function retentionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const retention = ctx.retention;

  app.get('/api/v1/retention/policy', { config: { access: 'retention:read' }, schema: { tags: ['retention'], summary: 'The retention policy in force: days per data type, the preset and overrides, and the presets to choose from' } }, async () =>
    policyView(await retention.policy(), retention.presets()),
  );

  app.put<{ Body: { preset: string; overrides?: Record<string, number | null> } }>(
    '/api/v1/retention/policy',
    {
      config: { access: 'retention:manage' },
      schema: {
        tags: ['retention'],
        summary: 'Choose a preset and per-type overrides (days, or null to keep); audited with the policy before and after',
        body: {
          type: 'object',
          required: ['preset'],
          additionalProperties: false,
          properties: { preset: { type: 'string', maxLength: 100 }, overrides: { type: 'object', description: 'data type → days (1–36500) or null' } },
        },
      },
    },
    async (req) => policyView(await retention.setPolicy(req.body, actor(req)), retention.presets()),
  );

  app.get<{ Querystring: { status?: 'active' | 'all' } }>(
    '/api/v1/retention/holds',
    {
      config: { access: 'retention:read' },
      schema: { tags: ['retention'], summary: 'Legal holds, newest first (active only unless status=all)', querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['active', 'all'] } } } },
    },
    async (req) => ({ items: (await retention.listHolds({ active: req.query.status !== 'all' })).map(holdView) }),
  );

  app.post<{ Body: HoldInput }>(
    '/api/v1/retention/holds',
    {
      config: { access: 'retention:hold' },
      schema: {
        tags: ['retention'],
        summary: 'Place a legal hold for a case: what it selects is never deleted until it is released',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            caseNumber: { type: 'string' },
            reason: { type: 'string' },
            plates: { type: 'array', items: { type: 'string' } },
            readIds: { type: 'array', items: { type: 'string' } },
            hitIds: { type: 'array', items: { type: 'string' } },
            window: { type: 'object', additionalProperties: false, properties: { from: isoString, to: isoString } },
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(holdView(await retention.placeHold(req.body, actor(req)))),
  );

  app.delete<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/v1/retention/holds/:id',
    {
      config: { access: 'retention:manage' },
      schema: {
        tags: ['retention'],
        summary: 'Release a legal hold (audited); its data is deleted by the next run if it has expired',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 } } },
      },
    },
    async (req) => holdView(await retention.releaseHold(req.params.id, req.body?.reason?.trim() || undefined, actor(req))),
  );

  app.get<{ Querystring: { limit?: number } }>(
    '/api/v1/retention/runs',
    {
      config: { access: 'retention:read' },
      schema: { tags: ['retention'], summary: 'Runs of the retention job, newest first, with deleted counts per type', querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500 } } } },
    },
    async (req) => ({ items: (await retention.listRuns(req.query.limit ?? 20)).map(runView) }),
  );

  app.post('/api/v1/retention/run', { config: { access: 'retention:manage' }, schema: { tags: ['retention'], summary: 'Run the retention job now; answers with the finished run (409 while one is running)' } }, async (req) =>
    runView(await retention.run('manual', actor(req))),
  );
}
