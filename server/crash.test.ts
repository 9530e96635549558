// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { endpoints } from '@contract/endpoint-table';
import { backendAt } from '../tests/contract/backends';
import { ApiUser, control, PASSWORDS, signedIn } from '../tests/contract/client';
import { runCli } from './db/cli';
import { ServerRunningError } from './db/server-lock';
import { type CompiledServer, compiledServer, stopped } from './process-testing';

const dir = mkdtempSync(path.join(tmpdir(), 'acquirer-crash-'));
const dbPath = path.join(dir, 'acquirer.db');
let build!: CompiledServer;
beforeAll(() => {
  build = compiledServer('crash-test');
});
afterAll(() => {
  build?.cleanUp();
  rmSync(dir, { recursive: true, force: true });
});

const startProcess = (db = dbPath) =>
  build.start({ DB_PATH: db, SERVER_SECRET: 'crash-test-secret-0123456789abcdef' });

const PINS: Record<string, string> = {
  [DEMO_TIDS.defaultPassword]: '123456',
  [DEMO_TIDS.unused]: '123456',
  [DEMO_TIDS.custom]: DEMO_VOID_PASSWORD,
};
const TERMINALS = Object.keys(PINS);

it(
  'loses no acknowledged command when the server is killed (kill -9) under load',
  { timeout: 90_000 },
  async () => {
    let server = await startProcess();
    const backend = backendAt(() => server.url);
    // Offline terminals keep a command queued, so a change can always be cancelled again.
    for (const tid of TERMINALS) {
      expect((await control(backend, `/terminals/${tid}/connectivity`, { online: false })).status).toBe(204);
    }
    const owner = await signedIn(backend, 'owner');
    const stale = await owner.get(`/terminals/${DEMO_TIDS.stalePassword}`);
    expect(stale.status).toBe(200);

    const sessions: ApiUser[] = [];
    const commands = new Map<string, 'queued' | 'cancelled'>();
    let done = false;
    const signIns = async () => {
      while (!done) {
        const user = new ApiUser(backend);
        const answer = await user.login('cashier', PASSWORDS.cashier).catch(() => null);
        if (answer?.status === 200) sessions.push(user);
      }
    };
    const changes = async (tid: string) => {
      const pin = PINS[tid];
      while (!done && pin) {
        const change = await owner
          .post(`/terminals/${tid}/void-password/change`, { currentPassword: pin, newPassword: '581937' })
          .catch(() => null);
        if (change?.status !== 202) continue;
        const { command } = endpoints.changeVoidPassword.response.parse(change.body);
        commands.set(command.id, 'queued');
        const cancel = await owner.post(`/password-commands/${command.id}/cancel`).catch(() => null);
        if (cancel?.status === 200) commands.set(command.id, 'cancelled');
      }
    };
    const load = Promise.all([signIns(), signIns(), ...TERMINALS.map(changes)]);
    // Kill once enough writes were acknowledged, however fast this machine is, while the load still runs.
    while (sessions.length <= 10 || commands.size <= 10) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await stopped(server.child, 'SIGKILL');
    done = true;
    await load;
    expect(sessions.length).toBeGreaterThan(10);
    expect(commands.size).toBeGreaterThan(10);

    server = await startProcess();
    for (const user of sessions) expect((await user.get('/auth/session')).status).toBe(200);
    for (const [id, status] of commands) {
      const answer = await owner.get(`/password-commands/${id}`);
      expect(answer.status, id).toBe(200);
      const { command } = endpoints.command.response.parse(answer.body);
      if (status === 'cancelled') expect(command.status, id).toBe('cancelled');
      else expect(['queued', 'cancelled'], id).toContain(command.status);
    }
    server.child.kill('SIGTERM');
  },
);

it(
  'refuses a second server on the same SQLite file, and the tools that write it, while one runs',
  { timeout: 60_000 },
  async () => {
    const db = path.join(dir, 'one-server.db');
    const first = await startProcess(db);
    // The second process stops at once, saying who holds the file; the first keeps answering.
    const second = startProcess(db);
    await expect(second).rejects.toThrow(/server exited with 1/);
    await expect(second).rejects.toThrow(
      new RegExp(`an acquirer server \\(process ${first.child.pid}, since .*\\) is using it`),
    );
    const health = await fetch(`${first.url}/api/v1/auth/session`);
    expect(health.status).toBe(401);
    await expect(
      runCli(['seed', '--scenario', 'demo', '--replace', '--db', db], {}, () => {}),
    ).rejects.toThrow(ServerRunningError);
    await expect(runCli(['migrate', '--db', db], {}, () => {})).rejects.toThrow(/is using it/);
    // An online backup needs no lock.
    const lines: string[] = [];
    await runCli(['backup', '--db', db, '--out', path.join(dir, 'one-server-backup.db')], {}, (l) =>
      lines.push(l),
    );
    expect(lines.join('\n')).toMatch(/integrity_check ok/);

    // Stopped cleanly, it lets go: the next server starts.
    await stopped(first.child, 'SIGTERM');
    const next = await startProcess(db);
    // Killed, it cannot let go: the lock names a process that no longer runs, and is taken over.
    await stopped(next.child, 'SIGKILL');
    const after = await startProcess(db);
    expect((await fetch(`${after.url}/api/v1/auth/session`)).status).toBe(401);
    await stopped(after.child, 'SIGTERM');
  },
);
