import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY } from '../clock';
import { generateWorld } from '../data/generate';
import { TEST_NOW } from '../testing/harness';
import { earliestOpenBatchStart, voidabilityOf } from './voidability';

describe('the earliest open batch of a set of terminals', () => {
  const world = generateWorld({ scenario: 'demo', seed: 'voidability', now: Date.parse(TEST_NOW) });
  const sale = world.transactions.find(
    (tx) => tx.type === 'sale' && tx.outcome === 'approved' && !tx.voided && tx.method === 'card_chip',
  )!;
  const merchant = { ...world.merchantById.get(sale.terminal.merchantId)!, payoutMode: 'T1' as const };

  it('leaves out no sale that can still be voided, and starts exactly at the last cutoff', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 0, max: 2 * DAY }),
        fc.array(fc.integer({ min: 0, max: 2 * DAY }), { maxLength: 2 }),
        (cutoffMinute, now, age, settledAgo) => {
          const terminal = {
            ...sale.terminal,
            cutoffMinute,
            manualSettlements: settledAgo.map((ago) => now - ago).sort((a, b) => a - b),
          };
          const start = earliestOpenBatchStart([terminal], now);
          const tx = { ...sale, terminal, createdAt: now - age };
          if (voidabilityOf(tx, merchant, now).voidable) expect(tx.createdAt).toBeGreaterThanOrEqual(start);
          // A sale made at the start itself is the open batch's, unless the operator settled since.
          const atStart = { ...tx, createdAt: start };
          const settledSince = terminal.manualSettlements.some((at) => at > start && at <= now);
          expect(voidabilityOf(atStart, merchant, now).voidable).toBe(!settledSince && start <= now);
          expect(start).toBeGreaterThan(now - DAY);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is the earliest among terminals with different cutoffs', () => {
    const now = Date.parse('2026-12-07T06:00:00Z'); // 14:00 in Shanghai
    const at = (cutoffMinute: number) => ({ ...sale.terminal, cutoffMinute, manualSettlements: [] });
    // 23:00 yesterday and 02:30 today, Shanghai time.
    expect(earliestOpenBatchStart([at(23 * 60), at(150)], now)).toBe(Date.parse('2026-12-06T15:00:00Z'));
    expect(earliestOpenBatchStart([at(150)], now)).toBe(Date.parse('2026-12-06T18:30:00Z'));
    expect(earliestOpenBatchStart([], now)).toBe(now);
  });
});
