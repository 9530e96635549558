// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { endpoints } from '@contract/endpoint-table';
import { type Backend, backendAt } from '../tests/contract/backends';
import { ApiUser, control, PASSWORDS, signedIn } from '../tests/contract/client';
import { runCli } from './db/cli';
import { ServerRunningError } from './db/server-lock';
import { throwawayPostgres } from './db/throwaway-postgres';
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

interface Acknowledged {
  owner: ApiUser;
  sessions: ApiUser[];
  /** How many sessions were acknowledged when the kill came. */
  atKill: number;
  commands: Map<string, 'queued' | 'cancelled'>;
}

/**
 * Sign-ins and void-password changes and cancels, without pause, until enough of each were acknowledged;
 * then `kill`, while the load still runs, and half a second more. Answers what was acknowledged.
 */
async function underLoad(backend: Backend, kill: () => Promise<unknown>): Promise<Acknowledged> {
  // Offline terminals keep a command queued, so a change can always be cancelled again.
  for (const tid of TERMINALS) {
    expect((await control(backend, `/terminals/${tid}/connectivity`, { online: false })).status).toBe(204);
  }
  const owner = await signedIn(backend, 'owner');
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
  await kill();
  const atKill = sessions.length;
  // Whatever still serves keeps taking sign-ins for a while.
  const until = Date.now() + 500;
  while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
  done = true;
  await load;
  expect(commands.size).toBeGreaterThan(10);
  expect(atKill).toBeGreaterThan(10);
  return { owner, sessions, atKill, commands };
}

/** Every acknowledged session still signs in, every acknowledged command is there as it was answered. */
async function expectAllThere({ owner, sessions, commands }: Acknowledged): Promise<void> {
  for (const user of sessions) expect((await user.get('/auth/session')).status).toBe(200);
  for (const [id, status] of commands) {
    const answer = await owner.get(`/password-commands/${id}`);
    expect(answer.status, id).toBe(200);
    const { command } = endpoints.command.response.parse(answer.body);
    if (status === 'cancelled') expect(command.status, id).toBe('cancelled');
    else expect(['queued', 'cancelled'], id).toContain(command.status);
  }
}

it(
  'loses no acknowledged command when the server is killed (kill -9) under load',
  { timeout: 90_000 },
  async () => {
    let server = await startProcess();
    const backend = backendAt(() => server.url);
    const acknowledged = await underLoad(backend, () => stopped(server.child, 'SIGKILL'));
    server = await startProcess();
    await expectAllThere(acknowledged);
    server.child.kill('SIGTERM');
  },
);

it(
  'on PostgreSQL, loses no acknowledged write when one of two processes is killed (kill -9) under load, and the other keeps answering',
  { timeout: 90_000 },
  async () => {
    const pg = throwawayPostgres();
    try {
      const env = {
        DATABASE_URL: await pg.database('crash'),
        SERVER_SECRET: 'crash-test-secret-0123456789abcdef',
      };
      const [a, b] = await Promise.all([build.start(env), build.start(env)]);
      // A load balancer's pool: each request to the next process; a dead one is taken out.
      let origins = [a!.url, b!.url];
      let turn = 0;
      const backend = backendAt(() => origins[turn++ % origins.length]!);
      const acknowledged = await underLoad(backend, async () => {
        await stopped(a!.child, 'SIGKILL');
        origins = [b!.url];
      });
      // The survivor kept signing people in after the kill.
      expect(acknowledged.sessions.length).toBeGreaterThan(acknowledged.atKill);
      // Sessions made after the kill were made by the survivor; all are there, on it.
      await expectAllThere(acknowledged);
      b!.child.kill('SIGTERM');
    } finally {
      pg.stop();
    }
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
