import { ErrorCode } from '@contract/schemas/common';
import type { Store } from '@contract/schemas/merchants';
import type {
  TerminalFacets,
  TerminalFilter,
  TerminalListQuery,
  TerminalSummary,
  TerminalView,
} from '@contract/schemas/terminals';
import { nextCutoffAfter, toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { sha256Hex } from '../hash';
import { decodeCursor, encodeCursor, pageLimit } from '../paging';
import { SimProblem } from '../problem';
import {
  inScope,
  requireMerchantInScope,
  requireSeesVoidPasswords,
  scopeOf,
  seesVoidPasswords,
  terminalInScope,
} from '../rules/access';
import { isStalePassword } from '../rules/alerts';
import { commandView } from '../rules/commands';
import { lastSeenOf } from '../rules/heartbeat';
import { passwordStateOf } from '../rules/void-password';
import { batchNumberAt } from '../rules/voidability';
import { openCommandOf, type SimState } from '../state';
import type { TerminalRecord, UserRecord } from '../types';

export function terminalSummary(
  state: SimState,
  terminal: TerminalRecord,
  now: number,
  seesVoidPassword = true,
): TerminalSummary {
  const { world } = state;
  const vp = terminal.voidPassword;
  const locked = passwordStateOf(terminal, now) === 'locked';
  const open = openCommandOf(state, terminal.tid);
  return {
    tid: terminal.tid,
    sn: terminal.sn,
    model: terminal.model,
    firmware: terminal.firmware,
    merchantId: terminal.merchantId,
    merchantName: world.merchantById.get(terminal.merchantId)?.name ?? '',
    storeId: terminal.storeId,
    storeName: world.storeById.get(terminal.storeId)?.name ?? '',
    status: terminal.online ? 'online' : 'offline',
    lastSeenAt: toIso(lastSeenOf(terminal, now)),
    voidPassword: seesVoidPassword
      ? {
          state: passwordStateOf(terminal, now),
          changedAt: vp.changedAt === null ? null : toIso(vp.changedAt),
          lockedUntil: locked && vp.lockedUntil !== null ? toIso(vp.lockedUntil) : null,
        }
      : null,
    openCommand: open && seesVoidPassword ? commandView(open) : null,
  };
}

/** A sale exactly at the cutoff is the next batch's. */
export function openBatchOf(terminal: TerminalRecord, now: number): { number: string; cutoffAt: string } {
  return {
    number: batchNumberAt(terminal, now),
    cutoffAt: toIso(nextCutoffAfter(now, terminal.cutoffMinute)),
  };
}

export function terminalDetail(
  state: SimState,
  terminal: TerminalRecord,
  now: number,
  seesVoidPassword = true,
): TerminalView {
  const summary = terminalSummary(state, terminal, now, seesVoidPassword);
  const failedAttempts = seesVoidPassword ? terminal.voidPassword.failedAttempts : null;
  const batch = openBatchOf(terminal, now);
  // The ETag covers everything but the heartbeat time, so polling does not see a "change" every 30 s.
  const { lastSeenAt: _lastSeenAt, ...versioned } = summary;
  const version = `W/"${terminal.revision}-${sha256Hex(JSON.stringify([versioned, failedAttempts, batch])).slice(0, 12)}"`;
  return {
    ...summary,
    voidPassword: summary.voidPassword && { ...summary.voidPassword, failedAttempts: failedAttempts ?? 0 },
    batch,
    version,
    serverTime: toIso(now),
  };
}

function ifMatchTags(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

export function requireTerminalVersion(ctx: RequestContext, tid: string): void {
  const header = ctx.headers['if-match'];
  if (header === undefined) return;
  const terminal = ctx.state.world.terminalByTid.get(tid);
  if (!terminal || !ctx.user || !inScope(ctx.user, terminal.merchantId)) return; // the handler answers 404
  const current = terminalDetail(ctx.state, terminal, ctx.now).version.replace(/^W\//, '');
  const tags = ifMatchTags(header);
  if (tags.includes('*') || tags.includes(current)) return;
  throw new SimProblem(412, ErrorCode.versionConflict, 'The terminal changed since you loaded it.');
}

/** 2号店 before 29号店, Chinese by pinyin. */
export const naturalOrder = new Intl.Collator('zh-CN', { numeric: true }).compare;

export function filterTerminals(ctx: RequestContext, filter: TerminalFilter): TerminalRecord[] {
  const user: UserRecord = userOf(ctx);
  if (filter.merchantId) requireMerchantInScope(ctx, filter.merchantId);
  if (filter.passwordState || filter.passwordAge || filter.command)
    requireSeesVoidPasswords(ctx, 'filter terminals by their void password');
  const scope = scopeOf(user);
  const { world } = ctx.state;
  const q = filter.q?.trim().toLowerCase();
  return world.terminals.filter((t) => {
    if (scope !== null && !scope.has(t.merchantId)) return false;
    if (filter.merchantId && t.merchantId !== filter.merchantId) return false;
    if (filter.status && (t.online ? 'online' : 'offline') !== filter.status) return false;
    if (filter.passwordState && passwordStateOf(t, ctx.now) !== filter.passwordState) return false;
    if (filter.storeId && t.storeId !== filter.storeId) return false;
    if (filter.model && t.model !== filter.model) return false;
    if (filter.passwordAge === 'stale' && !isStalePassword(t, ctx.now)) return false;
    if (filter.command === 'open' && !openCommandOf(ctx.state, t.tid)) return false;
    if (q) {
      const storeName = world.storeById.get(t.storeId)?.name.toLowerCase() ?? '';
      if (!t.tid.includes(q) && !t.sn.toLowerCase().includes(q) && !storeName.includes(q)) return false;
    }
    return true;
  });
}

function compareBy(
  ctx: RequestContext,
  sort: TerminalListQuery['sort'],
): (a: TerminalRecord, b: TerminalRecord) => number {
  const { world } = ctx.state;
  const key = (sort ?? 'tid').replace(/^-/, '');
  const direction = sort?.startsWith('-') ? -1 : 1;
  if (key === 'passwordChangedAt') requireSeesVoidPasswords(ctx, 'sort terminals by their void password');
  // Never changed (the factory password) is the oldest of all.
  const value = (t: TerminalRecord): string | number => {
    if (key === 'lastSeenAt') return lastSeenOf(t, ctx.now);
    if (key === 'storeName') return world.storeById.get(t.storeId)?.name ?? '';
    if (key === 'model') return t.model;
    if (key === 'passwordChangedAt') return t.voidPassword.changedAt ?? -Infinity;
    return t.tid;
  };
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    const order =
      typeof x === 'string' && typeof y === 'string' ? naturalOrder(x, y) : x < y ? -1 : x > y ? 1 : 0;
    return order !== 0 ? order * direction : a.tid < b.tid ? -1 : 1;
  };
}

export function sortedTerminals(ctx: RequestContext, query: TerminalListQuery): TerminalRecord[] {
  return filterTerminals(ctx, query).sort(compareBy(ctx, query.sort));
}

export function listTerminals(ctx: RequestContext): HandlerResult {
  const query = ctx.query as TerminalListQuery;
  const matches = sortedTerminals(ctx, query);
  const seesVoidPassword = seesVoidPasswords(userOf(ctx));
  const start = query.cursor ? decodeCursor(query.cursor, 'terminals') : 0;
  const limit = pageLimit(query.limit);
  const page = matches.slice(start, start + limit);
  const counts = { default: 0, locked: 0, offline: 0 };
  for (const t of matches) {
    const state = passwordStateOf(t, ctx.now);
    if (state === 'default') counts.default++;
    if (state === 'locked') counts.locked++;
    if (!t.online) counts.offline++;
  }
  return {
    body: {
      items: page.map((t) => terminalSummary(ctx.state, t, ctx.now, seesVoidPassword)),
      nextCursor: start + limit < matches.length ? encodeCursor('terminals', start + limit) : null,
      total: matches.length,
      counts: seesVoidPassword ? counts : { offline: counts.offline },
      serverTime: toIso(ctx.now),
    },
  };
}

export function getTerminal(ctx: RequestContext): HandlerResult {
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  const body = terminalDetail(ctx.state, terminal, ctx.now, seesVoidPasswords(userOf(ctx)));
  return { body, headers: { etag: body.version } };
}

export function terminalFacets(ctx: RequestContext): HandlerResult {
  const { merchantId } = ctx.query as { merchantId?: string };
  const terminals = filterTerminals(ctx, { merchantId });
  const { world } = ctx.state;
  const byStore = new Map<string, number>();
  const byModel = new Map<string, number>();
  for (const t of terminals) {
    byStore.set(t.storeId, (byStore.get(t.storeId) ?? 0) + 1);
    byModel.set(t.model, (byModel.get(t.model) ?? 0) + 1);
  }
  const stores: Store[] = [...byStore].flatMap(([id, terminalCount]) => {
    const store = world.storeById.get(id);
    return store
      ? [{ id, merchantId: store.merchantId, name: store.name, city: store.city, terminalCount }]
      : [];
  });
  stores.sort((a, b) => a.merchantId.localeCompare(b.merchantId) || naturalOrder(a.name, b.name));
  const models = [...byModel]
    .map(([model, terminalCount]) => ({ model, terminalCount }))
    .sort((a, b) => a.model.localeCompare(b.model));
  const body: TerminalFacets = { stores, models };
  return { body };
}
