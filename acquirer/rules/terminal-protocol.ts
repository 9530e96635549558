import type { z } from 'zod/mini';
import { ErrorCode } from '@contract/schemas/common';
import {
  ACTIVATION_CODE_TTL_MS,
  type ActivateRequest,
  type ActivateResponse,
  CheckInRequest,
  CommandAck,
  type CommandAckResponse,
  type CheckInResponse,
  MISSED_CHECK_INS_OFFLINE,
  NONCE_PATTERN,
  signedMessage,
  type TerminalCommand,
  TerminalErrorCode,
  TerminalHeader,
  type TerminalPinChange,
  type TerminalPinChanged,
  TIMESTAMP_TOLERANCE_MS,
} from '@contract/terminal-protocol';
import { toIso } from '../clock';
import type { HandlerResult, RequestContext } from '../context';
import { HEARTBEAT_MS } from '../data/generate';
import { randomId, randomToken, sameHash, tokenHash } from '../hash';
import type { HashBook } from '../hash-book';
import { SimProblem } from '../problem';
import { parseOrReject } from '../router';
import { markChanged, openCommandOf, type SimState, touchTerminal } from '../state';
import type { AuditRecord, TerminalLink, TerminalRecord } from '../types';
import { requireRole, terminalInScope } from './access';
import { audit, recordAudit } from './audit';
import { applyCommand, failCommand, unapplicableReason } from './commands';
import { isActivated } from './terminal-link';
import { openBatchOf } from './terminal-sales';
import {
  checkNewPin,
  installPin,
  LOCK_MS,
  lockedProblem,
  MAX_WRONG_ATTEMPTS,
  noteLock,
  policyProblem,
  reusedProblem,
} from './void-password';

/** Checks an Ed25519 signature; the host's (the server's `node:crypto`). The acquirer holds no crypto of its own. */
export interface TerminalSignatures {
  verify(publicKeyBase64: string, message: string, signatureBase64: string): boolean;
}

/** What a signed protocol request runs with once its signature holds. */
export interface TerminalRequest {
  state: SimState;
  now: number;
  terminal: TerminalRecord;
  link: TerminalLink;
  params: Record<string, string>;
  body: unknown;
}

function refused(code: TerminalErrorCode, detail: string): SimProblem {
  return new SimProblem(401, code, detail);
}

