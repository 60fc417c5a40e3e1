/**
 * The live WebSocket (`GET /api/v1/stream`): a snapshot of open hits first, then events.
 * Hits go out the moment they are raised; reads for the map are batched per client every
 * 250 ms (one frame instead of one per read) and dropped for a client that cannot keep up,
 * so a slow console never delays alerts to the others or grows the server's memory.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { PlateRead, StreamMessage } from '@openrtcc/domain';
import type { AppContext } from '../context.ts';
import { hitView } from '../alerts/hit.service.ts';
import { readView } from './views.ts';

const READ_FLUSH_MS = 250;
const MAX_READS_PER_FRAME = 500;
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

export function streamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const clients = new Set<{ socket: WebSocket; reads: PlateRead[] }>();

  const send = (socket: WebSocket, msg: StreamMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };

  ctx.bus.subscribe('hit.raised', ({ hits }) => {
    for (const c of clients) for (const h of hits) send(c.socket, { type: 'hit.raised', hit: hitView(h) });
  });
  ctx.bus.subscribe('hit.verified', ({ hit }) => {
    for (const c of clients) send(c.socket, { type: 'hit.verified', hit: hitView(hit) });
  });
  ctx.bus.subscribe('read.ingested', ({ reads }) => {
    for (const c of clients) {
      if (c.socket.bufferedAmount > SLOW_CLIENT_BYTES) continue;
      for (const r of reads) {
        if (c.reads.length >= MAX_READS_PER_FRAME) c.reads.shift();
        c.reads.push(r);
      }
    }
  });
  const timer = setInterval(() => {
    for (const c of clients) {
      if (c.reads.length === 0) continue;
      const reads = c.reads;
      c.reads = [];
      send(c.socket, { type: 'read.ingested', reads: reads.map(readView) });
    }
  }, READ_FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    for (const c of clients) c.socket.close(1001, 'server shutting down');
  });

  app.get(
    '/api/v1/stream',
    {
      websocket: true,
      config: { access: 'stream:subscribe', queryCredential: 'access_token' },
      schema: { tags: ['stream'], summary: 'WebSocket: snapshot of open hits, then hit.raised, hit.verified and read.ingested', hide: false },
    },
    async (socket, _req) => {
      const client = { socket, reads: [] as PlateRead[] };
      clients.add(client);
      socket.on('close', () => clients.delete(client));
      socket.on('error', () => clients.delete(client));
      // clients never need to send; anything they do send is ignored
      socket.on('message', () => undefined);
      const open = await ctx.hits.list({ status: 'open', limit: 500 });
      send(socket, { type: 'snapshot', openHits: open.items.map(hitView), serverTime: new Date().toISOString() });
    },
  );
}
