import type { z } from 'zod/mini';
import { API_BASE_PATH, buildPath, type Endpoint } from '@contract/endpoints/endpoint';
import { ProblemDetails } from '@contract/schemas/common';
import { ApiError, CLIENT_UNAVAILABLE } from './errors';

type ResponseOf<E extends Endpoint> = E['response'] extends z.ZodMiniType
  ? z.infer<E['response']>
  : undefined;

type JsonEndpoint = Endpoint & { response: z.ZodMiniType | null };
type BodyOf<E extends Endpoint> = E extends { body: z.ZodMiniType } ? z.input<E['body']> : never;
type QueryOf<E extends Endpoint> = E extends { query: z.ZodMiniType } ? z.input<E['query']> : never;

export interface CallOptions<E extends Endpoint> {
  params?: Record<string, string>;
  query?: QueryOf<E>;
  body?: BodyOf<E>;
  idempotencyKey?: string;
  stepUpToken?: string;
  /** Polling the user did not ask for: does not keep the session alive. */
  background?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** No redirects here: the app reacts. */
export interface ApiClientEvents {
  onSessionEnded?: (error: ApiError) => void;
  onActivity?: () => void;
}

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

export function malformedResponse(status: number, isMutation: boolean): ApiError {
  // A 2xx we cannot read means the mutation probably happened: its outcome is unknown.
  return new ApiError({
    kind: 'malformed',
    status,
    code: 'client.malformed_response',
    outcomeUnknown: isMutation,
  });
}

/**
 * A 404 without the API's problem body came from a proxy or static server: unavailable, and a mutation was
 * not applied.
 */
function notTheApi(): ApiError {
  return new ApiError({ kind: 'http', status: 503, code: CLIENT_UNAVAILABLE });
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

  private backgroundDepth = 0;

  /**
   * Requests started while `work` runs (synchronously) are background (`X-Background`): re-reads a live event
   * caused, which must not keep the session alive (decision 023).
   */
  inBackground<T>(work: () => T): T {
    this.backgroundDepth++;
    try {
      return work();
    } finally {
      this.backgroundDepth--;
    }
  }

  /** The URL of an endpoint (no query): for EventSource, which takes a URL. */
  urlOf(endpoint: Endpoint, params?: Record<string, string>): string {
    return this.baseUrl + buildPath(endpoint.path, params);
  }

  call<E extends JsonEndpoint>(endpoint: E, options: CallOptions<E> = {}): Promise<ResponseOf<E>> {
    return this.request(endpoint, options, (response, isMutation) =>
      this.readJson(endpoint, response, isMutation),
    );
  }

  async request<E extends Endpoint, T>(
    endpoint: E,
    options: CallOptions<E>,
    read: (response: Response, isMutation: boolean) => Promise<T>,
  ): Promise<T> {
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
    // Decided as the request starts (`send` reads the header): a re-read a live event caused is background
    // at its answer too, when `inBackground` has long returned.
    if (options.background || this.backgroundDepth > 0) headers.set('X-Background', '1');

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
      return await this.send(endpoint, url, headers, options, signal, timeout.signal, read);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send<E extends Endpoint, T>(
    endpoint: E,
    url: string,
    headers: Headers,
    options: CallOptions<E>,
    signal: AbortSignal,
    timeout: AbortSignal,
    read: (response: Response, isMutation: boolean) => Promise<T>,
  ): Promise<T> {
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
    if (!headers.has('X-Background') && response.status !== 401) this.events.onActivity?.();

    return read(response, isMutation);
  }

  private async readJson<E extends JsonEndpoint>(
    endpoint: E,
    response: Response,
    isMutation: boolean,
  ): Promise<ResponseOf<E>> {
    if (endpoint.response === null) return undefined as ResponseOf<E>;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw malformedResponse(response.status, isMutation);
    }
    const parsed = endpoint.response.safeParse(json);
    if (!parsed.success) throw malformedResponse(response.status, isMutation);
    return parsed.data as ResponseOf<E>;
  }

  private async problemOf(response: Response, endpoint: Endpoint, isMutation: boolean): Promise<ApiError> {
    let problem: ProblemDetails | undefined;
    try {
      const parsed = ProblemDetails.safeParse(await response.json());
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON: keep the status alone
    }
    if (response.status === 404 && !problem) return notTheApi();
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
