import { ErrorCode } from '@contract/schemas/common';
import {
  type OpenBatch,
  SALE_UPLOAD_WINDOW_MS,
  type SettleRequest,
  type SettleResponse,
  type TerminalTransaction,
  TerminalErrorCode,
  TIMESTAMP_TOLERANCE_MS,
  type TransactionUploaded,
  voidRefusalCode,
  type VoidRefusalReason,
} from '@contract/terminal-protocol';
import { DAY, nextCutoffAfter, toIso } from '../clock';
import type { LedgerFilter } from '../ledger';
import type { LedgerBook } from '../ledger-book';
import { SimProblem } from '../problem';
import { type SimState, touchTerminal } from '../state';
import type { TerminalRecord, TransactionRecord } from '../types';
import { addTransaction } from './sales';
import { batchCloseAt, batchNumberAt, isCardMethod, voidabilityOf } from './voidability';

/** Batches a settlement may name: the open one and those closed in the last week. */
const SETTLEMENT_LOOKBACK_MS = 7 * DAY;

/** The batch a terminal's transaction made at `at` belongs to: `[opensAt, closesAt)`. */
export interface BatchWindow {
  batchNo: string;
  opensAt: number;
  closesAt: number;
  /** Closed by a settlement before its cutoff. */
  early: boolean;
}

export function batchAt(terminal: TerminalRecord, at: number): BatchWindow {
  let opensAt = nextCutoffAfter(at, terminal.cutoffMinute) - DAY;
  for (const settledAt of terminal.manualSettlements) {
    if (settledAt <= at && settledAt > opensAt) opensAt = settledAt;
  }
  const { closesAt, early } = batchCloseAt(terminal, at);
  return { batchNo: batchNumberAt(terminal, at), opensAt, closesAt, early };
}

export function openBatchOf(terminal: TerminalRecord, now: number): OpenBatch {
  const batch = batchAt(terminal, now);
  return { batchNo: batch.batchNo, closesAt: toIso(batch.closesAt) };
}

/** A terminal's transaction is named by its batch and trace number, so an upload again finds it. */
export function terminalTransactionId(tid: string, batchNo: string, traceNo: string): string {
  return `tt_${tid}_${batchNo}_${traceNo}`;
}

function voidRefused(reason: VoidRefusalReason, detail: string): SimProblem {
  return new SimProblem(422, voidRefusalCode(reason), detail);
}

const VOID_REFUSAL_DETAIL: Record<VoidRefusalReason, string> = {
  settled: 'The sale is settled: refund it instead.',
  past_cutoff: 'The sale’s batch closed at its cutoff: refund it instead.',
  already_voided: 'The sale was voided already.',
  qr_refund_only: 'A QR payment cannot be voided: refund it instead.',
  d0_payout_refund_only: 'This merchant is paid out the same day (D0): refund the sale instead.',
  not_approved: 'The sale was declined: there is nothing to void.',
  is_void: 'A void cannot be voided.',
  partial_amount: 'A void is for the sale’s full amount; refund part of it instead.',
  original_not_found: 'No sale of this terminal has that batch and trace number.',
  not_a_void: 'A sale names no original; a void must.',
};

function sameUpload(stored: TransactionRecord, tx: TerminalTransaction, originalId: string | undefined) {
  return (
    stored.type === tx.type &&
    stored.amount === tx.amount &&
    stored.method === tx.method &&
    stored.rrn === tx.rrn &&
    stored.operatorNo === tx.operatorNo &&
    (stored.cardLast4 ?? null) === (tx.cardLast4 ?? null) &&
    (stored.originalId ?? null) === (originalId ?? null)
  );
}

