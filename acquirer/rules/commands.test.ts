// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CommandResponse } from '@contract/schemas/commands';
import { ResetVoidPasswordResponse, TerminalDetail } from '@contract/schemas/terminals';
import { checkVoidPassword } from '@contract/void-password-policy';
import type { Acquirer } from '../acquirer';
import { HOUR, MINUTE, SECOND } from '../clock';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '../data/demo-fixtures';
import { bodyOf, codeOf, PASSWORDS, signedIn, testAcquirer, TestClient } from '../testing/harness';
import { currentPinIs } from './void-password';

const T = DEMO_TIDS;
const terminalOf = (acquirer: Acquirer, tid: string) => acquirer.state.world.terminalByTid.get(tid)!;
const detail = async (client: TestClient, tid: string) =>
  TerminalDetail.parse((await client.get(`/terminals/${tid}`)).body);
const change = async (
  client: TestClient,
  tid: string,
  currentPassword: string,
  newPassword: string,
  key?: string,
) =>
  await client.post(
    `/terminals/${tid}/void-password/change`,
    { currentPassword, newPassword },
    key ? { idempotencyKey: key } : {},
  );
const setPin = async (client: TestClient, tid: string, password: string) =>
  expect((await client.post(`/__mock/terminals/${tid}/void-password`, { password })).status).toBe(204);

