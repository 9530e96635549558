import { setupI18n } from '@lingui/core';
import { compileCatalog } from '../../scripts/vite/message-catalogs';
import { en } from '../../src/i18n/locales/en';
import { zhCN } from '../../src/i18n/locales/zh-CN';
import type { Language } from './scan-matrix';

const translators: Record<Language, ReturnType<typeof setupI18n>> = {
  en: setupI18n({ locale: 'en', messages: { en: compileCatalog(en) } }),
  'zh-CN': setupI18n({ locale: 'zh-CN', messages: { 'zh-CN': compileCatalog(zhCN) } }),
};

/** So a test can wait for a message in either language without copying the text. */
export function message(
  language: Language,
  key: string,
  values: Record<string, string | number> = {},
): string {
  const text = translators[language]._(key, values);
  if (text === key) throw new Error(`no message ${key} in ${language}`);
  return text;
}

const ANY_TEXT = '\u0000';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A placeholder without a value in `values` matches any text; `prefix`: the name may go on after the message.
 */
export function onScreen(
  keys: string | readonly string[],
  { values = {}, prefix = false }: { values?: Record<string, string | number>; prefix?: boolean } = {},
): RegExp {
  const filled = new Proxy(values, { get: (given, name: string) => given[name] ?? ANY_TEXT });
  const texts = (typeof keys === 'string' ? [keys] : keys).flatMap((key) =>
    (Object.keys(translators) as Language[]).map((language) =>
      escapeRegExp(message(language, key, filled)).replaceAll(ANY_TEXT, '.+?'),
    ),
  );
  return new RegExp(`^(${[...new Set(texts)].join('|')})${prefix ? '' : '$'}`);
}
