import { expect } from 'vitest';
import { DEMO_PASSWORDS } from '@acquirer/data/demo-fixtures';
import { API_BASE_PATH } from '@contract/endpoint-table';
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
  /** Sent as is, instead of `body` as JSON: a string, or a Blob (one without a type declares none). */
  rawBody?: string | Blob;
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
    const declared = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    if (options.body !== undefined && !declared) headers['Content-Type'] = 'application/json';
    if (method === 'POST' && this.csrfToken && !options.noCsrf) headers['X-CSRF-Token'] = this.csrfToken;
    if (method === 'POST' && options.key !== null)
      headers['Idempotency-Key'] = options.key ?? `key-${++keySeq}`;
    if (options.stepUpToken) headers['X-Step-Up-Token'] = options.stepUpToken;
    const search = options.query ? `?${new URLSearchParams(options.query)}` : '';
    const target = path.startsWith('/__mock') ? path : `${API_BASE_PATH}${path}`;
    const response = await this.backend.send(this.agent, `${target}${search}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    // ignoreBOM keeps a CSV's byte-order mark, which the contract promises (for Excel).
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const body = text === '' ? undefined : type.includes('json') ? (JSON.parse(text) as unknown) : text;
    return { status: response.status, headers: response.headers, body, setCookies: this.agent.setCookies };
  }

  /** `GET /events` as EventSource sends it (the cookie; no CSRF token): the response, its body unread. */
  openStream(lastEventId?: string): Promise<Response> {
    return this.backend.send(this.agent, `${API_BASE_PATH}/events`, {
      method: 'GET',
      headers: { Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
    });
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

/** A reset to a temporary PIN with a fresh step-up: the command, and the PIN shown once. */
export async function resetToTemporaryPin(
  user: ApiUser,
  tid: string,
  as: DemoUser = 'owner',
): Promise<{ temporaryPassword: string; command: { id: string } }> {
  const reset = await user.post(
    `/terminals/${tid}/void-password/reset`,
    { generateTemporary: true },
    { stepUpToken: await user.stepUp(as) },
  );
  expect(reset.status).toBe(202);
  return reset.body as { temporaryPassword: string; command: { id: string } };
}
