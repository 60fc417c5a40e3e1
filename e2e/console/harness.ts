/**
 * The browser tests' harness: a real OpenRTCC server (in process, on a free port, SQLite in a
 * temporary folder) serving the built console, and Debian's Chromium driven by playwright-core.
 *
 * Without /usr/bin/chromium the tests skip with a message on a developer's machine and FAIL
 * under CI=true: a console nobody tested must not pass CI.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp, createContext, loadConfig, type AppContext } from '@openrtcc/server';

export const CHROMIUM = '/usr/bin/chromium';
export const TOKEN = 'rtcc_e2e_admin_token_0123456789abcdef';

/** `false` when Chromium is there; the reason to skip when it is not (never under CI). */
export function chromiumSkip(): false | string {
  if (existsSync(CHROMIUM)) return false;
  const why = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the console tests`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${why}`);
  return why;
}

export interface ConsoleServer {
  base: string;
  ctx: AppContext;
  /**
   * Stops the HTTP server (every live connection drops), runs `whileDown` against the still-open
   * store, then starts a new server on the same port and data: what a console sees when the
   * server restarts.
   */
  restart(whileDown?: (ctx: AppContext) => Promise<void>): Promise<void>;
  /** Calls the API with the admin token; throws on a non-2xx answer. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** `port`: a fixed port, for tests whose partners must know the URL first (single sign-on's redirect). */
export async function startServer(env: Record<string, string> = {}, opts: { port?: number } = {}): Promise<ConsoleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-e2e-'));
  const config = loadConfig({ RTCC_ADMIN_TOKEN: TOKEN, RTCC_LOG_LEVEL: 'silent', RTCC_DATA_DIR: dir, RTCC_SQLITE_SYNC: 'normal', ...env });
  const boot = async (port: number) => {
    const ctx = await createContext({ ...config, port }, { log: () => undefined });
    const app = await buildApp(ctx, { logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    const addr = app.server.address();
    return { ctx, app, port: typeof addr === 'object' && addr ? addr.port : port };
  };
  let node = await boot(opts.port ?? 0);
  const base = `http://127.0.0.1:${node.port}`;
  const server: ConsoleServer = {
    base,
    ctx: node.ctx,
    async restart(whileDown) {
      await node.app.close();
      await whileDown?.(node.ctx);
      await node.ctx.store.close();
      node = await boot(node.port);
      server.ctx = node.ctx;
    },
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await node.app.close();
      await node.ctx.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A streets file in a temporary folder, for RTCC_MAP_STREETS. */
export function writeTempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rtcc-e2e-file-')), name);
  writeFileSync(path, text);
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser context with a page that collects page errors (a test asserts there are none). */
export async function openPage(browser: Browser, base: string, viewport = DESKTOP, extra: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, baseURL: base, ...extra });
  // generous: CI shares two cores between Chromium's software WebGL, the server and other tests
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Signs in with the admin token through the form, as a person would, and waits for the live stream. */
export async function signIn(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.fill('#token', TOKEN);
  // the sign-in screen has the account form first; the token has its own button
  await page.click('#token-submit');
  await page.waitForSelector('[data-testid="link-state"]:has-text("Live")');
}

let seq = 0;
/** A read in the platform's JSON format at a camera. */
export function read(plate: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return { plate, state: 'TX', confidence: 0.91, observedAt: new Date(Date.now() - 60_000 + seq).toISOString(), sourceEventId: `e2e-${process.pid}-${seq}`, ...over };
}

/** Registers a camera at a position; returns its id. */
export async function camera(s: ConsoleServer, name: string, location: [number, number], heading = 90): Promise<string> {
  return (await s.api<{ id: string }>('POST', '/api/v1/cameras', { name, location, heading, timeZone: 'America/Chicago' })).id;
}

/**
 * Waits, when the current 30-second TOTP step has less than `marginMs` left, until the next one
 * has begun. A test enrols with the code of the step before now (so that signing in with now's
 * code is a later step, as totp.ts requires), and the server accepts one step either side of its
 * own now: typed into a form and submitted seconds later, that code is refused if a step boundary
 * falls in between.
 */
export async function awayFromTotpStepEnd(marginMs = 12_000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 200));
}
