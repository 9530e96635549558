import { setupI18n } from '@lingui/core';
import { compileCatalog } from '../../scripts/vite/message-catalogs';
import { en } from '../../src/i18n/locales/en';
import { zhCN } from '../../src/i18n/locales/zh-CN';
import type { Language } from './scan-matrix';

/** The app's catalogs, compiled as the build compiles them (scripts/vite/message-catalogs.ts). */
const translators: Record<Language, ReturnType<typeof setupI18n>> = {
  en: setupI18n({ locale: 'en', messages: { en: compileCatalog(en) } }),
  'zh-CN': setupI18n({ locale: 'zh-CN', messages: { 'zh-CN': compileCatalog(zhCN) } }),
};

/**
 * A message of the app's own catalog in that language, `{name}` filled in: what a person
 * reads on screen, so a test can wait for it in either language without copying the text.
 */
export function message(
  language: Language,
  key: string,
  values: Record<string, string | number> = {},
): string {
  const text = translators[language]._(key, values);
  if (text === key) throw new Error(`no message ${key} in ${language}`);
  return text;
}
