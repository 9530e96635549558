export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Chinese first: the product's home market, and the fallback for anything unknown. */
export const FALLBACK_LANGUAGE: Language = 'zh-CN';

/** The one thing the console stores in the browser: the language the user picked. */
export const LANGUAGE_STORAGE_KEY = 'merchant-console.lang';

/** Each language named in itself, so a reader of the other language still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps any BCP 47 tag (zh, zh-Hans-CN, zh-TW, en-GB …) to a language we have, or null. */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  if (base === 'zh') return 'zh-CN';
  if (base === 'en') return 'en';
  return null;
}
