import { z } from 'zod/mini';
import { MerchantId, TerminalId } from '@contract/schemas/common';
import { PaymentMethod, TransactionStatus, TransactionType } from '@contract/schemas/transactions';
import { businessDayRange } from '@/components/date-range-fields';
import { addBusinessDays, businessDate } from '@/i18n/format';
import type { TransactionListQuery } from './queries';

const BusinessDay = z.iso.date();

/** In the URL so Back closes the detail dialog. */
const SelectedTransaction = z.string().check(z.regex(/^[\w-]{1,40}$/));

/** `voidable=true` is the default spelled out, as the terminal page links it. */
export const TransactionView = z.object({
  voidable: z.optional(z.enum(['true', 'all'])),
  q: z.optional(z.string().check(z.maxLength(32))),
  merchantId: z.optional(MerchantId),
  terminalId: z.optional(TerminalId),
  storeId: z.optional(z.string().check(z.maxLength(64))),
  method: z.optional(PaymentMethod),
  status: z.optional(TransactionStatus),
  type: z.optional(TransactionType),
  from: z.optional(BusinessDay),
  to: z.optional(BusinessDay),
  sale: z.optional(SelectedTransaction),
});
export type TransactionView = Partial<z.output<typeof TransactionView>>;

export function isVoidableNowView(view: TransactionView): boolean {
  return view.voidable !== 'all';
}

export function listQueryOf(view: TransactionView): TransactionListQuery {
  const query: TransactionListQuery = {
    merchantId: view.merchantId,
    terminalId: view.terminalId,
    storeId: view.storeId,
    method: view.method,
    q: view.q,
    ...businessDayRange(view.from, view.to),
  };
  if (isVoidableNowView(view)) return { ...query, voidable: 'true', type: 'sale' };
  return { ...query, status: view.status, type: view.type };
}

export const CLEARED_FILTERS = {
  q: undefined,
  merchantId: undefined,
  terminalId: undefined,
  storeId: undefined,
  method: undefined,
  status: undefined,
  type: undefined,
  from: undefined,
  to: undefined,
  sale: undefined,
} as const;

export function hasFilters(view: TransactionView): boolean {
  return Object.keys(CLEARED_FILTERS).some(
    (key) => key !== 'sale' && view[key as keyof TransactionView] !== undefined,
  );
}

export const VoidPeriod = z.enum(['today', '7d', '14d', 'custom']);
export type VoidPeriod = z.infer<typeof VoidPeriod>;
export const DEFAULT_VOID_PERIOD: VoidPeriod = '7d';

export const VoidsView = z.object({
  period: z.optional(VoidPeriod),
  from: z.optional(BusinessDay),
  to: z.optional(BusinessDay),
  merchantId: z.optional(MerchantId),
  terminalId: z.optional(TerminalId),
  storeId: z.optional(z.string().check(z.maxLength(64))),
  operatorNo: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
  sale: z.optional(SelectedTransaction),
});
export type VoidsView = Partial<z.output<typeof VoidsView>>;

/** A custom period without dates is every day. */
export function periodRange(view: VoidsView, today: string): { from?: string; to?: string } {
  switch (view.period ?? DEFAULT_VOID_PERIOD) {
    case 'today':
      return businessDayRange(today, undefined);
    case '7d':
      return businessDayRange(addBusinessDays(today, -6), undefined);
    case '14d':
      return businessDayRange(addBusinessDays(today, -13), undefined);
    case 'custom':
      return businessDayRange(view.from, view.to);
  }
}

/** By the browser's clock: a day boundary, not a deadline. */
export function businessToday(): string {
  return businessDate(Date.now());
}
