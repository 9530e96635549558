import type { PasswordCommand } from '@contract/schemas/commands';
import { ErrorCode, trimInvisible } from '@contract/schemas/common';
import type { ChangeVoidPasswordRequest, ResetVoidPasswordRequest } from '@contract/schemas/terminals';
import type { PinVerifier } from '@contract/terminal-protocol';
import { checkVoidPassword } from '@contract/void-password-policy';
import { toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { COMMAND_TTL_MS } from '../data/generate';
import { randomId, randomInt } from '../hash';
import type { HashNeed } from '../hash-book';
import type { HeldTemporaryPin } from '../idempotency';
import { SimProblem } from '../problem';
import { addCommand, markChanged, openCommandOf, type SimState, touchTerminal } from '../state';
import type { CommandRecord, TerminalRecord, UserRecord } from '../types';
import { inScope, notFound, requireRole, requireSeesVoidPasswords, terminalInScope } from './access';
import { audit, recordAudit } from './audit';
import { requireStepUp } from './auth';
import { nextHeartbeat } from './heartbeat';
import { isActivated, verifierNeed, verifierOf } from './terminal-link';
import {
  currentFormatProblem,
  checkNewPin,
  currentNeedsKdf,
  installPin,
  isLocked,
  lockedProblem,
  LOCK_MS,
  matchesCurrent,
  MAX_WRONG_ATTEMPTS,
  noteLock,
  policyProblem,
  reusedProblem,
} from './void-password';

export function commandView(command: CommandRecord): PasswordCommand {
  const view: PasswordCommand = {
    id: command.id,
    tid: command.tid,
    kind: command.kind,
    status: command.status,
    requestedBy: command.requestedBy,
    requestedAt: toIso(command.requestedAt),
    expiresAt: toIso(command.expiresAt),
  };
  if (command.deliveredAt !== undefined) view.deliveredAt = toIso(command.deliveredAt);
  if (command.appliedAt !== undefined) view.appliedAt = toIso(command.appliedAt);
  if (command.cancelledAt !== undefined) view.cancelledAt = toIso(command.cancelledAt);
  if (command.failureReason !== undefined) view.failureReason = command.failureReason;
  if (command.temporary) view.temporary = true;
  if (command.firmwareVersion !== undefined) view.firmwareVersion = command.firmwareVersion;
  return view;
}

export function alreadyOpen(open: CommandRecord): SimProblem {
  return new SimProblem(
    409,
    ErrorCode.commandAlreadyOpen,
    open.kind === 'firmware'
      ? 'This terminal already has a firmware update waiting: one command at a time.'
      : 'This terminal already has a password command waiting: one command at a time.',
    {
      openCommandId: open.id,
    },
  );
}

export interface NewCommand {
  terminal: TerminalRecord;
  kind: CommandRecord['kind'];
  /** The PIN's hash (change, reset); a firmware command has none. */
  hash?: string;
  /** A firmware command's target release. */
  firmwareVersion?: string;
  /** For an activated terminal (terminal-protocol.ts). */
  verifier?: PinVerifier | undefined;
  user: UserRecord;
  at: number;
  temporary?: boolean;
  ticketId?: string;
  reason?: string;
  jobId?: string;
}

export function queueCommand(state: SimState, init: NewCommand): CommandRecord {
  const command: CommandRecord = {
    id: randomId('cmd'),
    tid: init.terminal.tid,
    merchantId: init.terminal.merchantId,
    kind: init.kind,
    status: 'queued',
    requestedBy: init.user.name,
    requestedByUserId: init.user.id,
    requestedAt: init.at,
    expiresAt: init.at + COMMAND_TTL_MS,
    basePasswordVersion: init.terminal.voidPassword.version,
  };
  if (init.hash !== undefined) command.newHash = init.hash;
  if (init.firmwareVersion !== undefined) command.firmwareVersion = init.firmwareVersion;
  if (init.verifier) command.verifier = init.verifier;
  if (init.temporary) command.temporary = true;
  if (init.ticketId) command.ticketId = init.ticketId;
  if (init.reason) command.reason = init.reason;
  if (init.jobId) command.jobId = init.jobId;
  addCommand(state, command);
  touchTerminal(state, init.terminal);
  return command;
}

/** A wrong current PIN counts like one typed at the terminal; the 5th locks it for 30 minutes. */
function wrongCurrentPassword(ctx: RequestContext, terminal: TerminalRecord): SimProblem {
  const vp = terminal.voidPassword;
  vp.failedAttempts++;
  touchTerminal(ctx.state, terminal);
  const common = { merchantId: terminal.merchantId, tid: terminal.tid };
  audit(ctx, { ...common, action: 'void_password.wrong_attempt', outcome: 'failure' });
  if (vp.failedAttempts >= MAX_WRONG_ATTEMPTS) {
    vp.lockedAt = ctx.now;
    vp.lockedUntil = ctx.now + LOCK_MS;
    noteLock(ctx.state, vp.lockedUntil);
    audit(ctx, { ...common, action: 'void_password.locked', outcome: 'failure' });
    return lockedProblem(terminal);
  }
  const attemptsRemaining = MAX_WRONG_ATTEMPTS - vp.failedAttempts;
  return new SimProblem(422, ErrorCode.pinWrongCurrent, 'The current void password is wrong.', {
    attemptsRemaining,
    errors: [
      {
        field: 'currentPassword',
        code: ErrorCode.pinWrongCurrent,
        message: 'The current void password is wrong.',
      },
    ],
  });
}

export function changeVoidPassword(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner'], 'change a void password (only the merchant owner can)');
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  const { currentPassword, newPassword } = ctx.body as ChangeVoidPasswordRequest;
  if (isLocked(terminal, ctx.now)) throw lockedProblem(terminal);
  const open = openCommandOf(ctx.state, terminal.tid);
  if (open) throw alreadyOpen(open);
  // The new PIN first: a bad new PIN must not cost one of the 5 attempts.
  const policy = policyProblem(newPassword);
  if (policy) throw policy;
  const format = currentFormatProblem(currentPassword);
  if (format) throw format;
  // Every hash before anything changes: without them the request runs again once they are (decision 014).
  const { hasher } = ctx.state;
  const { salt } = terminal.voidPassword;
  const verifying = verifierNeed(ctx, terminal, newPassword);
  const needs: HashNeed[] = [[salt, newPassword]];
  const kdfCurrent = currentNeedsKdf(hasher, terminal);
  if (kdfCurrent) needs.push([salt, currentPassword]);
  if (verifying) needs.push(verifying);
  const hashes = ctx.hashes.of(needs);
  const hash = hashes[0]!;
  const currentKdf = kdfCurrent ? hashes[1] : undefined;
  const verifier = verifying ? verifierOf(verifying, hashes.at(-1)!) : undefined;
  if (!matchesCurrent(terminal, currentPassword, hasher, currentKdf ?? null)) {
    throw wrongCurrentPassword(ctx, terminal);
  }
  if (terminal.voidPassword.failedAttempts > 0) {
    terminal.voidPassword.failedAttempts = 0;
    touchTerminal(ctx.state, terminal);
  }
  const { reused } = checkNewPin(hasher, terminal, newPassword, hash);
  if (reused) throw reusedProblem();
  const command = queueCommand(ctx.state, {
    terminal,
    kind: 'change',
    hash,
    verifier,
    user: userOf(ctx),
    at: ctx.now,
  });
  audit(ctx, {
    action: 'void_password.change_requested',
    outcome: 'success',
    merchantId: terminal.merchantId,
    tid: terminal.tid,
  });
  return { body: { command: commandView(command) } };
}

function drawTemporaryPin(): string {
  for (;;) {
    const pin = String(randomInt(1_000_000)).padStart(6, '0');
    if (checkVoidPassword(pin).length === 0) return pin;
  }
}

/** The PINs drawn stay with the request, so its next run finds their hashes (decision 014). */
function temporaryPinFor(ctx: RequestContext, terminal: TerminalRecord): { pin: string; hash: string } {
  const drawn = ctx.temporaryPins;
  if (drawn.length === 0) drawn.push(drawTemporaryPin());
  const hashes = ctx.hashes.of(drawn.map((pin) => [terminal.voidPassword.salt, pin]));
  for (const [i, pin] of drawn.entries()) {
    if (!checkNewPin(ctx.state.hasher, terminal, pin, hashes[i]!).reused) return { pin, hash: hashes[i]! };
  }
  // One of the last 3 PINs (3 in a million): draw another, hashed on the next run.
  drawn.push(drawTemporaryPin());
  ctx.hashes.of(drawn.map((pin) => [terminal.voidPassword.salt, pin]));
  throw new Error('unreachable: a new PIN has no hash yet');
}

/** What the command gives an activated terminal to check `pin` with; for other terminals, nothing. */
function commandVerifier(
  ctx: RequestContext,
  terminal: TerminalRecord,
  pin: string,
): PinVerifier | undefined {
  const need = verifierNeed(ctx, terminal, pin);
  return need ? verifierOf(need, ctx.hashes.of([need])[0]!) : undefined;
}

export function requireTicket(
  ctx: RequestContext,
  ticketId: string | undefined,
  reason: string | undefined,
): void {
  if (userOf(ctx).role !== 'support') return;
  const errors = [];
  if (!trimInvisible(ticketId ?? ''))
    errors.push({
      field: 'ticketId',
      code: 'required',
      message: 'A support reset needs the ticket reference.',
    });
  if (!trimInvisible(reason ?? ''))
    errors.push({ field: 'reason', code: 'required', message: 'A support reset needs a reason.' });
  if (errors.length > 0)
    throw new SimProblem(422, ErrorCode.validation, 'Give the ticket and the reason.', { errors });
}

export function resetVoidPassword(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner', 'support'], 'reset a void password');
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  requireStepUp(ctx);
  const body = ctx.body as ResetVoidPasswordRequest;
  requireTicket(ctx, body.ticketId, body.reason);
  const generate = body.generateTemporary === true;
  if (generate === (body.newPassword !== undefined)) {
    throw new SimProblem(
      422,
      ErrorCode.validation,
      'Give a new void password or ask for a temporary one (not both).',
      {
        errors: [
          { field: 'newPassword', code: 'required', message: 'either newPassword or generateTemporary' },
        ],
      },
    );
  }
  const open = openCommandOf(ctx.state, terminal.tid);
  if (open) throw alreadyOpen(open);
  let temporaryPassword: string | undefined;
  let hash: string;
  let verifier: PinVerifier | undefined;
  if (generate) {
    const temporary = temporaryPinFor(ctx, terminal);
    temporaryPassword = temporary.pin;
    hash = temporary.hash;
    verifier = commandVerifier(ctx, terminal, temporary.pin);
  } else {
    const policy = policyProblem(body.newPassword!);
    if (policy) throw policy;
    const [newHash] = ctx.hashes.of([[terminal.voidPassword.salt, body.newPassword!]]);
    const fresh = checkNewPin(ctx.state.hasher, terminal, body.newPassword!, newHash!);
    if (fresh.reused) throw reusedProblem();
    hash = fresh.hash;
    verifier = commandVerifier(ctx, terminal, body.newPassword!);
  }
  const command = queueCommand(ctx.state, {
    terminal,
    kind: 'reset',
    hash,
    verifier,
    user: userOf(ctx),
    at: ctx.now,
    temporary: generate,
    ticketId: body.ticketId?.trim(),
    reason: body.reason?.trim(),
  });
  audit(ctx, {
    action: 'void_password.reset_requested',
    outcome: 'success',
    merchantId: terminal.merchantId,
    tid: terminal.tid,
    ticketId: body.ticketId?.trim() || null,
    reason: body.reason?.trim() || null,
  });
  return { body: { command: commandView(command), ...(temporaryPassword ? { temporaryPassword } : {}) } };
}

/** While its command is open and the session that asked for it lives, a temporary PIN may be shown again. */
export function temporaryPinMayReturn(state: SimState, held: HeldTemporaryPin): boolean {
  const command = state.commands.get(held.commandId);
  const session = state.sessions.get(held.sessionIdHash);
  return (
    (command?.status === 'queued' || command?.status === 'delivered') &&
    session !== undefined &&
    !session.expired
  );
}

/**
 * A replayed reset (same Idempotency-Key) answers its first result; the temporary PIN in it only to the
 * session that asked for it, with a step-up valid now (else 403, as the reset itself), while the command is
 * still open. Any other replay answers the command without the PIN: a key is no bearer token for a secret.
 */
export function temporaryPinOnReplay(ctx: RequestContext, held: HeldTemporaryPin): string | null {
  // What may not return any more is forgotten on every request (pruneIdempotency).
  if (!temporaryPinMayReturn(ctx.state, held) || ctx.session?.idHash !== held.sessionIdHash) return null;
  requireStepUp(ctx);
  return held.pin;
}

function commandInScope(ctx: RequestContext, id: string): CommandRecord {
  const command = ctx.state.commands.get(id);
  if (!command || !inScope(userOf(ctx), command.merchantId)) throw notFound('password command');
  return command;
}

export function getCommand(ctx: RequestContext): HandlerResult {
  requireSeesVoidPasswords(ctx, 'read void-password commands');
  return { body: { command: commandView(commandInScope(ctx, ctx.params.id!)) } };
}

export function cancelCommand(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner', 'support'], 'cancel a password command');
  const command = commandInScope(ctx, ctx.params.id!);
  if (command.status !== 'queued') {
    throw new SimProblem(
      409,
      ErrorCode.commandNotCancellable,
      `The command is ${command.status}; only a queued one can be cancelled.`,
    );
  }
  command.status = 'cancelled';
  command.cancelledAt = ctx.now;
  delete command.newHash;
  delete command.verifier;
  ctx.state.openCommands.delete(command);
  markChanged(ctx.state, 'commands', command.id);
  const terminal = ctx.state.world.terminalByTid.get(command.tid);
  if (terminal) touchTerminal(ctx.state, terminal);
  audit(ctx, {
    action: 'command.cancelled',
    outcome: 'success',
    merchantId: command.merchantId,
    tid: command.tid,
    target: command.id,
  });
  return { body: { command: commandView(command) } };
}

export function commandHistory(ctx: RequestContext): HandlerResult {
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  requireSeesVoidPasswords(ctx, 'read void-password commands');
  const list = ctx.state.commandsByTid.get(terminal.tid) ?? [];
  const items = [...list].sort((a, b) => b.requestedAt - a.requestedAt).map(commandView);
  return { body: { items, serverTime: toIso(ctx.now) } };
}

function closeCommand(state: SimState, command: CommandRecord): void {
  delete command.newHash;
  delete command.verifier;
  state.openCommands.delete(command);
  markChanged(state, 'commands', command.id);
}

/**
 * Why a command cannot be applied now, or null: a change verified against a PIN that has moved since (set at
 * the terminal), or no PIN to set.
 */
export function unapplicableReason(command: CommandRecord, terminal: TerminalRecord): string | null {
  if (command.kind === 'firmware') return command.firmwareVersion === undefined ? 'no_version' : null;
  if (command.kind === 'change' && terminal.voidPassword.version !== command.basePasswordVersion) {
    return 'password_changed_at_terminal';
  }
  return command.newHash === undefined ? 'no_password' : null;
}

/**
 * The terminal took the command's PIN (or installed its firmware) at `at`: at its acknowledgement, or at the
 * simulator's pickup.
 */
export function applyCommand(
  state: SimState,
  command: CommandRecord,
  terminal: TerminalRecord,
  at: number,
): void {
  command.status = 'applied';
  command.appliedAt = at;
  const firmware = command.kind === 'firmware';
  if (firmware) {
    terminal.firmware = command.firmwareVersion!;
    touchTerminal(state, terminal);
  } else {
    installPin(state, terminal, command.newHash!, at, { temporary: command.temporary === true });
  }
  recordAudit(
    state,
    at,
    {
      merchantId: command.merchantId,
      tid: command.tid,
      target: firmware ? `${command.id} (${command.firmwareVersion})` : command.id,
      actor: terminal.tid,
      actorRole: 'terminal',
      action: firmware ? 'firmware.updated' : 'void_password.applied',
      outcome: 'success',
    },
    null,
  );
  closeCommand(state, command);
}

export function failCommand(
  state: SimState,
  command: CommandRecord,
  terminal: TerminalRecord,
  reason: string,
): void {
  command.status = 'failed';
  command.failureReason = reason;
  touchTerminal(state, terminal);
  closeCommand(state, command);
}

export function advanceCommands(state: SimState, now: number): void {
  if (state.openCommands.size === 0) return;
  const open = [...state.openCommands].sort((a, b) => a.requestedAt - b.requestedAt);
  for (const command of open) {
    const terminal = state.world.terminalByTid.get(command.tid);
    if (!terminal) continue;
    // An activated terminal picks its command up itself, at a check-in (terminal-protocol.ts).
    const pickUp =
      terminal.online && !isActivated(terminal)
        ? nextHeartbeat(terminal, command.deliveredAt ?? command.requestedAt)
        : Infinity;
    const deadline = command.expiresAt;
    if (pickUp <= now && pickUp < deadline) {
      command.deliveredAt ??= pickUp;
      const cannot = unapplicableReason(command, terminal);
      if (cannot) failCommand(state, command, terminal, cannot);
      else applyCommand(state, command, terminal, pickUp);
    } else if (now >= deadline) {
      if (command.status === 'queued') {
        command.status = 'expired';
        recordAudit(
          state,
          deadline,
          {
            merchantId: command.merchantId,
            tid: command.tid,
            target: command.id,
            actor: 'system',
            actorRole: 'system',
            action: 'command.expired',
            outcome: 'failure',
          },
          null,
        );
      } else {
        command.status = 'failed';
        command.failureReason = 'not_acknowledged';
      }
      touchTerminal(state, terminal);
      closeCommand(state, command);
    }
  }
}
