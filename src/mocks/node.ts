import { setupServer } from 'msw/node';
import { createMemoryCookieJar } from './cookie-jar';
import { basePathOf, createHandlers } from './handlers';
import { type Acquirer, type AcquirerOptions, createAcquirer } from './sim/acquirer';

/**
 * The mock acquirer for Vitest (msw/node). A test file or setup does:
 *
 *   beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 *   beforeEach(() => resetMock());            // fresh demo data, no session
 *   afterEach(() => server.resetHandlers());
 *   afterAll(() => server.close());
 *
 * The session cookie lives in an in-memory jar here (see cookie-jar.ts), so signing in
 * through the app's client works as in the browser.
 */
export const TEST_API_BASE_URL =
  typeof __API_BASE_URL__ === 'string' ? __API_BASE_URL__ : 'http://localhost/api/v1';

const jar = createMemoryCookieJar();
let acquirer: Acquirer | null = null;
let acquirerOptions: AcquirerOptions = {};

/** The acquirer behind `server` (created on first use). */
export function mockAcquirer(): Acquirer {
  acquirer ??= createAcquirer({ ...acquirerOptions, basePath: basePathOf(TEST_API_BASE_URL) });
  return acquirer;
}

export const server = setupServer(...createHandlers(mockAcquirer, { apiBaseUrl: TEST_API_BASE_URL, jar }));

/**
 * A fresh acquirer (default: `demo` scenario, default seed, real time — `Date.now()`, so
 * `vi.spyOn(Date, 'now')` moves it too) and an empty cookie jar (signed out).
 */
export function resetMock(options: Omit<AcquirerOptions, 'basePath' | 'storage'> = {}): Acquirer {
  acquirerOptions = options;
  acquirer = null;
  jar.clear();
  return mockAcquirer();
}

/** The cookies the client would send (tests asserting sign-out, for instance). */
export function mockCookies(): Record<string, string> {
  return jar.read();
}
