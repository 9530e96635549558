import { ErrorCode } from '@contract/schemas/common';
import type { Store } from '@contract/schemas/merchants';
import type {
  TerminalCheckIn,
  TerminalFacets,
  TerminalFilter,
  TerminalListQuery,
  TerminalSummary,
  TerminalView,
} from '@contract/schemas/terminals';
import { nextCutoffAfter, toIso } from '../clock';
import { type HandlerResult, type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import { firmwareUpdateOf } from '../data/firmware';
import { HEARTBEAT_MS } from '../data/generate';
import {
  type FleetFilter,
  fleetKeyOf,
  fleetMatcher,
  type FleetSort,
  type FleetSortKey,
  naturalOrder,
} from '../fleet';
import { sha256Hex } from '../hash';
import { decodeCursor, encodeCursor, type KeyPartType, pageLimit } from '../paging';
import { SimProblem } from '../problem';
import {
  inScope,
  requireMerchantInScope,
  requireSeesVoidPasswords,
  scopeOf,
  seesVoidPasswords,
  terminalInScope,
} from '../rules/access';
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
    firmwareUpdate: firmwareUpdateOf(terminal),
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
    checkIn: checkInOf(terminal, now),
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

/** The list's filter as the fleet port takes it; a filter the user may not use is refused here. */
export function fleetFilterOf(ctx: RequestContext, filter: TerminalFilter): FleetFilter {
  const user: UserRecord = userOf(ctx);
  if (filter.merchantId) requireMerchantInScope(ctx, filter.merchantId);
  if (filter.passwordState || filter.passwordAge || filter.command)
    requireSeesVoidPasswords(ctx, 'filter terminals by their void password');
  const scope = scopeOf(user);
  const merchantIds = filter.merchantId ? [filter.merchantId] : scope === null ? null : [...scope];
  const text = filter.q?.trim().toLowerCase();
  return {
    merchantIds,
    ...(filter.status && { status: filter.status }),
    ...(filter.passwordState && { passwordState: filter.passwordState }),
    ...(filter.storeId && { storeId: filter.storeId }),
    ...(filter.model && { model: filter.model }),
    ...(filter.passwordAge === 'stale' && { stalePassword: true }),
    ...(filter.command === 'open' && { openCommand: true }),
    ...(filter.firmware === 'outdated' && { outdatedFirmware: true }),
    ...(text && { text }),
  };
}

/** Every match, in memory: for a mutation that acts on a filter (a bulk reset), which runs in one step. */
export function filterTerminals(ctx: RequestContext, filter: TerminalFilter): TerminalRecord[] {
  return ctx.state.world.terminals.filter(fleetMatcher(ctx.state, fleetFilterOf(ctx, filter), ctx.now));
}

const TERMINAL_KEY_SHAPE: Record<FleetSortKey, KeyPartType[]> = {
  tid: ['string', 'string'],
  storeName: ['string', 'string'],
  model: ['string', 'string'],
  lastSeenAt: ['number', 'string'],
  passwordChangedAt: ['number|null', 'string'],
};

export function fleetSortOf(ctx: RequestContext, query: TerminalListQuery): FleetSort & { list: string } {
  const sort = query.sort ?? 'tid';
  const key = sort.replace(/^-/, '') as FleetSortKey;
  if (key === 'passwordChangedAt') requireSeesVoidPasswords(ctx, 'sort terminals by their void password');
  const list = `terminals:${sort}`;
  const after = query.cursor ? decodeCursor(query.cursor, list, TERMINAL_KEY_SHAPE[key]) : null;
  return { key, direction: sort.startsWith('-') ? -1 : 1, after, list };
}

/**
 * Pages by the key of the last row given out (decision 004), read through the fleet port (decision 018).
 * A terminal whose key moves between two pages (seen again, its PIN changed) is listed where its new key
 * puts it: not at all if that is among the rows already given out, a second time if it moved from there to
 * beyond the cursor. Either way only that terminal is affected: every other row keeps its key, so none
 * repeats or vanishes.
 */
export function listTerminals(ctx: RequestContext): ReadFirst {
  const query = ctx.query as TerminalListQuery;
  const filter = fleetFilterOf(ctx, query);
  const sort = fleetSortOf(ctx, query);
  const limit = pageLimit(query.limit);
  const now = ctx.now;
  return readFirst(async () => {
    const [rows, counts] = await Promise.all([
      ctx.fleet.page(filter, sort, limit + 1, now),
      ctx.fleet.counts(filter, now),
    ]);
    return (ctx) => {
      const seesVoidPassword = seesVoidPasswords(userOf(ctx));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        body: {
          items: page.map((t) => terminalSummary(ctx.state, t, now, seesVoidPassword)),
          nextCursor:
            last && rows.length > limit
              ? encodeCursor(sort.list, fleetKeyOf(ctx.state.world, sort.key, now)(last))
              : null,
          total: counts.total,
          counts: seesVoidPassword
            ? { default: counts.default, locked: counts.locked, offline: counts.offline }
            : { offline: counts.offline },
          serverTime: toIso(now),
        },
      };
    };
  });
}

export function getTerminal(ctx: RequestContext): HandlerResult {
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  const body = terminalDetail(ctx.state, terminal, ctx.now, seesVoidPasswords(userOf(ctx)));
  return { body, headers: { etag: body.version } };
}

export function terminalFacets(ctx: RequestContext): ReadFirst {
  const { merchantId } = ctx.query as { merchantId?: string };
  const { merchantIds } = fleetFilterOf(ctx, merchantId ? { merchantId } : {});
  return readFirst(async () => {
    const counted = await ctx.fleet.facets({ merchantIds });
    return (ctx) => {
      const { world } = ctx.state;
      const stores: Store[] = counted.stores.flatMap(([id, terminalCount]) => {
        const store = world.storeById.get(id);
        return store
          ? [{ id, merchantId: store.merchantId, name: store.name, city: store.city, terminalCount }]
          : [];
      });
      stores.sort((a, b) => a.merchantId.localeCompare(b.merchantId) || naturalOrder(a.name, b.name));
      const models = counted.models
        .map(([model, terminalCount]) => ({ model, terminalCount }))
        .sort((a, b) => a.model.localeCompare(b.model));
      const body: TerminalFacets = { stores, models };
      return { body };
    };
  });
}

function checkInOf(terminal: TerminalRecord, now: number): TerminalCheckIn {
  const link = terminal.link;
  const credential = !link
    ? 'none'
    : link.publicKey === null
      ? 'pending'
      : link.revokedAt === null
        ? 'active'
        : 'revoked';
  const intervalMs = credential === 'active' ? link!.intervalMs : HEARTBEAT_MS;
  const lastSeen = lastSeenOf(terminal, now);
  return {
    credential,
    intervalSeconds: Math.round(intervalMs / 1000),
    nextExpectedAt: toIso(lastSeen + intervalMs),
    appVersion: link?.appVersion ?? null,
  };
}
