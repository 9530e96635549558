// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CommandResponse, PasswordCommand } from '@contract/schemas/commands';
import { ResetVoidPasswordResponse, TerminalDetail } from '@contract/schemas/terminals';
import { SECOND } from './clock';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from './data/demo-fixtures';
import type { StoragePort } from './persistence';
import { bodyOf, PASSWORDS, signedIn, TEST_NOW, testAcquirer, TestClient } from './testing/harness';

function memoryStorage(): StoragePort & { value: string | null; saves: number } {
  return {
    value: null,
    saves: 0,
    load() {
      return this.value;
    },
    save(snapshot) {
      this.value = snapshot;
      this.saves++;
    },
  };
}

describe('persistence', () => {
  it('stores no secret in plain text: no PIN, password or token of the flows run', async () => {
    const storage = memoryStorage();
    const acquirer = testAcquirer({ storage });
    const owner = await signedIn(acquirer, 'owner');
    const support = await signedIn(acquirer, 'support');
    const secrets: string[] = [
      PASSWORDS.owner!,
      PASSWORDS.support!,
      'typo-password-77',
      DEMO_VOID_PASSWORD,
      '470215',
      '581937',
      '602847',
    ];
    await new TestClient(acquirer).login('owner', 'typo-password-77');
    await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '470215',
    });
    await owner.post(`/terminals/${DEMO_TIDS.failedAttempts}/void-password/change`, {
      currentPassword: '602847',
      newPassword: '581937',
    });
    const ownerStepUp = await owner.stepUp(PASSWORDS.owner!);
    const temporary = ResetVoidPasswordResponse.parse(
      (
        await owner.post(
          `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
          { generateTemporary: true },
          { stepUpToken: ownerStepUp },
        )
      ).body,
    ).temporaryPassword!;
    const supportStepUp = await support.stepUp(PASSWORDS.support!);
    await support.post(
      '/void-password/bulk-resets',
      {
        terminalIds: [DEMO_TIDS.merchantBCustom, DEMO_TIDS.stalePassword],
        newPassword: '602847',
        ticketId: 'TK-9',
        reason: 'audit',
      },
      { stepUpToken: supportStepUp },
    );
    acquirer.clock.advance(45 * SECOND);
    await owner.get('/terminals');
    secrets.push(
      temporary,
      owner.sessionCookie!,
      owner.csrfToken!,
      support.sessionCookie!,
      support.csrfToken!,
      ownerStepUp,
      supportStepUp,
    );

    expect(storage.saves).toBeGreaterThan(0);
    const stored = storage.value!;
    for (const secret of secrets) expect(stored, `"${secret}" persisted`).not.toContain(secret);
  });

  it('restores sessions, commands, terminals, audit, jobs and the clock after a reload', async () => {
    const storage = memoryStorage();
    let realNow = Date.parse(TEST_NOW);
    const first = testAcquirer({ storage, realNow: () => realNow });
    const owner = await signedIn(first, 'owner');
    const { command } = CommandResponse.parse(
      (
        await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
          currentPassword: DEMO_VOID_PASSWORD,
          newPassword: '470215',
        })
      ).body,
    );
    first.clock.advance(40 * SECOND);
    await owner.get('/terminals');
    const before = TerminalDetail.parse((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).body);
    const auditCount = first.state.audit.length;

    const simulatedBefore = first.now();
    realNow += 10 * SECOND;
    const second = testAcquirer({ storage, realNow: () => realNow, scenario: 'empty', seed: 'ignored' });
    expect(second.now()).toBe(simulatedBefore + 10 * SECOND);
    expect(second.state.world.scenario).toBe('demo');
    const reloaded = new TestClient(second);
    reloaded.cookies = { ...owner.cookies };
    reloaded.csrfToken = owner.csrfToken;
    const session = await reloaded.get('/auth/session');
    expect(session.status).toBe(200);
    expect(bodyOf(session).csrfToken).toBe(owner.csrfToken);
    expect(
      PasswordCommand.parse(
        CommandResponse.parse((await reloaded.get(`/password-commands/${command.id}`)).body).command,
      ).status,
    ).toBe('applied');
    const after = TerminalDetail.parse((await reloaded.get(`/terminals/${DEMO_TIDS.custom}`)).body);
    expect(after.voidPassword).toEqual(before.voidPassword);
    expect(after.version).toBe(before.version);
    expect(second.state.audit.length).toBe(auditCount);
    // The restored PIN is the new one, and idempotency keys are still remembered.
    const path = `/terminals/${DEMO_TIDS.custom}/void-password/change`;
    expect(
      bodyOf(
        await reloaded.post(
          path,
          { currentPassword: '470215', newPassword: '581937' },
          { idempotencyKey: 'key-1' },
        ),
      ),
    ).toMatchObject({
      code: 'idempotency.mismatch',
    });
    expect(
      (
        await reloaded.post(
          path,
          { currentPassword: '470215', newPassword: '581937' },
          { idempotencyKey: 'after-reload' },
        )
      ).status,
    ).toBe(202);
  });

  it('starts fresh from an unreadable snapshot', () => {
    const storage = memoryStorage();
    storage.value = '{not json';
    const acquirer = testAcquirer({ storage });
    expect(acquirer.state.world.terminals).toHaveLength(21);
  });
});

describe('a sale made in the sandbox', () => {
  it('survives a reload of the mock, in its place among the sales, once', async () => {
    const storage = memoryStorage();
    const first = testAcquirer({ storage });
    const owner = await signedIn(first, 'owner');
    const made = await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/sales`, {
      amount: 990,
      method: 'wechat_qr',
    });
    expect(made.status).toBe(201);
    const { id } = bodyOf<{ id: string }>(made);
    const before = bodyOf<{ items: { id: string }[]; total: number }>(await owner.get('/transactions'));
    expect(before.items[0]!.id).toBe(id);

    const reloaded = testAcquirer({ storage });
    const again = await signedIn(reloaded, 'owner');
    const after = bodyOf<{ items: { id: string }[]; total: number }>(await again.get('/transactions'));
    expect(after.total).toBe(before.total);
    expect(after.items.map((t) => t.id)).toEqual(before.items.map((t) => t.id));
    expect(
      bodyOf<{ amount: number; cardLast4?: string }>(await again.get(`/transactions/${id}`)),
    ).toMatchObject({
      amount: 990,
    });
  });
});
