import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { mockAcquirer, mockCookies, resetMock, server, TEST_API_BASE_URL } from '@/mocks/node';

/**
 * The mock acquirer behind every request of this test file: started once, fresh demo data
 * and no session before each test, per-test overrides dropped after it.
 */
export function setupMockAcquirer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    resetMock();
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** Absolute URL of an API path, for `server.use(http.get(apiUrl('/alerts'), …))`. */
export function apiUrl(path: string): string {
  return `${TEST_API_BASE_URL}${path}`;
}

/** A problem+json answer as the acquirer sends it. */
export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(
    { type: 'about:blank', title: 'Problem', status, code, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

/**
 * The next `method` call to `path` (e.g. '/terminals/:tid/void-password/change') reaches the
 * acquirer, which does the work, but its answer is lost on the way back (a network error):
 * the client cannot know whether it happened. (`/__mock/faults` fails a call before it arrives.)
 */
export function loseAnswerAfterArrival(method: 'post' | 'get', path: string): void {
  server.use(
    http[method](
      apiUrl(path),
      async ({ request }) => {
        const url = new URL(request.url);
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
        mockAcquirer().handle({
          method: request.method,
          path: url.pathname,
          query: url.searchParams,
          headers,
          cookies: mockCookies(),
          bodyText: method === 'get' ? undefined : await request.text(),
          clientIp: '127.0.0.1',
        });
        return HttpResponse.error();
      },
      { once: true },
    ),
  );
}

/** Moves only the acquirer's clock (the app's clock stays), e.g. to let the session idle out server-side. */
export function advanceMockClock(ms: number): void {
  mockAcquirer().clock.advance(ms);
}

export { http, HttpResponse, server };
