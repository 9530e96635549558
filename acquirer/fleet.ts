import type { VoidPasswordState } from '@contract/schemas/terminals';
import { firmwareUpdateOf } from './data/firmware';
import type { KeyPart } from './paging';
import { isStalePassword, OFFLINE_ALERT_MS } from './rules/alerts';
import { lastSeenOf } from './rules/heartbeat';
import { isLocked, passwordStateOf } from './rules/void-password';
import { openCommandOf, type SimState } from './state';
import type { TerminalRecord, World } from './types';

/**
 * The terminal fleet as the lists read it (decision 018): a filter, one page in a sort's order after a
 * keyset key, the counts above the list and the facets. The browser mock answers from the terminals it
 * holds (`memoryFleet`); the server from its `terminals` table (server/db/sql-fleet.ts). Both answer the
 * same filter in the same order; `fleetMatcher` is the rule both implement, and the mutations that act on
 * a filter (a bulk reset) use it directly.
 */
export interface FleetFilter {
  /** The merchants in view; `null` for all (support). */
  merchantIds: readonly string[] | null;
  status?: 'online' | 'offline';
  passwordState?: VoidPasswordState;
  storeId?: string;
  model?: string;
  /** A void password set more than 90 days ago (`isStalePassword`). */
  stalePassword?: boolean;
  /** Runs an older release than its model's current one (`firmwareUpdateOf`). */
  outdatedFirmware?: boolean;
  /** A command queued or delivered. */
  openCommand?: boolean;
  /** Lower-case and trimmed: found in the TID, the serial number or the store's name. */
  text?: string;
}

export type FleetSortKey = 'tid' | 'storeName' | 'model' | 'lastSeenAt' | 'passwordChangedAt';

/** A row's key in a sort: its sort value, then its tid (unique), so the order is total. */
export type FleetKey = [value: string | number | null, tid: string];

export interface FleetSort {
  key: FleetSortKey;
  /** Descending is ascending reversed, the tid included, so one index `(value, tid)` serves both. */
  direction: 1 | -1;
  /** The key of the last row a page gave out. */
  after: readonly KeyPart[] | null;
}

/** What the list says above its rows (and the overview's first tiles). */
export interface FleetCounts {
  total: number;
  /** On the factory void password. */
  default: number;
  locked: number;
  offline: number;
}

/** The overview's other tiles: asked apart, as the list does not show them. */
export interface FleetRisks {
  /** With a command queued or delivered. */
  openCommands: number;
  /** A void password set more than 90 days ago. */
  stalePasswords: number;
  /** On an older firmware release than their model's current one. */
  outdatedFirmware: number;
}

/**
 * What the alerts are made of (acquirer/rules/alerts.ts): the terminals locked now, those offline for longer
 * than `OFFLINE_ALERT_MS`, and per merchant the terminals on the factory PIN or with a stale one (only
 * merchants with either). Any order.
 */
export interface FleetAlertFacts {
  locked: {
    tid: string;
    merchantId: string;
    lockedAt: number | null;
    lockedUntil: number;
    failedAttempts: number;
  }[];
  offline: { tid: string; merchantId: string; lastSeenAt: number }[];
  merchants: { merchantId: string; defaults: number; stale: number; oldestChange: number | null }[];
}

export interface MerchantSize {
  stores: number;
  terminals: number;
}

export interface Fleet {
  /** Up to `limit` matching terminals after the sort's key, in its order. */
  page(filter: FleetFilter, sort: FleetSort, limit: number, now: number): Promise<TerminalRecord[]>;
  counts(filter: FleetFilter, now: number): Promise<FleetCounts>;
  risks(filter: FleetFilter, now: number): Promise<FleetRisks>;
  alertFacts(filter: Pick<FleetFilter, 'merchantIds'>, now: number): Promise<FleetAlertFacts>;
  /** How many stores and terminals each of these merchants has (0 for one with none). */
  merchantSizes(merchantIds: readonly string[]): Promise<Map<string, MerchantSize>>;
  /** Matching terminals per store and per model, any order. */
  facets(
    filter: Pick<FleetFilter, 'merchantIds'>,
  ): Promise<{ stores: [storeId: string, count: number][]; models: [model: string, count: number][] }>;
}

/** Every match in the sort's order, read a chunk at a time (an export). */
export async function* eachFleetPage(
  fleet: Fleet,
  world: () => World,
  filter: FleetFilter,
  sort: Omit<FleetSort, 'after'>,
  now: number,
  chunk: number,
): AsyncGenerator<TerminalRecord[]> {
  let after: FleetKey | null = null;
  for (;;) {
    const rows = await fleet.page(filter, { ...sort, after }, chunk, now);
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
    after = fleetKeyOf(world(), sort.key, now)(rows.at(-1)!);
  }
}

