/**
 * The few HTTP calls the driver makes, over `fetch`. Errors come back as `SimApiError` with the
 * server's own error body, so a refused call says why.
 */

/** A call the server refused or that never reached it. */
export class SimApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(message: string, status: number, body: unknown, cause?: unknown) {
    super(message, { cause });
    this.name = 'SimApiError';
    this.status = status;
    this.body = body;
  }
}

/** A response: status, headers and the parsed JSON body (undefined when there is none). */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API at `baseUrl` with a bearer token. */
export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly doFetch: typeof fetch;

  constructor(baseUrl: string, token: string, doFetch: typeof fetch = fetch) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.token = token;
    this.doFetch = doFetch;
  }

  /** Sends `body` as JSON; resolves for 2xx, rejects with SimApiError otherwise. */
  async call<T = any>(method: string, path: string, body?: unknown, opts: { token?: string; query?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    const token = opts.token ?? this.token;
    if (token !== '' && !opts.query?.key) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    } catch (e) {
      throw new SimApiError(`${method} ${path}: ${(e as Error).message}`, 0, undefined, e);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (res.status < 200 || res.status > 299) {
      const err = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new SimApiError(`${method} ${path} answered ${res.status}${err ? ` ${err.code}: ${err.message}` : ''}`, res.status, parsed);
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}
