import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  FALLBACK_LANGUAGE,
  isLanguage,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  matchLanguage,
} from './languages';
import { DEFAULT_NAMESPACE, type Namespace, NAMESPACES } from './namespaces';

/**
 * Each language's namespace is a chunk of its own (`locales/<language>/<namespace>.ts`),
 * fetched when first needed: a page loads its own words in one language, not the catalog
 * in both (docs/performance.md).
 */
const MESSAGE_FILES = import.meta.glob<{ messages: object }>('./locales/*/*.ts');

function messagesFile(language: Language, namespace: string) {
  return MESSAGE_FILES[`./locales/${language}/${namespace}.ts`];
}

const messagesBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = isLanguage(language) ? messagesFile(language, namespace) : undefined;
    if (!load) return callback(null, {});
    load().then(
      ({ messages }) => callback(null, messages as Record<string, string>),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * The language to start in: the user's earlier choice, else the first of the browser's
 * languages that we have, else Chinese. Stored only when the user picks one.
 */
function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage may be disabled (private mode): go by the browser.
  }
  if (isLanguage(stored)) return stored;
  const preferred =
    typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of preferred) {
    const language = matchLanguage(tag);
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}

/**
 * One i18next instance for the app. The core namespace of the starting language loads
 * before the first render (`i18nReady`, awaited by src/main.tsx); a page fetches its own
 * namespaces with its code (`loadMessages`); `changeLanguage` fetches every namespace
 * loaded so far in the other language.
 */
export const i18n = i18next.createInstance();

/** Settles once the starting language's core messages are loaded (never rejects). */
export const i18nReady: Promise<unknown> = i18n
  .use(messagesBackend)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    supportedLngs: [...LANGUAGES],
    // Every message exists in both languages (i18n.test.ts), so no fallback language is
    // loaded beside the one in use.
    fallbackLng: false,
    load: 'currentOnly',
    ns: [DEFAULT_NAMESPACE],
    defaultNS: DEFAULT_NAMESPACE,
    // Keys keep their full path: one not in `core` is looked up in the namespace holding it.
    fallbackNS: NAMESPACES.filter((namespace) => namespace !== DEFAULT_NAMESPACE),
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  })
  .catch((error: unknown) => {
    // A messages chunk that did not load (offline): the app still starts, showing keys.
    console.error('Messages did not load', error);
  });

/**
 * Fetches namespaces in the language in use (at once if already loaded). Rejects when one
 * did not load, so the page that needs it fails like a page whose code did not load.
 */
export async function loadMessages(namespaces: readonly Namespace[]): Promise<void> {
  if (namespaces.length === 0) return;
  await i18n.loadNamespaces([...namespaces]);
  const language = currentLanguage();
  const missing = namespaces.filter((namespace) => !i18n.hasResourceBundle(language, namespace));
  if (missing.length > 0) throw new Error(`Messages did not load: ${missing.join(', ')}`);
}

/**
 * Code fetched later (a page, a dialog) together with the namespaces it shows, in parallel:
 * `withMessages(['devices'], () => import('@/pages/terminals-page'))`. Every dynamic import
 * of the app goes through this, which is how tests/build/page-messages.test.ts finds what
 * each chunk is given and checks it against the keys its modules use.
 */
export async function withMessages<T>(namespaces: readonly Namespace[], load: () => Promise<T>): Promise<T> {
  const [module] = await Promise.all([load(), loadMessages(namespaces)]);
  return module;
}

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
