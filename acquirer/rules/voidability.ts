import type { NotVoidableReason, PaymentMethod, Transaction } from '@contract/schemas/transactions';
import { cutoffIndex, DAY, MINUTE, nextCutoffAfter } from '../clock';
import type { MerchantRecord, TerminalRecord, TransactionRecord } from '../types';

/** Clearing takes a moment after the cutoff. */
export const SETTLEMENT_LAG_MS = 60 * MINUTE;

export const CARD_METHODS: readonly PaymentMethod[] = ['card_chip', 'card_swipe', 'card_contactless'];
const CARD_METHOD_SET: ReadonlySet<PaymentMethod> = new Set(CARD_METHODS);

export function isCardMethod(method: PaymentMethod): boolean {
  return CARD_METHOD_SET.has(method);
}

export function batchCloseAt(terminal: TerminalRecord, at: number): { closesAt: number; early: boolean } {
  const cutoff = nextCutoffAfter(at, terminal.cutoffMinute);
  for (const settledAt of terminal.manualSettlements) {
    if (settledAt > at)
      return settledAt < cutoff ? { closesAt: settledAt, early: true } : { closesAt: cutoff, early: false };
  }
  return { closesAt: cutoff, early: false };
}

export function batchNumberAt(terminal: TerminalRecord, at: number): string {
  let early = 0;
  for (const settledAt of terminal.manualSettlements) if (settledAt <= at) early++;
  const number = (terminal.batchBase + cutoffIndex(at, terminal.cutoffMinute) + early) % 1_000_000;
  return String(number).padStart(6, '0');
}

/**
 * No sale made before this instant can still be voided at any of these terminals: the earliest of their last
 * cutoffs at or before `now` (a sale before its terminal's last cutoff is past it; one exactly at it is the
 * open batch's). Lets "voidable now" read only the open batches' sales; `voidabilityOf` decides each.
 */
export function earliestOpenBatchStart(terminals: Iterable<TerminalRecord>, now: number): number {
  const minutes = new Set<number>();
  for (const t of terminals) minutes.add(t.cutoffMinute);
  let earliest = now;
  for (const minute of minutes) earliest = Math.min(earliest, nextCutoffAfter(now, minute) - DAY);
  return earliest;
}

/** Lets "voidable now" skip the others before working out batches and cutoffs. */
export function mayBeVoidable(tx: TransactionRecord): boolean {
  return tx.type === 'sale' && tx.outcome !== 'declined' && !tx.voided && isCardMethod(tx.method);
}

export interface Voidability {
  status: Transaction['status'];
  voidable: boolean;
  voidableUntil?: number;
  notVoidableReason?: NotVoidableReason;
}

/** docs/domain.md, from the simulated now; exactly at the cutoff is too late. */
export function voidabilityOf(
  tx: TransactionRecord,
  merchant: MerchantRecord | undefined,
  now: number,
): Voidability {
  const { closesAt, early } = batchCloseAt(tx.terminal, tx.createdAt);
  const settled = early ? now >= closesAt : now >= closesAt + SETTLEMENT_LAG_MS;
  const pastCutoff = now >= closesAt;
  const no = (status: Transaction['status'], notVoidableReason: NotVoidableReason): Voidability => ({
    status,
    voidable: false,
    notVoidableReason,
  });
  if (tx.outcome === 'declined') return no('declined', tx.type === 'void' ? 'is_void' : 'not_approved');
  const approved = settled ? 'settled' : 'approved';
  if (tx.type === 'void') return no(approved, 'is_void');
  if (tx.voided) return no('voided', 'already_voided');
  if (!isCardMethod(tx.method)) return no(approved, 'qr_refund_only');
  if (merchant?.payoutMode === 'D0') return no(approved, 'd0_payout_refund_only');
  if (settled) return no('settled', 'settled');
  if (pastCutoff) return no('approved', 'past_cutoff');
  return { status: 'approved', voidable: true, voidableUntil: closesAt };
}
