import { actorKeyOf, ticketKeyOf } from '@acquirer/audit-trail';
import { faultRecord } from '@acquirer/faults';
import { batchNumberAt } from '@acquirer/rules/voidability';
import type { SimState } from '@acquirer/state';
import type {
  AuditRecord,
  CommandRecord,
  FaultRecord,
  IdempotencyRecord,
  JobRecord,
  MerchantRecord,
  SessionRecord,
  StoreRecord,
  TerminalLink,
  TerminalRecord,
  ThrottleRecord,
  TransactionRecord,
  UserRecord,
} from '@acquirer/types';
import type { PinVerifier } from '@contract/terminal-protocol';
import type { Database, PasswordState } from './schema';

// Records of the simulator to rows of the tables and back. Pure: no database here.

type Row<T extends keyof Database> = Database[T];

const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
const unflag = (value: number | null): boolean | undefined => (value === null ? undefined : value === 1);
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function merchantRow(m: MerchantRecord, seq: number): Row<'merchants'> {
  return { id: m.id, seq, name: m.name, phone: m.phone, payout_mode: m.payoutMode };
}
export function merchantOf(r: Row<'merchants'>): MerchantRecord {
  return { id: r.id, name: r.name, phone: r.phone, payoutMode: r.payout_mode };
}

export function storeRow(s: StoreRecord, seq: number): Row<'stores'> {
  // The rank is set for all stores at once (server/db/fleet-ranks.ts).
  return {
    id: s.id,
    seq,
    merchant_id: s.merchantId,
    name: s.name,
    city: s.city,
    name_key: s.name.toLowerCase(),
    name_rank: 0,
  };
}
export function storeOf(r: Row<'stores'>): StoreRecord {
  return { id: r.id, merchantId: r.merchant_id, name: r.name, city: r.city };
}

export function userRow(u: UserRecord, seq: number): Row<'users'> {
  return {
    id: u.id,
    seq,
    username: u.username,
    username_key: u.username.toLowerCase(),
    name: u.name,
    role: u.role,
    password_salt: u.salt,
    password_hash: u.passwordHash,
  };
}
export function userMerchantRows(u: UserRecord): Row<'user_merchants'>[] {
  return u.merchantIds.map((merchant_id, position) => ({ user_id: u.id, merchant_id, position }));
}
export function userOf(r: Row<'users'>, merchantIds: string[]): UserRecord {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    merchantIds,
    salt: r.password_salt,
    passwordHash: r.password_hash,
  };
}

export function passwordStateOf(t: TerminalRecord): PasswordState {
  const vp = t.voidPassword;
  if (vp.lockedUntil !== null) return 'locked';
  if (vp.hash === null) return 'default';
  return vp.temporary ? 'temporary' : 'custom';
}

export function terminalRow(t: TerminalRecord, seq: number): Row<'terminals'> {
  const vp = t.voidPassword;
  if (vp.history.length > 3) throw new Error(`terminal ${t.tid}: more than 3 PINs of history`);
  return {
    tid: t.tid,
    seq,
    sn: t.sn,
    model: t.model,
    firmware: t.firmware,
    merchant_id: t.merchantId,
    store_id: t.storeId,
    cutoff_minute: t.cutoffMinute,
    batch_base: t.batchBase,
    online: t.online ? 1 : 0,
    last_seen_at: t.lastSeenAt,
    heartbeat_phase: t.heartbeatPhase,
    revision: t.revision,
    password_state: passwordStateOf(t),
    password_salt: vp.salt,
    password_hash: vp.hash,
    password_changed_at: vp.changedAt,
    password_history_1: vp.history[0] ?? null,
    password_history_2: vp.history[1] ?? null,
    password_history_3: vp.history[2] ?? null,
    password_version: vp.version,
    password_temporary: flag(vp.temporary),
    failed_attempts: vp.failedAttempts,
    locked_at: vp.lockedAt,
    locked_until: vp.lockedUntil,
    sn_key: t.sn.toLowerCase(),
    password_set: vp.hash === null ? 0 : 1,
    // Set for the whole fleet at once (server/db/fleet-ranks.ts); an update leaves them be.
    store_rank: 0,
    model_rank: 0,
    link: t.link ? JSON.stringify(t.link) : null,
  };
}
export function terminalOf(r: Row<'terminals'>, manualSettlements: number[]): TerminalRecord {
  const history = [r.password_history_1, r.password_history_2, r.password_history_3].filter(
    (h): h is string => h !== null,
  );
  const terminal: TerminalRecord = {
    tid: r.tid,
    sn: r.sn,
    model: r.model,
    firmware: r.firmware,
    merchantId: r.merchant_id,
    storeId: r.store_id,
    cutoffMinute: r.cutoff_minute,
    batchBase: r.batch_base,
    manualSettlements,
    online: r.online === 1,
    lastSeenAt: r.last_seen_at,
    heartbeatPhase: r.heartbeat_phase,
    voidPassword: {
      salt: r.password_salt,
      hash: r.password_hash,
      changedAt: r.password_changed_at,
      history,
      version: r.password_version,
      failedAttempts: r.failed_attempts,
      lockedAt: r.locked_at,
      lockedUntil: r.locked_until,
    },
    revision: r.revision,
  };
  if (r.password_temporary !== null) terminal.voidPassword.temporary = r.password_temporary === 1;
  if (r.link !== null) terminal.link = JSON.parse(r.link) as TerminalLink;
  return terminal;
}

