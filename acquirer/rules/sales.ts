import type { PaymentMethod } from '@contract/schemas/transactions';
import { randomId, randomInt } from '../hash';
import type { SimState } from '../state';
import type { TerminalRecord, TransactionRecord } from '../types';
import { isCardMethod } from './voidability';

export interface SaleInput {
  amount: number;
  method: PaymentMethod;
  cardLast4?: string;
  operatorNo?: string;
}

function digits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/**
 * A sale made at a terminal at `now` (the sandbox's control surface, later the terminal protocol). It joins
 * the ledger in its place, newest first, and is stored with the request that made it.
 */
export function recordSale(
  state: SimState,
  terminal: TerminalRecord,
  input: SaleInput,
  now: number,
): TransactionRecord {
  const sale: TransactionRecord = {
    // Not a place in the generated order: the store numbers the rows it adds.
    index: -1,
    id: randomId('tx'),
    terminal,
    type: 'sale',
    outcome: 'approved',
    voided: false,
    method: input.method,
    amount: input.amount,
    cardLast4: isCardMethod(input.method) ? (input.cardLast4 ?? digits(4)) : undefined,
    traceNo: digits(6),
    rrn: digits(12),
    operatorNo: input.operatorNo ?? '01',
    createdAt: now,
    originalId: undefined,
  };
  addTransaction(state, sale);
  return sale;
}

/** A sale or void made now joins the ledger, and is stored with the request that made it. */
export function addTransaction(state: SimState, tx: TransactionRecord): void {
  placeSale(state, tx);
  state.changes.sales.push(tx);
  state.dirty = true;
}

/**
 * Into the world's sales in the ledger's order (newest first, ties by id): in front, unless the sandbox's
 * clock was set back.
 */
export function placeSale(state: SimState, sale: TransactionRecord): void {
  const list = state.world.transactions;
  const before = (tx: TransactionRecord) =>
    tx.createdAt > sale.createdAt || (tx.createdAt === sale.createdAt && tx.id < sale.id);
  let at = 0;
  while (at < list.length && before(list[at]!)) at++;
  list.splice(at, 0, sale);
  state.liveSales.push(sale);
}
