import { ErrorCode } from '@contract/schemas/common';
import type { Store } from '@contract/schemas/merchants';
import type {
  TerminalFacets,
  TerminalFilter,
  TerminalListQuery,
  TerminalSort,
  TerminalSummary,
  TerminalView,
} from '@contract/schemas/terminals';
import { nextCutoffAfter, toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { sha256Hex } from '../hash';
import { decodeCursor, encodeCursor, type KeyPart, type KeyPartType, pageLimit } from '../paging';
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
import type { TerminalRecord, UserRecord, World } from '../types';

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

type TerminalSortKey = TerminalSort extends `-${infer K}` ? K : never;
/** A row's key in a sort: its sort value, then its tid (unique), so the order is total. */
type TerminalKey = [value: string | number | null, tid: string];
const TERMINAL_KEY_SHAPE: Record<TerminalSortKey, KeyPartType[]> = {
  tid: ['string', 'string'],
  storeName: ['string', 'string'],
  model: ['string', 'string'],
  lastSeenAt: ['number', 'string'],
  passwordChangedAt: ['number|null', 'string'],
};

/**
 * The sort's key of a terminal. The tiebreaker (tid) goes the sort's way, so a descending sort is the
 * ascending one reversed and one SQL index `(value, tid)` serves both: `WHERE (value, tid) > (?, ?)`.
 */
function sortKeyOf(ctx: RequestContext, key: TerminalSortKey): (t: TerminalRecord) => TerminalKey {
  const { world } = ctx.state;
  switch (key) {
    case 'lastSeenAt':
      return (t) => [lastSeenOf(t, ctx.now), t.tid];
    case 'storeName':
      return (t) => [world.storeById.get(t.storeId)?.name ?? '', t.tid];
    case 'model':
      return (t) => [t.model, t.tid];
    case 'passwordChangedAt':
      // Never changed (the factory password, null) is the oldest of all.
      return (t) => [t.voidPassword.changedAt, t.tid];
    default:
      return (t) => [t.tid, t.tid];
  }
}

function compareValues(x: string | number | null, y: string | number | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (typeof x === 'string' && typeof y === 'string') return naturalOrder(x, y);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareKeys(a: readonly KeyPart[], b: readonly KeyPart[]): number {
  const order = compareValues(a[0]!, b[0]!);
  if (order !== 0) return order;
  return a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0;
}

interface SortedTerminals {
  /** Every match with its key, in the sort's order. */
  rows: { terminal: TerminalRecord; key: TerminalKey }[];
  /** The cursor's list: a cursor of another sort is refused. */
  list: string;
  shape: KeyPartType[];
  direction: 1 | -1;
}

function sortTerminals(ctx: RequestContext, query: TerminalListQuery): SortedTerminals {
  const sort = query.sort ?? 'tid';
  const key = sort.replace(/^-/, '') as TerminalSortKey;
  const direction = sort.startsWith('-') ? -1 : 1;
  if (key === 'passwordChangedAt') requireSeesVoidPasswords(ctx, 'sort terminals by their void password');
  const keyOf = sortKeyOf(ctx, key);
  // Each key is computed once, not once per comparison.
  const rows = filterTerminals(ctx, query).map((terminal) => ({ terminal, key: keyOf(terminal) }));
  rows.sort((a, b) => compareKeys(a.key, b.key) * direction);
  return { rows, list: `terminals:${sort}`, shape: TERMINAL_KEY_SHAPE[key], direction };
}

export function sortedTerminals(ctx: RequestContext, query: TerminalListQuery): TerminalRecord[] {
  return sortTerminals(ctx, query).rows.map((row) => row.terminal);
}

/**
 * Pages by the key of the last row given out (decision 004). A terminal whose key moves between two
 * pages (seen again, its PIN changed) is listed where its new key puts it: not at all if that is among
 * the rows already given out, a second time if it moved from there to beyond the cursor. Either way only
 * that terminal is affected: every other row keeps its key, so none repeats or vanishes.
 */
export function listTerminals(ctx: RequestContext): HandlerResult {
  const query = ctx.query as TerminalListQuery;
  const sort = query.sort ?? 'tid';
  const key = sort.replace(/^-/, '') as TerminalSortKey;
  const direction = sort.startsWith('-') ? -1 : 1;
  if (key === 'passwordChangedAt') requireSeesVoidPasswords(ctx, 'sort terminals by their void password');
  const list = `terminals:${sort}`;
  const seesVoidPassword = seesVoidPasswords(userOf(ctx));
  const after = query.cursor ? decodeCursor(query.cursor, list, TERMINAL_KEY_SHAPE[key]) : null;
  const limit = pageLimit(query.limit);
  const rows = filterTerminals(ctx, query);
  const counts = { default: 0, locked: 0, offline: 0 };
  for (const t of rows) {
    const state = passwordStateOf(t, ctx.now);
    if (state === 'default') counts.default++;
    if (state === 'locked') counts.locked++;
    if (!t.online) counts.offline++;
  }
  // The page alone is put in order: a pass over the matches keeps the `limit + 1` first (docs/performance.md).
  const { page, more } = firstInOrder(ctx, key, direction, rows, after, limit);
  const keyOf = sortKeyOf(ctx, key);
  const last = page.at(-1);
  return {
    body: {
      items: page.map((t) => terminalSummary(ctx.state, t, ctx.now, seesVoidPassword)),
      nextCursor: last && more ? encodeCursor(list, keyOf(last)) : null,
      total: rows.length,
      counts: seesVoidPassword ? counts : { offline: counts.offline },
      serverTime: toIso(ctx.now),
    },
  };
}

/** A sort value as a number that orders as `compareValues` does: strings by their rank in `naturalOrder`. */
type NumericKeyOf = (t: TerminalRecord) => number;

interface Ranks {
  /** The distinct values, in `naturalOrder`. */
  sorted: string[];
  rank: Map<string, number>;
  /** The fleet's size when ranked: TIDs, stores and models do not change at runtime, terminals may be added. */
  terminals: number;
}

/** Per world (a reset makes a new one), per string sort: the fleet's values ranked once. */
const rankCache = new WeakMap<World, Map<string, Ranks>>();

function ranksOf(world: World, key: TerminalSortKey, valueOf: (t: TerminalRecord) => string): Ranks {
  let byKey = rankCache.get(world);
  if (!byKey) {
    byKey = new Map<string, Ranks>();
    rankCache.set(world, byKey);
  }
  let ranks = byKey.get(key);
  // A terminal added since (not at runtime today) may bring a value the table lacks: rank afresh.
  if (ranks?.terminals !== world.terminals.length) {
    const sorted = [...new Set(world.terminals.map(valueOf))].sort(naturalOrder);
    const rank = new Map<string, number>();
    // Values the collation finds equal share a rank, so ties fall to the tid as in `compareKeys`.
    sorted.forEach((value, i) => {
      const previous = sorted[i - 1];
      rank.set(
        value,
        previous !== undefined && naturalOrder(previous, value) === 0 ? rank.get(previous)! : i,
      );
    });
    ranks = { sorted, rank, terminals: world.terminals.length };
    byKey.set(key, ranks);
  }
  return ranks;
}

/** Where a value (a cursor's) falls among the ranks: its own, or half-way between two. */
function rankOfValue(ranks: Ranks, value: string): number {
  const known = ranks.rank.get(value);
  if (known !== undefined) return known;
  let lo = 0;
  let hi = ranks.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const order = naturalOrder(ranks.sorted[mid]!, value);
    if (order === 0) return ranks.rank.get(ranks.sorted[mid]!)!;
    if (order < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo - 0.5;
}

function numericKeyOf(
  ctx: RequestContext,
  key: TerminalSortKey,
): {
  of: NumericKeyOf;
  ofCursor: (value: KeyPart) => number;
} {
  const { world } = ctx.state;
  const text = (valueOf: (t: TerminalRecord) => string) => {
    const ranks = ranksOf(world, key, valueOf);
    return {
      of: (t: TerminalRecord) => rankOfValue(ranks, valueOf(t)),
      ofCursor: (value: KeyPart) => rankOfValue(ranks, String(value)),
    };
  };
  switch (key) {
    case 'lastSeenAt':
      return { of: (t) => lastSeenOf(t, ctx.now), ofCursor: (value) => value as number };
    case 'passwordChangedAt':
      // Never changed (null) is the oldest of all.
      return {
        of: (t) => t.voidPassword.changedAt ?? -Infinity,
        ofCursor: (value) => (value === null ? -Infinity : (value as number)),
      };
    case 'storeName':
      return text((t) => world.storeById.get(t.storeId)?.name ?? '');
    case 'model':
      return text((t) => t.model);
    default:
      return text((t) => t.tid);
  }
}

/**
 * The first `limit` rows after the cursor in the sort's order, and whether more follow: one pass with a
 * bounded heap (O(n log limit)) rather than sorting every match, on numeric keys (strings by rank).
 */
function firstInOrder(
  ctx: RequestContext,
  key: TerminalSortKey,
  direction: 1 | -1,
  rows: readonly TerminalRecord[],
  after: KeyPart[] | null,
  limit: number,
): { page: TerminalRecord[]; more: boolean } {
  const { of, ofCursor } = numericKeyOf(ctx, key);
  type Entry = { value: number; tid: string; terminal: TerminalRecord };
  // < 0: a comes first in the list's order.
  const compare = (value: number, tid: string, other: Entry) =>
    direction * (value - other.value || (tid < other.tid ? -1 : tid > other.tid ? 1 : 0));
  const order = (a: Entry, b: Entry) => compare(a.value, a.tid, b);
  const cursor: Entry | null = after
    ? { value: ofCursor(after[0]!), tid: String(after[1]), terminal: null! }
    : null;
  const keep = limit + 1;
  // A max-heap by the list's order: its top is the last of the rows kept so far.
  const heap: Entry[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (order(heap[i]!, heap[parent]!) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && order(heap[l]!, heap[top]!) > 0) top = l;
      if (r < heap.length && order(heap[r]!, heap[top]!) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  // An entry is made only for a row that goes into the heap: most rows of a big fleet never do.
  for (const terminal of rows) {
    const value = of(terminal);
    const tid = terminal.tid;
    if (cursor && compare(value, tid, cursor) <= 0) continue;
    if (heap.length < keep) {
      heap.push({ value, tid, terminal });
      up(heap.length - 1);
    } else if (compare(value, tid, heap[0]!) < 0) {
      heap[0] = { value, tid, terminal };
      down(0);
    }
  }
  const kept = heap.sort(order);
  return { page: kept.slice(0, limit).map((e) => e.terminal), more: kept.length > limit };
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
