import type { FastifyInstance } from 'fastify';
import type { Hotlist, HotlistEntry } from '@openrtcc/domain';
import type { AppContext } from '../../context.ts';
import type { EntryInput, HotlistInput } from '../../hotlists/hotlist.service.ts';
import { parseIsoWithZone } from '../../ingest/rtcc/iso-time.ts';

/** Epoch ms of an ISO 8601 time with a zone; NaN (refused by the service) otherwise. */
const isoMs = (text: string) => {
  const t = parseIsoWithZone(text);
  return 'ms' in t ? t.ms : Number.NaN;
};
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const hotlistView = (h: Hotlist) => ({ ...h, createdAt: iso(h.createdAt), lastImportAt: iso(h.lastImportAt) });
const entryView = (e: HotlistEntry) => ({ ...e, createdAt: iso(e.createdAt), enteredAt: iso(e.enteredAt), expiresAt: iso(e.expiresAt) });

interface EntryBody extends Omit<EntryInput, 'expiresAt'> {
  expiresAt?: string;
}

export function hotlistRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: HotlistInput }>(
    '/api/v1/hotlists',
    {
      config: { access: 'hotlists:write' },
      schema: {
        tags: ['hotlists'],
        summary: 'Create a hotlist',
        body: {
          type: 'object',
          required: ['name', 'kind'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            kind: { type: 'string', enum: ['ncic', 'state', 'custom', 'bolo'] },
            priority: { type: 'integer', minimum: 1, maximum: 5 },
            matchKinds: { type: 'array', items: { type: 'string', enum: ['exact', 'ocr-equivalent', 'one-edit'] } },
            description: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (req, reply) => {
      const list = await ctx.hotlists.create(req.body);
      await ctx.audit.record({ actor: req.principal!.name, from: req.ip, action: 'hotlists.create', outcome: 'success', details: { hotlistId: list.id, name: list.name } });
      return reply.status(201).send(hotlistView(list));
    },
  );
  app.get('/api/v1/hotlists', { config: { access: 'hotlists:read' }, schema: { tags: ['hotlists'] } }, async () => ({
    items: ctx.hotlists.list().map(hotlistView),
  }));
  app.get<{ Params: { id: string } }>('/api/v1/hotlists/:id', { config: { access: 'hotlists:read' }, schema: { tags: ['hotlists'] } }, async (req) =>
    hotlistView(ctx.hotlists.get(req.params.id)),
  );
  app.post<{ Params: { id: string }; Body: EntryBody | EntryBody[] }>(
    '/api/v1/hotlists/:id/entries',
    {
      config: { access: 'hotlists:write' },
      schema: {
        tags: ['hotlists'],
        summary: 'Add entries (or a BOLO: an entry with an expiry, typed in by a person)',
        body: {
          anyOf: [
            { $ref: 'HotlistEntryInput#' },
            { type: 'array', items: { $ref: 'HotlistEntryInput#' }, minItems: 1, maxItems: 10000 },
          ],
        },
      },
    },
    async (req, reply) => {
      const bodies = Array.isArray(req.body) ? req.body : [req.body];
      const inputs: EntryInput[] = bodies.map((b) => ({ ...b, expiresAt: b.expiresAt === undefined ? undefined : isoMs(b.expiresAt) }));
      const added = await ctx.hotlists.addEntries(req.params.id, inputs, req.principal!.name);
      await ctx.audit.record({ actor: req.principal!.name, from: req.ip, action: 'hotlists.entries.add', outcome: 'success', details: { hotlistId: req.params.id, count: added.length, plates: added.slice(0, 20).map((e) => e.plate) } });
      return reply.status(201).send({ items: added.map(entryView) });
    },
  );
  app.get<{ Params: { id: string }; Querystring: { limit?: number; offset?: number } }>(
    '/api/v1/hotlists/:id/entries',
    {
      config: { access: 'hotlists:read' },
      schema: { tags: ['hotlists'], querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 }, offset: { type: 'integer', minimum: 0 } } } },
    },
    async (req) => {
      const page = await ctx.hotlists.listEntries(req.params.id, { limit: req.query.limit ?? 100, offset: req.query.offset ?? 0 });
      return { ...page, items: page.items.map(entryView) };
    },
  );
  app.delete<{ Params: { id: string; entryId: string } }>(
    '/api/v1/hotlists/:id/entries/:entryId',
    { config: { access: 'hotlists:write' }, schema: { tags: ['hotlists'] } },
    async (req, reply) => {
      await ctx.hotlists.removeEntry(req.params.id, req.params.entryId);
      await ctx.audit.record({ actor: req.principal!.name, from: req.ip, action: 'hotlists.entries.remove', outcome: 'success', details: { hotlistId: req.params.id, entryId: req.params.entryId } });
      return reply.status(204).send();
    },
  );
  app.get<{ Params: { id: string } }>('/api/v1/hotlists/:id/imports', { config: { access: 'hotlists:read' }, schema: { tags: ['hotlists'], summary: 'Import history with rejected lines' } }, async (req) => ({
    items: (await ctx.hotlists.listImports(req.params.id)).map((r) => ({ ...r, importedAt: iso(r.importedAt) })),
  }));
}
