import { z } from 'zod/mini';
import { PaymentMethod } from './transactions';

export const MockScenario = z.enum(['demo', 'large', 'empty', 'hostile']);
export type MockScenario = z.infer<typeof MockScenario>;

export const MockResetBody = z.object({
  scenario: z.optional(MockScenario),
  seed: z.optional(z.string().check(z.maxLength(64))),
  now: z.optional(z.iso.datetime({ offset: true })),
});
export const MockClockBody = z.union([
  z.object({ advanceMs: z.int().check(z.nonnegative()) }),
  z.object({ now: z.iso.datetime({ offset: true }) }),
]);
export const MockConnectivityBody = z.object({ online: z.boolean() });
/** A sale made at a terminal now (sandbox): an approved sale, as a terminal would report it. */
export const MockSaleBody = z.object({
  amount: z.int().check(z.positive(), z.maximum(100_000_000)),
  method: PaymentMethod,
  cardLast4: z.optional(z.string().check(z.regex(/^\d{4}$/))),
  operatorNo: z.optional(z.string().check(z.regex(/^\d{2}$/))),
});
export const MockVoidPasswordBody = z.object({ password: z.string().check(z.regex(/^\d{6}$/)) });
export const MockFaultBody = z.object({
  method: z.pipe(
    z.string(),
    z.transform((m) => m.toUpperCase()),
  ),
  path: z.string().check(z.minLength(1)),
  status: z.optional(z.int().check(z.minimum(100), z.maximum(599))),
  networkError: z.optional(z.boolean()),
  delayMs: z.optional(z.int().check(z.nonnegative(), z.maximum(600000))),
  malformed: z.optional(z.boolean()),
  times: z.optional(z.int().check(z.positive())),
});
export type MockFault = z.infer<typeof MockFaultBody>;
