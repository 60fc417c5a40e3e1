/**
 * The live WebSocket (`GET /api/v1/stream`): a snapshot of open hits first, then events.
 * Hits go out the moment they are raised; reads for the map go out in frames every 250 ms,
 * filtered by each console's viewport (read-fanout.ts). A console may send
 * `reads.subscribe` (optionally with a bbox) or `reads.unsubscribe`; anything else is answered
 * with an `error` message and changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { StreamMessage } from '@openrtcc/domain';
import type { AppContext } from '../context.ts';
import { hitView } from '../alerts/hit.service.ts';
import { AppError } from '../errors.ts';
import { READ_FLUSH_MS, ReadFanout, parseReadSubscription, type FanoutClient } from './read-fanout.ts';
import { incidentView } from '../incidents/incident.view.ts';
import { gunshotView } from '../gunshots/gunshot.view.ts';
import { unitView } from '../units/unit.view.ts';
import { UnitFrames } from './unit-frames.ts';

interface Client extends FanoutClient {
  /** Hit events raised while the snapshot is being read; undefined once it is sent. */
  held?: StreamMessage[];
  /** A person's stream: the session and account it runs under, checked while it is open. */
  sessionId?: string;
  userId?: string;
}

/** How often open streams re-check their sessions (ended on another node, idle, expired). */
export const SESSION_CHECK_MS = 15_000;
/** The close code of a stream whose session ended; the console returns to sign-in. */
export const SESSION_ENDED_CLOSE = 4401;

/**
 * Which events the stream carries: reads with the lpr module, hits with the hotlists module,
 * incidents and gunshots with the cad module, units with the avl module.
 */
export interface StreamContent {
  reads: boolean;
  hits: boolean;
  incidents?: boolean;
  units?: boolean;
}

/** Gunshot alerts in the snapshot: those detected in the last day. */
const SNAPSHOT_GUNSHOTS_MS = 86_400_000;

