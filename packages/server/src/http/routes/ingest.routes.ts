/**
 * Ingest routes take the body as raw bytes: senders lie about content types (alprd posts JSON
 * as form-urlencoded), prepend BOMs and send integers above 2^53, so the decoders, not
 * Fastify's JSON parser, read them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { parseIsoWithZone } from '../../ingest/rtcc/iso-time.ts';
import { KEY_QUERY, rawPayloadOf, sourceIdOf } from './source-ingest.ts';

function rawBody(req: FastifyRequest): Buffer {
  const b = req.body;
  return Buffer.isBuffer(b) ? b : Buffer.alloc(0);
}

function checkFamily(req: FastifyRequest, family: string): void {
  const p = req.principal!;
  if (p.kind === 'source' && p.sourceKind !== family) {
    throw new AppError('forbidden', `this key was issued for ${p.sourceKind} sources; use /api/v1/ingest/${p.sourceKind} or a key for ${family}`);
  }
}

/** Makes every body raw bytes; call once on the encapsulated child context holding these routes. */
export function rawBodyParser(app: FastifyInstance, ctx: AppContext): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.config.maxBodyBytes }, (_req, body, done) => done(null, body));
}

/** Reads from senders: part of the lpr module. */
export function ingestRoutes(app: FastifyInstance, ctx: AppContext): void {

  const readsSchema = {
    tags: ['reads'],
    summary: 'Post plate reads in the platform JSON format (one object or an array)',
    description:
      'Body: `{ plate, state, confidence (0–1), observedAt (ISO 8601), cameraId | location [lon, lat], sourceEventId, candidates, vehicle, images }` or an array of them. Answered after the reads are committed.',
    querystring: { type: 'object', properties: { key: { type: 'string' } } },
  };
  app.post('/api/v1/reads', { config: { access: 'reads:ingest', queryCredential: 'key' }, schema: readsSchema }, async (req) => {
    checkFamily(req, 'rtcc');
    const result = await ctx.pipeline.ingest(
      'rtcc',
      { body: rawBody(req), contentType: req.headers['content-type'], receivedAt: Date.now() },
      { route: '/api/v1/reads', sourceId: req.principal!.kind === 'source' ? req.principal!.id : undefined, rejectUndecodable: true },
    );
    return result;
  });

  app.post(
    '/api/v1/ingest/openalpr',
    {
      config: { access: 'reads:ingest', queryCredential: 'key' },
      schema: {
        tags: ['ingest'],
        summary: 'OpenALPR / Rekor Scout agent webhook',
        description: '`alpr_results`, `alpr_group` (v2, v3), `alpr_alert`, `vehicle`, `heartbeat` and the web-server relay wrapper. Undecodable bodies are kept in quarantine and answered 202, since the agent does not retry.',
        querystring: { type: 'object', properties: { key: { type: 'string' } } },
      },
    },
    async (req, reply) => {
      checkFamily(req, 'openalpr');
      const result = await ctx.pipeline.ingest(
        'openalpr',
        { body: rawBody(req), contentType: req.headers['content-type'], receivedAt: Date.now() },
        { route: '/api/v1/ingest/openalpr', sourceId: req.principal!.kind === 'source' ? req.principal!.id : undefined },
      );
      return reply.status(result.quarantined ? 202 : 200).send(result);
    },
  );

  for (const vendor of VENDOR_ROUTES) {
    const route = `/api/v1/ingest/${vendor.family}`;
    app.post(
      route,
      {
        config: { access: 'reads:ingest', queryCredential: 'key' },
        schema: { tags: ['ingest'], summary: vendor.summary, description: `${vendor.description} ${UNDECODABLE}`, querystring: KEY_QUERY },
      },
      async (req, reply) => {
        checkFamily(req, vendor.family);
        const result = await ctx.pipeline.ingest(vendor.family, await rawPayloadOf(req, ctx.sources), { route, sourceId: sourceIdOf(req) });
        return reply.status(result.quarantined ? 202 : 200).send(result);
      },
    );
  }
}

