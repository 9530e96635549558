import type {
  Transaction,
  TransactionDetail,
  TransactionListItem,
  TransactionQuery,
} from '@contract/schemas/transactions';
import { DAY, toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { decodeCursor, encodeCursor, pageLimit } from '../paging';
import { inScope, notFound, requireMerchantInScope, scopeOf } from '../rules/access';
import { batchNumberAt, mayBeVoidable, voidabilityOf } from '../rules/voidability';
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
function searchMatcher(q: string | undefined): ((tx: TransactionRecord) => boolean) | null {
  const text = q?.trim();
  if (!text) return null;
  const digits = /^\d+$/.test(text);
  const amount = /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : null;
  const trace = digits && text.length <= 6 ? text.padStart(6, '0') : null;
  const tracePart = digits && text.length >= TRACE_PART_MIN_DIGITS && text.length < 6 ? text : null;
  return (tx) =>
    (trace !== null && tx.traceNo === trace) ||
    (tracePart !== null && tx.traceNo.includes(tracePart)) ||
    (digits && text.length >= 6 && tx.rrn.endsWith(text)) ||
    (digits && text.length === 4 && tx.cardLast4 === text) ||
    (amount !== null && tx.amount === amount);
}

export function filterTransactions(
  ctx: RequestContext,
  query: ParsedTransactionQuery,
  startIndex = 0,
): TransactionRecord[] {
  const user = userOf(ctx);
  if (query.merchantId) requireMerchantInScope(ctx, query.merchantId);
  if (query.terminalId) {
    const terminal = ctx.state.world.terminalByTid.get(query.terminalId);
    if (!terminal || !inScope(user, terminal.merchantId)) throw notFound('terminal');
  }
  const scope = scopeOf(user);
  const { world } = ctx.state;
  const from = query.from ? Date.parse(query.from) : null;
  const to = query.to ? Date.parse(query.to) : null;
  const search = searchMatcher(query.q);
  const needsRules = query.voidable !== undefined || query.status !== undefined;
  // The list is newest first (generate.ts), so the scan stops at the oldest instant a match
  // can have: `from`, or for "voidable now" a day ago (a batch closes within a day of its
  // sale). On 200,000+ sales that spares most of the work (docs/performance.md).
  const oldest = Math.max(from ?? -Infinity, query.voidable === true ? ctx.now - DAY : -Infinity);
  const out: TransactionRecord[] = [];
  const list = world.transactions;
  for (let i = startIndex; i < list.length; i++) {
    const tx = list[i]!;
    if (tx.createdAt < oldest) break;
    const terminal = tx.terminal;
    if (scope !== null && !scope.has(terminal.merchantId)) continue;
    if (query.merchantId && terminal.merchantId !== query.merchantId) continue;
    if (query.terminalId && terminal.tid !== query.terminalId) continue;
    if (query.storeId && terminal.storeId !== query.storeId) continue;
    if (query.type && tx.type !== query.type) continue;
    if (query.method && tx.method !== query.method) continue;
    if (query.operatorNo && tx.operatorNo !== query.operatorNo) continue;
    if (from !== null && tx.createdAt < from) continue;
    if (to !== null && tx.createdAt >= to) continue;
    if (query.minAmount !== undefined && tx.amount < query.minAmount) continue;
    if (query.maxAmount !== undefined && tx.amount > query.maxAmount) continue;
    if (search && !search(tx)) continue;
    if (query.voidable === true && !mayBeVoidable(tx)) continue;
    if (needsRules) {
      const v = voidabilityOf(tx, world.merchantById.get(terminal.merchantId), ctx.now);
      if (query.voidable !== undefined && v.voidable !== query.voidable) continue;
      if (query.status !== undefined && v.status !== query.status) continue;
    }
    out.push(tx);
  }
  return out;
}

export function listTransactions(ctx: RequestContext): HandlerResult {
  const query = ctx.query as ParsedTransactionQuery;
  const matches = filterTransactions(ctx, query);
  const limit = pageLimit(query.limit);
  const after = query.cursor ? decodeCursor(query.cursor, 'transactions') : -1;
  let first = 0;
  if (after >= 0) {
    // The list is static and sorted: the first match past the last index seen.
    let lo = 0;
    let hi = matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (matches[mid]!.index <= after) lo = mid + 1;
      else hi = mid;
    }
    first = lo;
  }
  const page = matches.slice(first, first + limit);
  let amount = 0;
  for (const tx of matches) amount += tx.amount;
  const last = page[page.length - 1];
  return {
    body: {
      items: page.map((tx) => withOriginal(ctx.state, tx, ctx.now)),
      nextCursor: last && first + limit < matches.length ? encodeCursor('transactions', last.index) : null,
      total: matches.length,
      summary: { count: matches.length, amount },
      serverTime: toIso(ctx.now),
    },
  };
}

function transactionById(state: SimState, id: string): TransactionRecord | undefined {
  const match = /^tx_([0-9a-z]+)$/.exec(id);
  if (!match) return undefined;
  const tx = state.world.transactions[parseInt(match[1]!, 36)];
  return tx?.id === id ? tx : undefined;
}

function withOriginal(state: SimState, tx: TransactionRecord, now: number): TransactionListItem {
  const view: TransactionListItem = transactionView(state, tx, now);
  const original = tx.originalId ? transactionById(state, tx.originalId) : undefined;
  if (original) view.original = transactionView(state, original, now);
  return view;
}

export function getTransaction(ctx: RequestContext): HandlerResult {
  const tx = transactionById(ctx.state, ctx.params.id!);
  if (!tx || !inScope(userOf(ctx), tx.terminal.merchantId)) throw notFound('transaction');
  const body: TransactionDetail = { ...withOriginal(ctx.state, tx, ctx.now), serverTime: toIso(ctx.now) };
  return { body };
}
