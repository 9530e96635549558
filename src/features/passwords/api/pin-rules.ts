import { checkVoidPassword, type VoidPasswordRule } from '@contract/void-password-policy';
import type { MessageKey } from '@/i18n/messages';

export const PIN_RULE_MESSAGES: Record<VoidPasswordRule, MessageKey> = {
  digits: 'passwords.rules.digits',
  length: 'passwords.rules.length',
  factory_default: 'passwords.rules.factoryDefault',
  same_digit: 'passwords.rules.sameDigit',
  sequence: 'passwords.rules.sequence',
  common: 'passwords.rules.common',
};

/** The messages name the rule, never the candidate: what was typed is a secret. */
export function brokenPinRules(candidate: string): MessageKey[] {
  return checkVoidPassword(candidate).map((rule) => PIN_RULE_MESSAGES[rule]);
}

const FULL_WIDTH_ZERO = 0xff10;

/**
 * Full-width digits (１２３) and spaces ("246 813" from a note) are tidied; anything else stays, so the policy
 * can say "digits only".
 */
export function normalizePinInput(raw: string): string {
  return raw
    .replace(/[\uff10-\uff19]/g, (digit) => String(digit.charCodeAt(0) - FULL_WIDTH_ZERO))
    .replace(/[\s\u3000]/g, '');
}
