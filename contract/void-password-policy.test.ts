import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVoidPassword, COMMON_PIN_BLOCKLIST, isAcceptableVoidPassword } from './void-password-policy';

describe('void password policy', () => {
  it.each([
    ['', ['length']],
    ['12345', ['length']],
    ['1234567', ['length']],
    ['12a456', ['digits']],
    ['１２３４５６', ['digits']], // full-width digits are not ASCII digits
    ['12 456', ['digits']],
    ['4816😀', ['digits', 'length']],
    ['123456', ['factory_default']],
    ['000000', ['same_digit']],
    ['777777', ['same_digit']],
    ['654321', ['sequence']],
    ['234567', ['sequence']],
    ['890123', ['sequence']],
    ['123123', ['common']],
    ['112233', ['common']],
    ['520520', ['common']],
    ['147258', ['common']],
    ['159753', ['common']],
    ['048213', []],
    ['790315', []],
  ])('%j breaks %j', (pin, rules) => {
    expect(checkVoidPassword(pin)).toEqual(rules);
  });

  it('refuses every blocklisted PIN', () => {
    for (const pin of COMMON_PIN_BLOCKLIST) expect(isAcceptableVoidPassword(pin)).toBe(false);
  });

  it('accepts only strings of exactly six ASCII digits (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (input) => {
        if (isAcceptableVoidPassword(input)) expect(input).toMatch(/^[0-9]{6}$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('says something for every rejected input and nothing for an accepted one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6}$/), (pin) => {
        const broken = checkVoidPassword(pin);
        expect(broken.length === 0).toBe(isAcceptableVoidPassword(pin));
        expect(broken.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});
