import { z } from 'zod';
import { AmountFen, MerchantId, TerminalId, Timestamp } from './common';

export const TransactionType = z.enum(['sale', 'void']);
export const TransactionStatus = z.enum(['approved', 'voided', 'settled', 'declined']);
export const PaymentMethod = z.enum([
  'card_chip',
  'card_swipe',
  'card_contactless',
  'wechat_qr',
  'alipay_qr',
  'unionpay_qr',
]);
export type PaymentMethod = z.infer<typeof PaymentMethod>;
export const NotVoidableReason = z.enum([
  'settled',
  'past_cutoff',
  'already_voided',
  'qr_refund_only',
  'd0_payout_refund_only',
  'not_approved',
  'is_void',
]);
export type NotVoidableReason = z.infer<typeof NotVoidableReason>;

export const Transaction = z.object({
  id: z.string(),
  merchantId: MerchantId,
  tid: TerminalId,
  storeId: z.string(),
  storeName: z.string(),
  type: TransactionType,
  status: TransactionStatus,
  method: PaymentMethod,
  amount: AmountFen,
  currency: z.literal('CNY'),
  cardLast4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  traceNo: z.string().regex(/^\d{6}$/),
  rrn: z.string().regex(/^\d{12}$/),
  batchNo: z.string(),
  operatorNo: z.string(),
  createdAt: Timestamp,
  voidable: z.boolean(),
  voidableUntil: Timestamp.optional(),
  notVoidableReason: NotVoidableReason.optional(),
  originalId: z.string().optional(),
});
export type Transaction = z.infer<typeof Transaction>;

export const TransactionDetail = Transaction.extend({
  original: Transaction.optional(),
  serverTime: Timestamp,
});
export type TransactionDetail = z.infer<typeof TransactionDetail>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const TransactionQuery = z.object({
  merchantId: MerchantId.optional(),
  terminalId: TerminalId.optional(),
  storeId: z.string().optional(),
  type: TransactionType.optional(),
  voidable: boolParam.optional(),
  status: TransactionStatus.optional(),
  method: PaymentMethod.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  minAmount: z.coerce.number().int().optional(),
  maxAmount: z.coerce.number().int().optional(),
  q: z.string().max(32).optional(),
  operatorNo: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type TransactionQuery = z.input<typeof TransactionQuery>;

/** A row of `GET /transactions`: a void carries the sale it cancelled, as the detail does. */
export const TransactionListItem = Transaction.extend({ original: Transaction.optional() });
export type TransactionListItem = z.infer<typeof TransactionListItem>;

export const TransactionPage = z.object({
  items: z.array(TransactionListItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().nonnegative(),
  summary: z.object({ count: z.number().int().nonnegative(), amount: AmountFen }),
  serverTime: Timestamp,
});
export type TransactionPage = z.infer<typeof TransactionPage>;

/** Query of `GET /transactions/void-summary`: voids in a period, by merchant, terminal or store. */
export const VoidSummaryQuery = z.object({
  merchantId: MerchantId.optional(),
  terminalId: TerminalId.optional(),
  storeId: z.string().optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type VoidSummaryQuery = z.input<typeof VoidSummaryQuery>;

const Count = z.number().int().nonnegative();

/** Voids at one terminal: how many, how much. */
const VoidsAtTerminal = z.object({
  tid: TerminalId,
  storeName: z.string(),
  count: Count,
  amount: AmountFen,
});

/** One operator's voids at one terminal (operator numbers are per terminal). */
export const OperatorVoids = VoidsAtTerminal.extend({
  operatorNo: z.string(),
  /** A burst of voids (see `bursts`) by this operator at this terminal in the period. */
  burst: z.boolean(),
});
export type OperatorVoids = z.infer<typeof OperatorVoids>;

export const TerminalVoids = VoidsAtTerminal.extend({
  operatorCount: Count,
  burst: z.boolean(),
});
export type TerminalVoids = z.infer<typeof TerminalVoids>;

/** Many voids by one operator at one terminal within a short window: how voiding for cash shows. */
export const VoidBurst = VoidsAtTerminal.extend({
  operatorNo: z.string(),
  /** The first and last void of the burst. */
  from: Timestamp,
  to: Timestamp,
  /** The rule: at least `threshold` voids within `windowMinutes`. */
  threshold: Count,
  windowMinutes: Count,
});
export type VoidBurst = z.infer<typeof VoidBurst>;

/**
 * Voids of the period, counted and summed per operator and per terminal, most voids first;
 * each list holds the top rows only (`operatorGroups` / `terminalGroups` say how many exist).
 */
export const VoidSummary = z.object({
  total: z.object({ count: Count, amount: AmountFen }),
  byOperator: z.array(OperatorVoids),
  operatorGroups: Count,
  byTerminal: z.array(TerminalVoids),
  terminalGroups: Count,
  bursts: z.array(VoidBurst),
  serverTime: Timestamp,
});
export type VoidSummary = z.infer<typeof VoidSummary>;
