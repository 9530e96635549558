import { z } from 'zod/mini';
import { AmountFen, Count, MerchantId, Timestamp } from './common';

/** Query of `GET /overview`: one merchant, or every merchant the user reaches. */
export const OverviewQuery = z.object({ merchantId: z.optional(MerchantId) });
export type OverviewQuery = z.input<typeof OverviewQuery>;

/**
 * Void-password risks of the fleet, counted as the fleet list filters them. The
 * void-password counts are absent for a role that does not see void-password state (a cashier).
 */
export const FleetRisks = z.object({
  total: Count,
  /** Still on the factory void password 123456 (`passwordState=default`). */
  factoryPassword: z.optional(Count),
  /** Void password locked after wrong attempts (`passwordState=locked`). */
  locked: z.optional(Count),
  offline: Count,
  /** Password commands queued or delivered, not applied yet (`command=open`). */
  openCommands: z.optional(Count),
  /** Void password unchanged for more than `stalePasswordDays` (`passwordAge=stale`). */
  stalePasswords: z.optional(Count),
  stalePasswordDays: Count,
});

/** Voids of one business day (Asia/Shanghai). */
export const DailyVoids = z.object({
  date: z.iso.date(),
  count: Count,
  amount: AmountFen,
});
export type DailyVoids = z.infer<typeof DailyVoids>;

/** The merchant's security and money at a glance. */
export const Overview = z.object({
  terminals: FleetRisks,
  voidable: z.object({
    count: Count,
    amount: AmountFen,
    /** The earliest deadline of a voidable sale; null when none is voidable. */
    nextCutoffAt: z.nullable(Timestamp),
  }),
  /** The last 14 business days, oldest first, today last; absent for a cashier (voids are the owner's review). */
  voidsByDay: z.optional(z.array(DailyVoids)),
  serverTime: Timestamp,
});
export type Overview = z.infer<typeof Overview>;