export function transactionRow(t: TransactionRecord): Row<'transactions'> {
  return {
    id: t.id,
    seq: t.index,
    merchant_id: t.terminal.merchantId,
    tid: t.terminal.tid,
    type: t.type,
    outcome: t.outcome,
    voided: t.voided ? 1 : 0,
    method: t.method,
    amount_fen: t.amount,
    card_last4: t.cardLast4 ?? null,
    batch_no: batchNumberAt(t.terminal, t.createdAt),
    trace_no: t.traceNo,
    rrn: t.rrn,
    operator_no: t.operatorNo,
    created_at: t.createdAt,
    original_id: t.originalId ?? null,
  };
}
export function transactionOf(r: Row<'transactions'>, terminal: TerminalRecord): TransactionRecord {
  // One literal in one property order, as the generator's (one hidden class for 200,000 records).
  return {
    index: r.seq,
    id: r.id,
    terminal,
    type: r.type,
    outcome: r.outcome,
    voided: r.voided === 1,
    method: r.method,
    amount: r.amount_fen,
    cardLast4: opt(r.card_last4),
    traceNo: r.trace_no,
    rrn: r.rrn,
    operatorNo: r.operator_no,
    createdAt: r.created_at,
    originalId: opt(r.original_id),
  };
}

export function commandRow(c: CommandRecord, seq: number): Row<'password_commands'> {
  return {
    id: c.id,
    seq,
    tid: c.tid,
    merchant_id: c.merchantId,
    kind: c.kind,
    status: c.status,
    requested_by: c.requestedBy,
    requested_by_user_id: c.requestedByUserId,
    requested_at: c.requestedAt,
    delivered_at: c.deliveredAt ?? null,
    applied_at: c.appliedAt ?? null,
    cancelled_at: c.cancelledAt ?? null,
    failure_reason: c.failureReason ?? null,
    expires_at: c.expiresAt,
    temporary: flag(c.temporary),
    new_hash: c.newHash ?? null,
    verifier: c.verifier ? JSON.stringify(c.verifier) : null,
    base_password_version: c.basePasswordVersion,
    ticket_id: c.ticketId ?? null,
    reason: c.reason ?? null,
    job_id: c.jobId ?? null,
    firmware_version: c.firmwareVersion ?? null,
  };
}
export function commandOf(r: Row<'password_commands'>): CommandRecord {
  const c: CommandRecord = {
    id: r.id,
    tid: r.tid,
    merchantId: r.merchant_id,
    kind: r.kind,
    status: r.status,
    requestedBy: r.requested_by,
    requestedByUserId: r.requested_by_user_id,
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    basePasswordVersion: r.base_password_version,
  };
  // Absent, not undefined: the records compare equal to the generator's.
  if (r.delivered_at !== null) c.deliveredAt = r.delivered_at;
  if (r.applied_at !== null) c.appliedAt = r.applied_at;
  if (r.cancelled_at !== null) c.cancelledAt = r.cancelled_at;
  if (r.failure_reason !== null) c.failureReason = r.failure_reason;
  if (r.temporary !== null) c.temporary = unflag(r.temporary);
  if (r.new_hash !== null) c.newHash = r.new_hash;
  if (r.verifier !== null) c.verifier = JSON.parse(r.verifier) as PinVerifier;
  if (r.ticket_id !== null) c.ticketId = r.ticket_id;
  if (r.reason !== null) c.reason = r.reason;
  if (r.job_id !== null) c.jobId = r.job_id;
  if (r.firmware_version !== null) c.firmwareVersion = r.firmware_version;
  return c;
}

