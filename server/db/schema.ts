import type { AuditActorRole, CommandStatus } from '@acquirer/types';
import type { PaymentMethod } from '@contract/schemas/transactions';

// Column types as the SQLite driver answers them. Instants are epoch milliseconds (bigint columns); flags are
// 0/1 integers, which PostgreSQL stores as well (no boolean coercion differs between the dialects).

export interface MetaTable {
  key: string;
  value: string;
}

export interface MerchantsTable {
  id: string;
  /** Order of creation (the simulator's lists keep it). */
  seq: number;
  name: string;
  phone: string;
  payout_mode: 'T1' | 'D0';
}

export interface StoresTable {
  id: string;
  /** Order of creation (the simulator's lists keep it). */
  seq: number;
  merchant_id: string;
  name: string;
  city: string;
  /** `name` lower-cased as JavaScript does it, for the fleet's search (migration 0006). */
  name_key: string;
  /** The name's place among all store names in the fleet's order (server/db/fleet-ranks.ts). */
  name_rank: number;
}

export interface UsersTable {
  id: string;
  /** Order of creation (the simulator's lists keep it). */
  seq: number;
  username: string;
  /** Lower-cased username: sign-in is case-insensitive. */
  username_key: string;
  name: string;
  role: 'owner' | 'cashier' | 'support';
  password_salt: string;
  password_hash: string;
}

export interface UserMerchantsTable {
  user_id: string;
  merchant_id: string;
  position: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_hash: string;
  created_at: number;
  last_activity_at: number;
  expired: number;
}

export interface StepUpGrantsTable {
  token_hash: string;
  session_id_hash: string;
  expires_at: number;
  position: number;
}

/** `default` is the factory PIN (no hash); a lock is `locked_until` in the future, whatever the kind. */
export type PasswordState = 'default' | 'custom' | 'temporary' | 'locked';

export interface TerminalsTable {
  tid: string;
  /** Order of creation (the simulator's lists keep it). */
  seq: number;
  sn: string;
  model: string;
  firmware: string;
  merchant_id: string;
  store_id: string;
  cutoff_minute: number;
  batch_base: number;
  online: number;
  last_seen_at: number;
  heartbeat_phase: number;
  revision: number;
  password_state: PasswordState;
  password_salt: string;
  password_hash: string | null;
  password_changed_at: number | null;
  /** The last three PINs' hashes, newest first. */
  password_history_1: string | null;
  password_history_2: string | null;
  password_history_3: string | null;
  password_version: number;
  /** The active PIN is a generated temporary one (kept apart: `locked` hides it in the state). */
  password_temporary: number | null;
  failed_attempts: number;
  locked_at: number | null;
  locked_until: number | null;
  /** `sn` lower-cased as JavaScript does it, for the fleet's search (migration 0006). */
  sn_key: string;
  /** Its store's `name_rank`, and its model's rank: the fleet sorts by them (server/db/fleet-ranks.ts). */
  store_rank: number;
  model_rank: number;
  /** 1 when a PIN other than the factory one is set (`password_hash` not null): narrow, for the counts. */
  password_set: number;
  /** An activated terminal's `TerminalLink` (acquirer/types.ts) as JSON; null: simulated (migration 0010). */
  link: string | null;
}

export interface TerminalSettlementsTable {
  tid: string;
  settled_at: number;
}

export interface TransactionsTable {
  id: string;
  /** The generator's order: newest first, ties in the order generated. */
  seq: number;
  merchant_id: string;
  tid: string;
  type: 'sale' | 'void';
  outcome: 'approved' | 'declined';
  voided: number;
  method: PaymentMethod;
  amount_fen: number;
  card_last4: string | null;
  batch_no: string;
  trace_no: string;
  rrn: string;
  operator_no: string;
  created_at: number;
  original_id: string | null;
}

