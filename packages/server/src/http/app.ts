/**
 * Builds the HTTP server: error handling, deny-by-default auth, OpenAPI, and the routes.
 * Routes validate, call one service, and serialize.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { registerAuth } from './auth.hook.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { quarantineRoutes } from './routes/quarantine.routes.ts';
import { readImageRoutes } from './routes/read-images.routes.ts';
import { cameraRoutes } from './routes/cameras.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { hitRoutes } from './routes/hits.routes.ts';
import { hotlistRoutes } from './routes/hotlists.routes.ts';
import { hotlistImportRoutes, ingestRoutes, rawBodyParser } from './routes/ingest.routes.ts';
import { mapRoutes } from './routes/map.routes.ts';
import { moduleRoutes } from './routes/modules.routes.ts';
import { readRoutes } from './routes/reads.routes.ts';
import { sourceRoutes } from './routes/sources.routes.ts';
import { webRoutes } from './routes/web.routes.ts';
import { streamRoutes } from './stream.ts';
import { trainingRoutes } from './routes/training.routes.ts';
import { cadIngestRoutes } from './routes/cad-ingest.routes.ts';
import { avlIngestRoutes } from './routes/avl-ingest.routes.ts';
import { incidentRoutes } from './routes/incidents.routes.ts';
import { gunshotRoutes } from './routes/gunshots.routes.ts';
import { unitRoutes } from './routes/units.routes.ts';
import { videoCameraRoutes } from './routes/video-cameras.routes.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { userRoutes } from './routes/users.routes.ts';
import { cfsImportRoutes, cfsMappingRoutes } from './routes/cfs-import.routes.ts';
import { webhookRoutes } from './routes/webhooks.routes.ts';
import { retentionRoutes } from './routes/retention.routes.ts';
import { RetentionJob } from '../retention/retention.job.ts';
import { justificationRoutes } from './routes/justification.routes.ts';
import { transparencyRoutes } from './routes/transparency.routes.ts';
import { federationRoutes, sharingRoutes } from './routes/sharing.routes.ts';
import { oidcRoutes } from './routes/oidc.routes.ts';
import { integrationKeyRoutes } from './routes/integration-keys.routes.ts';
import { hotlistFeedRoutes } from './routes/hotlist-feeds.routes.ts';
import { FrigateMqttSubscriber } from '../ingest/frigate/frigate.mqtt.ts';

/** The header that marks every response of a training server. Latin-1 only, as HTTP headers must be. */
export const TRAINING_HEADER = 'X-RTCC-Mode';
export const TRAINING_HEADER_VALUE = 'TRAINING - SIMULATED DATA';

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false || ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.maxBodyBytes,
    genReqId: () => randomUUID(),
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // JSON routes take JSON only; a text/plain body would otherwise fail as "body must be object"
  app.removeContentTypeParser('text/plain');
  await app.register(swagger, {
    openapi: {
      info: { title: 'OpenRTCC API', version: '1', description: 'Real Time Crime Center: plate reads, hotlists, hits, search. Bearer tokens on every route but /healthz.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  if (ctx.config.training) {
    // before the auth hook, so refusals and errors are marked too: nobody should mistake a
    // simulated hit for a real one, whatever screen or script shows it
    app.addHook('onRequest', async (_req, reply) => {
      reply.header(TRAINING_HEADER, TRAINING_HEADER_VALUE);
    });
  }
  registerAuth(app, ctx.auth);
  app.addSchema({
    $id: 'HotlistEntryInput',
    type: 'object',
    required: ['plate', 'reason'],
    additionalProperties: false,
    properties: {
      plate: { type: 'string', minLength: 1, maxLength: 20 },
      state: { type: 'string', maxLength: 10 },
      reason: { type: 'string', minLength: 1, maxLength: 1000 },
      expiresAt: { type: 'string', description: 'ISO 8601; required for a BOLO' },
      recordId: { type: 'string', maxLength: 100 },
      vehicle: { type: 'object' },
    },
  });

  healthRoutes(app, ctx);
  moduleRoutes(app, ctx);
  webRoutes(app, ctx);
  mapRoutes(app, ctx);
  auditRoutes(app, ctx);
  // people and access: always on, whatever modules are
  sessionRoutes(app, ctx);
  userRoutes(app, ctx);
  integrationKeyRoutes(app, ctx);
  // retention: always on; the daily run starts with the server and stops before the store closes
  retentionRoutes(app, ctx);
  if (ctx.config.retentionHour !== undefined) {
    const job = new RetentionJob(ctx.retention, ctx.config.retentionHour, (msg, err) => app.log.error({ err }, msg));
    app.addHook('onReady', async () => job.start());
    app.addHook('onClose', async () => job.stop());
  }
  // the public transparency page, and the justification policy the search form offers
  transparencyRoutes(app, ctx);
  justificationRoutes(app, ctx);
  // single sign-on: its cookie parser stays in its own context
  await app.register(async (sso) => oidcRoutes(sso, ctx));
  // a module that is off registers no routes, so they answer the usual 404 (RTCC_MODULES)
  const lpr = ctx.config.modules.includes('lpr');
  const hotlists = ctx.config.modules.includes('hotlists');
  const cad = ctx.config.modules.includes('cad') && ctx.incidents !== undefined && ctx.gunshots !== undefined;
  const avl = ctx.config.modules.includes('avl') && ctx.units !== undefined;
  // every module with ingest routes needs sources (their keys) and the quarantine
  if (lpr || cad || avl) {
    sourceRoutes(app, ctx);
    quarantineRoutes(app, ctx);
  }
  if (lpr) {
    readRoutes(app, ctx);
    readImageRoutes(app, ctx);
    cameraRoutes(app, ctx);
  }
  if (hotlists) {
    hotlistRoutes(app, ctx);
    hitRoutes(app, ctx);
    const feeds = ctx.hotlistFeeds;
    if (feeds) {
      hotlistFeedRoutes(app, feeds);
      // scheduled re-imports run while the server serves, and finish before the store closes
      app.addHook('onReady', async () => feeds.start());
      app.addHook('onClose', async () => feeds.stop());
    }
  }
  const webhookDispatcher = ctx.webhookDispatcher;
  if (hotlists && ctx.webhooks && webhookDispatcher) {
    webhookRoutes(app, ctx);
    // posts queued deliveries once the server is ready (resuming any left pending), stops before the store closes
    app.addHook('onReady', async () => webhookDispatcher.start());
    app.addHook('onClose', async () => webhookDispatcher.stop());
  }
  if (cad) {
    incidentRoutes(app, ctx);
    gunshotRoutes(app, ctx);
    if (ctx.cfsMappings && ctx.cfsImport) {
      cfsMappingRoutes(app, ctx);
      await cfsImportRoutes(app, ctx);
    }
  }
  if (avl) unitRoutes(app, ctx);
  if (ctx.config.modules.includes('sharing') && ctx.sharing) {
    sharingRoutes(app, ctx);
    federationRoutes(app, ctx);
  }
  if (ctx.config.modules.includes('video') && ctx.video) videoCameraRoutes(app, ctx);
  if (lpr || hotlists || cad || avl) streamRoutes(app, ctx, { reads: lpr, hits: hotlists, incidents: cad, units: avl });
  // training runs exist only on a training server: a live one answers 404 for them
  if (ctx.config.training && ctx.training) trainingRoutes(app, ctx);
  if (lpr && ctx.config.mqttUrl) {
    // Frigate over MQTT: subscribes once the server is ready, unsubscribes before the store closes
    const frigate = new FrigateMqttSubscriber({ url: ctx.config.mqttUrl, topicPrefix: ctx.config.frigateTopicPrefix, pipeline: ctx.pipeline, health: ctx.health, log: app.log });
    app.addHook('onReady', async () => frigate.start());
    app.addHook('onClose', async () => frigate.stop());
  }
  // decode threads start with the first large batch and stop with the server
  app.addHook('onClose', async () => ctx.pipeline.close());
  // raw-body routes get their own content-type parsers, encapsulated in a child context
  await app.register(async (raw) => {
    rawBodyParser(raw, ctx);
    if (lpr) ingestRoutes(raw, ctx);
    if (hotlists) hotlistImportRoutes(raw, ctx);
    if (cad) cadIngestRoutes(raw, ctx);
    if (avl) avlIngestRoutes(raw, ctx);
  });
  return app;
}
