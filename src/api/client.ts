import type { z } from 'zod/mini';
import { API_BASE_PATH, buildPath, type Endpoint } from './endpoints/endpoint';
import { ApiError } from './errors';
import { ProblemDetails } from './schemas/common';

type ResponseOf<E extends Endpoint> = E['response'] extends z.ZodMiniType
  ? z.infer<E['response']>
  : E['response'] extends 'csv'
    ? File
    : undefined;
type BodyOf<E extends Endpoint> = E extends { body: z.ZodMiniType } ? z.input<E['body']> : never;
type QueryOf<E extends Endpoint> = E extends { query: z.ZodMiniType } ? z.input<E['query']> : never;

/** Options of a call of the endpoint `E`: its query and body are typed by its schemas. */
export interface CallOptions<E extends Endpoint> {
  params?: Record<string, string>;
  query?: QueryOf<E>;
  body?: BodyOf<E>;
  /** Required on mutations: the same key for every retry of one user action. */
  idempotencyKey?: string;
  stepUpToken?: string;
  /** Polling the user did not ask for; does not keep the session alive. */
  background?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** CSV downloads: bytes received so far, and the size when the server says it. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadProgress {
  received: number;
  /** From `Content-Length`; null when the server streams without one. */
  total: number | null;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** What the client tells the app, without reaching into it (no redirects here). */
export interface ApiClientEvents {
  /** A 401 on a call made with a session: it ended (expired, signed out elsewhere). */
  onSessionEnded?: (error: ApiError) => void;
  /** Every successful, user-initiated call: the server's idle timer was reset. */
  onActivity?: () => void;
}

/** One key per user action; retries of that action reuse it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function toSearch(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The file name of `Content-Disposition: attachment; filename="x.csv"` (or `filename*=UTF-8''…`). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return safeFileName(decodeURIComponent(encoded[1].trim()));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ? safeFileName(plain[1].trim()) : null;
}

/** No folders, no control characters: the server names the file, not where it goes. */
function safeFileName(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/\u0000-\u001f]/g, '_').replace(/^\.+/, '');
  return cleaned || null;
}

export class ApiClient {
  private csrfToken: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly events: ApiClientEvents = {},
  ) {}

  /** Held in memory only, from login or session: never in storage or a URL. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  setEvents(events: ApiClientEvents): void {
    Object.assign(this.events, events);
  }

  /**
   * Calls an endpoint, given by its definition from its area's module
   * (`apiClient.call(terminalApi.terminal, { params: { tid } })`); the answer is parsed with
   * its response schema and typed by it.
   */
  async call<E extends Endpoint>(endpoint: E, options: CallOptions<E> = {}): Promise<ResponseOf<E>> {
    const isMutation = endpoint.method !== 'GET';
    const headers = new Headers({ Accept: 'application/json, application/problem+json, text/csv' });
    if (options.body !== undefined) headers.set('Content-Type', 'application/json');
    if (isMutation && this.csrfToken) headers.set('X-CSRF-Token', this.csrfToken);
    if (endpoint.idempotent) {
      if (!options.idempotencyKey) {
        throw new Error(`${endpoint.method} ${endpoint.path} needs an idempotency key`);
      }
      headers.set('Idempotency-Key', options.idempotencyKey);
    }
    if (options.stepUpToken) headers.set('X-Step-Up-Token', options.stepUpToken);
    if (options.background) headers.set('X-Background', '1');

    const url =
      this.baseUrl +
      buildPath(endpoint.path, options.params) +
      toSearch(options.query as Record<string, unknown>);
    // A timer of the page rather than `AbortSignal.timeout`: the same 20 s, but one that a
    // test's fake clock (Playwright `page.clock`, Vitest fake timers) can move past.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('No answer in time.', 'TimeoutError')),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    try {
      return await this.send(endpoint, url, headers, options, signal, timeout.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send<E extends Endpoint>(
    endpoint: E,
    url: string,
    headers: Headers,
    options: CallOptions<E>,
    signal: AbortSignal,
    timeout: AbortSignal,
  ): Promise<ResponseOf<E>> {
    const isMutation = endpoint.method !== 'GET';
    let response: Response;
    try {
      response = await fetch(url, {
        method: endpoint.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'include',
        signal,
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause; // the caller cancelled: not an error to show
      const timedOut = timeout.aborted;
      throw new ApiError({
        kind: timedOut ? 'timeout' : 'network',
        code: timedOut ? 'client.timeout' : 'client.network',
        outcomeUnknown: isMutation,
      });
    }

    if (!response.ok) throw await this.problemOf(response, endpoint, isMutation);
    if (!options.background && response.status !== 401) this.events.onActivity?.();

    if (endpoint.response === null) return undefined as ResponseOf<E>;
    if (endpoint.response === 'csv') {
      // Anything but CSV (an error page, JSON) must not be saved as the user's export.
      if (!/^text\/csv\b/i.test(response.headers.get('Content-Type') ?? '')) {
        throw this.malformed(response.status, isMutation);
      }
      return (await this.download(response, options)) as ResponseOf<E>;
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw this.malformed(response.status, isMutation);
    }
    const parsed = endpoint.response.safeParse(json);
    if (!parsed.success) throw this.malformed(response.status, isMutation);
    return parsed.data as ResponseOf<E>;
  }

  /**
   * A file answer as a File named by `Content-Disposition`, read chunk by chunk so the
   * caller can show progress. A connection lost halfway is a network error, not a short file.
   */
  private async download<E extends Endpoint>(response: Response, options: CallOptions<E>): Promise<File> {
    const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
    const name = fileNameOf(response.headers.get('Content-Disposition')) ?? 'download';
    const length = Number(response.headers.get('Content-Length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const report = options.onDownloadProgress;
    const chunks: BlobPart[] = [];
    try {
      if (!report || !response.body) {
        // Bytes, not a Blob: a Blob of another realm (fetch's vs the page's) would not be read.
        chunks.push(new Uint8Array(await response.arrayBuffer()));
      } else {
        const reader = response.body.getReader();
        let received = 0;
        report({ received, total });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.byteLength;
          report({ received, total });
        }
      }
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new ApiError({ kind: 'network', code: 'client.network' });
    }
    return new File(chunks, name, { type });
  }

  private malformed(status: number, isMutation: boolean): ApiError {
    // A 2xx we cannot read means the mutation probably happened: its outcome is unknown.
    return new ApiError({
      kind: 'malformed',
      status,
      code: 'client.malformed_response',
      outcomeUnknown: isMutation,
    });
  }

  private async problemOf(response: Response, endpoint: Endpoint, isMutation: boolean): Promise<ApiError> {
    let problem: ProblemDetails | undefined;
    try {
      const parsed = ProblemDetails.safeParse(await response.json());
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON: keep the status alone
    }
    const status = response.status;
    const error = new ApiError({
      kind: 'http',
      status,
      code: problem?.code ?? `http.${status}`,
      problem,
      retryAfter: retryAfterSeconds(response),
      // A 5xx or gateway timeout may come after the server did the work.
      outcomeUnknown: isMutation && (status >= 500 || status === 408),
    });
    if (status === 401 && !endpoint.public) this.events.onSessionEnded?.(error);
    return error;
  }
}

export const apiClient = new ApiClient(
  typeof __API_BASE_URL__ === 'string' ? __API_BASE_URL__ : API_BASE_PATH,
);