function checkShape(tx: TerminalTransaction): void {
  const card = isCardMethod(tx.method);
  if (card !== (tx.cardLast4 !== undefined)) {
    throw new SimProblem(
      422,
      ErrorCode.validation,
      card
        ? 'A card transaction carries the card’s last four digits (cardLast4).'
        : 'A QR payment has no card: leave cardLast4 out.',
    );
  }
  if (tx.type === 'sale' && tx.original) throw voidRefused('not_a_void', VOID_REFUSAL_DETAIL.not_a_void);
  if (tx.type === 'void' && !tx.original) {
    throw new SimProblem(422, ErrorCode.validation, 'A void names its original sale (batchNo, traceNo).');
  }
}

/**
 * The ledger rows an upload needs (the transaction itself, if uploaded before, and a void's original),
 * read through the book before anything changes: throws LedgerReadsNeeded until they are read.
 */
export function uploadReads(
  book: LedgerBook,
  terminal: TerminalRecord,
  tx: TerminalTransaction,
): Map<string, TransactionRecord> {
  checkShape(tx);
  const ids = [terminalTransactionId(terminal.tid, tx.batchNo, tx.traceNo)];
  if (tx.original) ids.push(terminalTransactionId(terminal.tid, tx.original.batchNo, tx.original.traceNo));
  return book.byIds(terminal, ids);
}

/**
 * A sale or a void made at the terminal (docs/terminal-protocol.md). A sale is taken as made at its time; a
 * void is decided now, under the void rules, as the online authorisation it is. The same upload again adds
 * nothing.
 */
export function uploadTransaction(
  state: SimState,
  now: number,
  terminal: TerminalRecord,
  tx: TerminalTransaction,
  known: Map<string, TransactionRecord>,
): TransactionUploaded {
  const id = terminalTransactionId(terminal.tid, tx.batchNo, tx.traceNo);
  const originalId = tx.original
    ? terminalTransactionId(terminal.tid, tx.original.batchNo, tx.original.traceNo)
    : undefined;
  const stored = known.get(id);
  if (stored) {
    if (!sameUpload(stored, tx, originalId)) {
      throw new SimProblem(
        409,
        TerminalErrorCode.traceReused,
        `Trace number ${tx.traceNo} of batch ${tx.batchNo} names another transaction already: use the next trace number.`,
      );
    }
    return { id, result: 'duplicate', createdAt: toIso(stored.createdAt) };
  }
  const at = Date.parse(tx.at);
  let createdAt: number;
  if (tx.type === 'sale') {
    if (at > now + TIMESTAMP_TOLERANCE_MS || at < now - SALE_UPLOAD_WINDOW_MS) {
      throw new SimProblem(
        422,
        TerminalErrorCode.badTime,
        `A sale is uploaded within ${SALE_UPLOAD_WINDOW_MS / DAY} days of when it was made, and not from the future (the acquirer’s clock: ${toIso(now)}).`,
      );
    }
    createdAt = at;
  } else {
    if (Math.abs(at - now) > TIMESTAMP_TOLERANCE_MS) {
      throw new SimProblem(
        422,
        TerminalErrorCode.badTime,
        'A void is authorised online as it is made: it cannot be uploaded later. Refund the sale instead.',
      );
    }
    createdAt = now;
  }
  const batch = batchAt(terminal, createdAt);
  const original = originalId ? known.get(originalId) : undefined;
  if (tx.type === 'void') {
    if (!original) throw voidRefused('original_not_found', VOID_REFUSAL_DETAIL.original_not_found);
    const merchant = state.world.merchantById.get(terminal.merchantId);
    const decision = voidabilityOf(original, merchant, now);
    if (!decision.voidable) {
      const reason = decision.notVoidableReason!;
      throw voidRefused(reason, VOID_REFUSAL_DETAIL[reason]);
    }
    if (tx.amount !== original.amount) {
      throw voidRefused('partial_amount', VOID_REFUSAL_DETAIL.partial_amount);
    }
  }
  if (batch.batchNo !== tx.batchNo) {
    throw new SimProblem(
      422,
      TerminalErrorCode.batchMismatch,
      `At ${toIso(createdAt)} this terminal’s batch is ${batch.batchNo}, not ${tx.batchNo}: check in for the open batch.`,
    );
  }
  const record: TransactionRecord = {
    // Not a place in the generated order: the store numbers the rows it adds.
    index: -1,
    id,
    terminal,
    type: tx.type,
    outcome: 'approved',
    voided: false,
    method: tx.method,
    amount: tx.amount,
    cardLast4: tx.cardLast4,
    traceNo: tx.traceNo,
    rrn: tx.rrn,
    operatorNo: tx.operatorNo,
    createdAt,
    originalId,
  };
  addTransaction(state, record);
  if (original) {
    // The ledger's own record in memory; the store's row through the change set.
    original.voided = true;
    state.changes.voided.push(original.id);
  }
  // Its revision moves: another upload of this terminal reads the ledger again.
  touchTerminal(state, terminal);
  return { id, result: 'accepted', createdAt: toIso(createdAt) };
}

