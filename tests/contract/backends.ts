import { AsyncLocalStorage } from 'node:async_hooks';
import { setupServer } from 'msw/node';
import { type CookieJar, createMemoryCookieJar } from '@/mocks/cookie-jar';
import { createHandlers } from '@/mocks/handlers';
import { type Acquirer, createAcquirer } from '@acquirer/acquirer';
import type { ServerConfig } from '../../server/config';
import { throwawayPostgres, type ThrowawayPostgres } from '../../server/db/throwaway-postgres';
import { createLogger } from '../../server/logger';
import { type CompiledServer, compiledServer } from '../../server/process-testing';
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
  /**
   * Every request to the same server process, as a load balancer with session affinity sends them: where
   * several processes serve, a temporary PIN is shown again only by the one that made it (memory only).
   */
  sticky = false;
  home: string | null = null;
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

/**
 * Two server processes (compiled, under plain node) on one throwaway PostgreSQL database, each request sent
 * to the next process in turn: a session, a lockout or an idempotency key made on one is used on the other.
 */
export function postgresBackend(): Backend {
  let pg: ThrowawayPostgres | null = null;
  let build: CompiledServer | null = null;
  let origins: string[] = [];
  let turn = 0;
  const next = () => {
    if (origins.length === 0) throw new Error('postgres backend not started');
    return origins[turn++ % origins.length]!;
  };
  return {
    name: 'PostgreSQL, two processes',
    get origin() {
      return origins[0] ?? '';
    },
    async start() {
      pg = throwawayPostgres();
      const url = await pg.database('contract');
      build = compiledServer('contract-postgres');
      const env = { DATABASE_URL: url, SERVER_SECRET: 'contract-tests-secret-0123456789abcdef' };
      // Started together: one seeds the empty database, the other waits for it and loads what it wrote.
      const started = await Promise.all([build.start(env), build.start(env)]);
      origins = started.map((p) => p.url);
    },
    async stop() {
      build?.cleanUp();
      pg?.stop();
      origins = [];
    },
    send(agent, path, init) {
      const origin = agent.sticky ? (agent.home ??= next()) : next();
      return sendOverHttp(origin, agent, path, init);
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
