import type { Role } from '@contract/schemas/common';
import type { MockScenario } from '@contract/schemas/mock-control';
import type { PaymentMethod } from '@contract/schemas/transactions';
import type { PinVerifier } from '@contract/terminal-protocol';

export interface SimRequest {
  method: string;
  path: string;
  query?: URLSearchParams | Record<string, string | undefined>;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  body?: unknown;
  /** Wins over `body`; must be JSON (else 400). */
  bodyText?: string;
  clientIp?: string;
}

export interface SimFault {
  networkError?: boolean;
  delayMs?: number;
  malformed?: boolean;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  setCookies?: string[];
  fault?: SimFault;
}

export type Scenario = MockScenario;

export interface MerchantRecord {
  id: string;
  name: string;
  /** Digits only; answered masked. */
  phone: string;
  payoutMode: 'T1' | 'D0';
}

export interface StoreRecord {
  id: string;
  merchantId: string;
  name: string;
  city: string;
}

export interface VoidPasswordRecord {
  salt: string;
  /** Salted hash of the active PIN; `null` while the terminal still has the factory default. */
  hash: string | null;
  changedAt: number | null;
  /** Newest first, for "not one of the last 3". */
  history: string[];
  /** So a change command can tell the PIN moved under it. */
  version: number;
  failedAttempts: number;
  lockedAt: number | null;
  lockedUntil: number | null;
  /** The active PIN is a generated temporary one: the terminal makes the operator change it at first use. */
  temporary?: boolean;
}

export interface TerminalRecord {
  tid: string;
  sn: string;
  model: string;
  firmware: string;
  merchantId: string;
  storeId: string;
  /** Daily cutoff, minutes after midnight Asia/Shanghai (23:00 = 1380). */
  cutoffMinute: number;
  batchBase: number;
  manualSettlements: number[];
  online: boolean;
  /** Last contact of an offline terminal; an online one's is its latest heartbeat. */
  lastSeenAt: number;
  /** Heartbeats of an online terminal fall at instants ≡ phase (mod 30 s). */
  heartbeatPhase: number;
  voidPassword: VoidPasswordRecord;
  revision: number;
  /** Set once an activation code is issued; activated (`publicKey`), it checks in itself and nothing simulates it. */
  link?: TerminalLink;
}

/** A terminal's credential and what its check-ins said (contract/terminal-protocol.ts). */
export interface TerminalLink {
  /** A one-time activation code not used yet: its hash, and until when it is good. */
  activation: { codeHash: string; expiresAt: number } | null;
  /** Null until the terminal has activated (it is still simulated until then). */
  keyId: string | null;
  /** Ed25519, the raw 32 bytes in base64. The private key never leaves the terminal. */
  publicKey: string | null;
  issuedAt: number | null;
  revokedAt: number | null;
  /** The check-in interval the terminal last reported (or was activated with). */
  intervalMs: number;
  appVersion: string | null;
  /** Nonces of accepted requests still inside the timestamp tolerance, with their timestamps. */
  nonces: [nonce: string, at: number][];
}

export interface TransactionRecord {
  index: number;
  id: string;
  terminal: TerminalRecord;
  type: 'sale' | 'void';
  /** The authorisation result; `voided`/`settled` are derived at read time. */
  outcome: 'approved' | 'declined';
  voided: boolean;
  method: PaymentMethod;
  amount: number;
  cardLast4?: string;
  traceNo: string;
  rrn: string;
  operatorNo: string;
  createdAt: number;
  originalId?: string;
}

export interface World {
  scenario: Scenario;
  seed: string;
  generatedAt: number;
  merchants: MerchantRecord[];
  merchantById: Map<string, MerchantRecord>;
  stores: StoreRecord[];
  storeById: Map<string, StoreRecord>;
  terminals: TerminalRecord[];
  terminalByTid: Map<string, TerminalRecord>;
  transactions: TransactionRecord[];
  commands: CommandRecord[];
  audit: AuditRecord[];
}

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** Merchants of an owner or cashier; support reaches every merchant. */
  merchantIds: string[];
  salt: string;
  passwordHash: string;
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  csrfHash: string;
  createdAt: number;
  lastActivityAt: number;
  /** Kept for a while after the idle timeout, to answer `auth.session_expired`. */
  expired: boolean;
  stepUps: { tokenHash: string; expiresAt: number }[];
}

export type CommandStatus = 'queued' | 'delivered' | 'applied' | 'failed' | 'expired' | 'cancelled';

export interface CommandRecord {
  id: string;
  tid: string;
  merchantId: string;
  /** `change` and `reset` set the void password; `firmware` installs `firmwareVersion`. */
  kind: 'change' | 'reset' | 'firmware';
  status: CommandStatus;
  requestedBy: string;
  requestedByUserId: string | null;
  requestedAt: number;
  deliveredAt?: number;
  appliedAt?: number;
  cancelledAt?: number;
  failureReason?: string;
  expiresAt: number;
  temporary?: boolean;
  /** Salted hash of the PIN it sets; dropped once the command is done. */
  newHash?: string;
  /** What a protocol terminal checks that PIN with (never the PIN); dropped with `newHash`. */
  verifier?: PinVerifier;
  /** The PIN version a change was verified against. */
  basePasswordVersion: number;
  ticketId?: string;
  reason?: string;
  jobId?: string;
  /** A `firmware` command's target release (the model's current one when it was scheduled). */
  firmwareVersion?: string;
}

export interface JobRecord {
  id: string;
  createdAt: number;
  requestedBy: string;
  requestedByUserId: string;
  role: Role;
  total: number;
  /** Terminals still to do, each with the new PIN hashed with that terminal's salt. */
  pending: { tid: string; hash: string | null; reused?: boolean; verifier?: PinVerifier }[];
  results: { tid: string; commandId?: string; error?: string }[];
  succeeded: number;
  failed: number;
  finishedAt: number | null;
  ticketId: string | null;
  reason: string | null;
  clientIp: string | null;
}

export type AuditActorRole = Role | 'terminal' | 'system';

export interface AuditRecord {
  id: string;
  at: number;
  actor: string;
  actorRole: AuditActorRole;
  action: string;
  merchantId: string | null;
  tid: string | null;
  target: string | null;
  outcome: 'success' | 'failure';
  ticketId: string | null;
  reason: string | null;
  clientIp: string | null;
}

export interface IdempotencyRecord {
  key: string;
  /** The body itself may hold PINs. */
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: number;
}

export interface ThrottleRecord {
  failures: number;
  until: number | null;
  /** The first failure of the window; absent in records stored before it was kept (read as long past). */
  since?: number;
}

export interface FaultRecord {
  method: string;
  pattern: RegExp;
  path: string;
  status?: number;
  networkError?: boolean;
  delayMs?: number;
  malformed?: boolean;
  remaining: number;
}
