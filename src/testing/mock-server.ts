import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { mockAcquirer, mockCookies, resetMock, server, TEST_API_BASE_URL } from '@/mocks/node';

// Fresh demo data and no session before each test.
export function setupMockAcquirer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    resetMock();
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export function apiUrl(path: string): string {
  return `${TEST_API_BASE_URL}${path}`;
}

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

/** The acquirer does the work but the answer is lost (`/__mock/faults` fails a call before it arrives). */
export function loseAnswerAfterArrival(method: 'post' | 'get', path: string): void {
  server.use(
    http[method](
      apiUrl(path),
      async ({ request }) => {
        const url = new URL(request.url);
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
        await mockAcquirer().handle({
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

/** A change made at the acquirer, not in this tab (another user, a terminal, the sandbox's control surface). */
export async function mockControl(path: string, body: unknown): Promise<void> {
  const response = await fetch(new URL(`/__mock${path}`, TEST_API_BASE_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
}

/** The app's clock stays: lets the session idle out server-side only. */
export function advanceMockClock(ms: number): void {
  mockAcquirer().clock.advance(ms);
}

export { http, HttpResponse, server };
