import { ErrorCode } from '@contract/schemas/common';
import type { VoidPasswordState } from '@contract/schemas/terminals';
import {
  checkVoidPassword,
  FACTORY_DEFAULT_VOID_PASSWORD,
  RULE_ERROR_CODE,
  VOID_PASSWORD_HISTORY,
  type VoidPasswordRule,
} from '@contract/void-password-policy';
import { MINUTE, toIso } from '../clock';
import { isOfScheme, saltedHash, sameHash, type SecretHasher, secretMatches } from '../hash';
import { SimProblem } from '../problem';
import { type SimState, touchTerminal } from '../state';
import type { TerminalRecord } from '../types';

export const MAX_WRONG_ATTEMPTS = 5;
export const LOCK_MS = 30 * MINUTE;

const RULE_MESSAGES: Record<VoidPasswordRule, string> = {
  length: 'The void password has exactly 6 digits.',
  digits: 'The void password has digits only.',
  same_digit: 'Not the same digit six times.',
  sequence: 'Not an ascending or descending run of digits.',
  common: 'Too common a PIN.',
  factory_default: 'Not the factory default 123456.',
};

export function isLocked(terminal: TerminalRecord, now: number): boolean {
  const { lockedUntil } = terminal.voidPassword;
  return lockedUntil !== null && lockedUntil > now;
}

export function passwordStateOf(terminal: TerminalRecord, now: number): VoidPasswordState {
  if (isLocked(terminal, now)) return 'locked';
  if (terminal.voidPassword.hash === null) return 'default';
  return terminal.voidPassword.temporary ? 'temporary' : 'custom';
}

/** The factory default (public anyway) is hashed on demand with the fast default, like generated PINs. */
export function currentHash(terminal: TerminalRecord): string {
  const { hash, salt } = terminal.voidPassword;
  return hash ?? saltedHash(salt, FACTORY_DEFAULT_VOID_PASSWORD);
}

/** Whether a check of this PIN needs the KDF hash (`hashes.of([[salt, pin]])`): the stored hash is of its scheme. */
export function currentNeedsKdf(hasher: SecretHasher, terminal: TerminalRecord): boolean {
  return isOfScheme(hasher, currentHash(terminal));
}

/** `kdfHash` is the hasher's hash of `pin` with the terminal's salt, or null when `currentNeedsKdf` is false. */
export function matchesCurrent(
  terminal: TerminalRecord,
  pin: string,
  hasher: SecretHasher,
  kdfHash: string | null,
): boolean {
  if (kdfHash === null && currentNeedsKdf(hasher, terminal))
    throw new Error('matchesCurrent without its hash');
  return secretMatches(hasher, terminal.voidPassword.salt, pin, currentHash(terminal), kdfHash ?? '');
}

/** For tests and tools: hashes off the loop, then checks. */
export async function currentPinIs(
  hasher: SecretHasher,
  terminal: TerminalRecord,
  pin: string,
): Promise<boolean> {
  return matchesCurrent(terminal, pin, hasher, await hasher.hash(terminal.voidPassword.salt, pin));
}

function recentHashes(terminal: TerminalRecord): string[] {
  return [currentHash(terminal), ...terminal.voidPassword.history].slice(0, VOID_PASSWORD_HISTORY);
}

export function isRecentPin(terminal: TerminalRecord, hash: string): boolean {
  return recentHashes(terminal).some((h) => sameHash(h, hash));
}

/**
 * `hash` is the hasher's hash of `pin` with the terminal's salt, computed ahead. Hashes of another scheme
 * (generated data, the factory default) are compared through their own scheme.
 */
export function checkNewPin(
  hasher: SecretHasher,
  terminal: TerminalRecord,
  pin: string,
  hash: string,
): { hash: string; reused: boolean; reusedOtherScheme: boolean } {
  let reused = false;
  let reusedOtherScheme = false;
  for (const stored of recentHashes(terminal)) {
    if (isOfScheme(hasher, stored)) reused ||= sameHash(stored, hash);
    else if (sameHash(stored, saltedHash(terminal.voidPassword.salt, pin))) reusedOtherScheme = true;
  }
  return { hash, reused: reused || reusedOtherScheme, reusedOtherScheme };
}

export function policyProblem(pin: string, field = 'newPassword'): SimProblem | null {
  const broken = checkVoidPassword(pin);
  if (broken.length === 0) return null;
  const code = RULE_ERROR_CODE[broken[0]!];
  return new SimProblem(422, code, RULE_MESSAGES[broken[0]!], {
    errors: broken.map((rule) => ({ field, code: RULE_ERROR_CODE[rule], message: RULE_MESSAGES[rule] })),
  });
}

/** Only the shape of a current PIN is checked (it may well be 123456): one that cannot be a PIN is no attempt. */
export function currentFormatProblem(pin: string, field = 'currentPassword'): SimProblem | null {
  const broken = checkVoidPassword(pin).filter((rule) => RULE_ERROR_CODE[rule] === ErrorCode.pinFormat);
  if (broken.length === 0) return null;
  const message = 'The current void password has exactly 6 digits (0–9).';
  return new SimProblem(422, ErrorCode.pinFormat, message, {
    errors: [{ field, code: ErrorCode.pinFormat, message }],
  });
}

export function reusedProblem(field = 'newPassword'): SimProblem {
  const message = 'Not one of the last 3 void passwords of this terminal.';
  return new SimProblem(422, ErrorCode.pinReused, message, {
    errors: [{ field, code: ErrorCode.pinReused, message }],
  });
}

export function lockedProblem(terminal: TerminalRecord): SimProblem {
  return new SimProblem(423, ErrorCode.pinLocked, 'The void password is locked after 5 wrong attempts.', {
    lockedUntil: toIso(terminal.voidPassword.lockedUntil ?? 0),
  });
}

export function installPin(
  state: SimState,
  terminal: TerminalRecord,
  hash: string,
  at: number,
  { temporary = false }: { temporary?: boolean } = {},
): void {
  const vp = terminal.voidPassword;
  if (temporary) vp.temporary = true;
  else delete vp.temporary;
  vp.history = [currentHash(terminal), ...vp.history].slice(0, VOID_PASSWORD_HISTORY);
  vp.hash = hash;
  vp.changedAt = at;
  vp.version++;
  vp.failedAttempts = 0;
  vp.lockedAt = null;
  vp.lockedUntil = null;
  touchTerminal(state, terminal);
}

/**
 * Runs before every request: it looks through the fleet only once the earliest lock it knows of is due
 * (100,000 terminals each time cost every request a few ms). A new lock is noted with `noteLock`.
 */
export function liftExpiredLocks(state: SimState, now: number): void {
  if (now < state.nextLockExpiry) return;
  let next = Infinity;
  for (const terminal of state.world.terminals) {
    const vp = terminal.voidPassword;
    if (vp.lockedUntil === null) continue;
    if (vp.lockedUntil <= now) {
      vp.lockedUntil = null;
      vp.lockedAt = null;
      vp.failedAttempts = 0;
      touchTerminal(state, terminal);
    } else {
      next = Math.min(next, vp.lockedUntil);
    }
  }
  state.nextLockExpiry = next;
}

export function noteLock(state: SimState, lockedUntil: number): void {
  state.nextLockExpiry = Math.min(state.nextLockExpiry, lockedUntil);
}
