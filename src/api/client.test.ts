import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiErrorMessage } from '@/i18n/error-messages';
import { i18n } from '@/i18n/i18n';
import type { TFunction } from '@/i18n/use-translation';
import { endpoints } from '@contract/endpoint-table';
import { ApiClient, DEFAULT_TIMEOUT_MS, newIdempotencyKey } from './client';
import { type DownloadProgress, downloadFile, fileNameOf } from './download';
import { ApiError } from './errors';

const BASE = 'http://acquirer.test/api/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const command = {
  id: 'cmd_1',
  tid: '10000001',
  kind: 'change',
  status: 'queued',
  requestedBy: 'owner',
  requestedAt: '2026-11-25T10:00:00+08:00',
  expiresAt: '2026-11-28T10:00:00+08:00',
};

function captureRequests() {
  const seen: Request[] = [];
  server.events.on('request:start', ({ request }) => seen.push(request.clone()));
  return seen;
}

describe('ApiClient', () => {
  it('sends the CSRF token and the idempotency key on a mutation, and parses the answer', async () => {
    server.use(
      http.post(`${BASE}/terminals/:tid/void-password/change`, () =>
        HttpResponse.json({ command }, { status: 202 }),
      ),
    );
    const seen = captureRequests();
    const client = new ApiClient(BASE);
    client.setCsrfToken('csrf-token-0123456789');
    const key = newIdempotencyKey();
    const result = await client.call(endpoints.changeVoidPassword, {
      params: { tid: '10000001' },
      body: { currentPassword: '482913', newPassword: '790315' },
      idempotencyKey: key,
    });
    expect(result.command.status).toBe('queued');
    expect(seen[0]?.headers.get('X-CSRF-Token')).toBe('csrf-token-0123456789');
    expect(seen[0]?.headers.get('Idempotency-Key')).toBe(key);
    expect(seen[0]?.url).toBe(`${BASE}/terminals/10000001/void-password/change`);
  });

  it('refuses to send an idempotent mutation without a key', async () => {
    const client = new ApiClient(BASE);
    await expect(client.call(endpoints.cancelCommand, { params: { id: 'cmd_1' } })).rejects.toThrow(
      /idempotency key/,
    );
  });

  it('sends no CSRF token on a read, and marks background polling', async () => {
    server.use(http.get(`${BASE}/password-commands/:id`, () => HttpResponse.json({ command })));
    const seen = captureRequests();
    const client = new ApiClient(BASE);
    client.setCsrfToken('csrf-token-0123456789');
    await client.call(endpoints.command, { params: { id: 'cmd_1' }, background: true });
    expect(seen[0]?.headers.get('X-CSRF-Token')).toBeNull();
    expect(seen[0]?.headers.get('X-Background')).toBe('1');
  });

  it('puts query parameters in the URL, skipping empty ones', async () => {
    server.use(
      http.get(`${BASE}/alerts`, () =>
        HttpResponse.json({ items: [], serverTime: '2026-11-25T10:00:00+08:00' }),
      ),
      http.get(`${BASE}/merchants`, () => HttpResponse.json({ items: [] })),
    );
    const seen = captureRequests();
    await new ApiClient(BASE).call(endpoints.merchants, { query: { q: '杭州 店' } });
    expect(new URL(seen[0]!.url).searchParams.get('q')).toBe('杭州 店');
    await new ApiClient(BASE).call(endpoints.merchants, { query: { q: '' } });
    expect(new URL(seen[1]!.url).search).toBe('');
  });

  it('turns a problem-details answer into a typed ApiError with its code and fields', async () => {
    server.use(
      http.post(`${BASE}/terminals/:tid/void-password/change`, () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Wrong current void password',
            status: 422,
            code: 'pin.wrong_current',
            attemptsRemaining: 2,
            errors: [{ field: 'currentPassword', code: 'pin.wrong_current', message: 'wrong' }],
          },
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await new ApiClient(BASE)
      .call(endpoints.changeVoidPassword, {
        params: { tid: '10000001' },
        body: { currentPassword: '482913', newPassword: '790315' },
        idempotencyKey: 'k1',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('pin.wrong_current');
    expect(apiError.attemptsRemaining).toBe(2);
    expect(apiError.fieldErrors[0]?.field).toBe('currentPassword');
    expect(apiError.outcomeUnknown).toBe(false);
    // The PINs that were sent appear nowhere in the error.
    expect(JSON.stringify({ ...apiError, message: apiError.message })).not.toMatch(/482913|790315/);
  });

  it('reads Retry-After from a 429', async () => {
    server.use(
      http.post(
        `${BASE}/auth/login`,
        () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '42' } }),
      ),
    );
    const error = (await new ApiClient(BASE)
      .call(endpoints.login, { body: { username: 'owner', password: 'x' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.code).toBe('http.429');
    expect(error.retryAfter).toBe(42);
  });

  it('tells a 404 of the API (a problem with a code) from a 404 of something in front of it: that one is "unavailable"', async () => {
    const t: TFunction = (key, values) => i18n._(key, values);
    const terminal = (answer: () => Response) => {
      server.use(http.get(`${BASE}/terminals/:tid`, answer));
      return new ApiClient(BASE)
        .call(endpoints.terminal, { params: { tid: '10000001' } })
        .catch((e: unknown) => e) as Promise<ApiError>;
    };

    const fromApi = await terminal(() =>
      HttpResponse.json(
        { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' },
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    expect(fromApi.status).toBe(404);
    expect(apiErrorMessage(fromApi, t)).toBe('We could not find what you asked for.');

    // A proxy's or a static server's page (the mock's service worker gone), or nothing at all.
    const notFromApi = [
      await terminal(() => HttpResponse.html('<h1>Not Found</h1>', { status: 404 })),
      await terminal(() => new HttpResponse(null, { status: 404 })),
      await terminal(() => HttpResponse.json({ message: 'no route' }, { status: 404 })),
    ];
    for (const error of notFromApi) {
      expect(error.status).not.toBe(404);
      expect(error.isServerError).toBe(true);
      expect(apiErrorMessage(error, t)).toBe(
        'The service is not available right now. Try again in a moment.',
      );
    }
  });

  it('treats a response that breaks the contract as an error, not a crash', async () => {
    server.use(http.get(`${BASE}/password-commands/:id`, () => HttpResponse.json({ command: { id: 1 } })));
    const error = (await new ApiClient(BASE)
      .call(endpoints.command, { params: { id: 'x' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('malformed');
  });

  it('treats a body that is not JSON as malformed', async () => {
    server.use(http.get(`${BASE}/password-commands/:id`, () => new HttpResponse('<html>proxy error</html>')));
    const error = (await new ApiClient(BASE)
      .call(endpoints.command, { params: { id: 'x' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('malformed');
  });

  it('marks a mutation whose answer never came as of unknown outcome', async () => {
    server.use(http.post(`${BASE}/password-commands/:id/cancel`, () => HttpResponse.error()));
    const error = (await new ApiClient(BASE)
      .call(endpoints.cancelCommand, { params: { id: 'cmd_1' }, idempotencyKey: 'k2' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('network');
    expect(error.outcomeUnknown).toBe(true);
  });

  it('marks a mutation answered with a 5xx as of unknown outcome, a read not', async () => {
    server.use(
      http.post(`${BASE}/password-commands/:id/cancel`, () => new HttpResponse(null, { status: 503 })),
      http.get(`${BASE}/password-commands/:id`, () => new HttpResponse(null, { status: 503 })),
    );
    const client = new ApiClient(BASE);
    const mutation = (await client
      .call(endpoints.cancelCommand, { params: { id: 'c' }, idempotencyKey: 'k3' })
      .catch((e: unknown) => e)) as ApiError;
    const read = (await client
      .call(endpoints.command, { params: { id: 'c' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(mutation.outcomeUnknown).toBe(true);
    expect(read.outcomeUnknown).toBe(false);
    expect(read.isServerError).toBe(true);
  });

  it('times out a hung request', async () => {
    server.use(http.get(`${BASE}/password-commands/:id`, () => new Promise<Response>(() => {})));
    const error = (await new ApiClient(BASE)
      .call(endpoints.command, { params: { id: 'c' }, timeoutMs: 50 })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('timeout');
  });

  it('gives up on a hung mutation after the default 20 s of its own timer, as of unknown outcome', async () => {
    // A page timer, so a fake clock (Playwright's page.clock in the fault matrix) can move past it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      server.use(http.post(`${BASE}/password-commands/:id/cancel`, () => new Promise<Response>(() => {})));
      const settled = new ApiClient(BASE)
        .call(endpoints.cancelCommand, { params: { id: 'c' }, idempotencyKey: 'k-hung' })
        .catch((e: unknown) => e);
      let done = false;
      void settled.then(() => (done = true));
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = (await settled) as ApiError;
      expect(error.kind).toBe('timeout');
      expect(error.outcomeUnknown).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a 401 on a session call as the session ending, but not on sign-in', async () => {
    const problem = { type: 'about:blank', title: 'Expired', status: 401, code: 'auth.session_expired' };
    server.use(
      http.get(`${BASE}/alerts`, () => HttpResponse.json(problem, { status: 401 })),
      http.post(`${BASE}/auth/login`, () =>
        HttpResponse.json({ ...problem, code: 'auth.invalid_credentials' }, { status: 401 }),
      ),
    );
    const onSessionEnded = vi.fn();
    const client = new ApiClient(BASE, { onSessionEnded });
    await client.call(endpoints.alerts).catch(() => undefined);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(onSessionEnded.mock.calls[0]?.[0]).toMatchObject({ code: 'auth.session_expired' });
    await client.call(endpoints.login, { body: { username: 'a', password: 'b' } }).catch(() => undefined);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('reports activity for calls the user made, not for background polling', async () => {
    server.use(
      http.get(`${BASE}/alerts`, () =>
        HttpResponse.json({ items: [], serverTime: '2026-11-25T10:00:00+08:00' }),
      ),
    );
    const onActivity = vi.fn();
    const client = new ApiClient(BASE, { onActivity });
    await client.call(endpoints.alerts, { background: true });
    expect(onActivity).not.toHaveBeenCalled();
    // A re-read a live event started: background at its answer too, long after `inBackground` returned.
    await client.inBackground(() => client.call(endpoints.alerts));
    expect(onActivity).not.toHaveBeenCalled();
    await client.call(endpoints.alerts);
    expect(onActivity).toHaveBeenCalledTimes(1);
  });

  it('downloads a CSV as a file named by the server, reporting the bytes as they arrive', async () => {
    const csv = '\uFEFFtid,storeName\r\n58100101,西湖店\r\n';
    const bytes = new TextEncoder().encode(csv);
    server.use(
      http.get(`${BASE}/terminals/export`, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.slice(0, 10));
            controller.enqueue(bytes.slice(10));
            controller.close();
          },
        });
        return new HttpResponse(stream, {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="terminals-2026-11-25.csv"',
            'Content-Length': String(bytes.byteLength),
          },
        });
      }),
    );
    const progress: DownloadProgress[] = [];
    const { file, truncated } = await downloadFile(
      endpoints.terminalsExport,
      { query: { status: 'offline' }, onDownloadProgress: (p) => progress.push(p) },
      new ApiClient(BASE),
    );
    expect(file.name).toBe('terminals-2026-11-25.csv');
    expect(truncated).toBe(false);
    expect(Array.from(new Uint8Array(await file.arrayBuffer()))).toEqual(Array.from(bytes));
    expect(progress.at(-1)).toEqual({ received: bytes.byteLength, total: bytes.byteLength });
    expect(progress.length).toBeGreaterThan(2);
  });

  it('says when the server cut an export short at its row limit', async () => {
    server.use(
      http.get(
        `${BASE}/transactions/export`,
        () =>
          new HttpResponse('traceNo\r\n000001\r\n', {
            headers: { 'Content-Type': 'text/csv', 'X-Export-Truncated': 'true' },
          }),
      ),
    );
    const { file, truncated } = await downloadFile(endpoints.transactionsExport, {}, new ApiClient(BASE));
    expect(truncated).toBe(true);
    expect(await file.text()).toBe('traceNo\r\n000001\r\n');
  });

  it('refuses to save an export answered with anything but CSV: an unreadable answer, not a file', async () => {
    server.use(http.get(`${BASE}/transactions/export`, () => HttpResponse.json({ unexpected: 'shape' })));
    const error = (await downloadFile(endpoints.transactionsExport, {}, new ApiClient(BASE)).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('malformed');
  });

  it('takes only a plain file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="../../etc/passwd"')).toBe('_.._etc_passwd');
    expect(fileNameOf("attachment; filename*=UTF-8''%E7%BB%88%E7%AB%AF.csv")).toBe('终端.csv');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
