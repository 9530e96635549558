import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import { currentLanguage } from './i18n';
import type { Language } from './languages';
import type { MessageKey } from './messages';

/** Values for a message's `{placeholders}`; `count` also picks a plural form. */
export type MessageValues = Record<string, unknown>;

/** Translates a message key in the language in use. */
export type TFunction = (key: MessageKey, values?: MessageValues) => string;

/**
 * The app's translation hook over Lingui's `useLingui` (decision 008): `t(key, values)` with
 * typed keys. The component re-renders when the language changes.
 */
export function useTranslation(): { t: TFunction; language: Language } {
  const { _ } = useLingui();
  return useMemo(() => ({ t: (key, values) => _(key, values), language: currentLanguage() }), [_]);
}