/** The four signature headers of a request. */
interface SignedHeaders {
  tid: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

function signedHeadersOf(headers: Record<string, string>): SignedHeaders {
  const tid = headers[TerminalHeader.tid];
  const timestamp = headers[TerminalHeader.timestamp];
  const nonce = headers[TerminalHeader.nonce];
  const signature = headers[TerminalHeader.signature];
  if (
    !tid ||
    !timestamp ||
    !nonce ||
    !signature ||
    !NONCE_PATTERN.test(nonce) ||
    !/^\d{1,16}$/.test(timestamp)
  ) {
    throw refused(
      TerminalErrorCode.unsigned,
      'Sign the request: X-Terminal-Id, X-Terminal-Timestamp (ms), X-Terminal-Nonce (16–64 of A–Z a–z 0–9 _ -) and X-Terminal-Signature.',
    );
  }
  return { tid, timestamp, nonce, signature };
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  bodyText: string;
}

/** The signature with `publicKey`, then the timestamp; the nonces still good after this request. */
function checkSignature(
  signatures: TerminalSignatures,
  request: SignedRequest,
  signed: SignedHeaders,
  publicKey: string,
  nonces: TerminalLink['nonces'],
  now: number,
): TerminalLink['nonces'] {
  const message = signedMessage({
    method: request.method,
    path: request.path,
    tid: signed.tid,
    timestamp: signed.timestamp,
    nonce: signed.nonce,
    body: request.bodyText,
  });
  if (!signatures.verify(publicKey, message, signed.signature)) {
    throw refused(TerminalErrorCode.badSignature, 'The signature does not match this terminal’s key.');
  }
  const at = Number(signed.timestamp);
  if (Math.abs(at - now) > TIMESTAMP_TOLERANCE_MS) {
    throw refused(
      TerminalErrorCode.staleTimestamp,
      `The timestamp is more than ${TIMESTAMP_TOLERANCE_MS / 60_000} minutes from the acquirer’s clock (${toIso(now)}).`,
    );
  }
  const fresh = nonces.filter(([, seenAt]) => Math.abs(seenAt - now) <= TIMESTAMP_TOLERANCE_MS);
  if (fresh.some(([seen]) => seen === signed.nonce)) {
    throw refused(
      TerminalErrorCode.nonceReused,
      'This nonce was used already: a request is never sent twice.',
    );
  }
  return [...fresh, [signed.nonce, at]];
}

/**
 * The credential, the signature, the timestamp and the nonce; nothing changes unless all hold. The nonce is
 * kept (for as long as its timestamp would pass) only once the signature is good, so nobody can spend a
 * terminal's nonces for it.
 */
export function authenticateTerminal(
  state: SimState,
  signatures: TerminalSignatures,
  request: SignedRequest,
  now: number,
): { terminal: TerminalRecord; link: TerminalLink } {
  const { terminal, link, signed } = signedBy(state, request);
  const nonces = checkSignature(signatures, request, signed, link.publicKey!, link.nonces, now);
  if (link.revokedAt !== null) {
    throw refused(TerminalErrorCode.revoked, 'This terminal’s credential was revoked. Activate it again.');
  }
  link.nonces = nonces;
  touchTerminal(state, terminal);
  return { terminal, link };
}

function signedBy(state: SimState, request: SignedRequest) {
  const signed = signedHeadersOf(request.headers);
  const terminal = state.world.terminalByTid.get(signed.tid);
  const link = terminal?.link;
  if (!terminal || !link?.publicKey) {
    throw refused(TerminalErrorCode.unknown, `Terminal ${signed.tid} is not activated: activate it first.`);
  }
  return { terminal, link, signed };
}

/**
 * The signature and the timestamp only, changing nothing: what a request checks before it has KDF hashes
 * computed (which it must not make anybody's to ask for), so its next run can take the nonce.
 */
export function signedTerminal(
  state: SimState,
  signatures: TerminalSignatures,
  request: SignedRequest,
  now: number,
): TerminalRecord {
  const { terminal, link, signed } = signedBy(state, request);
  checkSignature(signatures, request, signed, link.publicKey!, [], now);
  return terminal;
}

/**
 * The terminal's first request, signed with the key it has just made: the activation code proves who may
 * activate it, the signature that it holds the private key. The code is spent.
 */
export function activate(
  state: SimState,
  signatures: TerminalSignatures,
  request: SignedRequest,
  body: ActivateRequest,
  now: number,
): ActivateResponse {
  const signed = signedHeadersOf(request.headers);
  const terminal = state.world.terminalByTid.get(signed.tid);
  const activation = terminal?.link?.activation;
  const nonces = checkSignature(signatures, request, signed, body.publicKey, [], now);
  if (
    !terminal?.link ||
    !activation ||
    activation.expiresAt <= now ||
    !sameHash(tokenHash(body.activationCode), activation.codeHash)
  ) {
    throw refused(
      TerminalErrorCode.badActivationCode,
      'This activation code is not valid for this terminal (wrong, used or expired). Ask for a new one.',
    );
  }
  const link = terminal.link;
  link.activation = null;
  link.keyId = randomId('tk');
  link.publicKey = body.publicKey;
  link.issuedAt = now;
  link.revokedAt = null;
  link.nonces = nonces;
  terminal.online = true;
  terminal.lastSeenAt = now;
  terminal.heartbeatPhase = now % HEARTBEAT_MS;
  state.activatedTerminals = null;
  touchTerminal(state, terminal);
  terminalAudit(state, now, terminal, {
    action: 'terminal.activated',
    outcome: 'success',
    target: link.keyId,
  });
  return { tid: terminal.tid, keyId: link.keyId, serverTime: toIso(now) };
}

/**
 * A one-time code to activate a terminal with (the hash kept, the code given once). Until the terminal uses
 * it, an activated terminal keeps its key; a simulated one stays simulated.
 */
export function issueActivationCode(state: SimState, terminal: TerminalRecord, now: number): string {
  const code = randomToken(16);
  const activation = { codeHash: tokenHash(code), expiresAt: now + ACTIVATION_CODE_TTL_MS };
  terminal.link = terminal.link
    ? { ...terminal.link, activation }
    : {
        activation,
        keyId: null,
        publicKey: null,
        issuedAt: null,
        revokedAt: null,
        intervalMs: HEARTBEAT_MS,
        appVersion: null,
        nonces: [],
      };
  touchTerminal(state, terminal);
  return code;
}

export function parseTerminalBody<T extends z.ZodMiniType>(schema: T, bodyText: string): z.infer<T> {
  let json: unknown;
  try {
    json = bodyText === '' ? {} : JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  return parseOrReject(schema, json, 'body') as z.infer<T>;
}

function terminalAudit(
  state: SimState,
  at: number,
  terminal: TerminalRecord,
  event: Pick<AuditRecord, 'action' | 'outcome'> & Partial<Pick<AuditRecord, 'target' | 'reason'>>,
): void {
  recordAudit(
    state,
    at,
    {
      merchantId: terminal.merchantId,
      tid: terminal.tid,
      actor: terminal.tid,
      actorRole: 'terminal',
      ...event,
    },
    null,
  );
}

/** The terminal's report: it is online, its versions, and the wrong PINs typed at it since last time. */
export function checkIn(request: TerminalRequest): CheckInResponse {
  const { state, now, terminal, link } = request;
  const body = request.body as CheckInRequest;
  terminal.firmware = body.firmware;
  link.appVersion = body.appVersion ?? null;
  link.intervalMs = body.checkInIntervalSeconds * 1000;
  terminal.online = true;
  terminal.lastSeenAt = now;
  terminal.heartbeatPhase = now % HEARTBEAT_MS;
  countWrongAttempts(state, now, terminal, body.wrongVoidPasswordAttempts);
  touchTerminal(state, terminal);
  return {
    tid: terminal.tid,
    serverTime: toIso(now),
    nextCheckInSeconds: body.checkInIntervalSeconds,
    command: deliver(state, now, terminal),
    batch: openBatchOf(terminal, now),
  };
}

function countWrongAttempts(state: SimState, now: number, terminal: TerminalRecord, wrong: number): void {
  const vp = terminal.voidPassword;
  for (let i = 0; i < wrong && vp.lockedUntil === null; i++) {
    vp.failedAttempts++;
    terminalAudit(state, now, terminal, { action: 'void_password.wrong_attempt', outcome: 'failure' });
    if (vp.failedAttempts >= MAX_WRONG_ATTEMPTS) {
      vp.lockedAt = now;
      vp.lockedUntil = now + LOCK_MS;
      noteLock(state, vp.lockedUntil);
      terminalAudit(state, now, terminal, { action: 'void_password.locked', outcome: 'failure' });
    }
  }
}

function deliver(state: SimState, now: number, terminal: TerminalRecord): TerminalCommand | null {
  const command = openCommandOf(state, terminal.tid);
  if (!command || now >= command.expiresAt) return null;
  // A PIN command queued before the terminal was activated has nothing the terminal could check a PIN with;
  // a change made against a PIN set at the terminal since fails as the simulator's would.
  const needsVerifier = command.kind !== 'firmware';
  const cannot = needsVerifier && !command.verifier ? 'no_verifier' : unapplicableReason(command, terminal);
  if (cannot) {
    failCommand(state, command, terminal, cannot);
    return null;
  }
  if (command.status === 'queued') {
    command.status = 'delivered';
    command.deliveredAt = now;
    markChanged(state, 'commands', command.id);
  }
  if (command.kind === 'firmware') {
    return {
      id: command.id,
      kind: 'update_firmware',
      version: command.firmwareVersion!,
      expiresAt: toIso(command.expiresAt),
    };
  }
  return {
    id: command.id,
    kind: 'set_void_password',
    verifier: command.verifier!,
    temporary: command.temporary === true,
    expiresAt: toIso(command.expiresAt),
  };
}

/** Applied or failed, once; the same acknowledgement again answers the same (a retry adds nothing). */
export function acknowledgeCommand(request: TerminalRequest): CommandAckResponse {
  const { state, now, terminal } = request;
  const ack = request.body as CommandAck;
  const command = state.commands.get(request.params.id ?? '');
  if (!command || command.tid !== terminal.tid) {
    throw new SimProblem(404, ErrorCode.notFound, 'This terminal has no such command.');
  }
  if (command.status === 'delivered') {
    if (ack.result === 'applied') {
      applyCommand(state, command, terminal, now);
    } else {
      failCommand(state, command, terminal, ack.reason);
      terminalAudit(state, now, terminal, {
        action: 'command.failed',
        outcome: 'failure',
        target: command.id,
        reason: ack.reason,
      });
    }
    return { id: command.id, status: command.status as CommandAckResponse['status'] };
  }
  const repeated =
    (command.status === 'applied' && ack.result === 'applied') ||
    (command.status === 'failed' && ack.result === 'failed');
  if (repeated) return { id: command.id, status: command.status as CommandAckResponse['status'] };
  throw new SimProblem(
    409,
    TerminalErrorCode.commandNotOpen,
    `The command is ${command.status}: it was not delivered to be applied now. Do not apply it.`,
  );
}

/** Linked terminals that missed their check-ins go offline (a lazy check, on every request like the rest). */
export function markMissedCheckIns(state: SimState, now: number): void {
  for (const terminal of linkedTerminals(state)) {
    const link = terminal.link!;
    if (!terminal.online || link.revokedAt !== null) continue;
    if (now - terminal.lastSeenAt <= MISSED_CHECK_INS_OFFLINE * link.intervalMs) continue;
    terminal.online = false;
    touchTerminal(state, terminal);
  }
}

/** The activated terminals, looked up again only after an activation (`activate`, or another process's). */
function linkedTerminals(state: SimState): TerminalRecord[] {
  return (state.activatedTerminals ??= state.world.terminals.filter(isActivated));
}

export function revokeTerminal(state: SimState, terminal: TerminalRecord, now: number): boolean {
  if (!terminal.link?.publicKey || terminal.link.revokedAt !== null) return false;
  terminal.link.revokedAt = now;
  terminal.online = false;
  touchTerminal(state, terminal);
  return true;
}

export function revokeTerminalCredential(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner', 'support'], 'revoke a terminal’s credential');
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  const link = terminal.link;
  if (!link?.publicKey) {
    throw new SimProblem(
      409,
      ErrorCode.validation,
      'This terminal has no credential: it was never activated.',
    );
  }
  if (revokeTerminal(ctx.state, terminal, ctx.now)) {
    audit(ctx, {
      action: 'terminal.revoked',
      outcome: 'success',
      merchantId: terminal.merchantId,
      tid: terminal.tid,
    });
  }
  return { body: { tid: terminal.tid, revokedAt: toIso(link.revokedAt!) } };
}

/**
 * The hash of a PIN set at the terminal, checked against the policy first; throws HashesNeeded (before the
 * request has changed anything) until it is computed.
 */
export function pinChangeHash(terminal: TerminalRecord, body: TerminalPinChange, hashes: HashBook): string {
  const policy = policyProblem(body.newPassword);
  if (policy) throw policy;
  return hashes.of([[terminal.voidPassword.salt, body.newPassword]])[0]!;
}

/** A temporary PIN changed at its first use, or an operator's change at the terminal. */
export function changePinAtTerminal(request: TerminalRequest, hash: string): TerminalPinChanged {
  const { state, now, terminal } = request;
  const body = request.body as TerminalPinChange;
  if (terminal.voidPassword.lockedUntil !== null) throw lockedProblem(terminal);
  if (checkNewPin(state.hasher, terminal, body.newPassword, hash).reused) throw reusedProblem();
  installPin(state, terminal, hash, now);
  terminalAudit(state, now, terminal, {
    action: 'void_password.changed_at_terminal',
    outcome: 'success',
    reason: body.reason,
  });
  return { tid: terminal.tid, changedAt: toIso(now) };
}