export function jobRow(j: JobRecord): Row<'bulk_jobs'> {
  return {
    id: j.id,
    created_at: j.createdAt,
    requested_by: j.requestedBy,
    requested_by_user_id: j.requestedByUserId,
    role: j.role,
    total: j.total,
    succeeded: j.succeeded,
    failed: j.failed,
    finished_at: j.finishedAt,
    ticket_id: j.ticketId,
    reason: j.reason,
    client_ip: j.clientIp,
  };
}
export function jobPendingRows(j: JobRecord): Row<'bulk_job_pending'>[] {
  return j.pending.map((p, position) => ({
    job_id: j.id,
    position,
    tid: p.tid,
    new_hash: p.hash,
    reused: flag(p.reused),
    verifier: p.verifier ? JSON.stringify(p.verifier) : null,
  }));
}
export function jobResultRows(j: JobRecord): Row<'bulk_job_results'>[] {
  return j.results.map((r, position) => ({
    job_id: j.id,
    position,
    tid: r.tid,
    command_id: r.commandId ?? null,
    error: r.error ?? null,
  }));
}
export function jobOf(
  r: Row<'bulk_jobs'>,
  pending: Row<'bulk_job_pending'>[],
  results: Row<'bulk_job_results'>[],
): JobRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    requestedBy: r.requested_by,
    requestedByUserId: r.requested_by_user_id,
    role: r.role,
    total: r.total,
    pending: pending.map((p) => {
      const item: JobRecord['pending'][number] = { tid: p.tid, hash: p.new_hash };
      if (p.reused !== null) item.reused = p.reused === 1;
      if (p.verifier !== null) item.verifier = JSON.parse(p.verifier) as PinVerifier;
      return item;
    }),
    results: results.map((x) => {
      const item: JobRecord['results'][number] = { tid: x.tid };
      if (x.command_id !== null) item.commandId = x.command_id;
      if (x.error !== null) item.error = x.error;
      return item;
    }),
    succeeded: r.succeeded,
    failed: r.failed,
    finishedAt: r.finished_at,
    ticketId: r.ticket_id,
    reason: r.reason,
    clientIp: r.client_ip,
  };
}

export function sessionRow(s: SessionRecord): Row<'sessions'> {
  return {
    id_hash: s.idHash,
    user_id: s.userId,
    csrf_hash: s.csrfHash,
    created_at: s.createdAt,
    last_activity_at: s.lastActivityAt,
    expired: s.expired ? 1 : 0,
  };
}
export function stepUpRows(s: SessionRecord): Row<'step_up_grants'>[] {
  return s.stepUps.map((g, position) => ({
    token_hash: g.tokenHash,
    session_id_hash: s.idHash,
    expires_at: g.expiresAt,
    position,
  }));
}
export function sessionOf(r: Row<'sessions'>, grants: Row<'step_up_grants'>[]): SessionRecord {
  return {
    idHash: r.id_hash,
    userId: r.user_id,
    csrfHash: r.csrf_hash,
    createdAt: r.created_at,
    lastActivityAt: r.last_activity_at,
    expired: r.expired === 1,
    stepUps: grants.map((g) => ({ tokenHash: g.token_hash, expiresAt: g.expires_at })),
  };
}

export function auditRow(a: AuditRecord, seq: number): Row<'audit_events'> {
  return {
    seq,
    id: a.id,
    at: a.at,
    actor: a.actor,
    actor_key: actorKeyOf(a.actor),
    actor_role: a.actorRole,
    action: a.action,
    merchant_id: a.merchantId,
    tid: a.tid,
    target: a.target,
    outcome: a.outcome,
    ticket_id: a.ticketId,
    ticket_key: a.ticketId === null ? null : ticketKeyOf(a.ticketId),
    reason: a.reason,
    client_ip: a.clientIp,
  };
}
export function auditOf(r: Row<'audit_events'>): AuditRecord {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    merchantId: r.merchant_id,
    tid: r.tid,
    target: r.target,
    outcome: r.outcome,
    ticketId: r.ticket_id,
    reason: r.reason,
    clientIp: r.client_ip,
  };
}

export function idempotencyRow(i: IdempotencyRecord): Row<'idempotency_records'> {
  return {
    key: i.key,
    request_hash: i.requestHash,
    status: i.status,
    body_json: JSON.stringify(i.body ?? null),
    created_at: i.createdAt,
  };
}
export function idempotencyOf(r: Row<'idempotency_records'>): IdempotencyRecord {
  return {
    key: r.key,
    requestHash: r.request_hash,
    status: r.status,
    body: JSON.parse(r.body_json) as unknown,
    createdAt: r.created_at,
  };
}

export function throttleRow(key: string, t: ThrottleRecord): Row<'login_throttles'> {
  return { key, failures: t.failures, until: t.until, since: t.since ?? null };
}

export function faultRows(state: SimState): Row<'faults'>[] {
  return state.faults.map((f: FaultRecord, position) => ({
    position,
    method: f.method,
    path: f.path,
    status: f.status ?? null,
    network_error: flag(f.networkError),
    delay_ms: f.delayMs ?? null,
    malformed: flag(f.malformed),
    remaining: f.remaining,
  }));
}

export function throttleOf(r: Row<'login_throttles'>): ThrottleRecord {
  return { failures: r.failures, until: r.until, ...(r.since === null ? {} : { since: r.since }) };
}

/** In their `position` order. */
export function faultsOf(list: readonly Row<'faults'>[]): FaultRecord[] {
  return list.map((r) =>
    faultRecord({
      method: r.method,
      path: r.path,
      status: opt(r.status),
      networkError: unflag(r.network_error),
      delayMs: opt(r.delay_ms),
      malformed: unflag(r.malformed),
      times: r.remaining,
    }),
  );
}