/** The batch a settlement names: the open one, or one closed in the last week; null for neither. */
function settledBatch(terminal: TerminalRecord, batchNo: string, now: number): BatchWindow | null {
  let batch = batchAt(terminal, now);
  while (now - batch.closesAt <= SETTLEMENT_LOOKBACK_MS) {
    if (batch.batchNo === batchNo) return batch;
    batch = batchAt(terminal, batch.opensAt - 1);
  }
  return null;
}

function batchFilters(terminal: TerminalRecord, batch: BatchWindow): [LedgerFilter, LedgerFilter] {
  const common = {
    merchantIds: [terminal.merchantId],
    tid: terminal.tid,
    outcome: 'approved',
    from: batch.opensAt,
    to: batch.closesAt,
  } as const;
  return [
    { ...common, type: 'sale' },
    { ...common, type: 'void' },
  ];
}

/** The batch named and the acquirer's totals of it, read before anything changes (LedgerReadsNeeded). */
export function settlementReads(
  book: LedgerBook,
  terminal: TerminalRecord,
  body: SettleRequest,
  now: number,
): { batch: BatchWindow; totals: SettleResponse['acquirer'] } {
  const batch = settledBatch(terminal, body.batchNo, now);
  if (!batch) {
    throw new SimProblem(
      422,
      TerminalErrorCode.batchMismatch,
      `Batch ${body.batchNo} is neither this terminal’s open batch nor one closed in the last 7 days.`,
    );
  }
  const [sales, voids] = book.answers(terminal, [
    { kind: 'totals', filter: batchFilters(terminal, batch)[0] },
    { kind: 'totals', filter: batchFilters(terminal, batch)[1] },
  ]) as { count: number; amount: number }[];
  return { batch, totals: { sales: sales!, voids: voids! } };
}

/**
 * The terminal settles a batch: the open one closes now (before its cutoff; a new one opens), a closed one is
 * only reconciled. Either way the answer compares the terminal's totals with the acquirer's; settling the
 * same batch again answers the same.
 */
export function settleBatch(
  state: SimState,
  now: number,
  terminal: TerminalRecord,
  body: SettleRequest,
  read: { batch: BatchWindow; totals: SettleResponse['acquirer'] },
): SettleResponse {
  const { batch, totals } = read;
  let closedAt = batch.closesAt;
  let early = batch.early;
  if (batch.closesAt > now) {
    terminal.manualSettlements.push(now);
    terminal.manualSettlements.sort((a, b) => a - b);
    state.changes.settlements.push({ tid: terminal.tid, settledAt: now });
    touchTerminal(state, terminal);
    closedAt = now;
    early = true;
  }
  const balanced =
    body.sales.count === totals.sales.count &&
    body.sales.amount === totals.sales.amount &&
    body.voids.count === totals.voids.count &&
    body.voids.amount === totals.voids.amount;
  return {
    batchNo: batch.batchNo,
    closedAt: toIso(closedAt),
    early,
    acquirer: totals,
    balanced,
    batch: openBatchOf(terminal, now),
  };
}