const UNDECODABLE = 'Pictures sent with a read (JPEG/PNG only) go on the read as images. An undecodable body is kept in quarantine without its picture parts and answered 202 with the reason.';

/**
 * LPR vendors whose webhooks have one route each, `/api/v1/ingest/<family>`, taken with a key
 * of that family; each body goes to the decoder of the same name (ingest/decoders.ts).
 */
const VENDOR_ROUTES: readonly { family: string; summary: string; description: string }[] = [
  {
    family: 'platerecognizer',
    summary: 'Plate Recognizer Stream webhook or Snapshot API response',
    description: 'Stream webhooks as JSON or multipart/form-data (JSON in the `json` field, the image as a file part), Snapshot webhooks and Snapshot API response JSON.',
  },
  {
    family: 'genetec',
    summary: 'Genetec Security Center / AutoVu plate read webhook',
    description: 'The read as AutoVu sends it (PascalCase JSON, every value a string, date and time split). Zone-less local times are read in the source\'s `timeZone`.',
  },
  {
    family: 'axis',
    summary: 'Axis LPR app (AXIS License Plate Verifier) event',
    description: 'multipart/form-data with the event JSON in the `event` part and the picture in the `image` part, or the event JSON alone.',
  },
  {
    family: 'hikvision',
    summary: 'Hikvision ISAPI ANPR alarm (EventNotificationAlert)',
    description: 'The `EventNotificationAlert` XML alone, or multipart with `anpr.xml` and the picture parts (licensePlatePicture.jpg, detectionPicture.jpg).',
  },
  {
    family: 'survision',
    summary: 'Survision camera push (anpr JSON)',
    description: 'The push JSON (XML as JSON, attributes as `@` keys), with the plate picture in `decision.jpeg`.',
  },
  {
    family: 'verkada',
    summary: 'Verkada webhook (LPR)',
    description: '`webhook_type: "lpr"` events become reads; other webhook types are acknowledged as ignored.',
  },
];

/** Hotlist files, taken raw like ingest bodies: part of the hotlists module. */
export function hotlistImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Params: { id: string }; Querystring: { format?: string; mode?: string; expiresAt?: string } }>(
    '/api/v1/hotlists/:id/import',
    {
      config: { access: 'hotlists:write' },
      bodyLimit: ctx.config.maxImportBytes,
      schema: {
        tags: ['hotlists'],
        summary: 'Import a hotlist file as a new version of the list',
        description:
          'The body is the file itself. `format`: ncic-fixed, tx-ncic or plain. `mode`: replace (default; retires imported entries of earlier versions, never typed-in ones) or append. `expiresAt` (ISO 8601): the records stop matching then unless a newer import replaces them.',
        querystring: {
          type: 'object',
          required: ['format'],
          properties: { format: { type: 'string' }, mode: { type: 'string', enum: ['replace', 'append'] }, expiresAt: { type: 'string' } },
        },
      },
    },
    async (req) => {
      const text = rawBody(req).toString('utf8');
      if (text.trim().length === 0) throw new AppError('validation_failed', 'the import body is empty; send the hotlist file as the request body');
      let expiresAt: number | undefined;
      if (req.query.expiresAt !== undefined) {
        const t = parseIsoWithZone(req.query.expiresAt);
        if ('problem' in t) throw new AppError('validation_failed', `expiresAt ${t.problem}`, { details: [{ field: 'querystring.expiresAt', message: t.problem }] });
        expiresAt = t.ms;
      }
      const report = await ctx.hotlists.import(req.params.id, text, {
        format: req.query.format!,
        expiresAt,
        mode: req.query.mode === 'append' ? 'append' : 'replace',
        by: req.principal!.name,
      });
      await ctx.audit.record({
        actor: req.principal!.name,
        from: req.ip,
        action: 'hotlists.import',
        outcome: 'success',
        details: { hotlistId: req.params.id, version: report.version, accepted: report.accepted, rejected: report.rejected },
      });
      return { ...report, importedAt: new Date(report.importedAt).toISOString() };
    },
  );
}