/** 2号店 before 29号店, Chinese by pinyin. */
export const naturalOrder = new Intl.Collator('zh-CN', { numeric: true }).compare;

/** Whether a terminal passes a filter: the rule the SQL fleet implements as a WHERE. */
export function fleetMatcher(
  state: SimState,
  filter: FleetFilter,
  now: number,
): (terminal: TerminalRecord) => boolean {
  const scope = filter.merchantIds === null ? null : new Set(filter.merchantIds);
  const { world } = state;
  const text = filter.text;
  return (t) => {
    if (scope !== null && !scope.has(t.merchantId)) return false;
    if (filter.status && (t.online ? 'online' : 'offline') !== filter.status) return false;
    if (filter.passwordState && passwordStateOf(t, now) !== filter.passwordState) return false;
    if (filter.storeId && t.storeId !== filter.storeId) return false;
    if (filter.model && t.model !== filter.model) return false;
    if (filter.stalePassword && !isStalePassword(t, now)) return false;
    if (filter.outdatedFirmware && firmwareUpdateOf(t) === null) return false;
    if (filter.openCommand && !openCommandOf(state, t.tid)) return false;
    if (text) {
      const storeName = world.storeById.get(t.storeId)?.name.toLowerCase() ?? '';
      if (!t.tid.includes(text) && !t.sn.toLowerCase().includes(text) && !storeName.includes(text))
        return false;
    }
    return true;
  };
}

