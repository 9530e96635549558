import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { DAY, nextCutoffAfter } from '@acquirer/clock';
import type { LedgerFilter, LedgerKey, SalesLedger, VoidableNow } from '@acquirer/ledger';
import { CARD_METHODS } from '@acquirer/rules/voidability';
import type { TerminalRecord, World } from '@acquirer/types';
import { type Dialect, rrnTail } from './dialect';
import type { SqlReader } from './reader';
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
/** The largest value of an `integer` column on PostgreSQL (SQLite's are 64-bit). */
const MAX_INTEGER = 2_147_483_647;

export function sqlLedger(db: SqlReader, world: () => World): SalesLedger {
  const terminalOf = (tid: string): TerminalRecord => {
    const terminal = world().terminalByTid.get(tid);
    if (!terminal) throw new Error(`transactions: no terminal ${tid}`);
    return terminal;
  };

  return {
    async page(filter, after, limit) {
      if (limit <= 0 || selectsNothing(filter)) return [];
      const query = pageQuery(db, filter, after, limit);
      return (await db.read(query)).map((r) => transactionOf(r, terminalOf(r.tid)));
    },
    async totals(filter) {
      if (selectsNothing(filter)) return { count: 0, amount: 0 };
      const query = db.q
        .selectFrom('transactions')
        .select((eb) => [
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number | null>('amount_fen').as('amount'),
        ])
        .where((eb) => eb.and(conditions(eb, filter, db.dialect)));
      const row = await db.readOne(query);
      return { count: Number(row?.count ?? 0), amount: Number(row?.amount ?? 0) };
    },
    async totalsByDay(filter, firstDay, days) {
      const byDay = Array.from({ length: days }, () => ({ count: 0, amount: 0 }));
      if (selectsNothing(filter)) return byDay;
      // A bound number is a float in SQLite: the cast takes the whole days (none is before `firstDay`).
      const day = sql<number>`cast((created_at - ${firstDay}) / ${sql.lit(DAY)} as integer)`;
      const query = db.q
        .selectFrom('transactions')
        .select((eb) => [
          day.as('day'),
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number | null>('amount_fen').as('amount'),
        ])
        .where((eb) =>
          eb.and([
            ...conditions(eb, filter, db.dialect),
            eb('created_at', '>=', firstDay),
            eb('created_at', '<', firstDay + days * DAY),
          ]),
        )
        .groupBy(sql`1`);
      for (const row of await db.read(query)) {
        const at = byDay[Number(row.day)];
        if (at) Object.assign(at, { count: Number(row.count), amount: Number(row.amount ?? 0) });
      }
      return byDay;
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      const query = db.q
        .selectFrom('transactions')
        .selectAll()
        .where('id', 'in', [...ids]);
      return (await db.read(query)).map((r) => transactionOf(r, terminalOf(r.tid)));
    },
    voidableNow(merchantIds, now) {
      return voidableNow(db, merchantIds, now);
    },
  };
}

/**
 * acquirer/rules/voidability.ts `voidabilityOf`, counted in SQL: an approved card sale not voided, of a
 * merchant not paid out the same day (D0), made in its terminal's open batch — at or after the terminal's last
 * daily cutoff, with no manual settlement after it up to now. Its batch closes at the next cutoff, or at a
 * settlement still to come (only after the sandbox clock went back) if that is sooner. One count per cutoff
 * minute (almost always one), on the partial index of such sales (migration 0008), so no sale is read into
 * JavaScript; server/db/sql-ledger.test.ts compares it with the rule at cutoffs and settlements.
 */
