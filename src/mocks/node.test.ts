import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, newIdempotencyKey } from '@/api/client';
import { downloadFile } from '@/api/download';
import { endpoints } from '@contract/endpoint-table';
import { ApiError } from '@/api/errors';
import { mockAcquirer, mockCookies, resetMock, server, TEST_API_BASE_URL } from './node';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';

const origin = new URL(TEST_API_BASE_URL).origin;
const control = (path: string, body: unknown) =>
  fetch(`${origin}/__mock${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => resetMock());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function signIn(client: ApiClient, username = 'owner', password = 'owner-demo-1') {
  const session = await client.call(endpoints.login, { body: { username, password } });
  client.setCsrfToken(session.csrfToken);
  return session;
}

describe('the mock acquirer through msw/node and the real API client', () => {
  it('signs in, keeps the session cookie between calls, and signs out', async () => {
    const client = new ApiClient(TEST_API_BASE_URL);
    await expect(client.call(endpoints.session)).rejects.toMatchObject({
      status: 401,
      code: 'auth.unauthenticated',
    });
    const session = await signIn(client);
    expect(session.user.username).toBe('owner');
    expect(Object.keys(mockCookies())).toEqual(['mc_session']);
    const page = await client.call(endpoints.terminals, { query: { passwordState: 'default' } });
    expect(page.total).toBe(4);
    await client.call(endpoints.logout);
    expect(mockCookies()).toEqual({});
    await expect(client.call(endpoints.terminals)).rejects.toMatchObject({ status: 401 });
  });

  it('runs a change with CSRF and an idempotency key, replaying a retry', async () => {
    const client = new ApiClient(TEST_API_BASE_URL);
    await signIn(client);
    const key = newIdempotencyKey();
    const body = { currentPassword: DEMO_VOID_PASSWORD, newPassword: '470215' };
    const first = await client.call(endpoints.changeVoidPassword, {
      params: { tid: DEMO_TIDS.custom },
      body,
      idempotencyKey: key,
    });
    const retry = await client.call(endpoints.changeVoidPassword, {
      params: { tid: DEMO_TIDS.custom },
      body,
      idempotencyKey: key,
    });
    expect(retry).toEqual(first);
    expect(first.command.status).toBe('queued');
  });

  it('downloads CSV as UTF-8 with a BOM', async () => {
    const client = new ApiClient(TEST_API_BASE_URL);
    await signIn(client);
    const { file: blob } = await downloadFile(endpoints.terminalsExport, {}, client);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('obeys faults set through the control surface: network error, status, malformed, delay', async () => {
    const client = new ApiClient(TEST_API_BASE_URL);
    await signIn(client);
    expect((await control('/faults', { method: 'GET', path: '/alerts', networkError: true })).status).toBe(
      204,
    );
    await expect(client.call(endpoints.alerts)).rejects.toMatchObject({ kind: 'network' });
    await control('/faults', { method: 'GET', path: '/api/v1/alerts', status: 429 });
    const throttled = await client.call(endpoints.alerts).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ApiError);
    expect(throttled).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 2 });
    await control('/faults', { method: 'GET', path: '/alerts', malformed: true });
    await expect(client.call(endpoints.alerts)).rejects.toMatchObject({ kind: 'malformed' });
    await control('/faults', { method: 'GET', path: '/alerts', delayMs: 50 });
    const started = Date.now();
    await expect(client.call(endpoints.alerts)).resolves.toHaveProperty('items');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('answers a status with a page that is not the API’s, as a proxy would: a 404 that is "unavailable"', async () => {
    await control('/faults', { method: 'GET', path: '/terminals/*', status: 404, malformed: true });
    const answer = await fetch(`${TEST_API_BASE_URL}/terminals/58100101`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    const client = new ApiClient(TEST_API_BASE_URL);
    await signIn(client);
    await control('/faults', { method: 'GET', path: '/terminals/*', status: 404, malformed: true });
    await expect(client.call(endpoints.terminal, { params: { tid: '58100101' } })).rejects.toMatchObject({
      status: 503,
      code: 'client.unavailable',
    });
  });

  it('moves simulated time through the control surface', async () => {
    const client = new ApiClient(TEST_API_BASE_URL);
    await signIn(client);
    await control('/clock', { advanceMs: 16 * 60 * 1000 });
    await expect(client.call(endpoints.terminals)).rejects.toMatchObject({
      status: 401,
      code: 'auth.session_expired',
    });
    expect(mockAcquirer().state.world.scenario).toBe('demo');
  });
});
