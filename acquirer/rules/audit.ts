import type { AuditEvent, AuditQuery } from '@contract/schemas/audit';
import { ErrorCode } from '@contract/schemas/common';
import type { AuditFilter, AuditKey } from '../audit-trail';
import { toIso } from '../clock';
import { type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import { randomId } from '../hash';
import { decodeCursor, encodeCursor, pageLimit } from '../paging';
import { SimProblem } from '../problem';
import type { SimState } from '../state';
import type { AuditActorRole, AuditRecord } from '../types';
import { requireMerchantInScope, scopeOf } from './access';

export interface AuditInput {
  action: string;
  outcome: 'success' | 'failure';
  actor?: string;
  actorRole?: AuditActorRole;
  merchantId?: string | null;
  tid?: string | null;
  target?: string | null;
  ticketId?: string | null;
  reason?: string | null;
}

/** Callers pass identifiers only: never a PIN, password or token. */
export function recordAudit(
  state: SimState,
  at: number,
  event: AuditInput & { actor: string; actorRole: AuditActorRole },
  clientIp: string | null,
): void {
  state.audit.push({
    id: randomId('aud'),
    at,
    actor: event.actor,
    actorRole: event.actorRole,
    action: event.action,
    merchantId: event.merchantId ?? null,
    tid: event.tid ?? null,
    target: event.target ?? event.tid ?? null,
    outcome: event.outcome,
    ticketId: event.ticketId ?? null,
    reason: event.reason ?? null,
    clientIp,
  });
  state.dirty = true;
}

export function audit(ctx: RequestContext, event: AuditInput): void {
  const user = ctx.user;
  recordAudit(
    ctx.state,
    ctx.now,
    {
      ...event,
      actor: event.actor ?? user?.username ?? 'unknown',
      actorRole: event.actorRole ?? user?.role ?? 'system',
      merchantId: event.merchantId !== undefined ? event.merchantId : (user?.merchantIds[0] ?? null),
    },
    ctx.clientIp,
  );
}

export function auditView(event: AuditRecord): AuditEvent {
  return {
    id: event.id,
    at: toIso(event.at),
    actor: event.actor,
    actorRole: event.actorRole,
    action: event.action as AuditEvent['action'],
    merchantId: event.merchantId,
    tid: event.tid,
    target: event.target,
    outcome: event.outcome,
    ticketId: event.ticketId,
    reason: event.reason,
    clientIp: event.clientIp,
  };
}

/**
 * Newest first, ties newest recorded first, read through the audit trail port (decision 017): the log is
 * append-only, so an event's place in it (its sequence number, `seq`: an index in memory, an
 * autoincrement-like key in SQL) never changes and breaks ties among events of one instant in the order
 * they happened. The cursor is the last row's key `[at, seq]` (decision 004): events recorded between two
 * pages (newer, before the cursor) neither repeat nor hide a row.
 */
export function listAuditEvents(ctx: RequestContext): ReadFirst {
  const user = userOf(ctx);
  if (user.role === 'cashier')
    throw new SimProblem(403, ErrorCode.forbidden, 'Cashiers cannot read the audit log.');
  const query = ctx.query as Omit<AuditQuery, 'limit'> & { limit?: number };
  if (query.merchantId) requireMerchantInScope(ctx, query.merchantId);
  const scope = scopeOf(user);
  const filter: AuditFilter = { merchantIds: scope === null ? null : [...scope] };
  if (query.merchantId) filter.merchantId = query.merchantId;
  if (query.terminalId) filter.tid = query.terminalId;
  if (query.actor) filter.actor = query.actor;
  if (query.type) filter.action = query.type;
  if (query.ticketId) filter.ticket = query.ticketId;
  if (query.from) filter.from = Date.parse(query.from);
  if (query.to) filter.to = Date.parse(query.to);
  const limit = pageLimit(query.limit);
  const after = query.cursor
    ? (decodeCursor(query.cursor, 'audit', ['number', 'number']) as unknown as AuditKey)
    : null;
  return readFirst(async () => {
    const [total, rows] = await Promise.all([
      ctx.auditTrail.count(filter),
      ctx.auditTrail.page(filter, after, limit + 1),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return () => ({
      body: {
        items: page.map((entry) => auditView(entry.event)),
        nextCursor: last && rows.length > limit ? encodeCursor('audit', [last.event.at, last.seq]) : null,
        total,
        serverTime: toIso(ctx.now),
      },
    });
  });
}
