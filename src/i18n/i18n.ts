import i18next, { type BackendModule } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import {
  FALLBACK_LANGUAGE,
  isLanguage,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  matchLanguage,
} from './languages';

/**
 * Each language's messages are a chunk of their own, fetched when the language is first
 * used: a page loads one language, not both (~10 kB gzip, docs/performance.md).
 */
const MESSAGES: Record<Language, () => Promise<object>> = {
  en: async () => (await import('./locales/en')).en,
  'zh-CN': async () => (await import('./locales/zh-CN')).zhCN,
};

const messagesBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (!isLanguage(language)) return callback(null, {});
    MESSAGES[language]().then(
      (messages) => callback(null, messages as Record<string, string>),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * One i18next instance for the app. The language comes from the user's earlier choice, else
 * the browser; it is stored only when the user picks one. Its messages load before the
 * first render (`i18nReady`, awaited by src/main.tsx); `changeLanguage` loads the other.
 */
export const i18n = i18next.createInstance();

/** Settles once the detected language's messages are loaded (never rejects). */
export const i18nReady: Promise<unknown> = i18n
  .use(messagesBackend)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    supportedLngs: [...LANGUAGES],
    // Every message exists in both languages (i18n.test.ts), so English needs no fallback
    // loaded beside it; anything unknown gets Chinese.
    fallbackLng: { en: [], default: [FALLBACK_LANGUAGE] },
    load: 'currentOnly',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [], // stored only on an explicit choice: see changeLanguage below
      convertDetectedLanguage: (tag: string) => matchLanguage(tag) ?? tag,
    },
  })
  .catch((error: unknown) => {
    // A messages chunk that did not load (offline): the app still starts, showing keys.
    console.error('Messages did not load', error);
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
