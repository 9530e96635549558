import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY, matchLanguage } from './languages';
import { en, enNamespaces } from './locales/en';
import { zhCN, zhCNNamespaces } from './locales/zh-CN';
import { NAMESPACES } from './namespaces';

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
    expect(i18n._('signIn.title')).toBe(zhCN.signIn.title);
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('follows the browser: English', async () => {
    const { currentLanguage, i18n } = await loadWith(['en-GB']);
    expect(currentLanguage()).toBe('en');
    expect(i18n._('signIn.title')).toBe(en.signIn.title);
    expect(document.documentElement.lang).toBe('en');
  });

  it('loads the core messages of the language in use only; a namespace and the other language on demand', async () => {
    const { i18n, changeLanguage, loadMessages, hasMessages } = await loadWith(['en-US']);
    expect(hasMessages('en', 'core')).toBe(true);
    expect(hasMessages('en', 'devices')).toBe(false);
    expect(hasMessages('zh-CN', 'core')).toBe(false);
    expect(i18n._('devices.connectivity.online')).toBe('devices.connectivity.online');

    await loadMessages(['devices']);
    expect(i18n._('devices.connectivity.online')).toBe(en.devices.connectivity.online);
    expect(hasMessages('en', 'passwords')).toBe(false);

    // Switching fetches, in the other language, every namespace loaded so far.
    await changeLanguage('zh-CN');
    expect(i18n._('signIn.title')).toBe(zhCN.signIn.title);
    expect(i18n._('devices.connectivity.online')).toBe(zhCN.devices.connectivity.online);
  });

  it('fetches a page together with its namespaces, and fails it when they do not load', async () => {
    const { i18n, withMessages } = await loadWith(['en-US']);
    const page = await withMessages(['audit'], () => Promise.resolve('the page'));
    expect(page).toBe('the page');
    expect(i18n._('audit.intro')).toBe(en.audit.intro);

    vi.doMock('./locales/en/support.ts?compiled', () => {
      throw new Error('offline');
    });
    await expect(withMessages(['support'], () => Promise.resolve('the page'))).rejects.toThrow(
      'Messages did not load: support',
    );
    vi.doUnmock('./locales/en/support.ts?compiled');
  });

  it('a page opened while the language switch is loading gets its words in the new language', async () => {
    const { i18n, changeLanguage, loadMessages, currentLanguage } = await loadWith(['en-US']);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.doMock('./locales/zh-CN/core.ts?compiled', async () => {
      await gate; // a slow network
      return vi.importActual('./locales/zh-CN/core.ts?compiled');
    });
    const switching = changeLanguage('zh-CN');
    const pageOpened = loadMessages(['devices']); // a click on a link meanwhile
    release();
    await Promise.all([switching, pageOpened]);
    expect(currentLanguage()).toBe('zh-CN');
    expect(i18n._('devices.connectivity.online')).toBe(zhCN.devices.connectivity.online);
    vi.doUnmock('./locales/zh-CN/core.ts?compiled');
  });

  it('the last of several quick switches wins, whichever language loads last', async () => {
    const { changeLanguage, currentLanguage } = await loadWith(['en-US']);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.doMock('./locales/zh-CN/core.ts?compiled', async () => {
      await gate;
      return vi.importActual('./locales/zh-CN/core.ts?compiled');
    });
    const toChinese = changeLanguage('zh-CN');
    await changeLanguage('en'); // English is loaded: done at once
    release();
    await toChinese;
    expect(currentLanguage()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    vi.doUnmock('./locales/zh-CN/core.ts?compiled');
  });

  it('a switch whose messages do not load changes nothing and is not remembered', async () => {
    const { i18n, changeLanguage, currentLanguage } = await loadWith(['en-US']);
    vi.doMock('./locales/zh-CN/core.ts?compiled', () => {
      throw new Error('offline');
    });
    await expect(changeLanguage('zh-CN')).rejects.toThrow();
    expect(currentLanguage()).toBe('en');
    expect(i18n._('signIn.title')).toBe(en.signIn.title);
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
    vi.doUnmock('./locales/zh-CN/core.ts?compiled');
  });

  it('falls back to Simplified Chinese for a language we do not have', async () => {
    const { currentLanguage, i18n } = await loadWith(['fr-FR']);
    expect(currentLanguage()).toBe('zh-CN');
    expect(i18n._('signIn.title')).toBe('登录');
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

  it('cuts the catalog into namespaces by first key segment, the same in both languages', () => {
    expect(Object.keys(enNamespaces).sort()).toEqual([...NAMESPACES].sort());
    expect(Object.keys(zhCNNamespaces).sort()).toEqual([...NAMESPACES].sort());
    for (const namespace of NAMESPACES) {
      expect(Object.keys(zhCNNamespaces[namespace]).sort(), namespace).toEqual(
        Object.keys(enNamespaces[namespace]).sort(),
      );
    }
    const firstSegments = NAMESPACES.flatMap((namespace) => Object.keys(enNamespaces[namespace]));
    expect(new Set(firstSegments).size, 'a first segment in two namespaces').toBe(firstSegments.length);
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
