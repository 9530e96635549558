// @vitest-environment node
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { backendAt } from '../../tests/contract/backends';
import { type ApiUser, codeOf, control, signedIn } from '../../tests/contract/client';
import { readConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningServer, startServer } from '../server';
import { openPostgres } from './postgres';
import type { Database } from './schema';
import { throwawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

// The shared store's own cases (decision 021), two servers in this process on one throwaway PostgreSQL.
// The rules across processes are the contract suite's (tests/contract, two compiled processes).

let pg: ThrowawayPostgres;
beforeAll(() => {
  pg = throwawayPostgres();
}, 300_000);
afterAll(() => pg?.stop());

const logged: string[] = [];
async function serverOn(url: string): Promise<RunningServer> {
  const config = readConfig(['--sandbox', '--port', '0'], {
    DATABASE_URL: url,
    SERVER_SECRET: 'shared-store-test-secret-0123456789abcdef',
    SCRYPT_COST: '10',
  });
  return startServer(
    config,
    createLogger((line) => logged.push(line), 'info'),
  );
}

const change = (tid: string) => `/terminals/${tid}/void-password/change`;

it('answers 503 when a write is refused, keeps running, and loads what the database holds at the next request', async () => {
  const url = await pg.database('refused');
  const server = await serverOn(url);
  try {
    const backend = backendAt(() => server.url);
    const owner = await signedIn(backend, 'owner');
    const tid = DEMO_TIDS.custom;
    // Offline: no heartbeat takes the command below off the queue.
    expect((await control(backend, `/terminals/${tid}/connectivity`, { online: false })).status).toBe(204);
    // An open command for the terminal written behind the server's back, logged nowhere: the server's
    // memory says the terminal has none, the table's unique index says it has one.
    const q = await openPostgres(url);
    try {
      const open = await q
        .selectFrom('password_commands')
        .selectAll()
        .where('tid', '=', tid)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      const seq = await q
        .selectFrom('password_commands')
        .select((eb) => eb.fn.max('seq').as('n'))
        .executeTakeFirstOrThrow();
      await q
        .insertInto('password_commands')
        .values({
          ...open,
          id: 'cmd_behind_its_back',
          seq: Number(seq.n) + 1,
          status: 'queued',
          applied_at: null,
          cancelled_at: null,
          expires_at: Date.now() + 30 * 86_400_000,
        })
        .execute();
    } finally {
      await q.destroy();
    }
    const body = { currentPassword: DEMO_VOID_PASSWORD, newPassword: '581937' };
    const refused = await owner.post(change(tid), body);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(codeOf(refused)).toBe('unavailable');
    expect(logged.some((line) => line.includes('"msg":"database unavailable"'))).toBe(true);
    // Still running, and now on the tables' state: the command it did not know of is the open one.
    const again = await owner.post(change(tid), body);
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(codeOf(again)).toBe('command.already_open');
    const terminal = await owner.get(`/terminals/${tid}`);
    expect(terminal.status).toBe(200);
  } finally {
    await server.close();
  }
});

/** The last version in `state_log`, of one kind of entry or of any. */
async function headOf(q: Kysely<Database>, kind?: string): Promise<number> {
  let query = q.selectFrom('state_log').select((eb) => eb.fn.max('version').as('v'));
  if (kind) query = query.where('kind', '=', kind);
  return Number((await query.executeTakeFirstOrThrow()).v);
}

/** Two servers on a new database, the owner signed in on each, and a connection of its own to the log. */
async function onTwoServers(
  name: string,
  work: (ctx: { onA: ApiUser; onB: ApiUser; q: Kysely<Database> }) => Promise<void>,
): Promise<void> {
  const url = await pg.database(name);
  const a = await serverOn(url);
  const b = await serverOn(url);
  const q = await openPostgres(url);
  try {
    const onA = await signedIn(
      backendAt(() => a.url),
      'owner',
    );
    const onB = await signedIn(
      backendAt(() => b.url),
      'owner',
    );
    await work({ onA, onB, q });
  } finally {
    await q.destroy();
    await a.close();
    await b.close();
  }
}

it('loads everything again when the change log has a gap (pruned past what a process saw)', () =>
  onTwoServers('gap', async ({ onA, onB, q }) => {
    // B is up to date now; then A queues a command and reads, and the log loses every entry of the change.
    const head = await headOf(q);
    const first = await onA.post(change(DEMO_TIDS.custom), {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '581937',
    });
    expect(first.status).toBe(202);
    expect((await onA.get('/terminals')).status).toBe(200);
    const commandAt = await headOf(q, 'command');
    expect(commandAt).toBeGreaterThan(head);
    await sql`delete from state_log where version > ${head} and version <= ${commandAt}`.execute(q);
    // B finds only the read's entry, after a gap, so it loads everything and knows of A's command. (Reading
    // only what the log still holds, it would try a second command and the table would refuse it: 503.)
    const second = await onB.post(change(DEMO_TIDS.custom), {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '470215',
    });
    expect(codeOf(second)).toBe('command.already_open');
  }));

it('loads everything again when the database lost commits a process saw (its head is below that process)', () =>
  onTwoServers('behind', async ({ onA, onB, q }) => {
    const before = await headOf(q);
    // A reads five times (its activity is logged each time), then the database loses those commits, as a
    // crash loses asynchronous ones: A has seen versions the database no longer holds.
    for (let i = 0; i < 5; i++) expect((await onA.get('/terminals')).status).toBe(200);
    expect(await headOf(q)).toBeGreaterThanOrEqual(before + 5);
    await sql`delete from state_log where version > ${before}`.execute(q);
    const path = change(DEMO_TIDS.custom);
    const wrong = { currentPassword: '900001', newPassword: '581937' };
    // B counts a wrong PIN under versions A believes it has seen.
    expect((await onB.post(path, wrong)).body).toMatchObject({ attemptsRemaining: 4 });
    // A must load it: a second wrong PIN leaves 3, not 4 again.
    expect((await onA.post(path, { ...wrong, currentPassword: '900002' })).body).toMatchObject({
      attemptsRemaining: 3,
    });
  }));
