import type { AuditEvent, AuditQuery } from '@contract/schemas/audit';
import { ErrorCode } from '@contract/schemas/common';
import { toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
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

function ticketKeyOf(ticketId: string): string {
  return ticketId.replace(/[\s_-]+/g, '').toLowerCase();
}

export function listAuditEvents(ctx: RequestContext): HandlerResult {
  const user = userOf(ctx);
  if (user.role === 'cashier')
    throw new SimProblem(403, ErrorCode.forbidden, 'Cashiers cannot read the audit log.');
  const query = ctx.query as Omit<AuditQuery, 'limit'> & { limit?: number };
  if (query.merchantId) requireMerchantInScope(ctx, query.merchantId);
  const scope = scopeOf(user);
  const from = query.from ? Date.parse(query.from) : null;
  const to = query.to ? Date.parse(query.to) : null;
  const actor = query.actor?.toLowerCase();
  const ticket = ticketKeyOf(query.ticketId ?? '');
  const start = query.cursor ? decodeCursor(query.cursor, 'audit') : ctx.state.audit.length;
  const limit = pageLimit(query.limit);

  const matches = (e: AuditRecord) =>
    (scope === null || (e.merchantId !== null && scope.has(e.merchantId))) &&
    (!query.merchantId || e.merchantId === query.merchantId) &&
    (!query.terminalId || e.tid === query.terminalId) &&
    (!actor || e.actor.toLowerCase().includes(actor)) &&
    (!query.type || e.action === query.type) &&
    (!ticket || (e.ticketId !== null && ticketKeyOf(e.ticketId).includes(ticket))) &&
    (from === null || e.at >= from) &&
    (to === null || e.at < to);

  // Newest first: the log is append-only, so the array position is a stable keyset.
  const events = ctx.state.audit;
  const order = events.map((_, i) => i).sort((x, y) => events[y]!.at - events[x]!.at || y - x);
  const items: AuditEvent[] = [];
  let total = 0;
  let nextCursor: string | null = null;
  let lastTaken = -1;
  let started = query.cursor === undefined;
  for (const i of order) {
    const event = events[i]!;
    if (!matches(event)) continue;
    total++;
    if (!started) {
      if (i === start) started = true;
      continue;
    }
    if (items.length < limit) {
      items.push(auditView(event));
      lastTaken = i;
    } else if (nextCursor === null) nextCursor = encodeCursor('audit', lastTaken);
  }
  return { body: { items, nextCursor, total, serverTime: toIso(ctx.now) } };
}
