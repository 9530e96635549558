import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY, matchLanguage } from './languages';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

/** A fresh i18n module, as on a new page load with this browser's settings. */
async function loadWith(languages: string[], stored?: string) {
  vi.resetModules();
  localStorage.clear();
  if (stored) localStorage.setItem(LANGUAGE_STORAGE_KEY, stored);
  vi.spyOn(window.navigator, 'languages', 'get').mockReturnValue(languages);
  vi.spyOn(window.navigator, 'language', 'get').mockReturnValue(languages[0] ?? '');
  const module = await import('./i18n');
  await module.i18nReady;
  return module;
}

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe('language', () => {
  afterEach(() => localStorage.clear());

  it('follows the browser: any Chinese variant gets Simplified Chinese', async () => {
    const { currentLanguage, i18n } = await loadWith(['zh-TW', 'en']);
    expect(currentLanguage()).toBe('zh-CN');
    expect(i18n.t('nav.overview')).toBe('概览');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('follows the browser: English', async () => {
    const { currentLanguage, i18n } = await loadWith(['en-GB']);
    expect(currentLanguage()).toBe('en');
    expect(i18n.t('nav.overview')).toBe('Overview');
    expect(document.documentElement.lang).toBe('en');
  });

  it('loads the messages of the language in use only, and the other when switched to', async () => {
    const { i18n, changeLanguage } = await loadWith(['en-US']);
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(true);
    expect(i18n.hasResourceBundle('zh-CN', 'translation')).toBe(false);
    await changeLanguage('zh-CN');
    expect(i18n.t('nav.overview')).toBe('概览');
  });

  it('falls back to Simplified Chinese for a language we do not have', async () => {
    const { currentLanguage, i18n } = await loadWith(['fr-FR']);
    expect(currentLanguage()).toBe('zh-CN');
    expect(i18n.t('signIn.title')).toBe('登录');
  });

  it('prefers the remembered choice to the browser, and stores only an explicit choice', async () => {
    const first = await loadWith(['en-US']);
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
    await first.changeLanguage('zh-CN');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');

    const reloaded = await loadWith(['en-US'], 'zh-CN');
    expect(reloaded.currentLanguage()).toBe('zh-CN');
  });

  it('ignores a stored value that is not one of ours', async () => {
    const { currentLanguage } = await loadWith(['en-US'], '<script>');
    expect(currentLanguage()).toBe('en');
  });

  it('has every English message in Chinese too, none empty', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
    for (const key of keysOf(zhCN)) {
      const value = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN);
      expect(value, key).not.toBe('');
    }
  });

  it('maps language tags', () => {
    expect(matchLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(matchLanguage('en_US')).toBe('en');
    expect(matchLanguage('ja')).toBeNull();
    expect(matchLanguage(undefined)).toBeNull();
  });
});
