import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { LedgerFilter, LedgerKey, SalesLedger } from '@acquirer/ledger';
import { CARD_METHODS } from '@acquirer/rules/voidability';
import type { TerminalRecord, World } from '@acquirer/types';
import type { Db } from './database';
import { transactionOf } from './rows';
import type { Database } from './schema';
import { inMerchants } from './sql-scope';

type Eb = ExpressionBuilder<Database, 'transactions'>;

/**
 * The `transactions` table as the acquirer's ledger (decision 017): each filter is a WHERE on the indexes
 * of migrations 0001/0002, each page a keyset `(created_at, id)` seek, newest first. Sales are not held in
 * memory; a row's terminal is the one the server keeps. The rules that need batches and the clock run in
 * acquirer/ on what this returns, so mock and server share them.
 */
export function sqlLedger(db: Db, world: () => World): SalesLedger {
  const terminalOf = (tid: string): TerminalRecord => {
    const terminal = world().terminalByTid.get(tid);
    if (!terminal) throw new Error(`transactions: no terminal ${tid}`);
    return terminal;
  };

  return {
    page(filter, after, limit) {
      if (limit <= 0 || selectsNothing(filter)) return Promise.resolve([]);
      const query = pageQuery(db, filter, after, limit);
      return Promise.resolve(db.all(query).map((r) => transactionOf(r, terminalOf(r.tid))));
    },
    totals(filter) {
      if (selectsNothing(filter)) return Promise.resolve({ count: 0, amount: 0 });
      const query = db.q
        .selectFrom('transactions')
        .select((eb) => [
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number | null>('amount_fen').as('amount'),
        ])
        .where((eb) => eb.and(conditions(eb, filter)));
      const row = db.first(query);
      return Promise.resolve({ count: Number(row?.count ?? 0), amount: Number(row?.amount ?? 0) });
    },
    byIds(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      const query = db.q
        .selectFrom('transactions')
        .selectAll()
        .where('id', 'in', [...ids]);
      return Promise.resolve(db.all(query).map((r) => transactionOf(r, terminalOf(r.tid))));
    },
  };
}

/** One page: exported so a test can ask SQLite how it runs it (EXPLAIN QUERY PLAN). */
export function pageQuery(db: Db, filter: LedgerFilter, after: LedgerKey | null, limit: number) {
  return db.q
    .selectFrom('transactions')
    .selectAll()
    .where((eb) => eb.and([...conditions(eb, filter), ...afterKey(eb, after)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'asc')
    .limit(limit);
}

/** No merchant in view, or a search text that can be nothing the ledger holds. */
function selectsNothing(filter: LedgerFilter): boolean {
  if (filter.merchantIds !== null && filter.merchantIds.length === 0) return true;
  const search = filter.search;
  return (
    search !== undefined &&
    search.trace === null &&
    search.tracePart === null &&
    search.rrnTail === null &&
    search.last4 === null &&
    search.amount === null
  );
}

/** Digits following each other in a string: `from` up to the next one (`:` follows `9`). */
function startsWith(eb: Eb, expression: Expression<string>, digits: string): Expression<SqlBool> {
  return eb.and([eb(expression, '>=', digits), eb(expression, '<', `${digits}:`)]);
}

const TRACE_DIGITS = 6;

/**
 * 3–5 digits anywhere in a 6-digit trace number: at position p they begin the suffix from p, and each suffix
 * has an index (migration 0004), so each place is a range seek, not a LIKE over every sale.
 */
function tracePartAt(eb: Eb, part: string): Expression<SqlBool>[] {
  const places: Expression<SqlBool>[] = [startsWith(eb, eb.ref('trace_no'), part)];
  for (let from = 2; from <= TRACE_DIGITS - part.length + 1; from++) {
    places.push(startsWith(eb, sql<string>`substr(trace_no, ${sql.lit(from)})`, part));
  }
  return places;
}

function afterKey(eb: Eb, after: LedgerKey | null): Expression<SqlBool>[] {
  if (!after) return [];
  const [at, id] = after;
  return [eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])])];
}

function conditions(eb: Eb, filter: LedgerFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (filter.merchantIds !== null) {
    out.push(inMerchants(filter.merchantIds));
  }
  if (filter.tid !== undefined) out.push(eb('tid', '=', filter.tid));
  if (filter.storeId !== undefined) {
    const storeId = filter.storeId;
    out.push(
      eb('tid', 'in', (sub) => sub.selectFrom('terminals').select('tid').where('store_id', '=', storeId)),
    );
  }
  if (filter.type !== undefined) out.push(eb('type', '=', filter.type));
  if (filter.outcome !== undefined) out.push(eb('outcome', '=', filter.outcome));
  if (filter.method !== undefined) out.push(eb('method', '=', filter.method));
  if (filter.operatorNo !== undefined) out.push(eb('operator_no', '=', filter.operatorNo));
  if (filter.from !== undefined && Number.isFinite(filter.from))
    out.push(eb('created_at', '>=', filter.from));
  if (filter.to !== undefined && Number.isFinite(filter.to)) out.push(eb('created_at', '<', filter.to));
  if (filter.minAmount !== undefined) out.push(eb('amount_fen', '>=', filter.minAmount));
  if (filter.maxAmount !== undefined) out.push(eb('amount_fen', '<=', filter.maxAmount));
  if (filter.mayBeVoidable) {
    out.push(eb('type', '=', 'sale'), eb('outcome', '=', 'approved'), eb('voided', '=', 0));
    out.push(eb('method', 'in', [...CARD_METHODS]));
  }
  const search = filter.search;
  if (search) {
    const any: Expression<SqlBool>[] = [];
    if (search.trace !== null) any.push(eb('trace_no', '=', search.trace));
    if (search.tracePart !== null) any.push(...tracePartAt(eb, search.tracePart));
    if (search.rrnTail !== null) {
      // Digits only (acquirer/views/transactions.ts): no LIKE wildcard comes from the user. The last 6
      // digits seek on their index (migration 0004); LIKE checks the rest of the tail.
      const tail = search.rrnTail;
      any.push(
        eb.and([eb(sql<string>`substr(rrn, -6)`, '=', tail.slice(-6)), eb('rrn', 'like', `%${tail}`)]),
      );
    }
    if (search.last4 !== null) any.push(eb('card_last4', '=', search.last4));
    if (search.amount !== null) any.push(eb('amount_fen', '=', search.amount));
    out.push(eb.or(any));
  }
  return out.length > 0 ? out : [sql<SqlBool>`1 = 1`];
}
