import { z } from 'zod/mini';
import { AmountFen, Count, MerchantId, Timestamp } from './common';

export const OverviewQuery = z.object({ merchantId: z.optional(MerchantId) });
export type OverviewQuery = z.input<typeof OverviewQuery>;

/** Counted as the fleet list filters them; absent for a role that does not see void-password state. */
export const FleetRisks = z.object({
  total: Count,
  factoryPassword: z.optional(Count),
  locked: z.optional(Count),
  offline: Count,
  openCommands: z.optional(Count),
  stalePasswords: z.optional(Count),
  /** On an older firmware release than their model's current one. */
  outdatedFirmware: z.optional(Count),
  stalePasswordDays: Count,
});

export const DailyVoids = z.object({
  date: z.iso.date(),
  count: Count,
  amount: AmountFen,
});
export type DailyVoids = z.infer<typeof DailyVoids>;

export const Overview = z.object({
  terminals: FleetRisks,
  voidable: z.object({
    count: Count,
    amount: AmountFen,
    nextCutoffAt: z.nullable(Timestamp),
  }),
  /** Absent for a cashier: voids are the owner's review. */
  voidsByDay: z.optional(z.array(DailyVoids)),
  serverTime: Timestamp,
});
export type Overview = z.infer<typeof Overview>;
