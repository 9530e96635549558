import { AsyncLocalStorage } from 'node:async_hooks';
import { setupServer } from 'msw/node';
import { type CookieJar, createMemoryCookieJar } from '@/mocks/cookie-jar';
import { createHandlers } from '@/mocks/handlers';
import { type Acquirer, createAcquirer } from '@acquirer/acquirer';
import type { ServerConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { type RunningServer, startServer } from '../../server/server';

export interface Backend {
  readonly name: string;
  readonly origin: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  send(agent: Agent, path: string, init: RequestInit): Promise<Response>;
}

export class Agent {
  readonly jar: CookieJar = createMemoryCookieJar();
  setCookies: string[] = [];
}

const MSW_ORIGIN = 'http://localhost';

/**
 * An AsyncLocalStorage carries the calling agent's cookie jar into the handler, so several users can be
 * signed in at once.
 */
export function mswBackend(): Backend {
  const current = new AsyncLocalStorage<Agent>();
  const jar: CookieJar = {
    read: () => current.getStore()?.jar.read() ?? {},
    write(setCookies) {
      const agent = current.getStore();
      if (!agent) return;
      agent.setCookies = [...setCookies];
      agent.jar.write(setCookies);
    },
    clear: () => current.getStore()?.jar.clear(),
  };
  let acquirer: Acquirer | null = null;
  const server = setupServer(
    ...createHandlers(() => (acquirer ??= createAcquirer()), { apiBaseUrl: `${MSW_ORIGIN}/api/v1`, jar }),
  );
  return {
    name: 'msw',
    origin: MSW_ORIGIN,
    async start() {
      acquirer = null;
      server.listen({ onUnhandledRequest: 'error' });
    },
    async stop() {
      server.close();
    },
    send(agent, path, init) {
      agent.setCookies = [];
      return current.run(agent, () => fetch(`${MSW_ORIGIN}${path}`, init));
    },
  };
}

async function sendOverHttp(
  origin: string,
  agent: Agent,
  path: string,
  init: RequestInit,
): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookies = Object.entries(agent.jar.read());
  if (cookies.length > 0) headers.set('Cookie', cookies.map(([k, v]) => `${k}=${v}`).join('; '));
  const response = await fetch(`${origin}${path}`, { ...init, headers });
  agent.setCookies = response.headers.getSetCookie();
  agent.jar.write(agent.setCookies);
  return response;
}

/** Its origin may change across restarts. */
export function backendAt(origin: () => string): Backend {
  return {
    name: 'http',
    get origin() {
      return origin();
    },
    start: async () => {},
    stop: async () => {},
    send: (agent, path, init) => sendOverHttp(origin(), agent, path, init),
  };
}

/** Sandbox mode, in-memory SQLite, a cheap scrypt cost. */
export function httpBackend(overrides: Partial<ServerConfig> = {}): Backend {
  let running: RunningServer | null = null;
  const url = () => {
    if (!running) throw new Error('http backend not started');
    return running.url;
  };
  const backend = backendAt(url);
  return {
    name: backend.name,
    get origin() {
      return url();
    },
    send: backend.send,
    async start() {
      running = await startServer(
        testServerConfig(overrides),
        createLogger(() => {}, 'silent'),
      );
    },
    async stop() {
      await running?.close();
      running = null;
    },
  };
}

export function testServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dbPath: ':memory:',
    databaseUrl: null,
    sandbox: true,
    staticDir: null,
    scenario: 'demo',
    seed: 'merchant-console',
    secret: 'contract-tests-secret-0123456789abcdef',
    scryptCost: 10,
    kdfConcurrency: 0,
    synchronous: 'FULL',
    trustProxy: false,
    maxBodyBytes: 512 * 1024,
    logLevel: 'silent',
    ...overrides,
  };
}
