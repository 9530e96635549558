import type {
  Transaction,
  TransactionDetail,
  TransactionListItem,
  TransactionQuery,
} from '@contract/schemas/transactions';
import { DAY, toIso } from '../clock';
import { type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import {
  eachMatch,
  isAfterKey,
  type LedgerFilter,
  type LedgerKey,
  type LedgerSearch,
  type SalesLedger,
} from '../ledger';
import { decodeCursor, encodeCursor, pageLimit } from '../paging';
import { inScope, notFound, requireMerchantInScope, scopeOf } from '../rules/access';
import { batchNumberAt, voidabilityOf } from '../rules/voidability';
import type { SimState } from '../state';
import type { TransactionRecord } from '../types';

export interface ParsedTransactionQuery extends Omit<
  TransactionQuery,
  'voidable' | 'minAmount' | 'maxAmount' | 'limit'
> {
  voidable?: boolean;
  minAmount?: number;
  maxAmount?: number;
  limit?: number;
}

export function transactionView(state: SimState, tx: TransactionRecord, now: number): Transaction {
  const terminal = tx.terminal;
  const merchant = state.world.merchantById.get(terminal.merchantId);
  const v = voidabilityOf(tx, merchant, now);
  const view: Transaction = {
    id: tx.id,
    merchantId: terminal.merchantId,
    tid: terminal.tid,
    storeId: terminal.storeId,
    storeName: state.world.storeById.get(terminal.storeId)?.name ?? '',
    type: tx.type,
    status: v.status,
    method: tx.method,
    amount: tx.amount,
    currency: 'CNY',
    traceNo: tx.traceNo,
    rrn: tx.rrn,
    batchNo: batchNumberAt(terminal, tx.createdAt),
    operatorNo: tx.operatorNo,
    createdAt: toIso(tx.createdAt),
    voidable: v.voidable,
  };
  if (tx.cardLast4 !== undefined) view.cardLast4 = tx.cardLast4;
  if (v.voidableUntil !== undefined) view.voidableUntil = toIso(v.voidableUntil);
  if (v.notVoidableReason !== undefined) view.notVoidableReason = v.notVoidableReason;
  if (tx.originalId !== undefined) view.originalId = tx.originalId;
  return view;
}

export const TRACE_PART_MIN_DIGITS = 3;

/** From 3 digits any part of a trace number (`9001` finds 009001 and 090015); an RRN whole or its tail. */
export function searchOf(q: string | undefined): LedgerSearch | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const digits = /^\d+$/.test(text);
  return {
    trace: digits && text.length <= 6 ? text.padStart(6, '0') : null,
    tracePart: digits && text.length >= TRACE_PART_MIN_DIGITS && text.length < 6 ? text : null,
    rrnTail: digits && text.length >= 6 ? text : null,
    last4: digits && text.length === 4 ? text : null,
    amount: /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : null,
  };
}

/** The merchants a user sees, narrowed to one if the query names it (checked in scope). */
export function merchantsInView(
  ctx: RequestContext,
  merchantId: string | undefined,
): readonly string[] | null {
  if (merchantId) {
    requireMerchantInScope(ctx, merchantId);
    return [merchantId];
  }
  const scope = scopeOf(userOf(ctx));
  return scope === null ? null : [...scope];
}

/**
 * A list's query as what the ledger can select, plus the rules it cannot (voidability and status depend on
 * batches, cutoffs and the clock): those run here, on the rows the ledger gives.
 */
export interface TransactionSelection {
  filter: LedgerFilter;
  rules: ((tx: TransactionRecord) => boolean) | null;
}

export function selectionOf(ctx: RequestContext, query: ParsedTransactionQuery): TransactionSelection {
  const user = userOf(ctx);
  const merchantIds = merchantsInView(ctx, query.merchantId);
  if (query.terminalId) {
    const terminal = ctx.state.world.terminalByTid.get(query.terminalId);
    if (!terminal || !inScope(user, terminal.merchantId)) throw notFound('terminal');
  }
  const from = query.from ? Date.parse(query.from) : undefined;
  const filter: LedgerFilter = { merchantIds };
  if (query.terminalId) filter.tid = query.terminalId;
  if (query.storeId) filter.storeId = query.storeId;
  if (query.type) filter.type = query.type;
  if (query.method) filter.method = query.method;
  if (query.operatorNo) filter.operatorNo = query.operatorNo;
  if (from !== undefined) filter.from = from;
  if (query.to) filter.to = Date.parse(query.to);
  if (query.minAmount !== undefined) filter.minAmount = query.minAmount;
  if (query.maxAmount !== undefined) filter.maxAmount = query.maxAmount;
  const search = searchOf(query.q);
  if (search) filter.search = search;
  if (query.voidable === true) {
    filter.mayBeVoidable = true;
    // A batch closes within a day of its sale: older sales cannot be voidable now.
    filter.from = Math.max(from ?? -Infinity, ctx.now - DAY);
  }
  if (query.voidable === undefined && query.status === undefined) return { filter, rules: null };
  const { world } = ctx.state;
  return {
    filter,
    rules: (tx) => {
      const v = voidabilityOf(tx, world.merchantById.get(tx.terminal.merchantId), ctx.now);
      return (
        (query.voidable === undefined || v.voidable === query.voidable) &&
        (query.status === undefined || v.status === query.status)
      );
    },
  };
}

