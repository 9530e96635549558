import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAcceptableVoidPassword } from '@contract/void-password-policy';
import { changeLanguage, i18n } from '@/i18n/i18n';
import type { MessageKey } from '@/i18n/messages';
import { ChangeVoidPasswordForm, VoidPinField } from './pin-forms';
import { brokenPinRules, normalizePinInput, PIN_RULE_MESSAGES } from './pin-rules';

const LANGUAGES = ['en', 'zh-CN'] as const;

const sentencesIn = {} as Record<(typeof LANGUAGES)[number], Record<MessageKey, string>>;
beforeAll(async () => {
  for (const language of LANGUAGES) {
    await changeLanguage(language);
    sentencesIn[language] = Object.fromEntries(
      Object.values(PIN_RULE_MESSAGES).map((key) => [key, i18n._(key)]),
    ) as Record<MessageKey, string>;
  }
});
afterAll(() => changeLanguage('en'));

function messagesIn(language: (typeof LANGUAGES)[number], candidate: string): string[] {
  return brokenPinRules(candidate).map((key) => sentencesIn[language][key]);
}

const typedInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[0-9]{0,9}$/),
  fc.stringMatching(/^[0-9a-zA-Z]{6}$/),
  fc.stringMatching(/^[０-９]{1,8}$/), // full-width digits
  fc.stringMatching(/^[0-9 \u3000]{6,8}$/), // spaces, ideographic spaces
  fc.array(fc.constantFrom('1', '2', '😀', '🔒', '٣', '七'), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ minLength: 13, maxLength: 80 }), // far too long
  fc.constant(''),
);

describe('void-password policy messages', () => {
  it.each([
    ['', ['Exactly 6 digits.']],
    ['12345', ['Exactly 6 digits.']],
    ['1234567', ['Exactly 6 digits.']],
    ['12a456', ['Digits only: no letters, spaces or symbols.']],
    ['１２３４５６', ['Digits only: no letters, spaces or symbols.']],
    ['12 456', ['Digits only: no letters, spaces or symbols.']],
    ['4816😀', ['Digits only: no letters, spaces or symbols.', 'Exactly 6 digits.']],
    ['123456', ['Not the factory default 123456.']],
    ['777777', ['Not the same digit six times, like 888888.']],
    ['890123', ['No runs like 123456 or 654321.']],
    ['159753', ['Not a common PIN like 112233 or 520520.']],
    ['790315', []],
  ])('%j is told %j', (pin, said) => {
    expect(messagesIn('en', pin)).toEqual(said);
  });

  it('says every broken rule in plain words in both languages, never echoing what was typed (fuzzed)', () => {
    fc.assert(
      fc.property(typedInput, (candidate) => {
        for (const language of LANGUAGES) {
          const messages = messagesIn(language, candidate);
          expect(messages.length === 0).toBe(isAcceptableVoidPassword(candidate));
          // Fixed sentences, one per rule: nothing of the input (a secret) can be in them.
          const sentences = Object.values(sentencesIn[language]);
          for (const message of messages) {
            expect(sentences).toContain(message);
            expect(message).not.toMatch(/^passwords\./); // a translation, not a key
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the form field agrees with the policy and names the same rules (fuzzed)', () => {
    fc.assert(
      fc.property(typedInput, (candidate) => {
        const parsed = VoidPinField.safeParse(candidate);
        expect(parsed.success).toBe(isAcceptableVoidPassword(candidate));
        expect(parsed.error?.issues.map((issue) => issue.message) ?? []).toEqual(brokenPinRules(candidate));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('what a person types into a PIN field', () => {
  it.each([
    ['246 813', '246813'],
    ['２４６８１３', '246813'],
    ['２４６\u3000８１３', '246813'],
    [' 246813\n', '246813'],
    ['24a813', '24a813'],
    ['', ''],
  ])('%j is taken as %j', (typed, taken) => {
    expect(normalizePinInput(typed)).toBe(taken);
  });

  it('normalizing never adds characters and is stable (fuzzed)', () => {
    fc.assert(
      fc.property(typedInput, (typed) => {
        const once = normalizePinInput(typed);
        expect([...once].length).toBeLessThanOrEqual([...typed].length);
        expect(normalizePinInput(once)).toBe(once);
      }),
    );
  });
});

describe('the change form', () => {
  const valid = { currentPassword: '246813', newPassword: '907153', confirmPassword: '907153' };

  it('accepts a current PIN, an acceptable new one and its confirmation', () => {
    expect(ChangeVoidPasswordForm.safeParse(valid).success).toBe(true);
  });

  it.each([
    [{ confirmPassword: '907154' }, 'confirmPassword', 'passwords.fields.confirm.mismatch'],
    [{ confirmPassword: '' }, 'confirmPassword', 'passwords.fields.confirm.required'],
    [
      { newPassword: '246813', confirmPassword: '246813' },
      'newPassword',
      'passwords.fields.newPin.sameAsCurrent',
    ],
    [{ currentPassword: '' }, 'currentPassword', 'passwords.fields.current.required'],
    [{ currentPassword: '24681' }, 'currentPassword', 'passwords.fields.current.format'],
  ])('refuses %j on %s', (change, field, message) => {
    const issues = ChangeVoidPasswordForm.safeParse({ ...valid, ...change }).error?.issues ?? [];
    expect(issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([field, message]);
  });
});
