// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { PIN_VERIFIER_ITERATIONS } from '@contract/terminal-protocol';
import {
  FACTORY_VOID_PASSWORD,
  MAX_CONSECUTIVE_WRONG_PINS,
  PIN_LOCK_MS,
  TerminalState,
} from './terminal-state';
import { pinVerifier, setPinCommand } from './test-support';

const TID = '58100101';
const NOW = Date.parse('2025-03-01T06:00:00Z');

async function terminalWith(pin: string, options: { temporary?: boolean } = {}): Promise<TerminalState> {
  const terminal = await TerminalState.create(TID);
  expect(terminal.applyCommand(setPinCommand(pinVerifier(pin), options))).toBe('applied');
  terminal.confirmCommand('cmd_1');
  return terminal;
}

describe('TerminalState', () => {
  it('accepts the factory PIN until the acquirer sends one', async () => {
    const terminal = await TerminalState.create(TID);
    expect(terminal.factoryDefault).toBe(true);
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD, NOW)).toBe('ok');
  });

  it('checks a PIN against the verifier the acquirer sent', async () => {
    const terminal = await terminalWith('246813');
    expect(terminal.factoryDefault).toBe(false);
    expect(await terminal.checkPin('246813', NOW)).toBe('ok');
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD, NOW)).toBe('wrong');
    expect(terminal.wrongPinsSinceCheckIn).toBe(1);
  });

  it('locks for 30 minutes at the fifth wrong PIN in a row, the right one included', async () => {
    const terminal = await terminalWith('246813');
    const results = [];
    for (let i = 0; i < MAX_CONSECUTIVE_WRONG_PINS; i++) results.push(await terminal.checkPin('111111', NOW));

    expect(results).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    expect(terminal.lockedUntil).toBe(NOW + PIN_LOCK_MS);
    expect(await terminal.checkPin('246813', NOW + PIN_LOCK_MS - 1)).toBe('locked');
    expect(terminal.wrongPinsSinceCheckIn).toBe(5);
    expect(await terminal.checkPin('246813', NOW + PIN_LOCK_MS)).toBe('ok');
    expect(terminal.lockedUntil).toBeNull();
  });

  it('forgets wrong PINs in a row after a right one', async () => {
    const terminal = await terminalWith('246813');
    for (let i = 0; i < MAX_CONSECUTIVE_WRONG_PINS - 1; i++) await terminal.checkPin('111111', NOW);
    expect(await terminal.checkPin('246813', NOW)).toBe('ok');
    expect(await terminal.checkPin('111111', NOW)).toBe('wrong');
  });

  it('makes the operator change a temporary PIN typed right', async () => {
    const terminal = await terminalWith('246813', { temporary: true });
    expect(await terminal.checkPin('246813', NOW)).toBe('must_change');
    expect(await terminal.checkPin('135792', NOW)).toBe('wrong');
  });

  it('counts only the wrong PINs the acquirer has not been told of', async () => {
    const terminal = await terminalWith('246813');
    await terminal.checkPin('111111', NOW);
    await terminal.checkPin('222222', NOW);
    terminal.wrongPinsReported(1);
    expect(terminal.wrongPinsSinceCheckIn).toBe(1);
  });

  it('applies no expired command and no unusable verifier', async () => {
    const terminal = await TerminalState.create(TID);
    expect(terminal.applyCommand(setPinCommand(pinVerifier('246813'), { expiresInMs: -1 }))).toBe('expired');
    const unusable = { ...pinVerifier('246813'), hash: 'not hex' };
    expect(terminal.applyCommand(setPinCommand(unusable))).toBe('invalid_verifier');
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD, NOW)).toBe('ok');
    expect(terminal.unconfirmedCommandId).toBeNull();
  });

  it('goes back to the previous PIN when the acquirer withdraws the command', async () => {
    const terminal = await TerminalState.create(TID);
    terminal.applyCommand(setPinCommand(pinVerifier('246813'), { id: 'cmd_9' }));
    expect(terminal.unconfirmedCommandId).toBe('cmd_9');

    terminal.rollBackCommand('cmd_9');

    expect(terminal.unconfirmedCommandId).toBeNull();
    expect(terminal.factoryDefault).toBe(true);
    expect(await terminal.checkPin(FACTORY_VOID_PASSWORD, NOW)).toBe('ok');
    expect(await terminal.checkPin('246813', NOW)).toBe('wrong');
  });

  it('survives a snapshot and restore', async () => {
    const terminal = await terminalWith('246813', { temporary: true });
    const restored = TerminalState.restore(JSON.parse(JSON.stringify(terminal.snapshot())));
    expect(await restored.checkPin('246813', NOW)).toBe('must_change');
  });

  describe('changePin', () => {
    const taken = (): Promise<string> => Promise.resolve('taken');

    it('replaces a temporary PIN once submitted, with a verifier of its own', async () => {
      const terminal = await terminalWith('246813', { temporary: true });
      const sent: unknown[] = [];

      const change = await terminal.changePin(
        '246813',
        '581937',
        (body) => {
          sent.push(body);
          return taken();
        },
        NOW,
      );

      expect(change).toEqual({ result: 'changed', reason: 'first_use', answer: 'taken' });
      expect(sent).toEqual([{ newPassword: '581937', reason: 'first_use' }]);
      expect(terminal.temporary).toBe(false);
      expect(terminal.factoryDefault).toBe(false);
      const { verifier } = terminal.snapshot();
      expect(verifier).toMatchObject({ scheme: 'pbkdf2-sha256', iterations: PIN_VERIFIER_ITERATIONS });
      expect(verifier.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(await terminal.checkPin('581937', NOW)).toBe('ok');
      expect(await terminal.checkPin('246813', NOW)).toBe('wrong');
    });

    it('says operator for a PIN that was not temporary', async () => {
      const terminal = await TerminalState.create(TID);
      const change = await terminal.changePin(FACTORY_VOID_PASSWORD, '581937', taken, NOW);
      expect(change).toMatchObject({ result: 'changed', reason: 'operator' });
      expect(terminal.factoryDefault).toBe(false);
    });

    it('changes nothing when the submission fails', async () => {
      const terminal = await terminalWith('246813', { temporary: true });
      const before = terminal.snapshot();
      const refusal = new Error('pin.reused');

      await expect(terminal.changePin('246813', '581937', () => Promise.reject(refusal), NOW)).rejects.toBe(
        refusal,
      );

      const after = terminal.snapshot();
      expect(after.verifier).toEqual(before.verifier);
      expect(after.temporary).toBe(true);
      expect(await terminal.checkPin('246813', NOW)).toBe('must_change');
      expect(await terminal.checkPin('581937', NOW)).toBe('wrong');
    });

    it('refuses a PIN breaking the policy, and a wrong current PIN, without submitting', async () => {
      const terminal = await terminalWith('246813');
      const submit = vi.fn(taken);

      expect(await terminal.changePin('246813', '123456', submit, NOW)).toEqual({
        result: 'refused',
        rules: ['factory_default'],
      });
      expect(await terminal.changePin('246813', '111111', submit, NOW)).toEqual({
        result: 'refused',
        rules: ['same_digit'],
      });
      expect(await terminal.changePin('246813', '12345', submit, NOW)).toEqual({
        result: 'refused',
        rules: ['length'],
      });
      expect(await terminal.changePin('135792', '581937', submit, NOW)).toEqual({ result: 'wrong_pin' });
      expect(terminal.wrongPinsSinceCheckIn).toBe(1);
      expect(submit).not.toHaveBeenCalled();
      expect(await terminal.checkPin('246813', NOW)).toBe('ok');
    });

    it('is locked like a void after five wrong current PINs', async () => {
      const terminal = await terminalWith('246813');
      const submit = vi.fn(taken);
      for (let i = 0; i < MAX_CONSECUTIVE_WRONG_PINS - 1; i++) {
        expect(await terminal.changePin('135792', '581937', submit, NOW)).toEqual({ result: 'wrong_pin' });
      }
      expect(await terminal.changePin('135792', '581937', submit, NOW)).toEqual({
        result: 'locked',
        lockedUntil: NOW + PIN_LOCK_MS,
      });
      expect(await terminal.changePin('246813', '581937', submit, NOW)).toMatchObject({ result: 'locked' });
      expect(submit).not.toHaveBeenCalled();
    });

    it('keeps the new PIN when a command it overtook is withdrawn', async () => {
      const terminal = await TerminalState.create(TID);
      terminal.applyCommand(setPinCommand(pinVerifier('246813'), { id: 'cmd_9' }));

      await terminal.changePin('246813', '581937', taken, NOW);
      terminal.rollBackCommand('cmd_9');

      expect(await terminal.checkPin('581937', NOW)).toBe('ok');
      expect(terminal.factoryDefault).toBe(false);
    });
  });
});
