import { expect } from 'vitest';
import { API_BASE_PATH } from '@contract/endpoint-table';
import { DEMO_PASSWORDS } from '@acquirer/data/demo-fixtures';
import { Agent, type Backend } from './backends';

export const PASSWORDS = DEMO_PASSWORDS;
export type DemoUser = keyof typeof PASSWORDS;

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  setCookies: string[];
}

export interface Call {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** `null`: none. */
  key?: string | null;
  stepUpToken?: string;
  noCsrf?: boolean;
}

let keySeq = 0;

export class ApiUser {
  readonly agent = new Agent();
  csrfToken: string | null = null;

  constructor(readonly backend: Backend) {}

  async call(method: 'GET' | 'POST', path: string, options: Call = {}): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST' && this.csrfToken && !options.noCsrf) headers['X-CSRF-Token'] = this.csrfToken;
    if (method === 'POST' && options.key !== null)
      headers['Idempotency-Key'] = options.key ?? `key-${++keySeq}`;
    if (options.stepUpToken) headers['X-Step-Up-Token'] = options.stepUpToken;
    const search = options.query ? `?${new URLSearchParams(options.query)}` : '';
    const target = path.startsWith('/__mock') ? path : `${API_BASE_PATH}${path}`;
    const response = await this.backend.send(this.agent, `${target}${search}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    // ignoreBOM keeps a CSV's byte-order mark, which the contract promises (for Excel).
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const body = text === '' ? undefined : type.includes('json') ? (JSON.parse(text) as unknown) : text;
    return { status: response.status, headers: response.headers, body, setCookies: this.agent.setCookies };
  }

  get(path: string, query?: Record<string, string>) {
    return this.call('GET', path, { query });
  }

  post(path: string, body?: unknown, options: Call = {}) {
    return this.call('POST', path, { ...options, body });
  }

  async login(username: string, password: string): Promise<Answer> {
    const answer = await this.post('/auth/login', { username, password }, { key: null });
    if (answer.status === 200) this.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }

  async stepUp(user: DemoUser): Promise<string> {
    const answer = await this.post('/auth/step-up', { password: PASSWORDS[user] }, { key: null });
    expect(answer.status).toBe(200);
    return (answer.body as { stepUpToken: string }).stepUpToken;
  }
}

export async function signedIn(backend: Backend, user: DemoUser): Promise<ApiUser> {
  const client = new ApiUser(backend);
  const answer = await client.login(user, PASSWORDS[user]);
  expect(answer.status, `sign-in of ${user}`).toBe(200);
  return client;
}

export async function control(backend: Backend, path: string, body: unknown = {}): Promise<Answer> {
  return new ApiUser(backend).post(`/__mock${path}`, body, { key: null });
}

export function codeOf(answer: Answer): string | undefined {
  return (answer.body as { code?: string } | undefined)?.code;
}
