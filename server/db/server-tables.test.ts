// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/api/endpoints';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@/mocks/sim/data/demo-fixtures';
import { backendAt, testServerConfig } from '../../tests/contract/backends';
import { control, signedIn } from '../../tests/contract/client';
import type { ServerConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningServer, startServer } from '../server';
import { backupDatabase } from './cli';

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
    expect(second.transactions.length).toBe(first.transactions.length);
    expect(server.acquirer.state.commands.get(command.id)?.status).toBe('queued');
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
    await stop(server);
    const again = await start({ dbPath, scenario: 'demo' });
    expect(again.acquirer.state.world.scenario).toBe('empty');
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
