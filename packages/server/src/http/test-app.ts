/**
 * A server for route tests: an in-memory SQLite store, a known admin token, no logging.
 * Tests drive it with `app.inject`; the stream tests also `listen` on a free port.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { WebSocket } from 'ws';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config/config.ts';
import { createContext } from '../bootstrap.ts';
import type { AppContext } from '../context.ts';
import { buildApp } from './app.ts';

export const ADMIN_TOKEN = 'rtcc_test_admin_token_0123456789';

/** The real OpenALPR payloads of `../shared/samples/openalpr` (beside the repository). */
export const OPENALPR_SAMPLES = fileURLToPath(new URL('../../../../../shared/samples/openalpr/', import.meta.url));

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** `inject` with the admin token unless `token` says otherwise (`null`: no credential). */
  call(opts: InjectOptions & { token?: string | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(over: Partial<Config> = {}): Promise<TestApp> {
  const config: Config = { ...loadConfig({ RTCC_ADMIN_TOKEN: ADMIN_TOKEN, RTCC_LOG_LEVEL: 'silent' }), dataDir: ':memory:', ...over };
  const ctx = await createContext(config, { log: () => undefined });
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    ctx,
    call({ token, ...opts }) {
      const headers = { ...(opts.headers ?? {}) };
      const t = token === undefined ? ADMIN_TOKEN : token;
      if (t !== null) headers.authorization = `Bearer ${t}`;
      return app.inject({ ...opts, headers });
    },
    async close() {
      await app.close();
      await ctx.store.close();
    },
  };
}

/** A justification the search service accepts. */
export const JUSTIFICATION = { offenseType: 'motor_vehicle_theft', caseNumber: '2026-004817' } as const;

let seq = 0;

/** A read in the platform's JSON format with a synthetic plate; override any field. */
export function rtccRead(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    plate: 'TST0001',
    state: 'TX',
    confidence: 0.9,
    observedAt: new Date(Date.UTC(2026, 0, 15, 12, 0, 0) + seq * 1000).toISOString(),
    location: [-97.74, 30.27],
    sourceEventId: `test-${process.pid}-${seq}`,
    ...over,
  };
}

/** A WebSocket client that keeps every message, so a test can wait for the one it expects. */
export interface StreamClient {
  socket: WebSocket;
  messages: { type: string; [k: string]: unknown }[];
  /** Resolves with the first message of `type` (after `from` messages) that `where` accepts. */
  next(type: string, where?: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

/** Opens the live stream of a listening test server; rejects with the HTTP status when refused. */
export async function openStream(baseUrl: string, query: string): Promise<StreamClient> {
  const { WebSocket: Client } = await import('ws');
  const socket = new Client(`${baseUrl.replace(/^http/, 'ws')}/api/v1/stream${query}`);
  const messages: StreamClient['messages'] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused with ${res.statusCode}`), { statusCode: res.statusCode })));
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    next(type, where = () => true, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = messages.find((x) => x.type === type && where(x));
          if (!m) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} message within ${timeoutMs} ms; got ${messages.map((x) => x.type).join(', ') || 'nothing'}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => socket.close(),
  };
}
