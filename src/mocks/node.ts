import { setupServer } from 'msw/node';
import { createMemoryCookieJar } from './cookie-jar';
import { basePathOf, createHandlers } from './handlers';
import { type Acquirer, type AcquirerOptions, createAcquirer } from '@acquirer/acquirer';

// src/testing/mock-server.ts wires `server` into a test file.
export const TEST_API_BASE_URL =
  typeof __API_BASE_URL__ === 'string' ? __API_BASE_URL__ : 'http://localhost/api/v1';

const jar = createMemoryCookieJar();
let acquirer: Acquirer | null = null;
let acquirerOptions: AcquirerOptions = {};

export function mockAcquirer(): Acquirer {
  acquirer ??= createAcquirer({ ...acquirerOptions, basePath: basePathOf(TEST_API_BASE_URL) });
  return acquirer;
}

export const server = setupServer(...createHandlers(mockAcquirer, { apiBaseUrl: TEST_API_BASE_URL, jar }));

/** Real time by default (`Date.now()`), so `vi.spyOn(Date, 'now')` moves it too. */
export function resetMock(options: Omit<AcquirerOptions, 'basePath' | 'storage'> = {}): Acquirer {
  acquirerOptions = options;
  acquirer = null;
  jar.clear();
  return mockAcquirer();
}

export function mockCookies(): Record<string, string> {
  return jar.read();
}
