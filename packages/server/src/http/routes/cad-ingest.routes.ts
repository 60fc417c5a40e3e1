/**
 * Ingest routes of the cad module: EIDO from the CAD, gunshot alerts from acoustic sensors.
 * Bodies are raw bytes (registered in the raw-body child context); what cannot be decoded is
 * kept in quarantine and answered 202 with the reason, since these senders resend refusals.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { EIDO_SOURCE } from '../../ingest/eido/index.ts';
import { GUNSHOT_SOURCE } from '../../ingest/gunshot/index.ts';
import { checkFamily, KEY_QUERY, rawBody, sourceIdOf } from './source-ingest.ts';

export function cadIngestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const incidents = ctx.incidents!;
  const gunshots = ctx.gunshots!;
  app.post(
    '/api/v1/ingest/eido',
    {
      config: { access: 'incidents:ingest', queryCredential: 'key' },
      schema: {
        tags: ['ingest'],
        summary: 'NENA EIDO (NENA-STA-021 JSON) from the CAD: incidents, calls, locations, notes, dispositions, units',
        description:
          'One EIDO or an array. A later EIDO with the same `$id` updates the incident it created. Answered `{ accepted, incidents: [{ id, sourceIncidentId, created, changed }], units, positions }` once stored; an undecodable body is kept in quarantine and answered 202 with `quarantined: { id, reason }`.',
        querystring: KEY_QUERY,
      },
    },
    async (req, reply) => {
      checkFamily(req, EIDO_SOURCE);
      const result = await incidents.ingestEido({ body: rawBody(req), contentType: req.headers['content-type'], receivedAt: Date.now() }, { route: '/api/v1/ingest/eido', sourceId: sourceIdOf(req) });
      return reply.status(result.quarantined ? 202 : 200).send(result);
    },
  );
  app.post(
    '/api/v1/ingest/gunshot',
    {
      config: { access: 'gunshots:ingest', queryCredential: 'key' },
      schema: {
        tags: ['ingest'],
        summary: 'Gunshot detection webhook (acoustic sensors)',
        description:
          'One alert, an array, or `{ alerts: [...] }`: `{ vendor, id, detectedAt, location [lon, lat] | latitude + longitude, rounds, confidence (0–1 or 0–100), humanReviewed, classification, address, sensorCount, updatedAt }`. Idempotent on (vendor, id): a resend changes nothing, a vendor update (e.g. reviewed) updates the alert. Undecodable bodies: quarantine, 202.',
        querystring: KEY_QUERY,
      },
    },
    async (req, reply) => {
      checkFamily(req, GUNSHOT_SOURCE);
      const result = await gunshots.ingest({ body: rawBody(req), contentType: req.headers['content-type'], receivedAt: Date.now() }, { route: '/api/v1/ingest/gunshot', sourceId: sourceIdOf(req) });
      return reply.status(result.quarantined ? 202 : 200).send(result);
    },
  );
}