describe('changing a void password', () => {
  it('queues a command; the old PIN stays active until the terminal applies it at its next heartbeat', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const response = await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215');
    expect(response.status).toBe(202);
    const { command } = CommandResponse.parse(response.body);
    expect(command).toMatchObject({ tid: T.custom, kind: 'change', status: 'queued', requestedBy: '王建国' });
    expect(Date.parse(command.expiresAt) - Date.parse(command.requestedAt)).toBe(72 * HOUR);
    expect((await detail(owner, T.custom)).openCommand?.id).toBe(command.id);
    expect(
      await currentPinIs(acquirer.state.hasher, terminalOf(acquirer, T.custom), DEMO_VOID_PASSWORD),
    ).toBe(true);

    acquirer.clock.advance(30 * SECOND);
    const applied = CommandResponse.parse((await owner.get(`/password-commands/${command.id}`)).body).command;
    expect(applied.status).toBe('applied');
    expect(applied.appliedAt).toBe(applied.deliveredAt);
    expect(Date.parse(applied.appliedAt!) - acquirer.now()).toBeLessThanOrEqual(0);
    expect(await currentPinIs(acquirer.state.hasher, terminalOf(acquirer, T.custom), '470215')).toBe(true);
    const after = await detail(owner, T.custom);
    expect(after.openCommand).toBeNull();
    expect(after.voidPassword).toMatchObject({ state: 'custom', changedAt: applied.appliedAt });
  });

  it('turns a factory-default terminal custom once applied', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    expect((await detail(owner, T.defaultPassword)).voidPassword?.state).toBe('default');
    expect((await change(owner, T.defaultPassword, '123456', '470215')).status).toBe(202);
    expect((await detail(owner, T.defaultPassword)).voidPassword?.state).toBe('default');
    acquirer.clock.advance(30 * SECOND);
    expect((await detail(owner, T.defaultPassword)).voidPassword?.state).toBe('custom');
  });

  it.each([
    ['12345', 'pin.format'],
    ['12a456', 'pin.format'],
    ['1234567', 'pin.format'],
    ['111111', 'pin.too_simple'],
    ['654321', 'pin.too_simple'],
    ['520520', 'pin.too_simple'],
    ['123456', 'pin.default'],
  ])('refuses the new PIN %s with %s on newPassword, without costing an attempt', async (pin, code) => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const response = await change(owner, T.custom, 'wrong1', pin);
    expect(response.status).toBe(422);
    expect(bodyOf(response)).toMatchObject({ code, errors: [{ field: 'newPassword', code }] });
    expect(terminalOf(acquirer, T.custom).voidPassword?.failedAttempts).toBe(0);
  });

  it.each([['1'], ['１２３４５６'], ['abcdef'], ['12345 '], ['']])(
    'refuses the current PIN %j, which cannot be a PIN, with pin.format on currentPassword, costing no attempt',
    async (current) => {
      const acquirer = testAcquirer();
      const owner = await signedIn(acquirer, 'owner');
      for (let i = 0; i < 6; i++) {
        const response = await change(owner, T.custom, current, '470215');
        expect(response.status).toBe(422);
        expect(bodyOf(response)).toMatchObject({
          code: 'pin.format',
          errors: [{ field: 'currentPassword', code: 'pin.format' }],
        });
      }
      expect(terminalOf(acquirer, T.custom).voidPassword.failedAttempts).toBe(0);
      const live = acquirer.state.audit.slice(acquirer.state.generatedAuditCount).map((e) => e.action);
      expect(live).not.toContain('void_password.wrong_attempt');
      // A wrong PIN of the right shape is still the first of 5.
      expect(bodyOf(await change(owner, T.custom, '000001', '470215'))).toMatchObject({
        code: 'pin.wrong_current',
        attemptsRemaining: 4,
      });
    },
  );

  it('refuses any of the last 3 void passwords (pin.reused), compared by hash', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await setPin(owner, T.custom, '470215');
    await setPin(owner, T.custom, '581937');
    await setPin(owner, T.custom, '602847');
    for (const old of ['470215', '581937', '602847']) {
      const response = await change(owner, T.custom, '602847', old);
      expect(codeOf(response)).toBe('pin.reused');
      expect(bodyOf(response)).toMatchObject({ errors: [{ field: 'newPassword', code: 'pin.reused' }] });
    }
    await setPin(owner, T.custom, '739164');
    // 470215 is now the 4th most recent: allowed again.
    expect((await change(owner, T.custom, '739164', '470215')).status).toBe(202);
  });

  it('counts wrong current PINs, locks at the 5th for 30 minutes (423), and lifts the lock after', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await change(owner, T.custom, '000001', '470215');
      expect(response.status).toBe(422);
      expect(bodyOf(response)).toMatchObject({ code: 'pin.wrong_current', attemptsRemaining: 5 - attempt });
    }
    const fifth = await change(owner, T.custom, '000001', '470215');
    expect(fifth.status).toBe(423);
    expect(bodyOf(fifth)).toMatchObject({ code: 'pin.locked' });
    const lockedUntil = Date.parse(bodyOf<{ lockedUntil: string }>(fifth).lockedUntil);
    expect(lockedUntil - acquirer.now()).toBe(30 * MINUTE);
    expect((await detail(owner, T.custom)).voidPassword).toMatchObject({
      state: 'locked',
      failedAttempts: 5,
    });

    // While locked, even the right PIN is refused.
    expect((await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215')).status).toBe(423);
    const alerts = bodyOf<{ items: { kind: string; tid?: string }[] }>(await owner.get('/alerts')).items;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'lockout', tid: T.custom }));
    const live = acquirer.state.audit.slice(acquirer.state.generatedAuditCount).map((e) => e.action);
    expect(live.filter((a) => a === 'void_password.wrong_attempt')).toHaveLength(5);
    expect(live).toContain('void_password.locked');

    acquirer.clock.advance(30 * MINUTE - 1);
    const later = await signedIn(acquirer, 'owner'); // the first session idled out meanwhile
    expect((await change(later, T.custom, DEMO_VOID_PASSWORD, '470215')).status).toBe(423);
    acquirer.clock.advance(1);
    expect((await detail(later, T.custom)).voidPassword).toMatchObject({
      state: 'custom',
      failedAttempts: 0,
      lockedUntil: null,
    });
    expect((await change(later, T.custom, DEMO_VOID_PASSWORD, '470215')).status).toBe(202);
  });

  it('shares the attempt count with wrong PINs typed at the terminal', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    expect((await detail(owner, T.failedAttempts)).voidPassword?.failedAttempts).toBe(3);
    expect(bodyOf(await change(owner, T.failedAttempts, '000001', '470215'))).toMatchObject({
      attemptsRemaining: 1,
    });
    expect((await change(owner, T.failedAttempts, '000001', '470215')).status).toBe(423);
  });

  it('allows one open command per terminal: a second one is 409 with the open command id', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const first = CommandResponse.parse(
      (await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215')).body,
    ).command;
    const second = await change(owner, T.custom, DEMO_VOID_PASSWORD, '581937');
    expect(second.status).toBe(409);
    expect(bodyOf(second)).toMatchObject({ code: 'command.already_open', openCommandId: first.id });
    const token = await owner.stepUp(PASSWORDS.owner!);
    expect(
      codeOf(
        await owner.post(
          `/terminals/${T.custom}/void-password/reset`,
          { newPassword: '581937' },
          { stepUpToken: token },
        ),
      ),
    ).toBe('command.already_open');
  });

  it('is for owners only: cashier and support get 403 auth.forbidden', async () => {
    const acquirer = testAcquirer();
    for (const user of ['cashier', 'support']) {
      const response = await change(await signedIn(acquirer, user), T.custom, DEMO_VOID_PASSWORD, '470215');
      expect(response.status).toBe(403);
      expect(codeOf(response)).toBe('auth.forbidden');
    }
  });

  it("answers 404 for another merchant's terminal, as for one that does not exist", async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    for (const tid of [T.merchantBCustom, '99999999']) {
      expect((await owner.get(`/terminals/${tid}`)).status).toBe(404);
      expect((await change(owner, tid, DEMO_VOID_PASSWORD, '470215')).status).toBe(404);
      expect((await owner.get(`/terminals/${tid}/void-password/commands`)).status).toBe(404);
    }
  });
});

