import { z } from 'zod/mini';
import { TerminalId, Timestamp } from './schemas/common';
import { NotVoidableReason, PaymentMethod } from './schemas/transactions';

/**
 * The terminal protocol (docs/terminal-protocol.md): what a POS terminal sends the acquirer and gets back.
 * Beside the dashboard API, never mixed with it: a terminal signs each request with its own key, a person
 * signs in with a session.
 */
export const TERMINAL_BASE_PATH = '/terminal/v1';

/** The headers of a signed request; the signature covers {@link signedMessage}. */
export const TerminalHeader = {
  tid: 'x-terminal-id',
  /** Milliseconds since the epoch, as decimal digits. */
  timestamp: 'x-terminal-timestamp',
  /** 16 to 64 characters of [A-Za-z0-9_-], never used twice by one terminal. */
  nonce: 'x-terminal-nonce',
  /** Ed25519 over `signedMessage`, base64. */
  signature: 'x-terminal-signature',
} as const;

/** How far a request's timestamp may be from the acquirer's clock, either way. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * What a terminal signs: the method, the path (with its query, if any), its TID, the timestamp, the nonce,
 * and the body exactly as sent (empty for none), one per line.
 */
export function signedMessage(parts: {
  method: string;
  path: string;
  tid: string;
  timestamp: string;
  nonce: string;
  body: string;
}): string {
  return [parts.method.toUpperCase(), parts.path, parts.tid, parts.timestamp, parts.nonce, parts.body].join(
    '\n',
  );
}

/** The refusals of the protocol, each a 401 (signature and credential) or a 4xx with the dashboard's codes. */
export const TerminalErrorCode = {
  unsigned: 'terminal.unsigned',
  unknown: 'terminal.unknown',
  badSignature: 'terminal.bad_signature',
  staleTimestamp: 'terminal.stale_timestamp',
  nonceReused: 'terminal.nonce_reused',
  revoked: 'terminal.revoked',
  badActivationCode: 'terminal.bad_activation_code',
  commandNotOpen: 'terminal.command_not_open',
  /** A trace number of the batch uploaded before with other details: a trace number names one transaction. */
  traceReused: 'terminal.trace_reused',
  /** The batch number named is not the one the acquirer has open (or had) at the transaction's time. */
  batchMismatch: 'terminal.batch_mismatch',
  /** A transaction's time too far from the acquirer's clock (a void is an online authorisation). */
  badTime: 'terminal.bad_time',
} as const;
export type TerminalErrorCode = (typeof TerminalErrorCode)[keyof typeof TerminalErrorCode];

export const CHECK_IN_INTERVAL_MIN_SECONDS = 10;
export const CHECK_IN_INTERVAL_MAX_SECONDS = 24 * 3600;
/** A terminal that missed this many of its check-ins in a row is offline. */
export const MISSED_CHECK_INS_OFFLINE = 3;

/** An activation code: 16 characters of the acquirer's token alphabet, given once, valid for 7 days. */
export const ACTIVATION_CODE_PATTERN = /^[a-z2-9]{16}$/;
export const ACTIVATION_CODE_TTL_MS = 7 * 24 * 3600_000;

/**
 * The terminal's first request: it made its key pair itself and signs this request with the new private key
 * (the signature headers as for any request), so the acquirer learns the public key with proof that the
 * terminal holds the private one. The code is spent; a terminal activated again replaces its key.
 */
/**
 * A public key travels as Ed25519's raw 32 bytes; its SubjectPublicKeyInfo (what crypto libraries import and
 * export) is this 12-byte prefix and those bytes.
 */
export const ED25519_SPKI_PREFIX_HEX = '302a300506032b6570032100';

export const ActivateRequest = z.object({
  activationCode: z.string().check(z.regex(ACTIVATION_CODE_PATTERN)),
  /** Ed25519, the raw 32 bytes, base64. */
  publicKey: z.string().check(z.regex(/^[A-Za-z0-9+/]{43}=$/)),
});
export type ActivateRequest = z.infer<typeof ActivateRequest>;

export const ActivateResponse = z.object({
  tid: TerminalId,
  keyId: z.string(),
  serverTime: Timestamp,
});
export type ActivateResponse = z.infer<typeof ActivateResponse>;