async function voidableNow(
  db: SqlReader,
  merchantIds: readonly string[] | null,
  now: number,
): Promise<VoidableNow> {
  const voidable: VoidableNow = { count: 0, amount: 0, nextCutoffAt: null };
  if (merchantIds !== null && merchantIds.length === 0) return voidable;
  const { q } = db;
  const inView = (eb: ExpressionBuilder<Database, 'terminals'>) =>
    eb.and(merchantIds === null ? [] : [inMerchants(merchantIds)]);
  const minutes = (
    await db.read(
      q
        .selectFrom('terminals')
        .select((eb) => ['cutoff_minute', eb.fn.countAll<number>().as('n')])
        .where(inView)
        .groupBy('cutoff_minute')
        .orderBy('n', 'desc'),
    )
  ).map((r) => r.cutoff_minute);
  const [most, ...others] = minutes;
  if (most === undefined) return voidable;
  // Terminals with a manual settlement after now: their batch may close before the cutoff.
  // In time order along their index (migration 0008), the first of each terminal kept: its next one.
  const settling = new Map<string, number>();
  const upcoming = q
    .selectFrom('terminal_settlements')
    .select(['tid', 'settled_at'])
    .where('settled_at', '>', now)
    .orderBy('settled_at');
  for (const r of await db.read(upcoming)) if (!settling.has(r.tid)) settling.set(r.tid, r.settled_at);

  const count = async (minute: number, tid?: string) => {
    const row = await db.readOne(
      voidableQuery(db, { merchantIds, now, minute, most, several: others.length > 0, tid }),
    );
    return { count: Number(row?.count ?? 0), amount: Number(row?.amount ?? 0) };
  };

  for (const minute of minutes) {
    const found = await count(minute);
    if (found.count === 0) continue;
    voidable.count += found.count;
    voidable.amount += found.amount;
    voidable.nextCutoffAt = Math.min(voidable.nextCutoffAt ?? Infinity, nextCutoffAfter(now, minute));
    for (const [tid, at] of settling) {
      if (at < (voidable.nextCutoffAt ?? Infinity) && (await count(minute, tid)).count > 0)
        voidable.nextCutoffAt = at;
    }
  }
  return voidable;
}

/**
 * The count of `voidableNow` for the terminals of one cutoff minute (of `tid` only, if given): exported so a
 * test can ask SQLite how it runs it. Those of the most common minute are the ones not of another.
 */
export function voidableQuery(
  db: Pick<SqlReader, 'q'>,
  at: {
    merchantIds: readonly string[] | null;
    now: number;
    minute: number;
    most: number;
    several: boolean;
    tid?: string | undefined;
  },
) {
  const { merchantIds, now, minute, most, several, tid } = at;
  return db.q
    .selectFrom('transactions as x')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number | null>('amount_fen').as('amount'),
    ])
    .where((eb) => {
      const terminals = eb.selectFrom('terminals').select('tid');
      const ofMinute =
        minute !== most
          ? [eb('tid', 'in', terminals.where('cutoff_minute', '=', minute))]
          : several
            ? [eb('tid', 'not in', terminals.where('cutoff_minute', '<>', most))]
            : [];
      return eb.and([
        ...(merchantIds === null ? [] : [inMerchants(merchantIds)]),
        ...(tid === undefined ? [] : [eb('tid', '=', tid)]),
        // Literals: the partial index of such sales (migration 0008) serves a query whose conditions imply its
        // own. SQLite checks bound values as well; a generic plan of PostgreSQL's would not.
        eb('type', '=', sql.lit('sale')),
        eb('outcome', '=', sql.lit('approved')),
        eb('voided', '=', sql.lit(0)),
        eb('method', 'in', [...CARD_METHODS]),
        eb('created_at', '>=', nextCutoffAfter(now, minute) - DAY),
        eb('created_at', '<=', now),
        ...ofMinute,
        eb('merchant_id', 'not in', eb.selectFrom('merchants').select('id').where('payout_mode', '=', 'D0')),
        eb.not(
          eb.exists(
            eb
              .selectFrom('terminal_settlements as s')
              .select('s.tid')
              .whereRef('s.tid', '=', 'x.tid')
              .whereRef('s.settled_at', '>', 'x.created_at')
              .where('s.settled_at', '<=', now),
          ),
        ),
      ]);
    });
}

/** One page: exported so a test can ask SQLite how it runs it (EXPLAIN QUERY PLAN). */
export function pageQuery(
  db: Pick<SqlReader, 'q' | 'dialect'>,
  filter: LedgerFilter,
  after: LedgerKey | null,
  limit: number,
) {
  return db.q
    .selectFrom('transactions')
    .selectAll()
    .where((eb) => eb.and([...conditions(eb, filter, db.dialect), ...afterKey(eb, after)]))
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

function conditions(eb: Eb, filter: LedgerFilter, dialect: Dialect): Expression<SqlBool>[] {
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
      any.push(eb.and([eb(rrnTail(dialect), '=', tail.slice(-6)), eb('rrn', 'like', `%${tail}`)]));
    }
    if (search.last4 !== null) any.push(eb('card_last4', '=', search.last4));
    // A number too big for the column (a whole RRN read as yuan) is no sale's amount; PostgreSQL would refuse
    // to compare it with an `integer` column at all.
    if (search.amount !== null && search.amount <= MAX_INTEGER)
      any.push(eb('amount_fen', '=', search.amount));
    out.push(eb.or(any));
  }
  return out.length > 0 ? out : [sql<SqlBool>`1 = 1`];
}
