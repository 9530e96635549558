// @vitest-environment node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { endpoints } from '@contract/endpoint-table';
import { securityHeaders } from '@contract/security-headers';
import { TERMINAL_BASE_PATH, terminalEndpoints } from '@contract/terminal-protocol';
import { backendAt, testServerConfig } from '../tests/contract/backends';
import { ApiUser, codeOf, control, PASSWORDS, signedIn } from '../tests/contract/client';
import type { ServerConfig } from './config';
import { createLogger } from './logger';
import { type RunningServer, startServer } from './server';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-server-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: RunningServer[] = [];
async function start(overrides: Partial<ServerConfig> = {}, log = createLogger(() => {}, 'silent')) {
  const server = await startServer(testServerConfig(overrides), log);
  running.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('the acquirer server', () => {
  it('sends the security headers, and no-store on API answers', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/v1/auth/session`);
    expect(response.status).toBe(401);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('marks the session cookie Secure (and sends HSTS) behind a TLS proxy it trusts', async () => {
    const server = await start({ trustProxy: true });
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ username: 'owner', password: PASSWORDS.owner }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('serves the control surface only in sandbox mode', async () => {
    const sandbox = await start({ sandbox: true });
    const production = await start({ sandbox: false });
    const reset = (url: string) =>
      fetch(`${url}/__mock/reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
    expect((await reset(sandbox.url)).status).toBe(204);
    expect((await reset(production.url)).status).toBe(404);
    expect((await fetch(`${production.url}/__mock/state`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/__mock/state`)).status).toBe(200);
  });

  it('answers 413 to a body over the limit', async () => {
    const server = await start({ maxBodyBytes: 4096 });
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'owner', password: 'x'.repeat(10_000) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('closes the connection after a 413, and says so (Connection: close)', async () => {
    const server = await start({ maxBodyBytes: 4096 });
    const body = JSON.stringify({ username: 'owner', password: 'x'.repeat(10_000) });
    const socket = connect(server.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {}); // a reset while the rest of the body is still going out is a close too
    socket.write(
      [
        'POST /api/v1/auth/login HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n'),
    );
    await closed;
    const answer = Buffer.concat(received).toString('latin1');
    const [head = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 413 /);
    expect(head.toLowerCase()).toContain('\r\nconnection: close');
    expect(head.toLowerCase()).toContain('\r\ncontent-type: application/problem+json');
  });

  it('refuses a cross-site mutation outright', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ username: 'owner', password: PASSWORDS.owner }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('auth.csrf');
  });

  it('serves the built app on the same origin: files, client routes to index.html, 404 for a missing file', async () => {
    const staticDir = path.join(dir, 'app');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Merchant Console</title>');
    writeFileSync(path.join(staticDir, 'assets', 'index-abc123.js'), 'export {};');
    const server = await start({ staticDir });
    const route = await fetch(`${server.url}/terminals/58100101`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Merchant Console</title>');
    expect(route.headers.get('cache-control')).toBe('no-store');
    expect(route.headers.get('content-security-policy')).toBe(securityHeaders()['Content-Security-Policy']);
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    // The API is not swallowed by the client-route fallback.
    const api = await fetch(`${server.url}/api/v1/no-such-endpoint`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });

  it('publishes an OpenAPI 3.1 document naming every endpoint of the contract', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = new Map(
      Object.entries(doc.paths).flatMap(([p, methods]) =>
        Object.entries(methods).map(([method, op]) => [op.operationId, { path: p, method, op }] as const),
      ),
    );
    for (const [name, endpoint] of Object.entries(endpoints)) {
      const found = operations.get(name);
      expect(found, name).toBeDefined();
      expect(found!.path).toBe(endpoint.path.replace(/:([a-zA-Z]+)/g, '{$1}'));
      expect(found!.method).toBe(endpoint.method.toLowerCase());
      if ('body' in endpoint) expect(found!.op.requestBody, name).toBeDefined();
    }
    // The terminal protocol, under its own base path (its `/transactions` beside the dashboard's).
    for (const [name, endpoint] of Object.entries(terminalEndpoints)) {
      const path = TERMINAL_BASE_PATH + endpoint.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      expect(operations.get(`terminal_${name}`)?.path, name).toBe(path);
      expect((doc.paths[path] as { servers?: unknown }).servers).toEqual([{ url: '/' }]);
    }
  });

  it('keeps passwords, PINs and tokens out of its logs', async () => {
    const lines: string[] = [];
    const server = await start(
      {},
      createLogger((line) => lines.push(line)),
    );
    const backend = backendAt(() => server.url);
    const owner = new ApiUser(backend);
    await owner.login('owner', 'a-wrong-password-9');
    expect((await owner.login('owner', PASSWORDS.owner)).status).toBe(200);
    const stepUp = await owner.stepUp('owner');
    const change = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '581937',
    });
    expect(change.status).toBe(202);
    const reset = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: stepUp },
    );
    const { temporaryPassword } = endpoints.resetVoidPassword.response.parse(reset.body);
    const cookie = Object.values(owner.agent.jar.read())[0]!;
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      'a-wrong-password-9',
      PASSWORDS.owner,
      DEMO_VOID_PASSWORD,
      '581937',
      temporaryPassword!,
      stepUp,
      owner.csrfToken!,
      cookie,
    ]) {
      expect(log).not.toContain(secret);
    }
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('never takes more than 5 wrong PINs, however many arrive at once', async () => {
    const server = await start();
    const backend = backendAt(() => server.url);
    const owner = await signedIn(backend, 'owner');
    const tid = DEMO_TIDS.custom;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        owner.post(`/terminals/${tid}/void-password/change`, {
          currentPassword: '000001',
          newPassword: '581937',
        }),
      ),
    );
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'pin.wrong_current')).toHaveLength(4);
    expect(codes.filter((c) => c === 'pin.locked')).toHaveLength(36);
    const audit = (await owner.get('/audit-events', { terminalId: tid })).body as {
      items: { action: string; at: string }[];
    };
    const attempts = audit.items.filter((e) => e.action === 'void_password.wrong_attempt');
    expect(attempts).toHaveLength(5);
    const right = await owner.post(`/terminals/${tid}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '581937',
    });
    expect(codeOf(right)).toBe('pin.locked');
  });

  it('never writes a temporary PIN to the database, its WAL journal or the log, and a replay after a restart has none', async () => {
    const dbPath = path.join(dir, 'journal.db');
    const lines: string[] = [];
    let server = await start(
      { dbPath },
      createLogger((line) => lines.push(line)),
    );
    const backend = backendAt(() => server.url);
    const owner = await signedIn(backend, 'owner');
    const stepUp = await owner.stepUp('owner');
    const send = () =>
      owner.post(
        `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
        { generateTemporary: true },
        { stepUpToken: stepUp, key: 'reset-journal' },
      );
    const first = endpoints.resetVoidPassword.response.parse((await send()).body);
    const pin = first.temporaryPassword!;
    // Replayed from memory while the server runs: the same session with a valid step-up gets it again.
    expect(endpoints.resetVoidPassword.response.parse((await send()).body).temporaryPassword).toBe(pin);
    // What is on disk now, the WAL journal included (not yet checkpointed into the database file).
    const onDisk = ['', '-wal', '-shm']
      .map((suffix) => `${dbPath}${suffix}`)
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
    expect(onDisk).toContain('reset-journal'); // the idempotency record is there…
    expect(onDisk).not.toContain(`"${pin}"`); // …without the PIN
    expect(onDisk).not.toContain('temporaryPassword');
    expect(lines.join('\n')).not.toContain(pin);

    await server.close();
    running.splice(running.indexOf(server), 1);
    server = await start({ dbPath });
    const after = await send();
    expect(after.status).toBe(202);
    expect(after.body).toEqual({ command: first.command });
  });

  it('keeps sessions, commands and throttles across a restart, and no secret in the database', async () => {
    const dbPath = path.join(dir, 'restart.db');
    let server = await start({ dbPath, secret: null });
    const backend = backendAt(() => server.url);
    const owner = await signedIn(backend, 'owner');
    const queued = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '581937',
    });
    const { command } = endpoints.changeVoidPassword.response.parse(queued.body);
    const stepUp = await owner.stepUp('owner');
    const reset = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: stepUp, key: 'reset-before-restart' },
    );
    const { temporaryPassword } = endpoints.resetVoidPassword.response.parse(reset.body);
    await new ApiUser(backend).login('cashier', 'wrong-password-1');
    await server.close();
    running.splice(running.indexOf(server), 1);

    const { default: Database } = await import('better-sqlite3');
    const db = new Database(dbPath, { readonly: true });
    // Every value of every table (a replayed answer's JSON opened up).
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const rows = tables.flatMap(
      ({ name }) => db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[],
    );
    db.close();
    const strings: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    for (const row of rows) {
      walk(row);
      if (typeof row.body_json === 'string') walk(JSON.parse(row.body_json));
    }
    expect(strings.length).toBeGreaterThan(10);
    for (const secret of [
      PASSWORDS.owner,
      'wrong-password-1',
      DEMO_VOID_PASSWORD,
      '581937',
      temporaryPassword!,
    ]) {
      expect(
        strings.filter((s) => s === secret || (s.length > 12 && !/^[\w$]+$/.test(s) && s.includes(secret))),
      ).toEqual([]);
    }
    expect(strings.some((text) => text.includes('temporaryPassword'))).toBe(false);

    server = await start({ dbPath, secret: null });
    expect((await owner.get('/auth/session')).status).toBe(200);
    const after = endpoints.command.response.parse(
      (await owner.get(`/password-commands/${command.id}`)).body,
    );
    expect(after.command.id).toBe(command.id);
    // The retried reset answers the same command; its temporary PIN was never stored.
    const retry = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: stepUp, key: 'reset-before-restart' },
    );
    expect(retry.status).toBe(202);
    expect((retry.body as { temporaryPassword?: string }).temporaryPassword).toBeUndefined();
    const cashier = await new ApiUser(backend).login('cashier', 'wrong-password-1');
    expect((cashier.body as { attemptsRemaining: number }).attemptsRemaining).toBe(3);
    expect((await control(backend, '/clock', { advanceMs: 1000 })).status).toBe(200);
  });
});
