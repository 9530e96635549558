// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@acquirer/audit-trail';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { PENDING_PASSWORD_HASH } from '@acquirer/state';
import { endpoints } from '@contract/endpoint-table';
import { backendAt, testServerConfig } from '../../tests/contract/backends';
import { ApiUser, control, signedIn } from '../../tests/contract/client';
import type { ServerConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningServer, startServer } from '../server';
import { backupDatabase } from './cli';
import { KNOWN_VERSIONS, migrate, openDb } from './database';
import { sqlAuditTrail } from './sql-audit';
import { loadState } from './table-store';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-tables-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: RunningServer[] = [];
async function start(overrides: Partial<ServerConfig>) {
  const server = await startServer(
    testServerConfig(overrides),
    createLogger(() => {}, 'silent'),
  );
  running.push(server);
  return server;
}
async function stop(server: RunningServer) {
  running.splice(running.indexOf(server), 1);
  await server.close();
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Every audit event of the tables, by seq, read through the SQL adapter. */
async function auditLog(file: string): Promise<AuditEntry[]> {
  const db = openDb(file);
  try {
    const trail = sqlAuditTrail(db);
    const all = { merchantIds: null };
    const entries = await trail.page(all, null, (await trail.count(all)) + 1);
    return entries.sort((a, b) => a.seq - b.seq);
  } finally {
    await db.close();
  }
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('the server on SQL tables', () => {
  it('seeds a new database once; a restart loads the tables and regenerates nothing', async () => {
    const dbPath = path.join(dir, 'restart.db');
    let server = await start({ dbPath, scenario: 'demo', seed: 'first' });
    const first = server.acquirer.state.world;
    const owner = await signedIn(
      backendAt(() => server.url),
      'owner',
    );
    const salesAtFirst = query<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM transactions')[0]!.n;
    expect(salesAtFirst).toBeGreaterThan(100);
    const firstPage = (await owner.get('/transactions', { limit: '20' })).body;
    expect(first.transactions).toEqual([]); // read from the table, not held in memory
    const change = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '581937',
    });
    expect(change.status).toBe(202);
    const { command } = endpoints.changeVoidPassword.response.parse(change.body);
    // The command is a row before the answer left.
    expect(
      query<{ status: string }>(dbPath, 'SELECT status FROM password_commands WHERE id = ?', command.id),
    ).toEqual([{ status: 'queued' }]);
    await stop(server);

    // Another scenario and seed configured: the tables win.
    server = await start({ dbPath, scenario: 'large', seed: 'second' });
    const second = server.acquirer.state.world;
    expect(second.scenario).toBe('demo');
    expect(second.seed).toBe('first');
    expect(second.generatedAt).toBe(first.generatedAt);
    expect(second.terminals).toEqual(first.terminals);
    expect(query<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM transactions')).toEqual([
      { n: salesAtFirst },
    ]);
    expect(server.acquirer.state.commands.get(command.id)?.status).toBe('queued');
    const again = await signedIn(
      backendAt(() => server.url),
      'owner',
    );
    const { serverTime: _before, ...pageBefore } = firstPage as { serverTime: string };
    const { serverTime: _after, ...pageAfter } = (await again.get('/transactions', { limit: '20' })).body as {
      serverTime: string;
    };
    expect(pageAfter).toEqual(pageBefore);
  });

  it('writes every change of a request to the tables: loaded back, they equal the live state', async () => {
    const dbPath = path.join(dir, 'mirror.db');
    let server = await start({ dbPath, scenario: 'demo' });
    const generated = (await auditLog(dbPath)).length;
    const started = server.acquirer.now();
    const backend = backendAt(() => server.url);
    const owner = await signedIn(backend, 'owner');
    const change = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '581937',
    });
    const { command } = endpoints.changeVoidPassword.response.parse(change.body);
    expect((await owner.post(`/password-commands/${command.id}/cancel`)).status).toBe(200);
    const stepUp = await owner.stepUp('owner');
    const reset = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: stepUp },
    );
    expect(reset.status).toBe(202);
    const bulk = await owner.post(
      '/void-password/bulk-resets',
      { terminalIds: [DEMO_TIDS.stalePassword, DEMO_TIDS.voidBurst], newPassword: '246813' },
      { stepUpToken: stepUp },
    );
    expect(bulk.status).toBe(202);
    expect((await new ApiUser(backend).login('owner2', 'wrong-password-1')).status).toBe(401);
    const cashier = await signedIn(backend, 'cashier');
    expect((await cashier.post('/auth/logout', undefined, { key: null })).status).toBe(204);
    expect((await control(backend, '/clock', { advanceMs: 10 * 60_000 })).status).toBe(200);
    expect((await owner.get('/terminals')).status).toBe(200);

    const live = server.acquirer.state;
    const db = openDb(dbPath);
    const stored = (await loadState(db))!.state;
    await db.close();
    const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(stored.world.terminals).toEqual(live.world.terminals);
    expect([...stored.commands.values()]).toEqual([...live.commands.values()]);
    expect(byKey(stored.jobs)).toEqual(byKey(live.jobs));
    expect(live.jobs.size).toBe(1);
    expect(byKey(stored.sessions)).toEqual(byKey(live.sessions));
    // The audit trail is not held in memory: each request's events are in the table, numbered on from the
    // generated ones, read back through the SQL adapter.
    expect(live.audit).toEqual([]);
    expect(stored.audit).toEqual([]);
    const logged = await auditLog(dbPath);
    expect(logged.map((e) => e.seq)).toEqual(logged.map((_, i) => i));
    const recorded = logged.slice(generated);
    const people = recorded.filter((e) => e.event.actorRole !== 'terminal' && e.event.actorRole !== 'system');
    expect(people.map((e) => [e.event.actor, e.event.action, e.event.tid])).toEqual([
      ['owner', 'auth.login', null],
      ['owner', 'void_password.change_requested', DEMO_TIDS.custom],
      ['owner', 'command.cancelled', DEMO_TIDS.custom],
      ['owner', 'auth.step_up', null],
      ['owner', 'void_password.reset_requested', DEMO_TIDS.defaultPassword],
      ['owner', 'bulk_reset.started', null],
      ['owner2', 'auth.login_failed', null],
      ['cashier', 'auth.login', null],
      ['cashier', 'auth.logout', null],
    ]);
    expect(people.every((e) => e.event.clientIp !== null)).toBe(true);
    // The terminals' own: the commands they applied once the clock moved.
    const applied = [...live.commands.values()].filter(
      (c) => c.status === 'applied' && c.appliedAt! >= started,
    );
    expect(applied.length).toBeGreaterThan(0);
    expect(
      recorded
        .filter((e) => e.event.action === 'void_password.applied')
        .map((e) => e.event.tid)
        .sort(),
    ).toEqual(applied.map((c) => c.tid).sort());
    expect(byKey(stored.idempotency)).toEqual(byKey(live.idempotency));
    expect(byKey(stored.throttles)).toEqual(byKey(live.throttles));
    expect(live.throttles.size).toBeGreaterThan(0);

    // A step-up grant outlives a restart, as the session does.
    const fresh = await owner.stepUp('owner');
    await stop(server);
    server = await start({ dbPath, scenario: 'demo' });
    const again = await owner.post(
      `/terminals/${DEMO_TIDS.offline}/void-password/reset`,
      { newPassword: '246813' },
      { stepUpToken: fresh },
    );
    expect(again.status).toBe(202);
    // Numbered on across the restart: none repeats, none is skipped.
    const after = await auditLog(dbPath);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i));
    expect(after.at(-1)!.event.action).toBe('void_password.reset_requested');
    expect(after.at(-2)!.event.action).toBe('auth.step_up');
    expect(after.length).toBeGreaterThan(logged.length);
  });

  it('refuses to start on a database a newer release has migrated, saying so', async () => {
    const dbPath = path.join(dir, 'newer.db');
    const db = openDb(dbPath);
    await migrate(db);
    db.sqlite
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999-from-a-newer-release', new Date().toISOString());
    await db.close();
    await expect(start({ dbPath })).rejects.toThrow(/newer than this code knows/);

    const root = path.resolve(import.meta.dirname, '../..');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--port', '0', '--db', dbPath],
      {
        cwd: root,
        env: { ...process.env, SERVER_SECRET: 'newer-db-test-secret-0123456789abcdef', SCRYPT_COST: '10' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, string>;
    expect(line).toMatchObject({ level: 'error', msg: 'start failed', error: 'DatabaseTooNewError' });
    expect(line.message).toContain('9999-from-a-newer-release');
    expect(line.message).toContain(`up to ${KNOWN_VERSIONS.at(-1)}`);
  });

  it('reseeds the tables on /__mock/reset', async () => {
    const dbPath = path.join(dir, 'reset.db');
    const server = await start({ dbPath, scenario: 'demo' });
    const count = () => query<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM terminals')[0]!.n;
    expect(count()).toBe(server.acquirer.state.world.terminals.length);
    expect(count()).toBeGreaterThan(0);
    expect(
      (
        await control(
          backendAt(() => server.url),
          '/reset',
          { scenario: 'empty' },
        )
      ).status,
    ).toBe(204);
    expect(count()).toBe(server.acquirer.state.world.terminals.length);
    expect(query<{ value: string }>(dbPath, "SELECT value FROM meta WHERE key = 'scenario'")).toEqual([
      { value: 'empty' },
    ]);
    // The new world's log is in the table, numbered from 0, and not in memory; the next event follows it.
    expect(server.acquirer.state.audit).toEqual([]);
    expect(server.acquirer.state.world.audit).toEqual([]);
    const reseeded = await auditLog(dbPath);
    expect(reseeded.map((e) => e.seq)).toEqual(reseeded.map((_, i) => i));
    await signedIn(
      backendAt(() => server.url),
      'support',
    );
    const next = await auditLog(dbPath);
    expect(next.map((e) => [e.seq, e.event.actor, e.event.action])).toEqual([
      ...reseeded.map((e) => [e.seq, e.event.actor, e.event.action]),
      [reseeded.length, 'support', 'auth.login'],
    ]);
    // The accounts are hashed after the reset answered; the next request stores their hashes.
    expect((await new ApiUser(backendAt(() => server.url)).get('/auth/session')).status).toBe(401);
    expect(query(dbPath, 'SELECT id FROM users WHERE password_hash = ?', PENDING_PASSWORD_HASH)).toEqual([]);
    await stop(server);
    const again = await start({ dbPath, scenario: 'demo' });
    expect(again.acquirer.state.world.scenario).toBe('empty');
    // Restarted on the reset tables, the demo accounts still sign in.
    await signedIn(
      backendAt(() => again.url),
      'owner',
    );
  });

  it('takes an online backup while requests write, which opens and passes integrity_check', async () => {
    const dbPath = path.join(dir, 'backup.db');
    const server = await start({ dbPath, scenario: 'demo' });
    const backend = backendAt(() => server.url);
    let stopped = false;
    let writes = 0;
    const load = (async () => {
      while (!stopped) {
        await signedIn(backend, 'cashier');
        writes++;
      }
    })();
    while (writes < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    const out = path.join(dir, 'backup-copy.db');
    await backupDatabase(dbPath, out);
    stopped = true;
    await load;
    expect(writes).toBeGreaterThan(3);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    const terminals = copy.prepare('SELECT count(*) AS n FROM terminals').get() as { n: number };
    expect(terminals.n).toBe(server.acquirer.state.world.terminals.length);
    const sessions = copy.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
    expect(sessions.n).toBeGreaterThan(0);
    copy.close();
  });
});