/** The sort's key of a terminal, as a cursor carries it. */
export function fleetKeyOf(world: World, key: FleetSortKey, now: number): (t: TerminalRecord) => FleetKey {
  switch (key) {
    case 'lastSeenAt':
      return (t) => [lastSeenOf(t, now), t.tid];
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

/**
 * Ranks of distinct strings in `naturalOrder`; values the collation finds equal share a rank, so ties fall
 * to the tid. The server stores them (`terminals.store_rank`, `model_rank`) to sort in SQL.
 */
export interface Ranks {
  /** The distinct values, in `naturalOrder`. */
  sorted: string[];
  rank: Map<string, number>;
}

export function rankStrings(values: Iterable<string>): Ranks {
  const sorted = [...new Set(values)].sort(naturalOrder);
  const rank = new Map<string, number>();
  sorted.forEach((value, i) => {
    const previous = sorted[i - 1];
    rank.set(value, previous !== undefined && naturalOrder(previous, value) === 0 ? rank.get(previous)! : i);
  });
  return { sorted, rank };
}

/** Where a value (a cursor's) falls among the ranks: its own, or half-way between two. */
export function rankOfValue(ranks: Ranks, value: string): number {
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

/** Per world (a reset makes a new one), per string sort: the fleet's values ranked once. */
const rankCache = new WeakMap<World, Map<string, Ranks & { terminals: number }>>();

function ranksOf(world: World, key: FleetSortKey, valueOf: (t: TerminalRecord) => string): Ranks {
  let byKey = rankCache.get(world);
  if (!byKey) {
    byKey = new Map();
    rankCache.set(world, byKey);
  }
  let ranks = byKey.get(key);
  // A terminal added since (provisioning) may bring a value the table lacks: rank afresh.
  if (ranks?.terminals !== world.terminals.length) {
    ranks = { ...rankStrings(world.terminals.map(valueOf)), terminals: world.terminals.length };
    byKey.set(key, ranks);
  }
  return ranks;
}

/** A sort value as a number that orders as `compareFleetKeys` does: strings by their rank. */
function numericKeyOf(
  world: World,
  key: FleetSortKey,
  now: number,
): { of: (t: TerminalRecord) => number; ofCursor: (value: KeyPart) => number } {
  const text = (valueOf: (t: TerminalRecord) => string) => {
    const ranks = ranksOf(world, key, valueOf);
    return {
      of: (t: TerminalRecord) => rankOfValue(ranks, valueOf(t)),
      ofCursor: (value: KeyPart) => rankOfValue(ranks, String(value)),
    };
  };
  switch (key) {
    case 'lastSeenAt':
      return { of: (t) => lastSeenOf(t, now), ofCursor: (value) => value as number };
    case 'passwordChangedAt':
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
 * The first `limit` rows after the cursor in the sort's order: one pass with a bounded heap
 * (O(n log limit)) rather than sorting every match, on numeric keys (strings by rank).
 */
export function firstInOrder(
  world: World,
  sort: FleetSort,
  rows: Iterable<TerminalRecord>,
  limit: number,
  now: number,
): TerminalRecord[] {
  const { of, ofCursor } = numericKeyOf(world, sort.key, now);
  const { direction, after } = sort;
  type Entry = { value: number; tid: string; terminal: TerminalRecord };
  // < 0: a comes first in the list's order.
  const compare = (value: number, tid: string, other: Entry) =>
    direction * (value - other.value || (tid < other.tid ? -1 : tid > other.tid ? 1 : 0));
  const order = (a: Entry, b: Entry) => compare(a.value, a.tid, b);
  const cursor: Entry | null = after
    ? { value: ofCursor(after[0]!), tid: String(after[1]), terminal: null! }
    : null;
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
  if (limit <= 0) return [];
  // An entry is made only for a row that goes into the heap: most rows of a big fleet never do.
  for (const terminal of rows) {
    const value = of(terminal);
    const tid = terminal.tid;
    if (cursor && compare(value, tid, cursor) <= 0) continue;
    if (heap.length < limit) {
      heap.push({ value, tid, terminal });
      up(heap.length - 1);
    } else if (compare(value, tid, heap[0]!) < 0) {
      heap[0] = { value, tid, terminal };
      down(0);
    }
  }
  return heap.sort(order).map((e) => e.terminal);
}

/** The terminals the mock holds, read through the port. */
export function memoryFleet(state: () => SimState): Fleet {
  const matches = (filter: FleetFilter, now: number) =>
    state().world.terminals.filter(fleetMatcher(state(), filter, now));
  return {
    page(filter, sort, limit, now) {
      return Promise.resolve(firstInOrder(state().world, sort, matches(filter, now), limit, now));
    },
    counts(filter, now) {
      const counts: FleetCounts = { total: 0, default: 0, locked: 0, offline: 0 };
      for (const t of matches(filter, now)) {
        counts.total++;
        const passwordState = passwordStateOf(t, now);
        if (passwordState === 'default') counts.default++;
        if (passwordState === 'locked') counts.locked++;
        if (!t.online) counts.offline++;
      }
      return Promise.resolve(counts);
    },
    risks(filter, now) {
      const risks: FleetRisks = { openCommands: 0, stalePasswords: 0, outdatedFirmware: 0 };
      for (const t of matches(filter, now)) {
        if (openCommandOf(state(), t.tid)) risks.openCommands++;
        if (isStalePassword(t, now)) risks.stalePasswords++;
        if (firmwareUpdateOf(t) !== null) risks.outdatedFirmware++;
      }
      return Promise.resolve(risks);
    },
    alertFacts(filter, now) {
      const facts: FleetAlertFacts = { locked: [], offline: [], merchants: [] };
      const perMerchant = new Map<string, FleetAlertFacts['merchants'][number]>();
      for (const t of matches({ merchantIds: filter.merchantIds }, now)) {
        const vp = t.voidPassword;
        if (isLocked(t, now)) {
          facts.locked.push({
            tid: t.tid,
            merchantId: t.merchantId,
            lockedAt: vp.lockedAt,
            lockedUntil: vp.lockedUntil!,
            failedAttempts: vp.failedAttempts,
          });
        }
        const lastSeenAt = lastSeenOf(t, now);
        if (!t.online && now - lastSeenAt > OFFLINE_ALERT_MS) {
          facts.offline.push({ tid: t.tid, merchantId: t.merchantId, lastSeenAt });
        }
        const isDefault = passwordStateOf(t, now) === 'default';
        const isStale = isStalePassword(t, now);
        if (!isDefault && !isStale) continue;
        const entry = perMerchant.get(t.merchantId) ?? {
          merchantId: t.merchantId,
          defaults: 0,
          stale: 0,
          oldestChange: null,
        };
        perMerchant.set(t.merchantId, entry);
        if (isDefault) entry.defaults++;
        if (isStale) {
          entry.stale++;
          entry.oldestChange = Math.min(entry.oldestChange ?? Infinity, vp.changedAt!);
        }
      }
      facts.merchants = [...perMerchant.values()];
      return Promise.resolve(facts);
    },
    merchantSizes(merchantIds) {
      const sizes = new Map(
        merchantIds.map((id): [string, MerchantSize] => [id, { stores: 0, terminals: 0 }]),
      );
      const { world } = state();
      for (const store of world.stores) {
        const size = sizes.get(store.merchantId);
        if (size) size.stores++;
      }
      for (const t of world.terminals) {
        const size = sizes.get(t.merchantId);
        if (size) size.terminals++;
      }
      return Promise.resolve(sizes);
    },
    facets(filter) {
      const stores = new Map<string, number>();
      const models = new Map<string, number>();
      // Only the merchants: the clock plays no part.
      for (const t of matches({ merchantIds: filter.merchantIds }, 0)) {
        stores.set(t.storeId, (stores.get(t.storeId) ?? 0) + 1);
        models.set(t.model, (models.get(t.model) ?? 0) + 1);
      }
      return Promise.resolve({ stores: [...stores], models: [...models] });
    },
  };
}
