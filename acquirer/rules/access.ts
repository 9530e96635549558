import { ErrorCode } from '@contract/schemas/common';
import type { Role } from '@contract/schemas/common';
import { type RequestContext, userOf } from '../context';
import { SimProblem } from '../problem';
import type { TerminalRecord, UserRecord } from '../types';

export function scopeOf(user: UserRecord): ReadonlySet<string> | null {
  return user.role === 'support' ? null : new Set(user.merchantIds);
}

/** Decision 010: the void password guards sales against the cashier, so a cashier does not. */
export function seesVoidPasswords(user: UserRecord): boolean {
  return user.role !== 'cashier';
}

export function requireSeesVoidPasswords(ctx: RequestContext, what: string): void {
  if (!seesVoidPasswords(userOf(ctx))) {
    throw new SimProblem(403, ErrorCode.forbidden, `Your role cannot ${what}.`);
  }
}

export function inScope(user: UserRecord, merchantId: string): boolean {
  return user.role === 'support' || user.merchantIds.includes(merchantId);
}

export function notFound(what: string): SimProblem {
  return new SimProblem(404, ErrorCode.notFound, `No such ${what}.`);
}

/** Another merchant's resources answer 404, exactly as ones that do not exist. */
export function requireMerchantInScope(ctx: RequestContext, merchantId: string): void {
  if (!ctx.state.world.merchantById.has(merchantId) || !inScope(userOf(ctx), merchantId))
    throw notFound('merchant');
}

export function requireRole(ctx: RequestContext, roles: readonly Role[], what: string): void {
  if (!roles.includes(userOf(ctx).role)) {
    throw new SimProblem(403, ErrorCode.forbidden, `Your role cannot ${what}.`);
  }
}

export function terminalInScope(ctx: RequestContext, tid: string): TerminalRecord {
  const terminal = ctx.state.world.terminalByTid.get(tid);
  if (!terminal || !inScope(userOf(ctx), terminal.merchantId)) throw notFound('terminal');
  return terminal;
}
