/**
 * Ingest routes of the avl module: the OsmAnd protocol (Traccar Client on officers' phones) and
 * Traccar's event and position forwarding. Bodies are raw bytes (raw-body child context).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { osmandDecoder, OSMAND_SOURCE } from '../../ingest/osmand/index.ts';
import { traccarDecoder, TRACCAR_SOURCE } from '../../ingest/traccar/index.ts';
import { checkFamily, KEY_QUERY, queryString, rawBody, sourceIdOf } from './source-ingest.ts';

export function avlIngestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const units = ctx.units!;
  const osmand = async (req: FastifyRequest, reply: FastifyReply) => {
    checkFamily(req, OSMAND_SOURCE);
    const payload = { body: rawBody(req), contentType: req.headers['content-type'], receivedAt: Date.now(), query: queryString(req) };
    const result = await units.ingest(OSMAND_SOURCE, payload, { route: '/api/v1/ingest/osmand', sourceId: sourceIdOf(req) }, () => osmandDecoder.decode(payload));
    // always 200: the phone keeps a refused position and resends it forever; quarantine keeps it instead
    return reply.status(200).send(result);
  };
  const osmandSchema = {
    tags: ['ingest'],
    summary: 'OsmAnd protocol: what Traccar Client (and OsmAnd) send from a phone',
    description:
      'Parameters in the query string (GET or POST) or a form body: `id` (the unit, e.g. its call sign), `lat`, `lon`, `timestamp` (epoch s or ms, or ISO 8601), `speed` (knots), `bearing`, `altitude`, `accuracy`, `batt`. Traccar Client 9 JSON bodies are read too. Idempotent on (unit, fix time). Always answered 200 with `{ accepted, duplicates, stale, dropped }` (or `quarantined`).',
    querystring: KEY_QUERY,
  };
  // no HEAD twin: a HEAD would run the handler and record a position as a side effect
  app.get('/api/v1/ingest/osmand', { config: { access: 'units:ingest', queryCredential: 'key' }, schema: osmandSchema, exposeHeadRoute: false }, osmand);
  app.post('/api/v1/ingest/osmand', { config: { access: 'units:ingest', queryCredential: 'key' }, schema: osmandSchema }, osmand);

  app.post(
    '/api/v1/ingest/traccar',
    {
      config: { access: 'units:ingest', queryCredential: 'key' },
      schema: {
        tags: ['ingest'],
        summary: 'Traccar event and position forwarding',
        description:
          'Set `event.forward.url` and/or `forward.url` with `forward.json=true` on the Traccar server. `{ event, device, position? }`, `{ position, device }`, or a bare event. The unit is the device `uniqueId`; speed arrives in knots. Undecodable bodies: quarantine, 202.',
        querystring: KEY_QUERY,
      },
    },
    async (req, reply) => {
      checkFamily(req, TRACCAR_SOURCE);
      const payload = { body: rawBody(req), contentType: req.headers['content-type'], receivedAt: Date.now() };
      const result = await units.ingest(TRACCAR_SOURCE, payload, { route: '/api/v1/ingest/traccar', sourceId: sourceIdOf(req) }, () => traccarDecoder.decode(payload));
      return reply.status(result.quarantined ? 202 : 200).send(result);
    },
  );
}