export const CheckInRequest = z.object({
  firmware: z.string().check(z.minLength(1), z.maxLength(40)),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
  checkInIntervalSeconds: z
    .int()
    .check(z.gte(CHECK_IN_INTERVAL_MIN_SECONDS), z.lte(CHECK_IN_INTERVAL_MAX_SECONDS)),
  /** Wrong void passwords typed at the terminal since its last check-in. */
  wrongVoidPasswordAttempts: z.int().check(z.gte(0), z.lte(1000)),
});
export type CheckInRequest = z.infer<typeof CheckInRequest>;

/**
 * How a terminal checks a PIN typed at a void without ever receiving it: PBKDF2-HMAC-SHA256 of the PIN with
 * `salt` (hex), `iterations`, 32 bytes, compared with `hash` (hex). Made for one terminal and one command.
 */
export const PIN_VERIFIER_ITERATIONS = 20_000;

export const PinVerifier = z.object({
  scheme: z.literal('pbkdf2-sha256'),
  iterations: z.int().check(z.gte(1)),
  salt: z.string(),
  hash: z.string(),
});
export type PinVerifier = z.infer<typeof PinVerifier>;

/** Sets the void password: the terminal checks PINs against `verifier` from now on (never the PIN). */
export const SetVoidPasswordCommand = z.object({
  id: z.string(),
  kind: z.literal('set_void_password'),
  verifier: PinVerifier,
  /** A temporary PIN: the terminal makes the operator change it at its first use. */
  temporary: z.boolean(),
  expiresAt: Timestamp,
});
export type SetVoidPasswordCommand = z.infer<typeof SetVoidPasswordCommand>;

/** Installs the firmware release `version` (the model's current one); the next check-in reports it. */
export const UpdateFirmwareCommand = z.object({
  id: z.string(),
  kind: z.literal('update_firmware'),
  version: z.string().check(z.minLength(1), z.maxLength(40)),
  expiresAt: Timestamp,
});
export type UpdateFirmwareCommand = z.infer<typeof UpdateFirmwareCommand>;

/** What a check-in delivers, told apart by `kind`. */
export const TerminalCommand = z.discriminatedUnion('kind', [SetVoidPasswordCommand, UpdateFirmwareCommand]);
export type TerminalCommand = z.infer<typeof TerminalCommand>;

const SixDigits = z.string().check(z.regex(/^\d{6}$/));

/** The batch a terminal adds its sales to now: its number, and when the acquirer closes it (the cutoff). */
export const OpenBatch = z.object({ batchNo: SixDigits, closesAt: Timestamp });
export type OpenBatch = z.infer<typeof OpenBatch>;

export const CheckInResponse = z.object({
  tid: TerminalId,
  serverTime: Timestamp,
  /** When the acquirer expects the next check-in. */
  nextCheckInSeconds: z.int(),
  command: z.nullable(TerminalCommand),
  batch: OpenBatch,
});
export type CheckInResponse = z.infer<typeof CheckInResponse>;

export const CommandAck = z.union([
  z.object({ result: z.literal('applied') }),
  z.object({ result: z.literal('failed'), reason: z.string().check(z.minLength(1), z.maxLength(80)) }),
]);
export type CommandAck = z.infer<typeof CommandAck>;

export const CommandAckResponse = z.object({
  id: z.string(),
  status: z.enum(['applied', 'failed', 'expired', 'cancelled']),
});
export type CommandAckResponse = z.infer<typeof CommandAckResponse>;

/**
 * A void password set at the terminal: a temporary PIN changed at its first use, as the terminal requires, or
 * an operator's change there. The PIN goes in the body only (as in the dashboard's change), so the acquirer
 * can check it against the policy and the last three, and keep it as its own hash. The terminal keeps the
 * verifier it made itself.
 */
export const TerminalPinChange = z.object({
  newPassword: z.string().check(z.maxLength(64)),
  reason: z.enum(['first_use', 'operator']),
});
export type TerminalPinChange = z.infer<typeof TerminalPinChange>;

export const TerminalPinChanged = z.object({ tid: TerminalId, changedAt: Timestamp });
export type TerminalPinChanged = z.infer<typeof TerminalPinChanged>;

