import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './format';
import { LANGUAGES } from './languages';

function parseMoney(text: string): { fen: bigint; grouped: string } {
  const match = /^(-?)¥(\d{1,3}(?:,\d{3})*)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a money amount: ${JSON.stringify(text)}`);
  const [, sign, grouped, cents] = match;
  const fen = BigInt(grouped!.replaceAll(',', '')) * 100n + BigInt(cents!);
  return { fen: sign ? -fen : fen, grouped: grouped! };
}

const anyFen = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(0, 1, -1, 99, 100, -100, 123_456_789, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
);

describe.each(LANGUAGES)('money in %s (properties)', (language) => {
  it('reads back as the same number of fen: sign, two decimals, thousands grouped by three', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        const text = formatMoney(fen, language);
        const parsed = parseMoney(text);
        expect(parsed.fen).toBe(BigInt(fen));
        expect(text.startsWith('-')).toBe(fen < 0);
        // Grouped exactly when the yuan part has more than three digits.
        expect(parsed.grouped.includes(',')).toBe(parsed.grouped.replaceAll(',', '').length > 3);
      }),
      { numRuns: 3000 },
    );
  });

  it('orders amounts as their fen are ordered, and negation only adds the sign', () => {
    fc.assert(
      fc.property(anyFen, anyFen, (a, b) => {
        const [x, y] = [parseMoney(formatMoney(a, language)).fen, parseMoney(formatMoney(b, language)).fen];
        expect(x < y).toBe(a < b);
        const positive = formatMoney(Math.abs(a), language);
        expect(formatMoney(-Math.abs(a), language)).toBe(a === 0 ? positive : `-${positive}`);
      }),
      { numRuns: 1000 },
    );
  });
});
