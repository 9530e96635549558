import { en } from '../../src/i18n/locales/en';
import { zhCN } from '../../src/i18n/locales/zh-CN';
import type { Language } from './scan-matrix';

const catalogs: Record<Language, unknown> = { en, 'zh-CN': zhCN };

/**
 * A message of the app's own catalog in that language, `{{name}}` filled in: what a person
 * reads on screen, so a test can wait for it in either language without copying the text.
 */
export function message(language: Language, key: string, values: Record<string, string> = {}): string {
  let node: unknown = catalogs[language];
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`no message ${key} in ${language}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}