export const CredentialRevoked = z.object({ tid: TerminalId, revokedAt: Timestamp });
export type CredentialRevoked = z.infer<typeof CredentialRevoked>;

/** Sales are uploaded up to this long after they were made (an offline terminal stores and forwards). */
export const SALE_UPLOAD_WINDOW_MS = 7 * 24 * 3600_000;
/** The largest single transaction, in fen (¥1,000,000). */
export const MAX_TRANSACTION_FEN = 100_000_000;

/**
 * A sale or a void made at the terminal. `batchNo` and `traceNo` name it: uploaded again with the same details
 * it is the same transaction (a retry adds nothing); with other details it is refused (`terminal.trace_reused`).
 * A void names its original sale by batch and trace number and must be uploaded as it is made: the acquirer
 * decides it under the void rules at that moment.
 */
export const TerminalTransaction = z.object({
  type: z.enum(['sale', 'void']),
  batchNo: SixDigits,
  traceNo: SixDigits,
  rrn: z.string().check(z.regex(/^\d{12}$/)),
  operatorNo: z.string().check(z.regex(/^\d{2}$/)),
  method: PaymentMethod,
  amount: z.int().check(z.gte(1), z.lte(MAX_TRANSACTION_FEN)),
  /** A card's last four digits; a card transaction has them, a QR payment not. */
  cardLast4: z.optional(z.string().check(z.regex(/^\d{4}$/))),
  /** When it was made at the terminal. */
  at: Timestamp,
  original: z.optional(z.object({ batchNo: SixDigits, traceNo: SixDigits })),
});
export type TerminalTransaction = z.infer<typeof TerminalTransaction>;

export const TransactionUploaded = z.object({
  id: z.string(),
  /** `duplicate`: uploaded before with the same details; nothing was added. */
  result: z.enum(['accepted', 'duplicate']),
  createdAt: Timestamp,
});
export type TransactionUploaded = z.infer<typeof TransactionUploaded>;

/** Why the acquirer refused a void (422 `void.<reason>`): the dashboard's reasons, and the terminal's own. */
export const VoidRefusalReason = z.enum([
  ...NotVoidableReason.options,
  'partial_amount',
  'original_not_found',
  'not_a_void',
]);
export type VoidRefusalReason = z.infer<typeof VoidRefusalReason>;
export const voidRefusalCode = (reason: VoidRefusalReason) => `void.${reason}` as const;

const BatchTotals = z.object({
  sales: z.object({ count: z.int(), amount: z.int() }),
  voids: z.object({ count: z.int(), amount: z.int() }),
});

/**
 * The terminal's settlement of a batch, with its own totals (approved sales and voids). The open batch is
 * closed now (a settlement before the cutoff); a batch the cutoff closed already is only reconciled.
 */
export const SettleRequest = z.extend(BatchTotals, { batchNo: SixDigits });
export type SettleRequest = z.infer<typeof SettleRequest>;

export const SettleResponse = z.object({
  batchNo: SixDigits,
  closedAt: Timestamp,
  /** Closed by this settlement, before its cutoff. */
  early: z.boolean(),
  /** The acquirer's totals of the batch, and whether the terminal's agree (对账平). */
  acquirer: BatchTotals,
  balanced: z.boolean(),
  batch: OpenBatch,
});
export type SettleResponse = z.infer<typeof SettleResponse>;

export const terminalEndpoints = {
  activate: { method: 'POST', path: '/activate', body: ActivateRequest, response: ActivateResponse },
  checkIn: { method: 'POST', path: '/check-in', body: CheckInRequest, response: CheckInResponse },
  changeVoidPassword: {
    method: 'POST',
    path: '/void-password',
    body: TerminalPinChange,
    response: TerminalPinChanged,
  },
  ackCommand: {
    method: 'POST',
    path: '/commands/:id/ack',
    body: CommandAck,
    response: CommandAckResponse,
  },
  uploadTransaction: {
    method: 'POST',
    path: '/transactions',
    body: TerminalTransaction,
    response: TransactionUploaded,
  },
  settle: { method: 'POST', path: '/settlement', body: SettleRequest, response: SettleResponse },
} as const;
export type TerminalEndpointName = keyof typeof terminalEndpoints;
