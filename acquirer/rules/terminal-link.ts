import { PIN_VERIFIER_ITERATIONS, type PinVerifier } from '@contract/terminal-protocol';
import type { RequestContext } from '../context';
import type { HashNeed } from '../hash-book';
import type { TerminalRecord } from '../types';

/** Activated on the terminal protocol: it checks in itself, and nothing simulates it. */
export function isActivated(terminal: TerminalRecord): boolean {
  return Boolean(terminal.link?.publicKey);
}

/**
 * The verifier of a PIN a command sets, for an activated terminal (else `null`): its salt derived from the
 * request's Idempotency-Key (which every endpoint that queues commands requires), so every run of the
 * request asks the hash book for the same one.
 */
export function verifierNeed(ctx: RequestContext, terminal: TerminalRecord, pin: string): HashNeed | null {
  if (!isActivated(terminal) || terminal.link!.revokedAt !== null) return null;
  const key = ctx.headers['idempotency-key'] ?? '';
  const salt = ctx.state.hasher.digest(`pin-verifier\u0000${terminal.tid}\u0000${key}`).slice(0, 32);
  return [salt, pin, 'verifier'];
}

export function verifierOf(need: HashNeed, hash: string): PinVerifier {
  return { scheme: 'pbkdf2-sha256', iterations: PIN_VERIFIER_ITERATIONS, salt: need[0], hash };
}
