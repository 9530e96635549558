import { checkVoidPassword, type VoidPasswordRule } from '@/api/void-password-policy';
import type { MessageKey } from '@/i18n/messages';

/** Each rule of the void-password policy (docs/domain.md) in plain words, as a person fixes it. */
export const PIN_RULE_MESSAGES: Record<VoidPasswordRule, MessageKey> = {
  digits: 'passwords.rules.digits',
  length: 'passwords.rules.length',
  factory_default: 'passwords.rules.factoryDefault',
  same_digit: 'passwords.rules.sameDigit',
  sequence: 'passwords.rules.sequence',
  common: 'passwords.rules.common',
};

/**
 * The rules a candidate PIN breaks, as message keys (none: it satisfies the policy). The
 * messages name the rule, never the candidate: what was typed is a secret.
 */
export function brokenPinRules(candidate: string): MessageKey[] {
  return checkVoidPassword(candidate).map((rule) => PIN_RULE_MESSAGES[rule]);
}

const FULL_WIDTH_ZERO = 0xff10;

/**
 * What a person means when they type or paste a PIN: full-width digits from a Chinese
 * keyboard (１２３) are the digits 0–9, and spaces ("246 813" from a note) are not part of
 * it. Anything else stays, so the policy can say "digits only".
 */
export function normalizePinInput(raw: string): string {
  return raw
    .replace(/[\uff10-\uff19]/g, (digit) => String(digit.charCodeAt(0) - FULL_WIDTH_ZERO))
    .replace(/[\s\u3000]/g, '');
}
