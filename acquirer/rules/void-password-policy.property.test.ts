// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { policyProblem } from '@acquirer/rules/void-password';
import { bodyOf, codeOf, signedIn, testAcquirer } from '@acquirer/testing/harness';
import {
  checkVoidPassword,
  COMMON_PIN_BLOCKLIST,
  FACTORY_DEFAULT_VOID_PASSWORD,
  isAcceptableVoidPassword,
  RULE_ERROR_CODE,
} from '@contract/void-password-policy';

const sixDigits = fc.stringMatching(/^[0-9]{6}$/);
/** Half of the draws from the PINs people pick, so both answers are well covered. */
const candidatePins = fc.oneof(
  sixDigits,
  fc.constantFrom(...COMMON_PIN_BLOCKLIST, FACTORY_DEFAULT_VOID_PASSWORD),
  fc.integer({ min: 0, max: 9 }).map((d) => String(d).repeat(6)),
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(1, -1))
    .map(([start, step]) => Array.from({ length: 6 }, (_, i) => (start + step * i + 20) % 10).join('')),
);

/** The policy of docs/domain.md written again, independently, as the oracle. */
function simpleEnough(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  return (
    steps.every((s) => s === 0) ||
    steps.every((s) => s === 1) ||
    steps.every((s) => s === 9) ||
    COMMON_PIN_BLOCKLIST.has(pin) ||
    pin === FACTORY_DEFAULT_VOID_PASSWORD
  );
}

describe('void password policy (properties)', () => {
  it('accepts a 6-digit PIN exactly when it is not one digit, a run, common or the factory default', () => {
    fc.assert(
      fc.property(candidatePins, (pin) => {
        expect(isAcceptableVoidPassword(pin)).toBe(!simpleEnough(pin));
      }),
      { numRuns: 3000 },
    );
  });

  it('names one rule for a rejected 6-digit PIN, and only the format rules for anything else', () => {
    fc.assert(
      fc.property(fc.oneof(candidatePins, fc.string({ maxLength: 8 })), (pin) => {
        const broken = checkVoidPassword(pin);
        if (/^[0-9]{6}$/.test(pin)) expect(broken.length).toBeLessThanOrEqual(1);
        else expect(broken.length > 0 && broken.every((r) => r === 'length' || r === 'digits')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the acquirer’s rule too: the simulator refuses with the policy’s code, or takes the change', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await fc.assert(
      fc.asyncProperty(candidatePins, async (pin) => {
        expect(policyProblem(pin)?.code ?? null).toBe(
          checkVoidPassword(pin).map((rule) => RULE_ERROR_CODE[rule])[0] ?? null,
        );
        const response = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
          currentPassword: DEMO_VOID_PASSWORD,
          newPassword: pin,
        });
        if (!isAcceptableVoidPassword(pin)) {
          expect(response.status).toBe(422);
          expect(codeOf(response)).toBe(RULE_ERROR_CODE[checkVoidPassword(pin)[0]!]);
        } else if (pin === DEMO_VOID_PASSWORD) {
          expect(codeOf(response)).toBe('pin.reused');
        } else {
          expect(response.status).toBe(202);
          // One open command per terminal: withdraw it for the next draw.
          const { command } = bodyOf<{ command: { id: string } }>(response);
          expect((await owner.post(`/password-commands/${command.id}/cancel`)).status).toBe(200);
        }
      }),
      { numRuns: 150 },
    );
  });
});
