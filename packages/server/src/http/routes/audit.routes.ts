/**
 * The audit trail for auditors (records, chain verification, published daily roots) and the
 * supervisor review queue. Always on, whatever modules are. The daily-roots and flag jobs start
 * with the server and stop before the store closes.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { DailyRootsJob } from '../../governance/audit-roots.job.ts';
import { REVIEW_DISPOSITIONS, FLAG_KINDS, AuditReviewJob, type AuditFlagWithRecords } from '../../governance/audit-review.service.ts';
import type { VerifyResult } from '../../governance/audit.service.ts';
import type { AuditFlag, AuditFlagKind, AuditFlagReview, AuditRecord } from '../../store/store.types.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const recordView = (r: AuditRecord) => ({ ...r, at: iso(r.at) });

function verifyView(v: VerifyResult) {
  return { ...v, lastAt: iso(v.lastAt), broken: v.broken && { ...v.broken, at: iso(v.broken.at) } };
}

function flagView(f: AuditFlag | AuditFlagWithRecords) {
  return {
    ...f,
    firstAt: iso(f.firstAt),
    lastAt: iso(f.lastAt),
    review: f.review && { ...f.review, at: iso(f.review.at) },
    ...('records' in f ? { records: f.records.map(recordView) } : {}),
  };
}

const page = { limit: { type: 'integer', minimum: 1, maximum: 500 }, cursor: { type: 'string' } };

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { limit?: number; cursor?: string; action?: string } }>(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: { tags: ['audit'], summary: 'The audit trail, newest first', querystring: { type: 'object', properties: { ...page, action: { type: 'string' } } } },
    },
    async (req) => {
      const p = await ctx.audit.list({ limit: req.query.limit ?? 50, cursor: req.query.cursor, action: req.query.action });
      return { ...p, items: p.items.map(recordView) };
    },
  );
  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: { tags: ['audit'], summary: 'Check the whole audit chain (sequence, links, hashes) and every published daily root; names the first broken record' },
    },
    async () => verifyView(await ctx.audit.verify()),
  );
  app.get<{ Querystring: { days?: number } }>(
    '/api/v1/audit/roots',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Published daily roots, newest first: save them to check the chain later (npm run audit:verify -- --roots file.json)',
        querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 3660 } } },
      },
    },
    async (req) => ({ items: (await ctx.audit.dailyRoots({ days: req.query.days ?? 30 })).map((r) => ({ ...r, publishedAt: iso(r.publishedAt) })) }),
  );
  reviewRoutes(app, ctx);
  auditJobs(app, ctx);
}

function reviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { status?: 'open' | 'reviewed' | 'all'; kind?: AuditFlagKind; user?: string; limit?: number; cursor?: string } }>(
    '/api/v1/audit/review',
    {
      config: { access: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'The supervisor review queue: flagged search patterns (open by default), newest activity first, with their latest audit records',
        querystring: {
          type: 'object',
          properties: { ...page, status: { type: 'string', enum: ['open', 'reviewed', 'all'] }, kind: { type: 'string', enum: [...FLAG_KINDS] }, user: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (req) => {
      const q = req.query;
      const p = await ctx.auditReview.list({ status: q.status, kind: q.kind, actor: q.user, limit: q.limit ?? 50, cursor: q.cursor });
      return { ...p, items: p.items.map(flagView) };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/audit/review/:id',
    { config: { access: 'audit:review' }, schema: { tags: ['audit'], summary: 'One flag with every audit record behind it' } },
    async (req) => flagView(await ctx.auditReview.get(req.params.id)),
  );
  app.post<{ Params: { id: string }; Body: { disposition: AuditFlagReview['disposition']; note: string } }>(
    '/api/v1/audit/review/:id',
    {
      config: { access: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'Record a supervisor\'s disposition of a flag (itself an audit record); not for a flag about your own searches',
        body: {
          type: 'object',
          required: ['disposition', 'note'],
          additionalProperties: false,
          properties: { disposition: { type: 'string', enum: [...REVIEW_DISPOSITIONS] }, note: { type: 'string', minLength: 1, maxLength: 2000 } },
        },
      },
    },
    async (req) => flagView(await ctx.auditReview.review(req.params.id, req.body, { name: req.principal!.name, from: req.ip })),
  );
}

/** The daily-roots publisher and the review-flag job: started when the server is ready, stopped before the store closes. */
function auditJobs(app: FastifyInstance, ctx: AppContext): void {
  const roots = new DailyRootsJob(ctx.store.audit, (err) => app.log.error({ err }, 'publishing the audit daily roots failed'));
  const flags = new AuditReviewJob(ctx.auditReview, (err) => app.log.error({ err }, 'computing the audit review flags failed'));
  app.addHook('onReady', async () => {
    roots.start();
    flags.start();
  });
  app.addHook('onClose', async () => {
    await roots.stop();
    await flags.stop();
  });
}
