import { createAcquirer, type Acquirer, type AcquirerOptions, responseText } from '../acquirer';
import { isStreamedText } from '../context';
import { DEMO_PASSWORDS } from '../data/demo-fixtures';
import { SESSION_COOKIE } from '../rules/auth';
import type { SimResponse } from '../types';

/** The open batch already holds today's sales. */
export const TEST_NOW = '2025-06-11T15:30:00.000+08:00';
export const API = '/api/v1';

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  stepUpToken?: string;
  background?: boolean;
  noCsrf?: boolean;
}

export class TestClient {
  cookies: Record<string, string> = {};
  csrfToken: string | null = null;
  private keySeq = 0;

  constructor(
    readonly acquirer: Acquirer,
    readonly clientIp = '203.0.113.7',
  ) {}

  async call(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<SimResponse> {
    const headers: Record<string, string> = {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    if (method === 'POST' && this.csrfToken && !options.noCsrf) headers['x-csrf-token'] = this.csrfToken;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    if (options.stepUpToken) headers['x-step-up-token'] = options.stepUpToken;
    if (options.background) headers['x-background'] = '1';
    const response = await this.acquirer.handle({
      method,
      path: path.startsWith('/__mock') ? path : `${API}${path}`,
      query: options.query,
      headers,
      cookies: { ...this.cookies },
      body: options.body,
      clientIp: this.clientIp,
    });
    // What a client receives: the whole file.
    if (isStreamedText(response.body)) response.body = await responseText(response);
    for (const header of response.setCookies ?? []) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(header)) delete this.cookies[name];
      else this.cookies[name] = value;
    }
    return response;
  }

  get(path: string, query?: Record<string, string>, options: CallOptions = {}): Promise<SimResponse> {
    return this.call('GET', path, { ...options, query });
  }

  post(path: string, body?: unknown, options: CallOptions = {}): Promise<SimResponse> {
    return this.call('POST', path, { idempotencyKey: `key-${++this.keySeq}`, ...options, body });
  }

  async login(username: string, password: string): Promise<SimResponse> {
    const response = await this.call('POST', '/auth/login', { body: { username, password } });
    if (response.status === 200) this.csrfToken = (response.body as { csrfToken: string }).csrfToken;
    return response;
  }

  async stepUp(password: string): Promise<string> {
    const response = await this.post('/auth/step-up', { password });
    if (response.status !== 200) throw new Error(`step-up failed: ${response.status}`);
    return (response.body as { stepUpToken: string }).stepUpToken;
  }

  get sessionCookie(): string | undefined {
    return this.cookies[SESSION_COOKIE];
  }
}

export const PASSWORDS: Record<string, string> = DEMO_PASSWORDS;

export function testAcquirer(options: AcquirerOptions = {}): Acquirer {
  const frozen = Date.parse(TEST_NOW);
  return createAcquirer({ scenario: 'demo', seed: 'test', realNow: () => frozen, ...options });
}

export async function signedIn(
  acquirer: Acquirer,
  username: keyof typeof PASSWORDS | string,
): Promise<TestClient> {
  const client = new TestClient(acquirer);
  const response = await client.login(username, PASSWORDS[username]!);
  if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status}`);
  return client;
}

export function bodyOf<T = Record<string, unknown>>(response: SimResponse): T {
  return response.body as T;
}

export function codeOf(response: SimResponse): string | undefined {
  return (response.body as { code?: string } | undefined)?.code;
}
