import { z } from 'zod/mini';
import { AmountFen, Count, ExportLanguage, MerchantId, TerminalId, Timestamp } from './common';

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
  cardLast4: z.optional(z.string().check(z.regex(/^\d{4}$/))),
  traceNo: z.string().check(z.regex(/^\d{6}$/)),
  rrn: z.string().check(z.regex(/^\d{12}$/)),
  batchNo: z.string(),
  operatorNo: z.string(),
  createdAt: Timestamp,
  voidable: z.boolean(),
  voidableUntil: z.optional(Timestamp),
  notVoidableReason: z.optional(NotVoidableReason),
  originalId: z.optional(z.string()),
});
export type Transaction = z.infer<typeof Transaction>;

export const TransactionDetail = z.extend(Transaction, {
  original: z.optional(Transaction),
  serverTime: Timestamp,
});
export type TransactionDetail = z.infer<typeof TransactionDetail>;

const boolParam = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);

export const TransactionQuery = z.object({
  merchantId: z.optional(MerchantId),
  terminalId: z.optional(TerminalId),
  storeId: z.optional(z.string()),
  type: z.optional(TransactionType),
  voidable: z.optional(boolParam),
  status: z.optional(TransactionStatus),
  method: z.optional(PaymentMethod),
  from: z.optional(Timestamp),
  to: z.optional(Timestamp),
  minAmount: z.optional(z.coerce.number().check(z.int())),
  maxAmount: z.optional(z.coerce.number().check(z.int())),
  q: z.optional(z.string().check(z.maxLength(32))),
  operatorNo: z.optional(z.string()),
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
});
export type TransactionQuery = z.input<typeof TransactionQuery>;

/** Query of `GET /transactions/export`: a list's filter and the file's language (default zh-CN). */
export const TransactionExportQuery = z.extend(TransactionQuery, { lang: z.optional(ExportLanguage) });
export type TransactionExportQuery = z.input<typeof TransactionExportQuery>;

export const TransactionListItem = z.extend(Transaction, { original: z.optional(Transaction) });
export type TransactionListItem = z.infer<typeof TransactionListItem>;

export const TransactionPage = z.object({
  items: z.array(TransactionListItem),
  nextCursor: z.nullable(z.string()),
  total: Count,
  summary: z.object({ count: Count, amount: AmountFen }),
  serverTime: Timestamp,
});
export type TransactionPage = z.infer<typeof TransactionPage>;

export const VoidSummaryQuery = z.object({
  merchantId: z.optional(MerchantId),
  terminalId: z.optional(TerminalId),
  storeId: z.optional(z.string()),
  from: z.optional(Timestamp),
  to: z.optional(Timestamp),
});
export type VoidSummaryQuery = z.input<typeof VoidSummaryQuery>;

const VoidsAtTerminal = z.object({
  tid: TerminalId,
  storeName: z.string(),
  count: Count,
  amount: AmountFen,
});

/** Operator numbers are per terminal. */
export const OperatorVoids = z.extend(VoidsAtTerminal, {
  operatorNo: z.string(),
  burst: z.boolean(),
});
export type OperatorVoids = z.infer<typeof OperatorVoids>;

export const TerminalVoids = z.extend(VoidsAtTerminal, {
  operatorCount: Count,
  burst: z.boolean(),
});
export type TerminalVoids = z.infer<typeof TerminalVoids>;

/** Many voids by one operator within a short window: how voiding for cash shows. */
export const VoidBurst = z.extend(VoidsAtTerminal, {
  operatorNo: z.string(),
  from: Timestamp,
  to: Timestamp,
  threshold: Count,
  windowMinutes: Count,
});
export type VoidBurst = z.infer<typeof VoidBurst>;

/** Each list holds the top rows only; `operatorGroups` / `terminalGroups` say how many exist. */
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
