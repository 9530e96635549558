export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// The product's home market.
export const FALLBACK_LANGUAGE: Language = 'zh-CN';

export const LANGUAGE_STORAGE_KEY = 'merchant-console.lang';

export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  if (base === 'zh') return 'zh-CN';
  if (base === 'en') return 'en';
  return null;
}
