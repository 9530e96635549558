import type { NotVoidableReason, PaymentMethod, Transaction } from '@contract/schemas/transactions';

export type VoidabilityNow =
  { voidable: true; until: number } | { voidable: false; reason: NotVoidableReason };

/** The server's answer, except a deadline passed since it answered counts at once, before any refetch. */
export function voidabilityAt(tx: Transaction, now: number | null): VoidabilityNow {
  if (tx.voidable && tx.voidableUntil) {
    const until = Date.parse(tx.voidableUntil);
    if (now === null || now < until) return { voidable: true, until };
    return { voidable: false, reason: 'past_cutoff' };
  }
  return { voidable: false, reason: tx.notVoidableReason ?? 'not_approved' };
}

export function hasJustExpired(tx: Transaction, now: number | null): boolean {
  return tx.voidable && now !== null && !voidabilityAt(tx, now).voidable;
}

const WALLETS: ReadonlySet<PaymentMethod> = new Set(['wechat_qr', 'alipay_qr', 'unionpay_qr']);

/** WeChat Pay, Alipay and UnionPay QR: no card, refunded in the wallet. */
export function isWalletMethod(method: PaymentMethod): boolean {
  return WALLETS.has(method);
}
