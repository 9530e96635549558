import type { PaymentMethod } from '@contract/schemas/transactions';
import { DAY } from './clock';
import { firstAfter } from './paging';
import { earliestOpenBatchStart, isCardMethod, voidabilityOf } from './rules/voidability';
import type { TransactionRecord, World } from './types';

/**
 * Sales and voids are the acquirer's biggest data and never change once made: the rules read them through
 * this port (decision 017). The browser mock keeps them in memory (`memoryLedger`); the server reads its
 * `transactions` table (server/db/sql-ledger.ts). Both answer the same filter in the same order, so
 * every rule that needs sales (voidability, void bursts, the overview) is written once, on top.
 */
export interface LedgerFilter {
  /** The merchants in view; `null` for all (support). */
  merchantIds: readonly string[] | null;
  tid?: string;
  storeId?: string;
  type?: 'sale' | 'void';
  outcome?: 'approved' | 'declined';
  method?: PaymentMethod;
  operatorNo?: string;
  /** `createdAt >= from`. */
  from?: number;
  /** `createdAt < to`. */
  to?: number;
  minAmount?: number;
  maxAmount?: number;
  search?: LedgerSearch;
  /** Approved card sales not yet voided: the only ones the rules may find voidable. */
  mayBeVoidable?: boolean;
}

/** What a search box's text can be; a row matches any part that is not null. */
export interface LedgerSearch {
  /** A whole trace number, zero-padded to 6 digits. */
  trace: string | null;
  /** 3–5 digits found anywhere in a trace number. */
  tracePart: string | null;
  /** 6+ digits an RRN ends with. */
  rrnTail: string | null;
  last4: string | null;
  /** In fen. */
  amount: number | null;
}

/** Newest first, ties by id: `[createdAt, id]` of the last row a page gave out. */
export type LedgerKey = readonly [createdAt: number, id: string];

export interface SalesLedger {
  /** Up to `limit` matching rows after `after`, newest first (ties by id ascending). */
  page(filter: LedgerFilter, after: LedgerKey | null, limit: number): Promise<TransactionRecord[]>;
  /** How many rows match and their amount (fen). */
  totals(filter: LedgerFilter): Promise<{ count: number; amount: number }>;
  /** The rows of these ids that exist, any order. */
  byIds(ids: readonly string[]): Promise<TransactionRecord[]>;
  /** `totals` of each day of `days` from `firstDay` (a midnight): day i is `[firstDay + i·DAY, + DAY)`. */
  totalsByDay(
    filter: LedgerFilter,
    firstDay: number,
    days: number,
  ): Promise<{ count: number; amount: number }[]>;
  /** The sales of these merchants' terminals that can be voided at `now` (`voidabilityOf`). */
  voidableNow(merchantIds: readonly string[] | null, now: number): Promise<VoidableNow>;
}

/** The sales `voidabilityOf` finds voidable: how many, their amount (fen), and the first of their cutoffs. */
export interface VoidableNow {
  count: number;
  amount: number;
  nextCutoffAt: number | null;
}

export const LEDGER_CHUNK = 1_000;

/** Every matching row, newest first, read a chunk at a time. */
export async function* eachMatch(
  ledger: SalesLedger,
  filter: LedgerFilter,
  chunk = LEDGER_CHUNK,
): AsyncGenerator<TransactionRecord[]> {
  let after: LedgerKey | null = null;
  for (;;) {
    const rows = await ledger.page(filter, after, chunk);
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
    const last = rows.at(-1)!;
    after = [last.createdAt, last.id];
  }
}

export function isAfterKey(key: LedgerKey): (tx: TransactionRecord) => boolean {
  const [at, id] = key;
  return (tx) => tx.createdAt < at || (tx.createdAt === at && tx.id > id);
}

export function searchMatches(search: LedgerSearch, tx: TransactionRecord): boolean {
  return (
    (search.trace !== null && tx.traceNo === search.trace) ||
    (search.tracePart !== null && tx.traceNo.includes(search.tracePart)) ||
    (search.rrnTail !== null && tx.rrn.endsWith(search.rrnTail)) ||
    (search.last4 !== null && tx.cardLast4 === search.last4) ||
    (search.amount !== null && tx.amount === search.amount)
  );
}

