// @vitest-environment node
import { describe, expect, it } from 'vitest';
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
});
