import { useMemo, useSyncExternalStore } from 'react';
import { i18n } from './i18n';
import { FALLBACK_LANGUAGE, type Language, matchLanguage } from './languages';
import type { MessageKey } from './messages';

export type MessageValues = Record<string, unknown>;

export type TFunction = (key: MessageKey, values?: MessageValues) => string;

const subscribe = (onChange: () => void) => i18n.on('change', onChange);
const activeLocale = () => i18n.locale;

// Re-renders on a language change only: Lingui also signals each namespace it loads, which changes no
// text (a page renders once its namespaces are in); @lingui/react's provider re-renders for those too.
export function useTranslation(): { t: TFunction; language: Language } {
  const locale = useSyncExternalStore(subscribe, activeLocale);
  return useMemo(
    () => ({ t: (key, values) => i18n._(key, values), language: matchLanguage(locale) ?? FALLBACK_LANGUAGE }),
    [locale],
  );
}