function matcher(filter: LedgerFilter): (tx: TransactionRecord) => boolean {
  const merchants = filter.merchantIds === null ? null : new Set(filter.merchantIds);
  const { search } = filter;
  return (tx) => {
    const terminal = tx.terminal;
    if (merchants !== null && !merchants.has(terminal.merchantId)) return false;
    if (filter.tid !== undefined && terminal.tid !== filter.tid) return false;
    if (filter.storeId !== undefined && terminal.storeId !== filter.storeId) return false;
    if (filter.type !== undefined && tx.type !== filter.type) return false;
    if (filter.outcome !== undefined && tx.outcome !== filter.outcome) return false;
    if (filter.method !== undefined && tx.method !== filter.method) return false;
    if (filter.operatorNo !== undefined && tx.operatorNo !== filter.operatorNo) return false;
    if (filter.to !== undefined && tx.createdAt >= filter.to) return false;
    if (filter.minAmount !== undefined && tx.amount < filter.minAmount) return false;
    if (filter.maxAmount !== undefined && tx.amount > filter.maxAmount) return false;
    if (search && !searchMatches(search, tx)) return false;
    if (
      filter.mayBeVoidable &&
      !(tx.type === 'sale' && tx.outcome === 'approved' && !tx.voided && isCardMethod(tx.method))
    ) {
      return false;
    }
    return true;
  };
}

/**
 * The sales of a generated world, in memory: `world.transactions` is newest first, so a scan stops at
 * `from`, and a page starts by binary search at its cursor.
 */
export function memoryLedger(world: () => World): SalesLedger {
  function* scan(filter: LedgerFilter, after: LedgerKey | null): Generator<TransactionRecord> {
    const list = world().transactions;
    const matches = matcher(filter);
    const from = filter.from ?? -Infinity;
    for (let i = after ? firstAfter(list, isAfterKey(after)) : 0; i < list.length; i++) {
      const tx = list[i]!;
      if (tx.createdAt < from) return;
      if (matches(tx)) yield tx;
    }
  }
  // Built once per list and length (a sale made since moves every later one).
  let indexed: {
    list: readonly TransactionRecord[];
    length: number;
    byId: Map<string, TransactionRecord>;
  } | null = null;
  const idIndex = (list: readonly TransactionRecord[]) => {
    if (indexed?.list !== list || indexed.length !== list.length) {
      indexed = { list, length: list.length, byId: new Map(list.map((tx) => [tx.id, tx])) };
    }
    return indexed.byId;
  };
  return {
    page(filter, after, limit) {
      const out: TransactionRecord[] = [];
      if (limit <= 0) return Promise.resolve(out);
      for (const tx of scan(filter, after)) {
        out.push(tx);
        if (out.length >= limit) break;
      }
      return Promise.resolve(out);
    },
    totals(filter) {
      let count = 0;
      let amount = 0;
      for (const tx of scan(filter, null)) {
        count++;
        amount += tx.amount;
      }
      return Promise.resolve({ count, amount });
    },
    totalsByDay(filter, firstDay, days) {
      const byDay = Array.from({ length: days }, () => ({ count: 0, amount: 0 }));
      const within = { ...filter, from: Math.max(filter.from ?? -Infinity, firstDay) };
      for (const tx of scan(within, null)) {
        const day = byDay[Math.floor((tx.createdAt - firstDay) / DAY)];
        if (!day) continue;
        day.count++;
        day.amount += tx.amount;
      }
      return Promise.resolve(byDay);
    },
    byIds(ids) {
      const byId = idIndex(world().transactions);
      return Promise.resolve(ids.flatMap((id) => byId.get(id) ?? []));
    },
    voidableNow(merchantIds, now) {
      const { terminals, merchantById } = world();
      const inView = merchantIds === null ? null : new Set(merchantIds);
      // Walked, not copied: support's view is the whole fleet.
      function* terminalsInView() {
        for (const t of terminals) if (inView === null || inView.has(t.merchantId)) yield t;
      }
      const candidates: LedgerFilter = {
        merchantIds,
        type: 'sale',
        mayBeVoidable: true,
        from: earliestOpenBatchStart(terminalsInView(), now),
        to: now + 1,
      };
      const voidable: VoidableNow = { count: 0, amount: 0, nextCutoffAt: null };
      for (const tx of scan(candidates, null)) {
        const v = voidabilityOf(tx, merchantById.get(tx.terminal.merchantId), now);
        if (!v.voidable || v.voidableUntil === undefined) continue;
        voidable.count++;
        voidable.amount += tx.amount;
        voidable.nextCutoffAt = Math.min(voidable.nextCutoffAt ?? Infinity, v.voidableUntil);
      }
      return Promise.resolve(voidable);
    },
  };
}