export interface PasswordCommandsTable {
  id: string;
  /** Order of creation, which the per-terminal command lists keep. */
  seq: number;
  tid: string;
  merchant_id: string;
  /** `firmware` since migration 0012. */
  kind: 'change' | 'reset' | 'firmware';
  status: CommandStatus;
  requested_by: string;
  requested_by_user_id: string | null;
  requested_at: number;
  delivered_at: number | null;
  applied_at: number | null;
  cancelled_at: number | null;
  failure_reason: string | null;
  expires_at: number;
  temporary: number | null;
  new_hash: string | null;
  /** `PinVerifier` JSON, for an activated terminal (migration 0010). */
  verifier: string | null;
  base_password_version: number;
  ticket_id: string | null;
  reason: string | null;
  job_id: string | null;
  /** A firmware command's target release (migration 0012). */
  firmware_version: string | null;
}

export interface BulkJobsTable {
  id: string;
  created_at: number;
  requested_by: string;
  requested_by_user_id: string;
  role: 'owner' | 'cashier' | 'support';
  total: number;
  succeeded: number;
  failed: number;
  finished_at: number | null;
  ticket_id: string | null;
  reason: string | null;
  client_ip: string | null;
}

export interface BulkJobPendingTable {
  job_id: string;
  position: number;
  tid: string;
  new_hash: string | null;
  reused: number | null;
  verifier: string | null;
}

export interface BulkJobResultsTable {
  job_id: string;
  position: number;
  tid: string;
  command_id: string | null;
  error: string | null;
}

export interface AuditEventsTable {
  /** Order of recording. */
  seq: number;
  id: string;
  at: number;
  actor: string;
  /** `actorKeyOf(actor)` (acquirer/audit-trail.ts): the actor search's key, lower-cased by JavaScript. */
  actor_key: string;
  actor_role: AuditActorRole;
  action: string;
  merchant_id: string | null;
  tid: string | null;
  target: string | null;
  outcome: 'success' | 'failure';
  ticket_id: string | null;
  /** `ticketKeyOf(ticket_id)`: the ticket search's key (no whitespace, `_` or `-`; lower case). */
  ticket_key: string | null;
  reason: string | null;
  client_ip: string | null;
}

export interface AlertsTable {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  merchant_id: string;
  tid: string | null;
  created_at: number;
  resolved_at: number | null;
}

export interface IdempotencyRecordsTable {
  key: string;
  /** A keyed MAC of the request: its body may hold PINs. */
  request_hash: string;
  status: number;
  /** The answer replayed; never a temporary PIN. */
  body_json: string;
  created_at: number;
}

export interface LoginThrottlesTable {
  key: string;
  failures: number;
  until: number | null;
  /** The first failure of the counting window (it decays from there). */
  since: number | null;
}

export interface FaultsTable {
  position: number;
  method: string;
  path: string;
  status: number | null;
  network_error: number | null;
  delay_ms: number | null;
  malformed: number | null;
  remaining: number;
}

/** What each committed transaction changed of the state processes hold (decision 021). */
export interface StateLogTable {
  version: number;
  /** terminal, session, command, job, idempotency, throttle, user, faults, clock, or all. */
  kind: string;
  key: string;
}

/** Live events of the last minutes, shared by the processes on PostgreSQL (migration 0011, decision 023). */
export interface LiveEventsTable {
  id: number;
  stored_at: number;
  merchant_id: string | null;
  body: string;
}

export interface Database {
  meta: MetaTable;
  merchants: MerchantsTable;
  stores: StoresTable;
  users: UsersTable;
  user_merchants: UserMerchantsTable;
  sessions: SessionsTable;
  step_up_grants: StepUpGrantsTable;
  terminals: TerminalsTable;
  terminal_settlements: TerminalSettlementsTable;
  transactions: TransactionsTable;
  password_commands: PasswordCommandsTable;
  bulk_jobs: BulkJobsTable;
  bulk_job_pending: BulkJobPendingTable;
  bulk_job_results: BulkJobResultsTable;
  audit_events: AuditEventsTable;
  alerts: AlertsTable;
  idempotency_records: IdempotencyRecordsTable;
  login_throttles: LoginThrottlesTable;
  faults: FaultsTable;
  state_log: StateLogTable;
  live_events: LiveEventsTable;
}
