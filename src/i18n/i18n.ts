import { type Messages as CompiledMessages, setupI18n } from '@lingui/core';
import {
  FALLBACK_LANGUAGE,
  isLanguage,
  LANGUAGE_STORAGE_KEY,
  type Language,
  matchLanguage,
} from './languages';
import { DEFAULT_NAMESPACE, type Namespace } from './namespaces';

// A page loads its own words in one language, not the catalog in both (docs/performance.md).
const MESSAGE_FILES = import.meta.glob<{ messages: CompiledMessages }>('./locales/*/*.ts', {
  query: '?compiled',
});

type MissingMessageListener = (language: string, key: string) => void;
const missingListeners = new Set<MissingMessageListener>();

export function onMissingMessage(listener: MissingMessageListener): () => void {
  missingListeners.add(listener);
  return () => missingListeners.delete(listener);
}

// A key without a message shows as itself (tests/build/page-messages.test.ts keeps that from shipping).
export const i18n = setupI18n({
  missing: (language, key) => {
    for (const listener of missingListeners) listener(language, key);
    return key;
  },
});

const loaded: Record<Language, Set<Namespace>> = { en: new Set(), 'zh-CN': new Set() };
// A language switch fetches every namespace asked for so far.
const used = new Set<Namespace>([DEFAULT_NAMESPACE]);

async function loadNamespace(language: Language, namespace: Namespace): Promise<void> {
  if (loaded[language].has(namespace)) return;
  const load = MESSAGE_FILES[`./locales/${language}/${namespace}.ts`];
  if (!load) throw new Error(`No messages for ${namespace} in ${language}`);
  const { messages } = await load();
  i18n.load(language, messages);
  loaded[language].add(namespace);
}

export function hasMessages(language: Language, namespace: Namespace): boolean {
  return loaded[language].has(namespace);
}

// The language is stored only when the user picks one.
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

function syncDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
}
i18n.on('change', syncDocumentLanguage);

export function currentLanguage(): Language {
  return matchLanguage(i18n.locale) ?? FALLBACK_LANGUAGE;
}

const startLanguage = initialLanguage();
// Active at once, with an empty catalog (Lingui warns of a locale with none): translating never throws.
i18n.loadAndActivate({ locale: startLanguage, messages: {} });

export const i18nReady: Promise<unknown> = loadNamespace(startLanguage, DEFAULT_NAMESPACE).catch(
  (error: unknown) => {
    // A chunk that did not load (offline): the app still starts, showing keys.
    console.error('Messages did not load', error);
  },
);

let targetLanguage: Language = startLanguage;
let switches = 0;

// Also in the language being switched to, so a page opened meanwhile has its words either way.
export async function loadMessages(namespaces: readonly Namespace[]): Promise<void> {
  namespaces.forEach((namespace) => used.add(namespace));
  const wanted = [...new Set([currentLanguage(), targetLanguage])].flatMap((into) =>
    namespaces.map((namespace) => ({ namespace, load: loadNamespace(into, namespace) })),
  );
  const results = await Promise.allSettled(wanted.map(({ load }) => load));
  const missing = [
    ...new Set(wanted.filter((_, index) => results[index]!.status === 'rejected').map((w) => w.namespace)),
  ];
  if (missing.length > 0) throw new Error(`Messages did not load: ${missing.join(', ')}`);
}

// Every dynamic import goes through this: tests/build/page-messages.test.ts reads these calls.
export async function withMessages<T>(namespaces: readonly Namespace[], load: () => Promise<T>): Promise<T> {
  const [module] = await Promise.all([load(), loadMessages(namespaces)]);
  return module;
}

// Activates only once every namespace used so far is loaded, so no screen shows keys.
export async function changeLanguage(language: Language): Promise<void> {
  const switchId = ++switches;
  targetLanguage = language;
  try {
    for (;;) {
      const missing = [...used].filter((namespace) => !loaded[language].has(namespace));
      if (missing.length === 0) break;
      await Promise.all(missing.map((namespace) => loadNamespace(language, namespace)));
    }
  } catch (error) {
    if (switchId === switches) targetLanguage = currentLanguage();
    throw error;
  }
  if (switchId !== switches) return; // a later switch decides
  i18n.activate(language);
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode): the switch still works for this visit.
  }
}
