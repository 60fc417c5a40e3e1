/**
 * The one HTTP client of the console. Every call sends the session's bearer token, marks the
 * console as training when the server says so (X-RTCC-Mode), and turns any failure into an
 * `ApiError` carrying the server's `{ error: { code, message, requestId, details } }`.
 */
import { session, signOut } from './session.ts';
import { markTraining } from '../app/training.ts';

export interface ErrorDetail {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly details?: ErrorDetail[];

  constructor(status: number, code: string, message: string, opts: { requestId?: string; details?: ErrorDetail[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = opts.requestId;
    this.details = opts.details;
  }
}

type Query = Record<string, string | number | boolean | undefined>;

export function apiUrl(path: string, query?: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function authHeaders(): Record<string, string> {
  const token = session.get().token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Reads the server's error body; anything else (a proxy's HTML page, nothing) gets a plain message. */
function errorFrom(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; requestId?: string; details?: ErrorDetail[] } };
    if (body.error?.code) return new ApiError(status, body.error.code, body.error.message ?? body.error.code, { requestId: body.error.requestId, details: body.error.details });
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, status >= 500 ? 'unavailable' : 'http_error', `the server answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

function afterResponse(status: number, headers: { get(name: string): string | null }, error?: ApiError): void {
  if (headers.get('x-rtcc-mode')) markTraining(true);
  // a locked, expired, revoked or wrong token: back to the sign-in screen, which says why
  if (status === 401 && error && session.get().token) signOut(sessionEndNotice(error));
}

/** What the sign-in screen tells a person whose session ended under them. */
export function sessionEndNotice(e: ApiError): string {
  if (e.code === 'session_expired') {
    const reason = (e.details as unknown as { reason?: string } | undefined)?.reason;
    return reason === 'idle' ? 'Your session was locked after 30 minutes without activity. Sign in again.' : 'Your session reached its time limit. Sign in again.';
  }
  return 'Your session has ended (signed out, revoked or no longer valid). Sign in again.';
}

export async function api<T>(method: string, path: string, opts: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { ...authHeaders(), accept: 'application/json' };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, signal: opts.signal });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'the server cannot be reached; check the network and that OpenRTCC is running', { cause });
  }
  const text = await res.text();
  if (!res.ok) {
    const e = errorFrom(res.status, text);
    afterResponse(res.status, res.headers, e);
    throw e;
  }
  afterResponse(res.status, res.headers);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends a file as the raw body with XMLHttpRequest, whose upload events give a progress bar
 * (fetch has none for uploads).
 */
export function upload<T>(path: string, query: Query, file: Blob, onProgress: (sent: number, total: number) => void): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', apiUrl(path, query));
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', 'text/plain; charset=utf-8');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const headers = { get: (n: string) => xhr.getResponseHeader(n) };
      if (xhr.status >= 200 && xhr.status < 300) {
        afterResponse(xhr.status, headers);
        resolve(JSON.parse(xhr.responseText) as T);
      } else {
        const e = errorFrom(xhr.status, xhr.responseText);
        afterResponse(xhr.status, headers, e);
        reject(e);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload failed: the server cannot be reached'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'the upload was cancelled'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