describe('resetting a void password', () => {
  const reset = async (
    client: TestClient,
    tid: string,
    body: Record<string, unknown>,
    token?: string,
    key?: string,
  ) =>
    await client.post(`/terminals/${tid}/void-password/reset`, body, {
      stepUpToken: token,
      ...(key ? { idempotencyKey: key } : {}),
    });

  it('needs a step-up (403 auth.step_up_required, never 401) that expires after 5 minutes', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const without = await reset(owner, T.defaultPassword, { newPassword: '470215' });
    expect(without.status).toBe(403);
    expect(codeOf(without)).toBe('auth.step_up_required');
    const token = await owner.stepUp(PASSWORDS.owner!);
    acquirer.clock.advance(5 * MINUTE);
    expect(codeOf(await reset(owner, T.defaultPassword, { newPassword: '470215' }, token))).toBe(
      'auth.step_up_required',
    );
    const fresh = await owner.stepUp(PASSWORDS.owner!);
    acquirer.clock.advance(5 * MINUTE - 1);
    expect((await reset(owner, T.defaultPassword, { newPassword: '470215' }, fresh)).status).toBe(202);
  });

  it('lifts a lock after 30 minutes when it is the only one in the fleet', async () => {
    const acquirer = testAcquirer();
    acquirer.clock.advance(21 * MINUTE); // the generated lock (20 minutes) has lifted: none is left
    const owner = await signedIn(acquirer, 'owner');
    expect((await detail(owner, T.locked)).voidPassword).toMatchObject({ state: 'custom' });
    for (let attempt = 1; attempt <= 5; attempt++) await change(owner, T.custom, '000001', '470215');
    expect((await detail(owner, T.custom)).voidPassword).toMatchObject({ state: 'locked' });
    acquirer.clock.advance(30 * MINUTE);
    const later = await signedIn(acquirer, 'owner');
    expect((await detail(later, T.custom)).voidPassword).toMatchObject({
      state: 'custom',
      failedAttempts: 0,
    });
  });

  it('works on a locked terminal and unlocks it when applied', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const token = await owner.stepUp(PASSWORDS.owner!);
    expect((await reset(owner, T.locked, { newPassword: '470215' }, token)).status).toBe(202);
    expect((await detail(owner, T.locked)).voidPassword?.state).toBe('locked');
    acquirer.clock.advance(30 * SECOND);
    expect((await detail(owner, T.locked)).voidPassword).toMatchObject({
      state: 'custom',
      failedAttempts: 0,
    });
  });

  it('generates a one-time temporary PIN that obeys the policy and is only in the response', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const response = await reset(
      owner,
      T.custom,
      { generateTemporary: true },
      await owner.stepUp(PASSWORDS.owner!),
    );
    expect(response.status).toBe(202);
    const body = ResetVoidPasswordResponse.parse(response.body);
    expect(body.temporaryPassword).toMatch(/^\d{6}$/);
    expect(checkVoidPassword(body.temporaryPassword!)).toEqual([]);
    expect(body.command.temporary).toBe(true);
    expect(JSON.stringify((await owner.get(`/password-commands/${body.command.id}`)).body)).not.toContain(
      body.temporaryPassword,
    );
    acquirer.clock.advance(30 * SECOND);
    acquirer.tick();
    expect(
      await currentPinIs(acquirer.state.hasher, terminalOf(acquirer, T.custom), body.temporaryPassword!),
    ).toBe(true);
  });

  it('shows a temporary PIN, once applied, as temporary until it is replaced at the terminal', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await reset(owner, T.custom, { generateTemporary: true }, await owner.stepUp(PASSWORDS.owner!));
    expect((await detail(owner, T.custom)).voidPassword?.state).toBe('custom');
    acquirer.clock.advance(30 * SECOND);
    expect((await detail(owner, T.custom)).voidPassword?.state).toBe('temporary');
    expect((await owner.get('/terminals', { passwordState: 'temporary' })).body).toMatchObject({
      items: [{ tid: T.custom }],
      total: 1,
    });
    // The operator chooses a new one at the terminal.
    await setPin(owner, T.custom, '470215');
    expect((await detail(owner, T.custom)).voidPassword?.state).toBe('custom');
  });

  it('refuses both or neither of newPassword and generateTemporary', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const token = await owner.stepUp(PASSWORDS.owner!);
    expect(codeOf(await reset(owner, T.custom, {}, token))).toBe('validation');
    expect(
      codeOf(await reset(owner, T.custom, { newPassword: '470215', generateTemporary: true }, token)),
    ).toBe('validation');
  });

  it('by support needs a ticket and a reason (422 validation naming both), which the audit keeps', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    const token = await support.stepUp(PASSWORDS.support!);
    const missing = await reset(support, T.merchantBCustom, { newPassword: '470215' }, token);
    expect(missing.status).toBe(422);
    expect(bodyOf(missing)).toMatchObject({
      code: 'validation',
      errors: [expect.objectContaining({ field: 'ticketId' }), expect.objectContaining({ field: 'reason' })],
    });
    const ok = await reset(
      support,
      T.merchantBCustom,
      { newPassword: '470215', ticketId: 'TK-1', reason: 'owner forgot it' },
      token,
    );
    expect(ok.status).toBe(202);
    const event = acquirer.state.audit.at(-1)!;
    expect(event).toMatchObject({
      action: 'void_password.reset_requested',
      actor: 'support',
      actorRole: 'support',
      merchantId: '822290158120047',
      tid: T.merchantBCustom,
      ticketId: 'TK-1',
      reason: 'owner forgot it',
      clientIp: '203.0.113.7',
    });
  });

  it('is refused to cashiers (403) and to owners of other merchants (404)', async () => {
    const acquirer = testAcquirer();
    const cashier = await signedIn(acquirer, 'cashier');
    expect(codeOf(await reset(cashier, T.custom, { newPassword: '470215' }))).toBe('auth.forbidden');
    const owner2 = await signedIn(acquirer, 'owner2');
    expect(
      (await reset(owner2, T.custom, { newPassword: '470215' }, await owner2.stepUp(PASSWORDS.owner2!)))
        .status,
    ).toBe(404);
  });
});

