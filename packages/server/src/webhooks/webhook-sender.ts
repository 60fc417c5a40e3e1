/**
 * One POST of a webhook body: no redirects followed, a hard timeout over the whole exchange, the
 * connection made only to addresses the URL guard accepts. Never throws: the outcome says what
 * happened, for the delivery log.
 */
import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from './webhook-url.ts';

export interface SendOutcome {
  statusCode?: number;
  /** Absent on a 2xx answer. */
  error?: string;
  durationMs: number;
  /** False when trying again cannot help (a 4xx other than 408 and 429, a redirect). */
  retryable: boolean;
}

export interface SendOptions {
  timeoutMs: number;
  allowLocal: boolean;
}

/** @example await postWebhook(target.url, body, { 'x-rtcc-event': 'hit.verified' }, { timeoutMs: 10_000, allowLocal: false }) */
export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: SendOptions): Promise<SendOutcome> {
  const started = Date.now();
  const done = (o: Omit<SendOutcome, 'durationMs'>): SendOutcome => ({ ...o, durationMs: Date.now() - started });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(o));
    };
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'OpenRTCC-Webhook/1', ...headers },
        lookup: guardedLookup(opts.allowLocal) as never,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < 200) excerpt += chunk;
        });
        res.on('error', () => undefined);
        res.on('end', () => finish(outcomeOf(status, excerpt)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ error: `no answer within ${opts.timeoutMs} ms`, retryable: true });
    }, opts.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ? `${e.code}: ${e.message}` : e.message, retryable: e.code !== 'ELOCALADDRESS' }));
    req.end(body);
  });
}

function outcomeOf(status: number, excerpt: string): Omit<SendOutcome, 'durationMs'> {
  if (status >= 200 && status < 300) return { statusCode: status, retryable: false };
  const said = excerpt.trim().replace(/\s+/g, ' ').slice(0, 200);
  const error = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status >= 300 && status < 400) return { statusCode: status, error: `${error} (redirects are not followed; use the final URL)`, retryable: false };
  const retryable = status >= 500 || status === 408 || status === 429;
  return { statusCode: status, error, retryable };
}
