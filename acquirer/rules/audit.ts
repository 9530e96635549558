import type { AuditEvent, AuditQuery } from '@contract/schemas/audit';
import { ErrorCode } from '@contract/schemas/common';
import { toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { randomId } from '../hash';
import { decodeCursor, encodeCursor, firstAfter, pageLimit } from '../paging';
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

  // Newest first, ties newest appended first. The log is append-only, so an event's place in it (its
  // sequence number, `seq`: an autoincrement key in SQL) never changes and breaks ties among events of
  // one instant in the order they happened. The cursor is the last row's key `[at, seq]` (decision 004):
  // events recorded between two pages (newer, before the cursor) neither repeat nor hide a row.
  const events = ctx.state.audit;
  const order: number[] = [];
  for (let seq = 0; seq < events.length; seq++) if (matches(events[seq]!)) order.push(seq);
  order.sort((x, y) => events[y]!.at - events[x]!.at || y - x);
  let first = 0;
  if (query.cursor) {
    const [at, seq] = decodeCursor(query.cursor, 'audit', ['number', 'number']) as [number, number];
    first = firstAfter(order, (i) => events[i]!.at < at || (events[i]!.at === at && i < seq));
  }
  const taken = order.slice(first, first + limit);
  const last = taken.at(-1);
  const items = taken.map((i) => auditView(events[i]!));
  const total = order.length;
  const nextCursor =
    last !== undefined && first + limit < total ? encodeCursor('audit', [events[last]!.at, last]) : null;
  return { body: { items, nextCursor, total, serverTime: toIso(ctx.now) } };
}
