// @vitest-environment node
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CommandResponse } from '@contract/schemas/commands';
import { JobResponse } from '@contract/schemas/terminals';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from './data/demo-fixtures';
import { fastHasher, saltedHash, type SecretHasher, sha256Hex } from './hash';
import { HASHES_IN_FLIGHT_PER_REQUEST, HashesNeeded } from './hash-book';
import type { RecordStoragePort } from './persistence';
import { UNKNOWN_USER_SALT } from './rules/auth';
import { MAX_WRONG_ATTEMPTS } from './rules/void-password';
import { bodyOf, codeOf, PASSWORDS, signedIn, testAcquirer, TestClient } from './testing/harness';

/**
 * A KDF of its own scheme that answers on a later turn of the event loop, like scrypt on the thread pool, so
 * requests sent together interleave at their hashing. `gate` holds every answer back until released.
 */
function slowHasher() {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let held: (() => void)[] | null = null;
  const hasher: SecretHasher = {
    scheme: 'slow',
    hash(salt, secret) {
      calls.push(salt);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) => {
        const answer = () => {
          inFlight--;
          resolve(`slow$${saltedHash(salt, secret)}`);
        };
        if (held) held.push(answer);
        else setTimeout(answer, 1);
      });
    },
    digest: (text) => sha256Hex(`key:${text}`),
    verifier: fastHasher.verifier,
  };
  return {
    hasher,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    hold() {
      held = [];
      maxInFlight = inFlight;
    },
    /** Answers the held hashes one turn at a time, and every later one at once. */
    async release() {
      const waiting = held ?? [];
      held = null;
      for (const answer of waiting) answer();
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

const changePath = (tid: string) => `/terminals/${tid}/void-password/change`;

describe('requests that overlap while their hashes are computed', () => {
  it('counts exactly 5 of 6 wrong current PINs sent at once, then locks (423), never 6', async () => {
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher });
    const owner = await signedIn(acquirer, 'owner');
    const tid = DEMO_TIDS.custom;
    const responses = await Promise.all(
      ['000001', '000002', '000003', '000004', '000005', '000006'].map((wrong) =>
        owner.post(changePath(tid), { currentPassword: `9${wrong.slice(1)}`, newPassword: '470215' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([422, 422, 422, 422, 423, 423]);
    const remaining = responses
      .filter((r) => r.status === 422)
      .map((r) => bodyOf<{ attemptsRemaining: number }>(r).attemptsRemaining)
      .sort();
    expect(remaining).toEqual([1, 2, 3, 4]);
    const vp = acquirer.state.world.terminalByTid.get(tid)!.voidPassword;
    expect(vp.failedAttempts).toBe(MAX_WRONG_ATTEMPTS);
    const wrongAttempts = acquirer.state.audit.filter(
      (e) => e.tid === tid && e.action === 'void_password.wrong_attempt' && e.actor === 'owner',
    );
    expect(wrongAttempts).toHaveLength(MAX_WRONG_ATTEMPTS);
    // Locked: even the right PIN is refused now.
    const right = await owner.post(changePath(tid), {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '470215',
    });
    expect(codeOf(right)).toBe('pin.locked');
  });

  it('takes one of two changes of one terminal sent at once (202) and refuses the other (409)', async () => {
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher });
    const owner = await signedIn(acquirer, 'owner');
    const [a, b] = await Promise.all([
      owner.post(changePath(DEMO_TIDS.custom), {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '470215',
      }),
      owner.post(changePath(DEMO_TIDS.custom), {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '581937',
      }),
    ]);
    expect([a!.status, b!.status].sort()).toEqual([202, 409]);
    expect(codeOf([a, b].find((r) => r!.status === 409)!)).toBe('command.already_open');
    expect(
      acquirer.state.commandsByTid.get(DEMO_TIDS.custom)!.filter((c) => c.status === 'queued'),
    ).toHaveLength(1);
  });

  it('does the work once for the same Idempotency-Key sent twice at once, and answers both alike', async () => {
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher });
    const owner = await signedIn(acquirer, 'owner');
    const send = () =>
      owner.post(
        changePath(DEMO_TIDS.custom),
        { currentPassword: DEMO_VOID_PASSWORD, newPassword: '470215' },
        { idempotencyKey: 'same-key' },
      );
    const before = acquirer.state.commands.size;
    const [first, second] = await Promise.all([send(), send()]);
    expect([first!.status, second!.status]).toEqual([202, 202]);
    const ids = [first!, second!].map((r) => CommandResponse.parse(r.body).command.id);
    expect(ids[0]).toBe(ids[1]);
    expect([first!, second!].filter((r) => r.headers['idempotency-replayed'] === 'true')).toHaveLength(1);
    expect(acquirer.state.commands.size).toBe(before + 1);
  });

  it('throttles a name after exactly 5 wrong passwords sent at once (the 6th is 429, not counted)', async () => {
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher });
    const clients = Array.from({ length: 6 }, () => new TestClient(acquirer));
    const responses = await Promise.all(clients.map((c, i) => c.login('owner', `wrong-${i}`)));
    expect(responses.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 429, 429]);
    const live = acquirer.state.audit.slice(acquirer.state.generatedAuditCount);
    expect(live.filter((e) => e.action === 'auth.login_failed')).toHaveLength(5);
    // The name's count and the client IP's (decision 007), each exactly 5.
    expect([...acquirer.state.throttles.values()].map((t) => t.failures)).toEqual([5, 5]);
    expect((await new TestClient(acquirer).login('owner', PASSWORDS.owner!)).status).toBe(429);
  });

  it('runs the same KDF once for an unknown name as for a known name with a wrong password', async () => {
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher });
    await acquirer.ready();
    const client = new TestClient(acquirer);

    let from = slow.calls.length;
    expect((await client.login('no-such-user', 'whatever-1')).status).toBe(401);
    const unknown = slow.calls.slice(from);
    from = slow.calls.length;
    expect((await client.login('owner', 'whatever-1')).status).toBe(401);
    const knownWrong = slow.calls.slice(from);
    from = slow.calls.length;
    expect((await client.login('cashier', PASSWORDS.cashier!)).status).toBe(200);
    const knownRight = slow.calls.slice(from);

    expect(unknown).toEqual([UNKNOWN_USER_SALT]);
    expect(knownWrong).toHaveLength(1);
    expect(knownRight).toHaveLength(1);
    // Both answers alike: nothing tells an unknown name from a wrong password.
    expect(codeOf(await client.login('nobody-else', 'x'))).toBe(codeOf(await client.login('support', 'x')));
  });

  it('answers other requests while a bulk reset hashes, and hashes only a few of its PINs at a time', async () => {
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher });
    const owner = await signedIn(acquirer, 'owner');
    const cashier = await signedIn(acquirer, 'cashier');
    const stepUpToken = await owner.stepUp(PASSWORDS.owner!);
    const tids = acquirer.state.world.terminals
      .filter((t) => owner.acquirer.state.userByName.get('owner')!.merchantIds.includes(t.merchantId))
      .map((t) => t.tid);
    expect(tids.length).toBeGreaterThan(4);

    slow.hold();
    let answered = false;
    const bulk = owner
      .post('/void-password/bulk-resets', { terminalIds: tids, newPassword: '470215' }, { stepUpToken })
      .finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The bulk reset waits for its hashes; the fleet list and a change to a terminal are answered meanwhile.
    expect((await cashier.get('/terminals', { limit: '50' })).status).toBe(200);
    expect((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).status).toBe(200);
    expect(answered).toBe(false);
    expect(slow.maxInFlight).toBeLessThanOrEqual(HASHES_IN_FLIGHT_PER_REQUEST);

    await slow.release();
    const response = await bulk;
    expect(response.status).toBe(202);
    expect(JobResponse.parse(response.body).job.total).toBe(tids.length);
    expect(slow.maxInFlight).toBeLessThanOrEqual(HASHES_IN_FLIGHT_PER_REQUEST);
  });

  it('stores each acknowledged change before its answer, durably, when other requests run in between', async () => {
    const saves: { commands: string[]; durable: boolean }[] = [];
    const storage: RecordStoragePort = {
      load: () => null,
      saveChanges(state, _clock, { durable }) {
        saves.push({ commands: [...state.changes.commands], durable });
      },
    };
    const slow = slowHasher();
    const acquirer = testAcquirer({ hasher: slow.hasher, storage });
    const owner = await signedIn(acquirer, 'owner');
    const support = await signedIn(acquirer, 'support');
    const [change, , , list] = await Promise.all([
      owner.post(changePath(DEMO_TIDS.custom), {
        currentPassword: DEMO_VOID_PASSWORD,
        newPassword: '470215',
      }),
      new TestClient(acquirer).login('cashier', PASSWORDS.cashier!),
      owner.stepUp(PASSWORDS.owner!),
      support.get('/terminals'),
    ]);
    expect(change!.status).toBe(202);
    expect(list!.status).toBe(200);
    const id = CommandResponse.parse(change!.body).command.id;
    const stored = saves.filter((s) => s.commands.includes(id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.durable).toBe(true);
  });

  it('keeps the secrets a request waits to hash out of anything that prints or serialises it', () => {
    const needed = new HashesNeeded([['salt-1', 'owner-demo-1']]);
    expect(needed.needs).toEqual([['salt-1', 'owner-demo-1']]);
    expect(JSON.stringify(needed)).not.toContain('owner-demo-1');
    expect(inspect(needed, { depth: 5 })).not.toContain('owner-demo-1');
  });
});
