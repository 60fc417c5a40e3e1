/**
 * A hotlist's feed: scheduled re-import from a watched folder or a URL (hotlists/hotlist-feed.service.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { HotlistFeedService } from '../../hotlists/hotlist-feed.service.ts';
import type { HotlistFeed } from '../../store/store.types.ts';
import { AppError } from '../../errors.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } };
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The wire view: times as ISO 8601; validators (hash, ETag) stay inside. */
function feedView(f: HotlistFeed) {
  const s = f.state;
  return {
    hotlistId: f.hotlistId,
    source: f.source,
    format: f.format,
    mode: f.mode,
    intervalMinutes: f.intervalMinutes,
    staleAfterHours: f.staleAfterHours ?? null,
    createdAt: iso(f.createdAt),
    createdBy: f.createdBy,
    updatedAt: iso(f.updatedAt),
    lastCheckAt: iso(s.lastCheckAt) ?? null,
    lastSyncAt: iso(s.lastSyncAt) ?? null,
    lastImportAt: iso(s.lastImportAt) ?? null,
    lastImportVersion: s.lastImportVersion ?? null,
    lastFile: s.lastFile ?? null,
    lastError: s.lastError ?? null,
    lastErrorAt: iso(s.lastErrorAt) ?? null,
    failures: s.failures ?? 0,
    nextCheckAt: iso((s.lastCheckAt ?? f.updatedAt) + f.intervalMinutes * 60_000),
  };
}

export function hotlistFeedRoutes(app: FastifyInstance, feeds: HotlistFeedService): void {
  app.get<{ Params: { id: string } }>('/api/v1/hotlists/:id/feed', { config: { access: 'hotlists:read' }, schema: { tags: ['hotlists'], summary: "The list's feed and its last sync, check and error", params: idParams } }, async (req) => {
    const feed = await feeds.get(req.params.id);
    if (!feed) throw new AppError('not_found_or_forbidden', `hotlist ${req.params.id} has no feed`);
    return feedView(feed);
  });

  app.put<{ Params: { id: string }; Body: { source: { kind: 'folder'; path: string; pattern?: string } | { kind: 'url'; url: string }; format: string; mode?: 'replace' | 'append'; intervalMinutes: number; staleAfterHours?: number } }>(
    '/api/v1/hotlists/:id/feed',
    {
      config: { access: 'hotlists:write' },
      schema: {
        tags: ['hotlists'],
        summary: 'Set where the list is re-imported from and how often (a folder under RTCC_HOTLIST_DIR, or a URL); the first check runs at once',
        params: idParams,
        body: {
          type: 'object',
          required: ['source', 'format', 'intervalMinutes'],
          additionalProperties: false,
          properties: {
            source: {
              type: 'object',
              required: ['kind'],
              additionalProperties: false,
              properties: { kind: { type: 'string', enum: ['folder', 'url'] }, path: { type: 'string', minLength: 1, maxLength: 1000 }, pattern: { type: 'string', maxLength: 100 }, url: { type: 'string', minLength: 1, maxLength: 2000 } },
            },
            format: { type: 'string', minLength: 1, maxLength: 50 },
            mode: { type: 'string', enum: ['replace', 'append'] },
            intervalMinutes: { type: 'integer' },
            staleAfterHours: { type: 'integer' },
          },
        },
      },
    },
    async (req) => {
      const src = req.body.source as { kind: string; path?: string; url?: string; pattern?: string };
      if (src.kind === 'folder' && !src.path) throw new AppError('validation_failed', 'a folder feed needs source.path', { details: [{ field: 'source.path', message: 'required' }] });
      if (src.kind === 'url' && !src.url) throw new AppError('validation_failed', 'a URL feed needs source.url', { details: [{ field: 'source.url', message: 'required' }] });
      const feed = await feeds.configure(req.params.id, req.body, { actor: req.principal!.name, from: req.ip });
      const first = await feeds.sync(feed.hotlistId);
      return { ...feedView(first.feed), outcome: first.outcome, import: first.import ? { ...first.import, importedAt: iso(first.import.importedAt) } : null };
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/hotlists/:id/feed', { config: { access: 'hotlists:write' }, schema: { tags: ['hotlists'], summary: 'Stop re-importing the list (its entries stay)', params: idParams } }, async (req, reply) => {
    await feeds.remove(req.params.id, { actor: req.principal!.name, from: req.ip });
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/v1/hotlists/:id/feed/sync', { config: { access: 'hotlists:write' }, schema: { tags: ['hotlists'], summary: 'Check the feed now: imports the file if it changed', params: idParams } }, async (req) => {
    if (!(await feeds.get(req.params.id))) throw new AppError('not_found_or_forbidden', `hotlist ${req.params.id} has no feed`);
    const r = await feeds.sync(req.params.id);
    return { ...feedView(r.feed), outcome: r.outcome, import: r.import ? { ...r.import, importedAt: iso(r.import.importedAt) } : null };
  });
}