/** Every row a selection matches, newest first, a chunk at a time. */
export async function* eachSelected(
  ledger: SalesLedger,
  { filter, rules }: TransactionSelection,
): AsyncGenerator<TransactionRecord[]> {
  for await (const chunk of eachMatch(ledger, filter)) {
    const rows = rules ? chunk.filter(rules) : chunk;
    if (rows.length > 0) yield rows;
  }
}

/** How many rows match and their amount, and the page after `after`. */
async function pageOf(
  ledger: SalesLedger,
  selection: TransactionSelection,
  after: LedgerKey | null,
  limit: number,
): Promise<{ page: TransactionRecord[]; more: boolean; count: number; amount: number }> {
  if (!selection.rules) {
    const [totals, rows] = await Promise.all([
      ledger.totals(selection.filter),
      ledger.page(selection.filter, after, limit + 1),
    ]);
    return { page: rows.slice(0, limit), more: rows.length > limit, ...totals };
  }
  // The rules run on each candidate: count them all, keep the page.
  const isAfter = after ? isAfterKey(after) : () => true;
  const page: TransactionRecord[] = [];
  let more = false;
  let count = 0;
  let amount = 0;
  for await (const rows of eachSelected(ledger, selection)) {
    for (const tx of rows) {
      count++;
      amount += tx.amount;
      if (!isAfter(tx)) continue;
      if (page.length < limit) page.push(tx);
      else more = true;
    }
  }
  return { page, more, count, amount };
}

/** The sales the voids among `rows` undid, by id. */
export async function originalsOf(
  ledger: SalesLedger,
  rows: readonly TransactionRecord[],
): Promise<Map<string, TransactionRecord>> {
  const ids = [...new Set(rows.flatMap((tx) => (tx.originalId ? [tx.originalId] : [])))];
  const found = ids.length > 0 ? await ledger.byIds(ids) : [];
  return new Map(found.map((tx) => [tx.id, tx]));
}

/**
 * Newest first, ties by id (`tx_00000` is the newest generated sale). The cursor is the last row's key
 * `[createdAt, id]` (decision 004), so a sale made at the counter between two pages (newer than every row,
 * before the cursor) neither repeats nor hides a row.
 */
export function listTransactions(ctx: RequestContext): ReadFirst {
  const query = ctx.query as ParsedTransactionQuery;
  const selection = selectionOf(ctx, query);
  const limit = pageLimit(query.limit);
  const after = query.cursor
    ? (decodeCursor(query.cursor, 'transactions', ['number', 'string']) as unknown as LedgerKey)
    : null;
  return readFirst(async () => {
    const { page, more, count, amount } = await pageOf(ctx.ledger, selection, after, limit);
    const originals = await originalsOf(ctx.ledger, page);
    const last = page.at(-1);
    return () => ({
      body: {
        items: page.map((tx) => withOriginal(ctx.state, tx, originals, ctx.now)),
        nextCursor: last && more ? encodeCursor('transactions', [last.createdAt, last.id]) : null,
        total: count,
        summary: { count, amount },
        serverTime: toIso(ctx.now),
      },
    });
  });
}

function withOriginal(
  state: SimState,
  tx: TransactionRecord,
  originals: Map<string, TransactionRecord>,
  now: number,
): TransactionListItem {
  const view: TransactionListItem = transactionView(state, tx, now);
  const original = tx.originalId ? originals.get(tx.originalId) : undefined;
  if (original) view.original = transactionView(state, original, now);
  return view;
}

export function getTransaction(ctx: RequestContext): ReadFirst {
  const id = ctx.params.id!;
  return readFirst(async () => {
    const [tx] = await ctx.ledger.byIds([id]);
    if (!tx || !inScope(userOf(ctx), tx.terminal.merchantId)) throw notFound('transaction');
    const originals = await originalsOf(ctx.ledger, [tx]);
    return () => {
      const body: TransactionDetail = {
        ...withOriginal(ctx.state, tx, originals, ctx.now),
        serverTime: toIso(ctx.now),
      };
      return { body };
    };
  });
}
