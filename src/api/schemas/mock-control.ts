import { z } from 'zod';

/**
 * Bodies of the mock's `/__mock/*` control surface (DESIGN §4). `hostile`: the demo with
 * hostile names (markup, bidi controls, zero-width characters, 500-character names).
 */
export const MockScenario = z.enum(['demo', 'large', 'empty', 'hostile']);
export type MockScenario = z.infer<typeof MockScenario>;

export const MockResetBody = z.object({
  scenario: MockScenario.optional(),
  seed: z.string().max(64).optional(),
  /** Moves the simulated clock here first, so the fresh data is fully deterministic. */
  now: z.iso.datetime({ offset: true }).optional(),
});
export const MockClockBody = z.union([
  z.object({ advanceMs: z.number().int().nonnegative() }),
  z.object({ now: z.iso.datetime({ offset: true }) }),
]);
export const MockConnectivityBody = z.object({ online: z.boolean() });
export const MockVoidPasswordBody = z.object({ password: z.string().regex(/^\d{6}$/) });
export const MockFaultBody = z.object({
  method: z.string().transform((m) => m.toUpperCase()),
  path: z.string().min(1),
  status: z.number().int().min(100).max(599).optional(),
  networkError: z.boolean().optional(),
  delayMs: z.number().int().nonnegative().max(600000).optional(),
  malformed: z.boolean().optional(),
  times: z.number().int().positive().optional(),
});
export type MockFault = z.infer<typeof MockFaultBody>;