describe('command lifecycle', () => {
  it('keeps a command queued while the terminal is offline, then applies it at the first heartbeat after it is back', async () => {
    const acquirer = testAcquirer();
    const open = (await detail(await signedIn(acquirer, 'owner'), T.openCommand)).openCommand!;
    expect(open.status).toBe('queued');
    acquirer.clock.advance(10 * HOUR);
    const owner = await signedIn(acquirer, 'owner');
    expect((await detail(owner, T.openCommand)).openCommand?.status).toBe('queued');

    expect(
      (await owner.post(`/__mock/terminals/${T.openCommand}/connectivity`, { online: true })).status,
    ).toBe(204);
    expect((await detail(owner, T.openCommand)).openCommand?.status).toBe('queued');
    acquirer.clock.advance(30 * SECOND - 1);
    expect((await detail(owner, T.openCommand)).openCommand?.status).toBe('queued');
    acquirer.clock.advance(1);
    const command = CommandResponse.parse((await owner.get(`/password-commands/${open.id}`)).body).command;
    expect(command.status).toBe('applied');
    expect(Date.parse(command.appliedAt!)).toBe(acquirer.now());
  });

  it('applies a delivered command when its terminal comes back', async () => {
    const acquirer = testAcquirer();
    const owner2 = await signedIn(acquirer, 'owner2');
    const open = (await detail(owner2, T.merchantBDelivered)).openCommand!;
    expect(open.status).toBe('delivered');
    await owner2.post(`/__mock/terminals/${T.merchantBDelivered}/connectivity`, { online: true });
    acquirer.clock.advance(30 * SECOND);
    expect(
      CommandResponse.parse((await owner2.get(`/password-commands/${open.id}`)).body).command.status,
    ).toBe('applied');
  });

  it('expires a command not picked up within 72 hours, and audits it', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const token = await owner.stepUp(PASSWORDS.owner!);
    const response = await owner.post(
      `/terminals/${T.offline}/void-password/reset`,
      { newPassword: '470215' },
      { stepUpToken: token },
    );
    const { command } = CommandResponse.parse(response.body);
    const statusOf = () => acquirer.state.commands.get(command.id)!.status;
    acquirer.clock.advance(72 * HOUR - 1);
    acquirer.tick();
    expect(statusOf()).toBe('queued');
    acquirer.clock.advance(1);
    const later = await signedIn(acquirer, 'owner');
    expect(
      CommandResponse.parse((await later.get(`/password-commands/${command.id}`)).body).command.status,
    ).toBe('expired');
    expect(statusOf()).toBe('expired');
    const expiredEvent = acquirer.state.audit.find(
      (e) => e.action === 'command.expired' && e.target === command.id,
    );
    expect(expiredEvent).toMatchObject({ actorRole: 'system', tid: T.offline, at: acquirer.now() });
    expect((await detail(later, T.offline)).voidPassword?.state).toBe('default');
  });

  it('fails a change whose PIN was changed at the terminal meanwhile', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const { command } = CommandResponse.parse(
      (await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215')).body,
    );
    await setPin(owner, T.custom, '581937');
    acquirer.clock.advance(30 * SECOND);
    acquirer.tick();
    const after = CommandResponse.parse((await owner.get(`/password-commands/${command.id}`)).body).command;
    expect(after).toMatchObject({ status: 'failed', failureReason: 'password_changed_at_terminal' });
    expect(await currentPinIs(acquirer.state.hasher, terminalOf(acquirer, T.custom), '581937')).toBe(true);
  });

  it('cancels only while queued (409 command.not_cancellable after), by owner or support, not cashier', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const cashier = await signedIn(acquirer, 'cashier');
    const open = (await detail(owner, T.openCommand)).openCommand!;
    expect(codeOf(await cashier.post(`/password-commands/${open.id}/cancel`))).toBe('auth.forbidden');
    const cancelled = await owner.post(`/password-commands/${open.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(CommandResponse.parse(cancelled.body).command).toMatchObject({ status: 'cancelled' });
    expect((await detail(owner, T.openCommand)).openCommand).toBeNull();
    expect(codeOf(await owner.post(`/password-commands/${open.id}/cancel`))).toBe('command.not_cancellable');

    const support = await signedIn(acquirer, 'support');
    const delivered = (await detail(support, T.merchantBDelivered)).openCommand!;
    const refused = await support.post(`/password-commands/${delivered.id}/cancel`);
    expect(refused.status).toBe(409);
    expect(codeOf(refused)).toBe('command.not_cancellable');
  });

  it('lists a terminal’s commands newest first, and hides other merchants’ commands (404)', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215');
    const items = bodyOf<{ items: { requestedAt: string; status: string }[] }>(
      await owner.get(`/terminals/${T.custom}/void-password/commands`),
    ).items;
    expect(items[0]!.status).toBe('queued');
    const times = items.map((c) => Date.parse(c.requestedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const owner2 = await signedIn(acquirer, 'owner2');
    const otherId = (await detail(owner2, T.merchantBDelivered)).openCommand!.id;
    expect((await owner.get(`/password-commands/${otherId}`)).status).toBe(404);
    expect((await owner.post(`/password-commands/${otherId}/cancel`)).status).toBe(404);
  });
});

describe('idempotency', () => {
  it('replays the first result for the same key and body, doing nothing twice', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const first = await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215', 'same-key');
    const again = await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215', 'same-key');
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(bodyOf(await owner.get(`/terminals/${T.custom}/void-password/commands`)).items).toHaveLength(
      acquirer.state.commandsByTid.get(T.custom)!.length,
    );
    expect(acquirer.state.commandsByTid.get(T.custom)!.filter((c) => c.status === 'queued')).toHaveLength(1);
  });

  it('refuses the same key with another body: 422 idempotency.mismatch', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215', 'k1');
    const other = await change(owner, T.custom, DEMO_VOID_PASSWORD, '581937', 'k1');
    expect(other.status).toBe(422);
    expect(codeOf(other)).toBe('idempotency.mismatch');
  });

  it('requires the Idempotency-Key header (400)', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const response = await owner.call('POST', `/terminals/${T.custom}/void-password/change`, {
      body: { currentPassword: DEMO_VOID_PASSWORD, newPassword: '470215' },
    });
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('request.malformed');
  });

  it('does not mix up users or endpoints using the same key', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const owner2 = await signedIn(acquirer, 'owner2');
    expect((await change(owner, T.custom, DEMO_VOID_PASSWORD, '470215', 'shared')).status).toBe(202);
    expect((await change(owner2, T.merchantBCustom, DEMO_VOID_PASSWORD, '470215', 'shared')).status).toBe(
      202,
    );
  });

  it('shows a temporary PIN again on a replay in the same session, but never stores it', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const token = await owner.stepUp(PASSWORDS.owner!);
    const body = { generateTemporary: true };
    const first = await owner.post(`/terminals/${T.custom}/void-password/reset`, body, {
      stepUpToken: token,
      idempotencyKey: 'tmp',
    });
    const again = await owner.post(`/terminals/${T.custom}/void-password/reset`, body, {
      stepUpToken: token,
      idempotencyKey: 'tmp',
    });
    expect(again.body).toEqual(first.body);
    const pin = ResetVoidPasswordResponse.parse(first.body).temporaryPassword!;
    expect(JSON.stringify([...acquirer.state.idempotency.values()])).not.toContain(pin);
  });

  describe('a replayed reset with a temporary PIN', () => {
    const body = { generateTemporary: true };
    // Offline: its command stays queued however long the test waits.
    let tid: string = T.offline;
    const replay = (client: TestClient, token?: string) =>
      client.post(`/terminals/${tid}/void-password/reset`, body, {
        ...(token ? { stepUpToken: token } : {}),
        idempotencyKey: 'tmp',
      });
    const firstReset = async (acquirer: Acquirer, on: string = T.offline) => {
      tid = on;
      const owner = await signedIn(acquirer, 'owner');
      const token = await owner.stepUp(PASSWORDS.owner!);
      const first = await replay(owner, token);
      expect(first.status).toBe(202);
      return { owner, token, first: ResetVoidPasswordResponse.parse(first.body) };
    };
    const pinOf = (response: { body: unknown }) =>
      (response.body as { temporaryPassword?: string }).temporaryPassword;

    it('needs a step-up valid now, in the session that asked (403 after the step-up expired)', async () => {
      const acquirer = testAcquirer();
      const { owner, token, first } = await firstReset(acquirer);
      expect(codeOf(await replay(owner))).toBe('auth.step_up_required');
      acquirer.clock.advance(5 * MINUTE);
      expect(codeOf(await replay(owner, token))).toBe('auth.step_up_required');
      const again = await replay(owner, await owner.stepUp(PASSWORDS.owner!));
      expect(again.status).toBe(202);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(pinOf(again)).toBe(first.temporaryPassword);
    });

    it('answers the command without the PIN in another session, also after sign-out and back', async () => {
      const acquirer = testAcquirer();
      const { owner, first } = await firstReset(acquirer);
      const other = await signedIn(acquirer, 'owner');
      const elsewhere = await replay(other, await other.stepUp(PASSWORDS.owner!));
      expect(elsewhere.status).toBe(202);
      expect(elsewhere.body).toEqual({ command: first.command });
      // The session that asked may still have it…
      expect(pinOf(await replay(owner, await owner.stepUp(PASSWORDS.owner!)))).toBe(first.temporaryPassword);
      // …until it signs out: then it is forgotten, and signing in again does not bring it back.
      expect((await owner.post('/auth/logout')).status).toBe(204);
      expect(acquirer.state.temporaryPasswords.size).toBe(0);
      const back = await signedIn(acquirer, 'owner');
      const after = await replay(back, await back.stepUp(PASSWORDS.owner!));
      expect(after.status).toBe(202);
      expect(after.body).toEqual({ command: first.command });
    });

    it('answers the command without the PIN once the command is cancelled or applied', async () => {
      const acquirer = testAcquirer();
      const { owner, token, first } = await firstReset(acquirer);
      expect((await owner.post(`/password-commands/${first.command.id}/cancel`)).status).toBe(200);
      const cancelled = await replay(owner, token);
      expect(cancelled.status).toBe(202);
      expect(pinOf(cancelled)).toBeUndefined();
      expect(acquirer.state.temporaryPasswords.size).toBe(0);

      const other = testAcquirer();
      const second = await firstReset(other, T.custom); // online: applied at its next heartbeat
      other.clock.advance(30 * SECOND);
      const applied = await replay(second.owner, second.token);
      expect(await other.state.commands.get(second.first.command.id)?.status).toBe('applied');
      expect(applied.status).toBe(202);
      expect(pinOf(applied)).toBeUndefined();
    });
  });
});
