import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import {
  FALLBACK_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  matchLanguage,
} from './languages';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/**
 * One i18next instance for the app. Messages are bundled (they are small), so init is
 * synchronous and the first render already has text. The language comes from the user's
 * earlier choice, else the browser; it is stored only when the user picks one.
 */
export const i18n = i18next.createInstance();

i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...LANGUAGES],
    fallbackLng: FALLBACK_LANGUAGE,
    load: 'currentOnly',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [], // stored only on an explicit choice: see changeLanguage below
      convertDetectedLanguage: (tag: string) => matchLanguage(tag) ?? tag,
    },
  })
  .catch(() => {
    // Bundled resources cannot fail to load; nothing to recover.
  });

function syncDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguageOf(language);
}
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

function currentLanguageOf(language: string | undefined): Language {
  return matchLanguage(language) ?? FALLBACK_LANGUAGE;
}

/** The language in use, always one we have messages for. */
export function currentLanguage(): Language {
  return currentLanguageOf(i18n.resolvedLanguage ?? i18n.language);
}

/** Switches language and remembers the choice (the only value kept in storage). */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode): the switch still works for this visit.
  }
  await i18n.changeLanguage(language);
}
