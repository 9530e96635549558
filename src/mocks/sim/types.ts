import type { Role } from '@/api/schemas/common';
import type { PaymentMethod } from '@/api/schemas/transactions';
import type { MockScenario } from '@/api/schemas/mock-control';

/** An HTTP request as any host (MSW, a Node server, a test) hands it to the simulator. */
export interface SimRequest {
  method: string;
  /** The URL's pathname, including the API base (`/api/v1/terminals`) or `/__mock/...`. */
  path: string;
  query?: URLSearchParams | Record<string, string | undefined>;
  /** Header names in lower case. */
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  /** A parsed JSON body. */
  body?: unknown;
  /** The raw body text; when given it wins over `body` and must be JSON (else 400). */
  bodyText?: string;
  clientIp?: string;
}

/** How the host must misbehave, from a fault set through `/__mock/faults`. */
export interface SimFault {
  /** Fail the request as if the connection dropped (MSW: `HttpResponse.error()`). */
  networkError?: boolean;
  /** Wait this long (real time) before answering. */
  delayMs?: number;
  /** The body is deliberately off-contract. */
  malformed?: boolean;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, a string for `text/csv`, `undefined` for 204. */
  body: unknown;
  /** Complete `Set-Cookie` header values. */
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
  /** Per-terminal salt of every hash below. */
  salt: string;
  /** Salted hash of the active PIN; `null` while the terminal still has the factory default. */
  hash: string | null;
  changedAt: number | null;
  /** Hashes of earlier PINs, newest first (for "not one of the last 3"). */
  history: string[];
  /** Bumped on every change, so a change command can tell the PIN moved under it. */
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
  /** Batch number offset, so terminals' batch numbers differ. */
  batchBase: number;
  /** Instants the operator settled the batch at the terminal before the cutoff, ascending. */
  manualSettlements: number[];
  online: boolean;
  /** Last contact of an offline terminal; an online one's is its latest heartbeat. */
  lastSeenAt: number;
  /** Heartbeats of an online terminal fall at instants ≡ phase (mod 30 s). */
  heartbeatPhase: number;
  voidPassword: VoidPasswordRecord;
  /** Bumped on every stored change; part of the ETag. */
  revision: number;
}

export interface TransactionRecord {
  /** Position in the newest-first list, also the keyset for cursors. */
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
  /** Simulated instant the data was generated at; everything is relative to it. */
  generatedAt: number;
  merchants: MerchantRecord[];
  merchantById: Map<string, MerchantRecord>;
  stores: StoreRecord[];
  storeById: Map<string, StoreRecord>;
  terminals: TerminalRecord[];
  terminalByTid: Map<string, TerminalRecord>;
  /** Newest first. */
  transactions: TransactionRecord[];
  /** Indexes of void transactions, newest first (for burst alerts). */
  voidIndexes: number[];
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
  kind: 'change' | 'reset';
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
  /** The PIN version a change was verified against. */
  basePasswordVersion: number;
  ticketId?: string;
  reason?: string;
  jobId?: string;
}

export interface JobRecord {
  id: string;
  createdAt: number;
  requestedBy: string;
  requestedByUserId: string;
  role: Role;
  total: number;
  /** Terminals still to do, each with the new PIN hashed with that terminal's salt. */
  pending: { tid: string; hash: string | null; reused?: boolean }[];
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
  /** `userId endpoint key`. */
  key: string;
  /** Hash of path and body: the body itself may hold PINs. */
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: number;
}

export interface ThrottleRecord {
  failures: number;
  until: number | null;
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