export function streamRoutes(app: FastifyInstance, ctx: AppContext, content: StreamContent): void {
  const clients = new Set<Client>();

  const send = (socket: WebSocket, msg: StreamMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  // until its snapshot is out, a client's hit events wait, so the snapshot always comes first
  const sendHit = (c: Client, msg: StreamMessage): void => {
    if (c.held) c.held.push(msg);
    else send(c.socket, msg);
  };

  if (content.hits) {
    ctx.bus.subscribe('hit.raised', ({ hits }) => {
      for (const c of clients) for (const h of hits) sendHit(c, { type: 'hit.raised', hit: hitView(h) });
    });
    ctx.bus.subscribe('hit.verified', ({ hit }) => {
      for (const c of clients) sendHit(c, { type: 'hit.verified', hit: hitView(hit) });
    });
  }
  if (content.incidents) {
    ctx.bus.subscribe('incident.updated', ({ incident }) => {
      for (const c of clients) sendHit(c, { type: 'incident.updated', incident: incidentView(incident) });
    });
    ctx.bus.subscribe('gunshot.detected', ({ alert }) => {
      for (const c of clients) sendHit(c, { type: 'gunshot.detected', gunshot: gunshotView(alert) });
    });
    ctx.bus.subscribe('gunshot.outcomeRecorded', ({ alert }) => {
      for (const c of clients) sendHit(c, { type: 'gunshot.outcomeRecorded', gunshot: gunshotView(alert) });
    });
  }
  // A stream outlives the request that authenticated it: when its session ends (signed out,
  // account disabled or re-enrolled on this node: at once; anywhere, or idle: at the next check)
  // the socket is closed, so nobody keeps watching live data after losing access.
  const endSession = (c: Client, reason: string): void => {
    clients.delete(c);
    c.socket.close(SESSION_ENDED_CLOSE, `session ended: ${reason}`);
  };
  ctx.bus.subscribe('session.ended', ({ sessionId, userId, reason }) => {
    for (const c of clients) if ((sessionId && c.sessionId === sessionId) || (userId && c.userId === userId)) endSession(c, reason);
  });
  const checkSessions = async (): Promise<void> => {
    const bySession = new Map<string, Client[]>();
    for (const c of clients) if (c.sessionId) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
    for (const [id, group] of bySession) {
      const state = await ctx.sessions.checkSession(id);
      if (!state.ok) for (const c of group) endSession(c, state.reason);
    }
  };
  const sessionTimer = setInterval(() => {
    checkSessions().catch((err: unknown) => app.log.error({ err }, 'stream session check failed'));
  }, SESSION_CHECK_MS);
  sessionTimer.unref();
  const fanout = new ReadFanout();
  // the frame keeps only what the connected consoles take: with none, bulk ingest keeps no reads here
  if (content.reads) ctx.bus.subscribe('read.ingested', ({ reads }) => fanout.add(reads, clients));
  const unitFrames = new UnitFrames();
  if (content.units) ctx.bus.subscribe('unit.moved', ({ units }) => {
    if (clients.size > 0) unitFrames.add(units);
  });
  const timer = setInterval(() => {
    fanout.flush(clients);
    unitFrames.flush(clients);
  }, READ_FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    clearInterval(sessionTimer);
    for (const c of clients) c.socket.close(1001, 'server shutting down');
  });

  app.route({
    method: 'GET',
    url: '/api/v1/stream',
    config: { access: 'stream:subscribe', queryCredential: 'access_token' },
    schema: {
      tags: ['stream'],
      summary: 'WebSocket: snapshot (open hits; open incidents, recent gunshots and units with cad / avl), then hit.raised, hit.verified, read.ingested (filtered by the console’s viewport), incident.updated, gunshot.detected, gunshot.outcomeRecorded and unit.moved',
      description:
        'Connect with a WebSocket (browsers pass the token as `?access_token=`). The first message is `snapshot`; then events as they happen. Send `{"type":"reads.subscribe","bbox":[w,s,e,n]}` to receive only the reads inside a box, `{"type":"reads.subscribe"}` for all reads (the default) or `{"type":"reads.unsubscribe"}` for none.',
      querystring: { type: 'object', properties: { access_token: { type: 'string' } } },
    },
    // a plain HTTP request (no Upgrade) gets a JSON error instead of an empty 404
    handler: async () => {
      throw new AppError('validation_failed', 'this route is a WebSocket: connect with a WebSocket client (Upgrade: websocket)');
    },
    wsHandler: async (socket, req) => {
      // registered before the snapshot is read, so no hit raised meanwhile is missed
      const client: Client = { socket, reads: content.reads ? {} : null, held: [] };
      if (req.principal?.kind === 'user' && req.principal.sessionId) {
        client.sessionId = req.principal.sessionId;
        client.userId = req.principal.id;
      }
      clients.add(client);
      socket.on('close', () => clients.delete(client));
      socket.on('error', () => clients.delete(client));
      socket.on('message', (data, isBinary) => {
        const parsed = isBinary ? ({ ok: false, message: 'stream messages are JSON text' } as const) : parseReadSubscription(String(data));
        if (!parsed.ok) send(socket, { type: 'error', error: { code: 'validation_failed', message: parsed.message } });
        else if (!content.reads) send(socket, { type: 'error', error: { code: 'validation_failed', message: 'the lpr module is off (RTCC_MODULES): this stream carries no reads' } });
        else client.reads = parsed.reads;
      });
      let open;
      let extra: Pick<Extract<StreamMessage, { type: 'snapshot' }>, 'openIncidents' | 'recentGunshots' | 'units'> = {};
      try {
        // with hotlists off the snapshot stays empty: hits raised before it was switched off are not shown
        open = content.hits ? await ctx.hits.list({ status: 'open', limit: 500 }) : { items: [] };
        extra = await snapshotExtras(ctx, content);
      } catch (err) {
        app.log.error({ err }, 'stream snapshot failed');
        clients.delete(client);
        socket.close(1011, 'snapshot failed');
        return;
      }
      send(socket, { type: 'snapshot', openHits: open.items.map(hitView), serverTime: new Date().toISOString(), ...extra });
      const held = client.held ?? [];
      client.held = undefined;
      for (const msg of held) send(socket, msg);
    },
  });
}

/** Open incidents and the last day's gunshots (cad), every unit (avl): only for the modules that are on. */
async function snapshotExtras(ctx: AppContext, content: StreamContent): Promise<Pick<Extract<StreamMessage, { type: 'snapshot' }>, 'openIncidents' | 'recentGunshots' | 'units'>> {
  const out: Pick<Extract<StreamMessage, { type: 'snapshot' }>, 'openIncidents' | 'recentGunshots' | 'units'> = {};
  if (content.incidents && ctx.incidents && ctx.gunshots) {
    const [incidents, gunshots] = await Promise.all([ctx.incidents.list({ status: 'open', limit: 500 }), ctx.gunshots.list({ limit: 200, from: Date.now() - SNAPSHOT_GUNSHOTS_MS })]);
    out.openIncidents = incidents.items.map(incidentView);
    out.recentGunshots = gunshots.items.map(gunshotView);
  }
  if (content.units && ctx.units) out.units = (await ctx.units.list()).map(unitView);
  return out;
}
