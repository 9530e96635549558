import { useMemo, useSyncExternalStore } from 'react';
import { i18n } from './i18n';
import { FALLBACK_LANGUAGE, type Language, matchLanguage } from './languages';
import type { MessageKey } from './messages';

/** Values for a message's `{placeholders}`; `count` also picks a plural form. */
export type MessageValues = Record<string, unknown>;

/** Translates a message key in the language in use. */
export type TFunction = (key: MessageKey, values?: MessageValues) => string;

const subscribe = (onChange: () => void) => i18n.on('change', onChange);
const activeLocale = () => i18n.locale;

/**
 * The app's translation hook over Lingui's `i18n` (decision 008): `t(key, values)` with typed
 * keys. The component re-renders when the language changes, and only then: Lingui also
 * signals each namespace it loads, which changes no text on screen (a page renders once its
 * namespaces are in), so it would only re-render every translated component for nothing —
 * what @lingui/react's provider does.
 */
export function useTranslation(): { t: TFunction; language: Language } {
  const locale = useSyncExternalStore(subscribe, activeLocale);
  return useMemo(
    () => ({ t: (key, values) => i18n._(key, values), language: matchLanguage(locale) ?? FALLBACK_LANGUAGE }),
    [locale],
  );
}
